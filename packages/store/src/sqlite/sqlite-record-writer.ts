/**
 * The sqlite RecordWriter: the same plan as the Kysely writer, carried out on the raw
 * connection with cached multi-row statements. Ingest spends its time here, and compiling a
 * Kysely insert of thousands of rows costs more than sqlite takes to run it.
 *
 * Safe to use the raw connection: it is only called inside a Kysely transaction, which holds
 * sqlite's single connection (Kysely's driver serialises access with a mutex) and runs every
 * statement synchronously.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { RecordRow, RecordWriter } from '../record-writer.ts';
import type { SqliteDatabaseAdapter } from './sqlite-database-adapter.ts';

/** Rows per multi-row statement (11 columns: 704 parameters, well under sqlite's 32766). */
const ROWS_PER_STATEMENT = 64;
/** Ids per lookup statement; short lists are padded with NULL so one statement serves all. */
const IDS_PER_LOOKUP = 500;

const RECORD_COLUMNS = ['id', 'agency', 'schema', 'document', 'names', 'version', 'actor', 'reason', 'created_at', 'updated_at', 'deleted_at'] as const;
const UPSERT_SUFFIX = ` on conflict (id) do update set ${RECORD_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at').map((c) => `${c} = excluded.${c}`).join(', ')}`;
const IN_LIST = `(${'?, '.repeat(IDS_PER_LOOKUP - 1)}?)`;

export function createSqliteRecordWriter(adapter: SqliteDatabaseAdapter): RecordWriter {
  /**
   * Runs `insert into <head> values (...), (...)<suffix>` over flat values, ROWS_PER_STATEMENT
   * rows at a time; `each` receives the rows a `returning` suffix yields.
   */
  function insertRows(head: string, width: number, values: readonly SQLInputValue[], suffix = '', each?: (row: Record<string, SQLInputValue>) => void): void {
    const rowCount = values.length / width;
    const tuple = `(${'?, '.repeat(width - 1)}?)`;
    for (let row = 0; row < rowCount; row += ROWS_PER_STATEMENT) {
      const rows = Math.min(ROWS_PER_STATEMENT, rowCount - row);
      const statement = adapter.statement(`insert into ${head} values ${`${tuple}, `.repeat(rows - 1)}${tuple}${suffix}`);
      const params = rows === rowCount ? values : values.slice(row * width, (row + rows) * width);
      if (each === undefined) statement.run(...params);
      else for (const returned of statement.all(...params)) each(returned);
    }
  }

  /** Runs a statement with one padded IN list over all ids. */
  function forIds(sqlWithInList: string, ids: readonly string[], each?: (row: Record<string, SQLInputValue>) => void): void {
    const statement = adapter.statement(sqlWithInList);
    for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
      const params: SQLInputValue[] = ids.slice(i, i + IDS_PER_LOOKUP);
      while (params.length < IDS_PER_LOOKUP) params.push(null);
      if (each === undefined) statement.run(...params);
      else for (const row of statement.all(...params)) each(row);
    }
  }

  return {
    load(_trx, ids) {
      const current = new Map<string, RecordRow>();
      forIds(`select ${RECORD_COLUMNS.join(', ')} from records where id in ${IN_LIST}`, ids, (row) => {
        const record = row as unknown as RecordRow;
        current.set(record.id, record);
      });
      return Promise.resolve(current);
    },

    write(_trx, { archive, rows, replaced, changes, relinked, links }) {
      const versions: SQLInputValue[] = [];
      for (const v of archive) versions.push(v.record_id, v.version, v.op, v.document, v.actor, v.reason, v.at);
      insertRows('record_versions (record_id, version, op, document, actor, reason, at)', 7, versions);

      // Names of replaced rows leave the index first: a contentless FTS5 row is deleted by rowid.
      forIds(`delete from record_names where rowid in (select rid from records where id in ${IN_LIST})`, replaced);
      const records: SQLInputValue[] = [];
      for (const r of rows) records.push(r.id, r.agency, r.schema, r.document, r.names, r.version, r.actor, r.reason, r.created_at, r.updated_at, r.deleted_at);
      // The upsert returns each row's rid (kept by an update), so the name index is filled from
      // it without looking the ids up again; every row a put writes is live.
      const names: SQLInputValue[] = [];
      insertRows(`records (${RECORD_COLUMNS.join(', ')})`, RECORD_COLUMNS.length, records, `${UPSERT_SUFFIX} returning rid, names`, (row) => {
        names.push(row['rid'] ?? null, row['names'] ?? null);
      });
      insertRows('record_names (rowid, names)', 2, names);

      // What a record names: a new version's replace its earlier version's.
      forIds(`delete from record_links where source in ${IN_LIST}`, relinked);
      const linked: SQLInputValue[] = [];
      for (const link of links) linked.push(link.target, link.source);
      insertRows('record_links (target, source)', 2, linked, ' on conflict do nothing');

      // One connection, one writer: seq order is commit order without a lock.
      const feed: SQLInputValue[] = [];
      for (const c of changes) feed.push(c.record_id, c.op, c.version, c.at);
      insertRows('changes (record_id, op, version, at)', 4, feed);
      return Promise.resolve();
    },
  };
}
