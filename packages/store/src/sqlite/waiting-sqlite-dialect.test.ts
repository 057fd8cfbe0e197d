/**
 * A transaction that finds the write lock held by another connection (another process in
 * production) waits for it with the event loop free, then goes ahead; held past the busy
 * timeout, it fails with SQLITE_BUSY as a blocking wait would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDatabaseAdapter, isSqliteBusy } from './sqlite-database-adapter.ts';
import { WaitingSqliteDialect } from './waiting-sqlite-dialect.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(busyTimeoutMs: number): { db: Kysely<{ t: { n: number } }>; raw: DatabaseSync; other: DatabaseSync } {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-waiting-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const raw = new DatabaseSync(file);
  raw.exec('pragma journal_mode = WAL');
  raw.exec(`pragma busy_timeout = ${busyTimeoutMs}`);
  raw.exec('create table t (n integer)');
  const db = new Kysely<{ t: { n: number } }>({ dialect: new WaitingSqliteDialect({ database: createSqliteDatabaseAdapter(raw, { busyTimeoutMs }) }, busyTimeoutMs) });
  return { db, raw, other: new DatabaseSync(file) };
}

describe('a transaction waiting for the write lock', () => {
  it('waits on a timer while another connection holds the lock, then commits', async () => {
    const { db, other } = open(5_000);
    other.exec('begin immediate');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    let done = false;
    const writing = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 1 }).execute();
    }).then(() => (done = true));
    await sleep(100);
    // A blocking wait would have stopped the interval and the sleep above until the lock was free.
    expect(done).toBe(false);
    expect(ticks).toBeGreaterThanOrEqual(5);
    other.exec('insert into t values (0)');
    other.exec('commit');
    await writing;
    clearInterval(ticker);
    expect((await db.selectFrom('t').select('n').orderBy('n').execute()).map((r) => r.n)).toEqual([0, 1]);
    other.close();
    await db.destroy();
  });

  it('fails with SQLITE_BUSY once the busy timeout has passed, and the connection stays usable', async () => {
    const { db, raw, other } = open(150);
    other.exec('begin immediate');
    const started = performance.now();
    const failure = await db.transaction().execute(async (trx) => trx.insertInto('t').values({ n: 1 }).execute()).catch((error: unknown) => error);
    expect(isSqliteBusy(failure)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    other.exec('rollback');
    await db.transaction().execute(async (trx) => trx.insertInto('t').values({ n: 2 }).execute());
    expect((await db.selectFrom('t').select('n').execute()).map((r) => r.n)).toEqual([2]);
    // Statements other than begin keep the busy timeout.
    expect(raw.prepare('pragma busy_timeout').get()).toEqual({ timeout: 150 });
    other.close();
    await db.destroy();
  });
});
