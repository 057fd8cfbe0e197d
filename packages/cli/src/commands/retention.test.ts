/**
 * `mosaic retention sweep` on a real data folder: run by hand, it is the command line's
 * operator's, with the purpose and case given (both required, as for `mosaic audit prune`);
 * stopped by Ctrl-C, as a real process, it ends cleanly between its transactions.
 */
import type { AuditEntry } from '@mosaic/audit';
import { validateRecord } from '@mosaic/model';
import { auditVerifyKeys, readAuditKeys, SWEEP_JOB_KIND, verifyAuditLog } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import { createStoreAuditStorage, openStore } from '@mosaic/store';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
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

describe('mosaic retention sweep stopped by Ctrl-C', () => {
  /** A data folder holding `count` records past their review date. */
  async function folderWithDueRecords(count: number): Promise<string> {
    const test = await openTestMosaic();
    dirs.push(test.dir);
    for (let i = 0; i < count; i += 500) {
      await test.mosaic.store.putRecords(Array.from({ length: Math.min(500, count - i) }, (_, j) => {
        const v = validateRecord(test.mosaic.registry, { id: `due-${i + j}`, schema: 'Person', properties: { name: [`Swept Person${i + j}`] }, provenance: testProvenance('intel', { reviewDate: '2021-01-01' }) });
        if (!v.ok) throw new Error(JSON.stringify(v.errors));
        return v.record;
      }), { actor: 'test' });
    }
    await test.mosaic.close();
    return test.dir;
  }

  /** `mosaic retention sweep` on `dir` as a process; `interrupt`: SIGINT once its first erasure is written. */
  async function sweep(dir: string, interrupt: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'retention', 'sweep', '--purpose', 'yearly review', '--case', 'DPO-2026-2', '--data', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [out, err] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    if (interrupt) {
      // the store opened (its write-ahead log made), then its first transaction of erasures kept
      for (let waited = 0; !existsSync(join(dir, 'mosaic.sqlite-wal')) && waited < 60_000; waited += 10) await sleep(10);
      const db = new DatabaseSync(join(dir, 'mosaic.sqlite'), { readOnly: true });
      const erasures = db.prepare(`select count(*) as n from audit_entries where body like '%"action":"erasure"%'`);
      for (let waited = 0; (erasures.get() as { n: number }).n === 0 && waited < 60_000; waited += 10) await sleep(10);
      db.close();
      child.kill('SIGINT');
    }
    return { ...(await exited), out, err };
  }

  it('stops after the transaction under way, says how far it got, exits 130 and leaves the rest to the next sweep', async () => {
    const due = 3_000;
    const dir = await folderWithDueRecords(due);
    const stopped = await sweep(dir, true);
    expect(stopped, stopped.err).toMatchObject({ code: 130, signal: null });
    const erased = Number(/stopped by signal after erasing (\d+) records of the 3000 due; each erasure made is in the audit log/.exec(stopped.err)?.[1]);
    expect(erased).toBeGreaterThan(0);
    expect(erased).toBeLessThan(due);
    expect(JSON.parse(stopped.out)).toMatchObject({ examined: due, erased, stopped: true });
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.countRecords()).toBe(due - erased);
      // closed as a normal shutdown closes it: the log verifies, sealed by its final checkpoint
      expect(await verifyAuditLog(store, auditVerifyKeys(readAuditKeys(dir)), { requireSealedTail: true })).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
    // no sweep left running on the store: the next one is not refused, and erases the rest
    const rest = await sweep(dir, false);
    expect(rest, rest.err).toMatchObject({ code: 0 });
    expect(JSON.parse(rest.out)).toMatchObject({ examined: due - erased, erased: due - erased });
    expect(JSON.parse(rest.out)).not.toHaveProperty('stopped');
  }, 180_000);
});
