/**
 * PostgreSQL specifics. Identity values are handed out when a row is inserted, not when its
 * transaction commits, so two concurrent writers could commit seq 11 before seq 10 and a
 * reader polling `seq > 10` would miss 10 for good. Appends to the feed therefore take a
 * transaction-scoped advisory lock: the next writer gets its seq only after the previous one
 * has committed. The audit chain's compare-and-append takes a second such lock. Advisory locks
 * belong to the whole database, not a schema, so each is taken in the space of the store's schema
 * (LOCK_SPACE): deployments side by side in one database (MOSAIC_DATABASE_SCHEMA) neither wait on
 * each other nor, taking two locks in opposite orders, deadlock. Names are matched against the generated tsvector ('simple' configuration;
 * folding is done in code) and ranked by what each record's own names hold of the query, as on
 * sqlite (not ts_rank: see searchNames); report texts alike, by what each report's own words hold of it.
 */
import { sql } from 'kysely';
import type { SerialLog, StoreDialect } from '../store-dialect.ts';

/**
 * The first key of every Mosaic advisory lock: the hash of the schema the connection's
 * search_path makes current, which is the store's (open-postgres-store.ts). Two schemas whose
 * names hash alike (about one pair in 2^32) share their locks, as one deployment's nodes do.
 */
export const LOCK_SPACE = sql`hashtext(current_schema()::text)`;

/** Second keys of the locks of Mosaic's serial logs ("MOSA" + 1, + 2; record id slots are 0-1023). */
const LOG_LOCKS: Readonly<Record<SerialLog, number>> = { changes: 0x4d4f5341 + 1, audit: 0x4d4f5341 + 2 };

export const postgresStoreDialect: StoreDialect = {
  name: 'postgres',
  // 65535 bound parameters per statement; the widest insert binds 11 columns.
  batchRows: 2000,
  indexNames: () => Promise.resolve(),
  async lock(trx, log) {
    await sql`select pg_advisory_xact_lock(${LOCK_SPACE}, ${LOG_LOCKS[log]})`.execute(trx);
  },
  async searchNames(db, tokens, { limit, schema, match }) {
    // Tokens hold letters and digits only (nameTokens), so joining them with & or | is a safe tsquery.
    const query = tokens.join(match === 'all' ? ' & ' : ' | ');
    // Ranked by the record's own names, as on sqlite (sqlite-store-dialect.ts): the query tokens
    // its names hold, then the share of its name parts they are, then the id.
    const covered = sql.join(tokens.map((token) => sql`(strpos(' ' || r.names || ' ', ${` ${token} `}) > 0)::int`), sql` + `);
    const parts = sql`(length(r.names) - length(replace(r.names, ' ', '')) + 1)`;
    const result = await sql<{ id: string; covered: number; parts: number; names: string }>`
      select r.id as id, ${covered} as covered, ${parts} as parts, r.names as names
      from records r, to_tsquery('simple', ${query}) q
      where r.names_tsv @@ q and r.deleted_at is null
      ${schema === undefined ? sql`` : sql`and r.schema = ${schema}`}
      order by covered desc, parts, r.id
      limit ${limit}`.execute(db);
    return result.rows.map((row) => ({ id: row.id, score: Number(row.covered) / Number(row.parts), names: row.names }));
  },
  // a sequence hands out each value once, outside transactions (no writer waits for another's)
  newDocumentVersion: () => sql<number>`nextval('document_versions')`,
  nextDocumentVersion: () => sql<number>`nextval('document_versions')`,
  newReportTextVersion: () => sql<number>`nextval('report_text_versions')`,
  nextReportTextVersion: () => sql<number>`nextval('report_text_versions')`,
  // the row holds the version; a large text is kept apart from it (TOAST) and not read
  async reportTextVersion(db, id) {
    const row = await db.selectFrom('report_texts').select('version').where('id', '=', id).executeTakeFirst();
    return row?.version;
  },
  indexReportText: () => Promise.resolve(),
  async removeReportTexts(trx, ids) {
    if (ids.length > 0) await sql`delete from report_texts where id = any(${[...ids]}::text[])`.execute(trx);
  },
  async searchReportTexts(db, tokens, limit) {
    // Ranked by the report's own words, as on sqlite (sqlite-store-dialect.ts): the share of its
    // distinct words that are words of the query, then the id (not ts_rank, which weighs how close
    // the words stand, so the two stores ordered the same reports differently).
    const held = sql.join(tokens.map((token) => sql`(strpos(' ' || t.folded || ' ', ${` ${token} `}) > 0)::int`), sql` + `);
    const words = sql`(length(t.folded) - length(replace(t.folded, ' ', '')) + 1)`;
    const result = await sql<{ id: string; score: number }>`
      select t.id as id, (${held})::float8 / ${words} as score
      from report_texts t, to_tsquery('simple', ${tokens.join(' & ')}) q
      where t.folded_tsv @@ q
      order by score desc, t.id
      limit ${limit}`.execute(db);
    return result.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  },
};
