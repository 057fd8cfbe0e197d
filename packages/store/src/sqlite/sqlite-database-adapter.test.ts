import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSqliteDatabaseAdapter } from './sqlite-database-adapter.ts';

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
