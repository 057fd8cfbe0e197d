/**
 * `mosaic retention sweep` on a real data folder: run by hand, it is the command line's
 * operator's, with the purpose and case given (both required, as for `mosaic audit prune`).
 */
import type { AuditEntry } from '@mosaic/audit';
import { validateRecord } from '@mosaic/model';
import { SWEEP_JOB_KIND } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import { createStoreAuditStorage, openStore } from '@mosaic/store';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../operator.ts';
import { runOnStore } from '../run-for-test.ts';
import { run } from './retention.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data folder holding one record whose review date has passed. */
async function folderWithDueRecord(): Promise<{ dir: string; record: string }> {
  const test = await openTestMosaic();
  dirs.push(test.dir);
  const v = validateRecord(test.mosaic.registry, { id: 'due', schema: 'Person', properties: { name: ['Swept Person'] }, provenance: testProvenance('intel', { reviewDate: '2021-01-01' }) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await test.mosaic.store.putRecords([v.record], { actor: 'test' });
  await test.mosaic.close();
  return { dir: test.dir, record: v.record.id };
}

async function erasures(dir: string): Promise<AuditEntry[]> {
  const store = await openStore({ dataDir: dir });
  try {
    const found: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(store).entries()) if (entry.action === 'erasure') found.push(entry);
    return found;
  } finally {
    await store.close();
  }
}

describe('mosaic retention sweep', () => {
  it('is refused without --purpose and --case, before anything is erased', async () => {
    const { dir } = await folderWithDueRecord();
    await expect(runOnStore(run, dir, ['sweep'])).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED', message: expect.stringContaining('--purpose P and --case C are required') });
    await expect(runOnStore(run, dir, ['sweep', '--purpose', 'yearly review'])).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED' });
    expect(await erasures(dir)).toEqual([]);
  });

  it('logs its erasures as the operator\'s, with the purpose and case given', async () => {
    const { dir, record } = await folderWithDueRecord();
    const swept = await runOnStore(run, dir, ['sweep', '--purpose', 'yearly review', '--case', 'DPO-2026-1']);
    expect(swept.code).toBe(0);
    expect(JSON.parse(swept.out)).toMatchObject({ erased: 1 });
    expect((await erasures(dir)).map((e) => ({ actor: e.actor, purpose: e.purpose, caseRef: e.caseRef, records: e.records }))).toEqual([
      { actor: { user: OPERATOR.id, agency: OPERATOR.agency }, purpose: 'yearly review', caseRef: 'DPO-2026-1', records: [record] },
    ]);
  });

  it('is refused while a sweep runs on the store (a serving node\'s), naming it, and erases nothing', async () => {
    const { dir } = await folderWithDueRecord();
    const store = await openStore({ dataDir: dir });
    await store.createDocument({ kind: SWEEP_JOB_KIND, id: 'running', owner: 'system', body: { id: 'node-sweep', state: 'running', startedBy: 'system:retention', startedAt: new Date().toISOString(), examined: 0, due: null, erased: 0 } });
    await store.close();
    await expect(runOnStore(run, dir, ['sweep', '--purpose', 'yearly review', '--case', 'DPO-2026-1'])).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT', message: expect.stringContaining('node-sweep') });
    expect(await erasures(dir)).toEqual([]);
  });
});
