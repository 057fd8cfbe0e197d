/**
 * `mosaic start` stopped by Ctrl-C during its demo load, as real processes: it stops after the
 * batch under way with its audit log sealed and the demo marked begun; the next start says so,
 * finishes the load and serves all of it, its audit log sealed again when it stops.
 */
import { auditVerifyKeys, readAuditKeys, verifyAuditLog } from '@mosaic/service';
import { openStore, type Store } from '@mosaic/store';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_SETTING } from './first-start-demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-first-start-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `mosaic start --port 0` on `dir` with a demo of 2,000 persons (about 10,000 records: two ingest batches). */
function start(): { child: ChildProcess; said: () => string; saying: (text: string) => Promise<void>; exit: Promise<number | null> } {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_'))), MOSAIC_DEMO_PERSONS: '2000' };
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mosaic.js'), 'start', '--port', '0', '--data', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const hear = (chunk: Buffer): void => {
    said += chunk.toString('utf8');
    for (const w of waiting.filter((w) => said.includes(w.text))) w.resolve();
  };
  child.stdout!.on('data', hear);
  child.stderr!.on('data', hear);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const saying = (text: string): Promise<void> => new Promise((resolve, reject) => {
    if (said.includes(text)) return resolve();
    waiting.push({ text, resolve });
    void exit.then((code) => reject(new Error(`mosaic start exited (${code}) before saying ${JSON.stringify(text)}: ${said}`)));
  });
  return { child, said: () => said, saying, exit };
}

async function onStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: dir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

const sealed = (): Promise<unknown> => onStore((store) => verifyAuditLog(store, auditVerifyKeys(readAuditKeys(dir)), { requireSealedTail: true }));

it('Ctrl-C during the demo load stops after the batch under way, the audit log sealed; the next start finishes the demo', async () => {
  const first = start();
  await first.saying('Loading the demo into the store');
  first.child.kill('SIGINT');
  expect(await first.exit).toBe(130);
  expect(first.said()).toContain('mosaic start: stopped, the store closed; mosaic start finishes the demo');
  expect(await sealed()).toMatchObject({ ok: true });
  const partial = await onStore(async (store) => ({ records: await store.countRecords(), demo: JSON.parse((await store.getSetting(DEMO_SETTING)) ?? '{}') as unknown }));
  expect(partial.demo).toMatchObject({ stage: 'loading', persons: 2000 });
  const lines = readFileSync(join(dir, 'demo', 'records.jsonl'), 'utf8').split('\n').filter((line) => line !== '').length;
  expect(partial.records).toBeGreaterThan(0);
  expect(partial.records).toBeLessThan(lines);

  const second = start();
  // the accounts are the last lines it prints (stdout, which may come in after the address)
  await second.saying('Demo accounts, each with the password mosaic-demo:');
  expect(second.said()).toContain(`An earlier start stopped before its demo was loaded (${partial.records} records in): finishing it`);
  expect(second.said()).toContain('Mosaic is running at');
  second.child.kill('SIGTERM');
  expect(await second.exit).toBe(0);
  expect(await sealed()).toMatchObject({ ok: true });
  const full = await onStore(async (store) => ({
    records: await store.countRecords(), reports: await store.countRecords({ schema: 'Report' }), demo: JSON.parse((await store.getSetting(DEMO_SETTING)) ?? '{}') as unknown,
  }));
  expect(full.demo).toMatchObject({ stage: 'complete' });
  expect(full.reports).toBeGreaterThan(0);
  expect(full.records - full.reports).toBe(lines);
}, 180_000);
