/**
 * The statements the store sends, where their number is the point: an erasure's step forgets the
 * mentions of every check and notice showing its records, under the audit log's lock, and a
 * statement each record cost a step of ten records twenty round trips on PostgreSQL; it reads its
 * records' rows once, to judge them, for their histories and to erase them. Counted on
 * sqlite through Kysely's query log (the same query builder writes them for PostgreSQL); what the
 * statements do is the store contract suite's, on both databases.
 */
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AgencyId, recordIdOf, type EntityRecord } from '@mosaic/model';
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

/** The statements of `sent` reading `table`. */
const reads = (sent: readonly string[], table: string): number => sent.filter((text) => text.startsWith('select') && text.includes(`from "${table}"`)).length;

describe('eraseRecords', () => {
  it('reads the rows of the records it judges and erases once, and their earlier versions once, whatever their number', async () => {
    const { store, sent } = await countedStore();
    try {
      const records = Array.from({ length: 10 }, (_, i): EntityRecord => ({
        id: recordIdOf(AgencyId('fedpol'), `e${i}`), schema: 'Person', properties: { name: [`Erased Person ${i}`] },
        provenance: { agency: AgencyId('fedpol'), source: 'fedpol/case-mgmt', sourceRecordId: `e${i}`, reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8', reviewDate: '2030-01-01' },
      }));
      await store.putRecords(records, { actor: 'test' });
      await store.putRecords(records.map((record) => ({ ...record, properties: { name: [`${String(record.properties['name']?.[0])} Jr`] } })), { actor: 'test' });
      sent.length = 0;
      const { results, histories } = await store.eraseRecords(records.map((record) => record.id), { actor: 'test', reason: 'test', erasable: (stored) => stored.record.id !== 'fedpol:e0' });
      expect(results.map((result) => result.status)).toEqual(['kept', ...Array.from({ length: 9 }, () => 'deleted')]);
      expect([...histories.values()].map((history) => history.length)).toEqual(Array.from({ length: 9 }, () => 2));
      expect([reads(sent, 'records'), reads(sent, 'record_versions')]).toEqual([1, 1]);
    } finally {
      await store.close();
    }
  });
});
