/**
 * The statements the store sends, where their number is the point: an erasure's step forgets the
 * mentions of every check and notice showing its records, under the audit log's lock, and a
 * statement each record cost a step of ten records twenty round trips on PostgreSQL. Counted on
 * sqlite through Kysely's query log (the same query builder writes them for PostgreSQL); what the
 * statements do is the store contract suite's, on both databases.
 */
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { createKyselyStore } from './kysely-store.ts';
import { migrateToLatest } from './migrate.ts';
import { createSqliteDatabaseAdapter } from './sqlite/sqlite-database-adapter.ts';
import { sqliteStoreDialect } from './sqlite/sqlite-store-dialect.ts';
import { WaitingSqliteDialect } from './sqlite/waiting-sqlite-dialect.ts';
import type { Store } from './store.ts';

/** A store on an in-memory sqlite database, and the SQL of each statement it sends from then on. */
async function countedStore(): Promise<{ readonly store: Store; readonly sent: string[] }> {
  const sent: string[] = [];
  let counting = false;
  const raw = new DatabaseSync(':memory:');
  const db = new Kysely<Database>({
    dialect: new WaitingSqliteDialect({ database: createSqliteDatabaseAdapter(raw, { busyTimeoutMs: 1_000 }) }, 1_000),
    log: (event) => {
      if (counting) sent.push(event.query.sql);
    },
  });
  await migrateToLatest(db, { dialect: 'sqlite' });
  counting = true;
  return { store: createKyselyStore(db, { dialect: sqliteStoreDialect }), sent };
}

const deletes = (sent: readonly string[]): number => sent.filter((text) => /^delete from "document_mentions"/.test(text)).length;

describe('forgetMentions', () => {
  it('forgets the mentions of many records in a statement a chunk, not one a record', async () => {
    const { store, sent } = await countedStore();
    try {
      const records = Array.from({ length: 10 }, (_, i) => `fedpol:p${i}`);
      await store.putDocuments(records.flatMap((record) => [
        { kind: 'check', id: `c-${record}`, owner: 'intel', body: {}, mentions: [record] },
        { kind: 'check', id: 'shared', owner: 'intel', body: {}, mentions: records },
      ]));
      sent.length = 0;
      await store.forgetMentions('check', records.flatMap((record) => [{ record, id: `c-${record}` }, { record, id: 'shared' }]));
      expect(deletes(sent)).toBe(1);
      expect(await store.documentMentions('check', records)).toEqual([]);
      // more pairs than a statement binds (two parameters each, batchRows pairs a statement): one more
      const many = Array.from({ length: sqliteStoreDialect.batchRows + 1 }, (_, i) => `fedpol:m${String(i).padStart(5, '0')}`);
      await store.putDocument({ kind: 'check', id: 'wide', owner: 'intel', body: {}, mentions: many });
      sent.length = 0;
      await store.forgetMentions('check', many.map((record) => ({ record, id: 'wide' })));
      expect(deletes(sent)).toBe(2);
      expect(await store.documentMentions('check', many)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
