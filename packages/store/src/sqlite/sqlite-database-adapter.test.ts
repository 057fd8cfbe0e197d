import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSqliteDatabaseAdapter, FIRST_BEGIN_WAIT_MS } from './sqlite-database-adapter.ts';

function adapter(cacheSize?: number) {
  const raw = new DatabaseSync(':memory:');
  raw.exec('create table t (id integer primary key, name text, flag integer)');
  return createSqliteDatabaseAdapter(raw, cacheSize === undefined ? {} : { cacheSize });
}

describe('createSqliteDatabaseAdapter', () => {
  it('marks statements that return columns as readers', () => {
    const db = adapter();
    expect(db.prepare('select * from t').reader).toBe(true);
    expect(db.prepare('insert into t (name) values (?) returning id').reader).toBe(true);
    expect(db.prepare('insert into t (name) values (?)').reader).toBe(false);
    expect(db.prepare('delete from t').reader).toBe(false);
  });

  it('runs, reads and iterates with an array of parameters, binding booleans and undefined', () => {
    const db = adapter();
    const insert = db.prepare('insert into t (name, flag) values (?, ?)');
    expect(insert.run(['a', true])).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(insert.run([undefined, false])).toEqual({ changes: 1, lastInsertRowid: 2 });
    expect(db.prepare('select name, flag from t order by id').all([]).map((row) => ({ ...(row as object) }))).toEqual([{ name: 'a', flag: 1 }, { name: null, flag: 0 }]);
    expect([...db.prepare('select id from t where id > ?').iterate([0])].map((row) => (row as { id: number }).id)).toEqual([1, 2]);
  });

  it('reuses prepared statements and evicts the least recently used', () => {
    const db = adapter(2);
    const a = db.statement('select 1');
    expect(db.statement('select 1')).toBe(a);
    db.statement('select 2');
    db.statement('select 1');
    db.statement('select 3'); // evicts 'select 2'
    expect(db.statement('select 1')).toBe(a);
    const b = db.statement('select 2');
    expect(db.statement('select 2')).toBe(b);
  });

  it('opens transactions immediate, taking the write lock up front', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-adapter-'));
    try {
      const file = join(dir, 'db.sqlite');
      const first = createSqliteDatabaseAdapter(new DatabaseSync(file));
      const second = new DatabaseSync(file);
      second.exec('pragma busy_timeout = 0');
      first.prepare('begin').run([]);
      // With a deferred begin the first connection would hold no lock yet and this would succeed.
      expect(() => second.exec('begin immediate')).toThrow(/locked|busy/i);
      first.prepare('commit').run([]);
      second.exec('begin immediate');
      second.exec('commit');
      second.close();
      first.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits briefly inside sqlite on the first try of a begin only; the tries after a busy one do not wait', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-adapter-'));
    try {
      const file = join(dir, 'db.sqlite');
      const raw = new DatabaseSync(file);
      raw.exec('pragma journal_mode = WAL');
      const db = createSqliteDatabaseAdapter(raw, { busyTimeoutMs: 5_000 });
      const other = new DatabaseSync(file);
      other.exec('begin immediate');
      const attempt = (): number => {
        const started = performance.now();
        expect(() => db.prepare('begin').run([])).toThrow(/locked|busy/i);
        return performance.now() - started;
      };
      // sqlite sleeps at least FIRST_BEGIN_WAIT_MS in all before giving up on the first try
      expect(attempt()).toBeGreaterThanOrEqual(FIRST_BEGIN_WAIT_MS * 0.9);
      // ten retries that each waited would take ten times that
      let retries = 0;
      for (let i = 0; i < 10; i++) retries += attempt();
      expect(retries).toBeLessThan(FIRST_BEGIN_WAIT_MS * 5);
      other.exec('commit');
      db.prepare('begin').run([]);
      db.prepare('commit').run([]);
      // a begin that succeeded starts the next transaction's first try afresh
      other.exec('begin immediate');
      expect(attempt()).toBeGreaterThanOrEqual(FIRST_BEGIN_WAIT_MS * 0.9);
      other.exec('rollback');
      // the busy timeout of every other statement is untouched
      expect(raw.prepare('pragma busy_timeout').get()).toEqual({ timeout: 5_000 });
      other.close();
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drives Kysely, transactions included', async () => {
    const db = new Kysely<{ t: { id: Generated<number>; name: string | null; flag: number | null } }>({ dialect: new SqliteDialect({ database: adapter() }) });
    await db.insertInto('t').values({ name: 'x', flag: 1 }).execute();
    await expect(db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ name: 'y', flag: 0 }).execute();
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    const rows = await db.selectFrom('t').select(['name']).execute();
    expect(rows.map((r) => r.name)).toEqual(['x']);
    const { rows: [count] } = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(count?.n).toBe(1);
    await db.destroy();
  });
});
