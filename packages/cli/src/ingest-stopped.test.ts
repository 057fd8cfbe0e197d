/**
 * `mosaic ingest` stopped by Ctrl-C, as a real process: it writes the lines it read, says how
 * many records it wrote and prints its summary, closes the store with its audit log sealed and
 * exits 130; run again, it resumes after them and writes the rest.
 */
import { auditVerifyKeys, readAuditKeys, verifyAuditLog } from '@mosaic/service';
import { testProvenance } from '@mosaic/service/testing';
import { openStore, type Store } from '@mosaic/store';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-ingest-stopped-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 40,000 lines, the second giving the first one's id: its notice on stderr says the first batch is written. */
const LINES = 40_000;
const file = join(dir, 'persons.jsonl');
writeFileSync(file, Array.from({ length: LINES }, (_, i) => JSON.stringify({
  id: `p${i === 1 ? 0 : i}`, schema: 'Person', properties: { name: [`Person Number${i} Stopped`] }, provenance: testProvenance('fedpol'),
})).join('\n'));

/** `mosaic ingest FILE --batch 500 --data DIR`; `interrupt` is sent SIGINT once the first batch is written. */
function ingest(interrupt: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mosaic.js'), 'ingest', file, '--batch', '500', '--data', data], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (interrupt && !sent && stderr.includes('line 2: record fedpol:p0 was given by line 1 too')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

async function onStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: data });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

const summaryOf = (stderr: string): Record<string, unknown> => JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;

it('Ctrl-C stops after the lines read are written, with the summary and the audit log sealed; run again, it resumes', async () => {
  const stopped = await ingest(true);
  expect(stopped, stopped.stderr).toMatchObject({ code: 130, signal: null });
  const written = Number(/stopped by signal after (\d+) records; run it again on the file to resume after them/.exec(stopped.stderr)?.[1]);
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(LINES);
  expect(summaryOf(stopped.stderr)).toMatchObject({ file: 'persons.jsonl', stopped: true, rejected: 0 });
  expect(await onStore((store) => store.countRecords())).toBe(written - 1);
  expect(await onStore((store) => verifyAuditLog(store, auditVerifyKeys(readAuditKeys(data)), { requireSealedTail: true }))).toMatchObject({ ok: true });

  const resumed = await ingest(false);
  expect(resumed, resumed.stderr).toMatchObject({ code: 0 });
  expect(summaryOf(resumed.stderr)).toMatchObject({ lines: LINES, resumed: expect.any(Number) as number, rejected: 0 });
  expect(summaryOf(resumed.stderr)).not.toHaveProperty('stopped');
  expect(summaryOf(resumed.stderr)['resumed']).toBeGreaterThan(0);
  expect(await onStore((store) => store.countRecords())).toBe(LINES - 1);
}, 180_000);
