/**
 * The records each live record names (its entity properties: a relationship's ends, a sighting's
 * subject, a phone's holder), kept beside it in a narrow table keyed by the record named, for an
 * erasure to reach the records that name the erased one (`Store.recordsNaming`) without reading
 * every relationship in the store. The record writers keep it (PreparedRecord.links); this fills
 * it for the records stored before, a page at a time. On sqlite the table is its key alone, with
 * an index by the record naming, which a new version or an erasure of it deletes by.
 */
import { sql, type Kysely } from 'kysely';
import { linksOf } from '../record-links.ts';
import type { StoreMigration } from './store-migration.ts';

const PAGE = 1_000;

export const recordLinksMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    const postgres = context.dialect === 'postgres';
    const table = db.schema
      .createTable('record_links')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_links_pk', ['target', 'source']);
    await (postgres ? table : table.modifyEnd(sql`without rowid`)).execute();
    // a new version's or an erasure's links leave by the record naming
    await db.schema.createIndex('record_links_source').on('record_links').column('source').execute();
    const collate = postgres ? ' collate "C"' : '';
    for (let after = ''; ;) {
      const { rows } = await sql<{ id: string; schema: string; document: string }>`select id, schema, document from records
        where deleted_at is null and id > ${after} order by id${sql.raw(collate)} limit ${PAGE}`.execute(db);
      const links = rows.flatMap((row) => linksOf(row.schema, (JSON.parse(row.document) as { properties?: Record<string, string[]> }).properties ?? {}).map((target) => ({ target, source: row.id })));
      for (let at = 0; at < links.length; at += 500) {
        const chunk = links.slice(at, at + 500);
        const values = sql.join(chunk.map((link) => sql`(${link.target}, ${link.source})`));
        await sql`insert into record_links (target, source) values ${values} on conflict do nothing`.execute(db);
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      after = last.id;
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('record_links').execute();
  },
});
