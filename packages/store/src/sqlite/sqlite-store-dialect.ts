/**
 * sqlite specifics: one connection and one writer, so logs are serialised by construction; names are
 * searched in the contentless FTS5 table `record_names` (rowid = records.rid), ranked by what each
 * record's own names hold of the query (not bm25, whose weights count every row: see searchNames);
 * report texts in `report_text_index` likewise, by what each report's own words hold of it.
 */
import { sql } from 'kysely';
import { chunks } from '../row-values.ts';
import type { StoreDialect } from '../store-dialect.ts';

/** Each token quoted, so no user input is read as FTS5 query syntax. */
export function fts5Query(tokens: readonly string[], match: 'all' | 'any'): string {
  return tokens.map((token) => `"${token.replaceAll('"', '""')}"`).join(match === 'all' ? ' AND ' : ' OR ');
}

// SQLITE_MAX_VARIABLE_NUMBER is 32766; the widest insert binds 11 columns.
const BATCH_ROWS = 2000;

export const sqliteStoreDialect: StoreDialect = {
  name: 'sqlite',
  batchRows: BATCH_ROWS,
  lock: () => Promise.resolve(),
  async indexNames(trx, written, replaced) {
    for (const chunk of chunks(replaced, BATCH_ROWS)) {
      await sql`delete from record_names where rowid in (select rid from records where id in (${sql.join(chunk)}))`.execute(trx);
    }
    for (const chunk of chunks(written, BATCH_ROWS)) {
      await sql`insert into record_names (rowid, names) select rid, names from records where id in (${sql.join(chunk)}) and deleted_at is null`.execute(trx);
    }
  },
  async searchNames(db, tokens, { limit, schema, match }) {
    // Ranked by the record's own names, so that records a user may not see cannot move those they
    // may (bm25's weights count every row): the query tokens its names hold, then the share of its
    // name parts they are (an exact name before one with an alias more), then the id. Its indexed
    // names are its distinct tokens, space-separated (name-text.ts).
    const covered = sql.join(tokens.map((token) => sql`(instr(' ' || r.names || ' ', ${` ${token} `}) > 0)`), sql` + `);
    const parts = sql`(length(r.names) - length(replace(r.names, ' ', '')) + 1)`;
    const result = await sql<{ id: string; covered: number; parts: number; names: string }>`
      select r.id as id, ${covered} as covered, ${parts} as parts, r.names as names
      from record_names join records r on r.rid = record_names.rowid
      where record_names match ${fts5Query(tokens, match)}
      ${schema === undefined ? sql`` : sql`and r.schema = ${schema}`}
      order by covered desc, parts, r.id
      limit ${limit}`.execute(db);
    return result.rows.map((row) => ({ id: row.id, score: Number(row.covered) / Number(row.parts), names: row.names }));
  },
  // past the highest version a deleted document held, which a trigger keeps as it is deleted
  // (0015-document-versions.ts), read by the writing statement under the file's one write lock
  newDocumentVersion: () => sql<number>`(select n + 1 from document_versions)`,
  // a document's versions rise while it is stored, and start past those of the ones deleted before
  nextDocumentVersion: () => sql<number>`version + 1`,
  // as documents' (0016-report-text-versions.ts)
  newReportTextVersion: () => sql<number>`(select n + 1 from report_text_versions)`,
  nextReportTextVersion: () => sql<number>`report_texts.version + 1`,
  async reportTextVersion(db, id) {
    // from the index on (id, version), named: the planner takes the unique index on id for an
    // equality on it, and reads the version from the row, after the text, through the text's
    // overflow pages (1.6 ms a 10 MB text from the page cache, against 2 µs)
    const result = await sql<{ version: number }>`select version from report_texts indexed by report_texts_version where id = ${id}`.execute(db);
    return result.rows[0]?.version;
  },
  async indexReportText(trx, id) {
    await sql`delete from report_text_index where rowid = (select rid from report_texts where id = ${id})`.execute(trx);
    await sql`insert into report_text_index (rowid, folded) select rid, folded from report_texts where id = ${id}`.execute(trx);
  },
  async removeReportTexts(trx, ids) {
    for (const chunk of chunks(ids, BATCH_ROWS)) {
      await sql`delete from report_text_index where rowid in (select rid from report_texts where id in (${sql.join(chunk)}))`.execute(trx);
      await trx.deleteFrom('report_texts').where('id', 'in', chunk).execute();
    }
  },
  async searchReportTexts(db, tokens, limit) {
    // Ranked by the report's own words, as names are (searchNames), so that reports a user may not
    // see cannot move those they may (bm25's weights count every row): the share of its words that
    // are words of the query, then the id. Its folded text is its distinct words, space-separated
    // (putReportText), so the share is of distinct words: how often one recurs is not kept.
    const held = sql.join(tokens.map((token) => sql`(instr(' ' || t.folded || ' ', ${` ${token} `}) > 0)`), sql` + `);
    const words = sql`(length(t.folded) - length(replace(t.folded, ' ', '')) + 1)`;
    const result = await sql<{ id: string; score: number }>`
      select t.id as id, (${held}) * 1.0 / ${words} as score
      from report_text_index join report_texts t on t.rid = report_text_index.rowid
      where report_text_index match ${fts5Query(tokens, 'all')}
      order by score desc, t.id
      limit ${limit}`.execute(db);
    return result.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  },
};
