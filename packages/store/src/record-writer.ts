/**
 * Writing a batch of records, in two steps: `planRecordWrites` decides, in memory, what each put
 * does (created / updated / unchanged, which old rows become versions, which change-feed
 * entries follow) and a `RecordWriter` carries the plan out inside the batch's transaction.
 * The default writer is plain Kysely and takes no lock; sqlite has a faster one on the raw
 * connection (sqlite/sqlite-record-writer.ts) because ingest is the one path where Kysely's
 * per-query compilation shows, and needs none (`begin immediate` holds the database's one write
 * lock); PostgreSQL's locks the ids first (postgres/postgres-record-writer.ts), since several
 * nodes write there at once.
 */
import type { Kysely, Selectable } from 'kysely';
import { canonicalJson } from './canonical-json.ts';
import type { Database, RecordsTable } from './database.ts';
import { chunks, optionalTimeOut, timeOut } from './row-values.ts';
import type { StoreDialect } from './store-dialect.ts';
import type { PreparedRecord } from './prepare-record.ts';
import type { PutResult, RecordOp } from './store.ts';

/**
 * Same content = same canonical JSON. Byte-equal documents (a re-ingest of the same file) are
 * settled without canonicalising; only documents that differ in bytes are canonicalised, which
 * keeps canonical JSON (~5x the cost of JSON.stringify) off the create path of ingest.
 */
export function sameContent(stored: string, document: string): boolean {
  return stored === document || canonicalJson(JSON.parse(stored)) === canonicalJson(JSON.parse(document));
}

/** A records row with times as ISO strings. */
export interface RecordRow {
  readonly id: string;
  readonly agency: string;
  readonly schema: string;
  readonly document: string;
  readonly names: string;
  readonly version: number;
  readonly actor: string;
  readonly reason: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
}

export interface VersionRow {
  readonly record_id: string;
  readonly version: number;
  readonly op: RecordOp;
  readonly document: string | null;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

export interface ChangeRow {
  readonly record_id: string;
  readonly op: RecordOp;
  readonly version: number;
  readonly at: string;
}

export interface RecordWritePlan {
  /** Rows being replaced, kept as versions. */
  readonly archive: readonly VersionRow[];
  /** The final row of every id written (insert or update). */
  readonly rows: readonly RecordRow[];
  /** Ids whose live row had indexed names before this batch. */
  readonly replaced: readonly string[];
  readonly changes: readonly ChangeRow[];
  /** Ids written whose links may already be kept (a new version of a stored record). */
  readonly relinked: readonly string[];
  /** The records each written one names (record_links), for every id written. */
  readonly links: readonly LinkRow[];
}

export interface LinkRow {
  readonly target: string;
  readonly source: string;
}

export interface RecordWriter {
  /**
   * Current rows of the given ids (deleted ones included), which no other transaction may write
   * until this one ends: what is planned from them must still hold when it is written.
   */
  load(trx: Kysely<Database>, ids: readonly string[]): Promise<Map<string, RecordRow>>;
  /** Versions, upserts, name index and change feed, in the caller's transaction. */
  write(trx: Kysely<Database>, plan: RecordWritePlan): Promise<void>;
}

export function recordRowOf(row: Selectable<RecordsTable>): RecordRow {
  return { ...row, created_at: timeOut(row.created_at), updated_at: timeOut(row.updated_at), deleted_at: optionalTimeOut(row.deleted_at) ?? null };
}

/** The row a version replaces, as it goes into record_versions. */
export function archivedOf(row: RecordRow): VersionRow {
  const deleted = row.deleted_at !== null;
  return {
    record_id: row.id,
    version: row.version,
    op: deleted ? 'delete' : 'put',
    document: deleted ? null : row.document,
    actor: row.actor,
    reason: row.reason,
    at: row.updated_at,
  };
}

/**
 * Puts in order: content equal to the live row's is unchanged (no version, no change); another
 * schema than the live row's is a conflict (nothing written); anything else becomes version n + 1,
 * the old row going to the versions table. An id repeated in one
 * batch is applied in sequence.
 */
export function planRecordWrites(
  prepared: readonly PreparedRecord[],
  stored: ReadonlyMap<string, RecordRow>,
  { actor, at }: { readonly actor: string; readonly at: string },
): { readonly plan: RecordWritePlan; readonly results: readonly PutResult[] } {
  const current = new Map(stored);
  const archive: VersionRow[] = [];
  const rows = new Map<string, RecordRow>();
  const replaced: string[] = [];
  const changes: ChangeRow[] = [];
  const links = new Map<string, readonly string[]>();
  const results: PutResult[] = [];
  for (const p of prepared) {
    const before = current.get(p.id);
    if (before !== undefined && before.deleted_at === null && sameContent(before.document, p.document)) {
      results.push({ id: p.id, status: 'unchanged', version: before.version });
      continue;
    }
    if (before !== undefined && before.deleted_at === null && before.schema !== p.schema) {
      results.push({ id: p.id, status: 'conflict', version: before.version });
      continue;
    }
    const version = before === undefined ? 1 : before.version + 1;
    if (before !== undefined) {
      archive.push(archivedOf(before));
      if (before.deleted_at === null && !rows.has(p.id)) replaced.push(p.id);
    }
    const row: RecordRow = {
      id: p.id, agency: p.agency, schema: p.schema, document: p.document, names: p.names, version, actor,
      reason: null, created_at: before?.created_at ?? at, updated_at: at, deleted_at: null,
    };
    current.set(p.id, row);
    rows.set(p.id, row);
    links.set(p.id, p.links);
    changes.push({ record_id: p.id, op: 'put', version, at });
    results.push({ id: p.id, status: before === undefined ? 'created' : 'updated', version });
  }
  const relinked = [...new Set(archive.map((v) => v.record_id))];
  const linkRows = [...links].flatMap(([source, targets]) => targets.map((target) => ({ target, source })));
  return { plan: { archive, rows: [...rows.values()], replaced, changes, relinked, links: linkRows }, results };
}

export function createKyselyRecordWriter(dialect: StoreDialect): RecordWriter {
  const size = dialect.batchRows;
  return {
    async load(trx, ids) {
      const current = new Map<string, RecordRow>();
      for (const chunk of chunks(ids, size)) {
        const rows = await trx.selectFrom('records').selectAll().where('id', 'in', chunk).execute();
        for (const row of rows) current.set(row.id, recordRowOf(row));
      }
      return current;
    },
    async write(trx, { archive, rows, replaced, changes, relinked, links }) {
      for (const chunk of chunks(archive, size)) await trx.insertInto('record_versions').values(chunk).execute();
      for (const chunk of chunks(rows, size)) {
        await trx
          .insertInto('records')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              agency: eb.ref('excluded.agency'),
              schema: eb.ref('excluded.schema'),
              document: eb.ref('excluded.document'),
              names: eb.ref('excluded.names'),
              version: eb.ref('excluded.version'),
              actor: eb.ref('excluded.actor'),
              reason: eb.ref('excluded.reason'),
              updated_at: eb.ref('excluded.updated_at'),
              deleted_at: eb.ref('excluded.deleted_at'),
            })),
          )
          .execute();
      }
      await dialect.indexNames(trx, rows.map((row) => row.id), replaced);
      await unlinkRecords(trx, relinked, size);
      for (const chunk of chunks(links, size)) await trx.insertInto('record_links').values(chunk).onConflict((oc) => oc.columns(['target', 'source']).doNothing()).execute();
      await appendChanges(trx, dialect, changes);
    },
  };
}

export async function appendChanges(trx: Kysely<Database>, dialect: StoreDialect, changes: readonly ChangeRow[]): Promise<void> {
  if (changes.length === 0) return;
  await dialect.lock(trx, 'changes');
  for (const chunk of chunks(changes, dialect.batchRows)) await trx.insertInto('changes').values(chunk).execute();
}

/** The links kept of `ids` leave (a new version names its own; an erased record names none). */
export async function unlinkRecords(trx: Kysely<Database>, ids: readonly string[], size: number): Promise<void> {
  for (const chunk of chunks(ids, size)) await trx.deleteFrom('record_links').where('source', 'in', chunk).execute();
}
