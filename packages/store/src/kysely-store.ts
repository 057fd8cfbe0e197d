/**
 * The Store, written once over Kysely. Dialect differences live behind `StoreDialect`
 * (name search, change-feed ordering) and in the migrations; everything else is shared.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { AppError, RecordId, UserId, AgencyId, DeskId, CLASSIFICATION, type Classification, type EntityRecord } from '@mosaic/model';
import type { Database, DocumentsTable, RecordsTable, UsersTable } from './database.ts';
import { appendChanges, archivedOf, createKyselyRecordWriter, planRecordWrites, recordRowOf, unlinkRecords, type RecordWriter } from './record-writer.ts';
import { NAME_PROPERTIES, nameTokens, reportWords } from './name-text.ts';
import { prepareRecord } from './prepare-record.ts';
import { createLocalMessageBus, type MessageBus } from './message-bus.ts';
import { replaceJsonFields } from './replace-json-fields.ts';
import { chunks, numberOut, optionalTimeOut, stringArrayOut, timeIn, timeOut } from './row-values.ts';
import type { NameCandidate, StoreDialect } from './store-dialect.ts';
import type {
  AuditAppendBatch, AuditHead, Change, CountRecordsOptions, DeleteRecordOptions, DueForReviewOptions, DeleteResult, DocumentInput, EraseRecordsOptions, ErasedRecords, GetRecordOptions, IngestCheckpoint, IngestCheckpointInput,
  NameHit, Org, OrgEntry, OrgInput, PutRecordsOptions, PutResult, ReadAuditOptions, RecordVersion, ScanRecordsOptions,
  SearchNamesOptions, Session, Store, StoredAuditCheckpoint, StoredAuditCut, StoredDocument, StoredRecord, User,
} from './store.ts';

export interface KyselyStoreOptions {
  readonly dialect: StoreDialect;
  /** Messages between nodes sharing the store (default: within this process). */
  readonly bus?: MessageBus;
  readonly now?: () => Date;
  /** Properties whose values feed the name index. */
  readonly nameProperties?: readonly string[];
  /** How record batches are written; default plain Kysely. */
  readonly recordWriter?: RecordWriter;
  /** Releases what the dialect opened besides Kysely (Kysely itself is destroyed by `close`). */
  readonly onClose?: () => Promise<void>;
}

const ORG_KINDS = [
  ['agency', 'agencies'],
  ['desk', 'desks'],
  ['agreement', 'agreements'],
] as const;

function recordOf(id: string, document: string): EntityRecord {
  const parsed = JSON.parse(document) as Omit<EntityRecord, 'id'>;
  return { id: RecordId(id), schema: parsed.schema, properties: parsed.properties, provenance: parsed.provenance };
}

function storedOf(row: Pick<Selectable<RecordsTable>, 'id' | 'document' | 'version' | 'created_at' | 'updated_at' | 'deleted_at'>): StoredRecord {
  const deletedAt = optionalTimeOut(row.deleted_at);
  return {
    record: recordOf(row.id, row.document),
    version: row.version,
    createdAt: timeOut(row.created_at),
    updatedAt: timeOut(row.updated_at),
    ...(deletedAt === undefined ? {} : { deletedAt }),
  };
}

function versionOf(row: { version: number; op: string; document: string | null; actor: string; reason: string | null; at: string | Date }, id: string): RecordVersion {
  return {
    version: row.version,
    op: row.op === 'delete' ? 'delete' : 'put',
    actor: row.actor,
    at: timeOut(row.at),
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.document === null ? {} : { record: recordOf(id, row.document) }),
  };
}

function clearanceOf(value: string): Classification {
  const found = CLASSIFICATION.find((level) => level === value);
  if (found === undefined) throw new AppError('MOSAIC_INTERNAL', 'store: stored clearance is not a classification level');
  return found;
}

function userOf(row: Selectable<UsersTable>): User {
  return {
    id: UserId(row.id),
    agency: AgencyId(row.agency),
    desk: DeskId(row.desk),
    name: row.name,
    roles: stringArrayOut(row.roles),
    clearance: clearanceOf(row.clearance),
    groups: stringArrayOut(row.groups),
    passwordHash: row.password_hash,
    ...(row.disabled_at === null || row.disabled_at === undefined ? {} : { disabledAt: timeOut(row.disabled_at) }),
  };
}

function checkpointOf(row: { fingerprint: string; last_line: number; created: number; updated: number; unchanged: number; rejected: number; updated_at: string | Date }): IngestCheckpoint {
  return {
    fingerprint: row.fingerprint,
    lastLine: row.last_line,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    updatedAt: timeOut(row.updated_at),
  };
}

/**
 * Rank = number of query tokens the record's names cover, plus the dialect's score (the share of
 * its name parts they are, read from its own names alone: no engine's weights, which count every
 * row, so records a user may not see cannot move those they may) squashed into [0, 1) to order
 * records covering as many. Candidates holding all tokens are fetched apart, so full matches are
 * never crowded out of the window.
 */
function rankNameCandidates(tokens: readonly string[], limit: number, candidates: readonly NameCandidate[]): NameHit[] {
  const best = new Map<string, NameHit>();
  for (const candidate of candidates) {
    if (best.has(candidate.id)) continue;
    const indexed = new Set(candidate.names.split(/\s+/));
    const covered = tokens.reduce((n, token) => n + (indexed.has(token) ? 1 : 0), 0);
    best.set(candidate.id, { id: RecordId(candidate.id), rank: covered + candidate.score / (1 + candidate.score) });
  }
  return [...best.values()].sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
}

async function readAuditHead(db: Kysely<Database>): Promise<AuditHead | null> {
  const row = await db.selectFrom('audit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : { seq: numberOut(row.seq), hash: row.hash };
}

async function readAuditCut(db: Kysely<Database>): Promise<StoredAuditCut | undefined> {
  const row = await db.selectFrom('audit_cuts').select(['seq', 'hash', 'body']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : { seq: numberOut(row.seq), hash: row.hash, body: row.body };
}

function sameHead(a: AuditHead | null, b: AuditHead | null): boolean {
  return a === null || b === null ? a === b : a.seq === b.seq && a.hash === b.hash;
}

function auditConflict(message: string): AppError {
  return new AppError('MOSAIC_CONFLICT', `store: audit: ${message}`);
}

function positive(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw new AppError('MOSAIC_INVALID_INPUT', 'store: limit must be a non-negative integer');
  return limit;
}

/** Text in code-unit order, the order ids sort in on both dialects (`ScanRecordsOptions.afterId`). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function documentOf(row: Selectable<DocumentsTable>): StoredDocument {
  return {
    kind: row.kind, id: row.id, owner: row.owner, ...(row.subject === null ? {} : { subject: row.subject }),
    createdAt: timeOut(row.created_at), updatedAt: timeOut(row.updated_at), version: row.version, body: JSON.parse(row.body) as unknown,
  };
}

export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions, inTransaction = false): Store {
  const { dialect, now = () => new Date(), nameProperties = NAME_PROPERTIES, onClose, recordWriter = createKyselyRecordWriter(dialect), bus = createLocalMessageBus() } = options;
  const batchRows = dialect.batchRows;

  function write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return inTransaction ? fn(db) : db.transaction().execute(fn);
  }

  async function writeCheckpoint(trx: Kysely<Database>, checkpoint: IngestCheckpointInput, at: string): Promise<void> {
    const row = {
      fingerprint: checkpoint.fingerprint,
      last_line: checkpoint.lastLine,
      created: checkpoint.created,
      updated: checkpoint.updated,
      unchanged: checkpoint.unchanged,
      rejected: checkpoint.rejected,
      updated_at: at,
    };
    await trx
      .insertInto('ingest_batches')
      .values(row)
      .onConflict((oc) => oc.column('fingerprint').doUpdateSet({ last_line: row.last_line, created: row.created, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected, updated_at: at }))
      .execute();
  }

  /** Upserts documents in `trx`; the last of several with one kind and id wins. */
  async function upsertDocuments(trx: Kysely<Database>, documents: readonly DocumentInput[]): Promise<void> {
    const at = timeIn(now().toISOString());
    const version = dialect.newDocumentVersion();
    // One row per (kind, id): an upsert cannot touch the same row twice in one statement.
    const last = new Map(documents.map((d) => [`${d.kind}\u0000${d.id}`, d]));
    const rows = [...last.values()].map(({ kind, id, owner, subject, body }) => ({ kind, id, owner, subject: subject ?? null, created_at: at, updated_at: at, version, body: JSON.stringify(body) }));
    for (const chunk of chunks(rows, batchRows)) {
      await trx.insertInto('documents').values(chunk).onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
        owner: eb.ref('excluded.owner'), subject: eb.ref('excluded.subject'), updated_at: eb.ref('excluded.updated_at'), version: dialect.nextDocumentVersion(), body: eb.ref('excluded.body'),
      }))).execute();
    }
    await insertMentions(trx, documents);
  }

  /** The mentions of `documents` kept, those kept before left as they are. */
  async function insertMentions(trx: Kysely<Database>, documents: readonly DocumentInput[]): Promise<void> {
    const rows = new Map<string, { record: string; kind: string; id: string }>();
    for (const { kind, id, mentions = [] } of documents) for (const record of mentions) rows.set(`${record}\u0000${kind}\u0000${id}`, { record, kind, id });
    for (const chunk of chunks([...rows.values()], batchRows)) {
      await trx.insertInto('document_mentions').values(chunk).onConflict((oc) => oc.columns(['record', 'kind', 'id']).doNothing()).execute();
    }
  }

  const store: Store = {
    dialect: dialect.name,

    async putRecords(records, options: PutRecordsOptions): Promise<readonly PutResult[]> {
      return store.putPreparedRecords(records.map((record) => prepareRecord(record, nameProperties)), options);
    },

    async putPreparedRecords(prepared, { actor, checkpoint }: PutRecordsOptions): Promise<readonly PutResult[]> {
      const at = now().toISOString();
      return write(async (trx) => {
        const stored = await recordWriter.load(trx, [...new Set(prepared.map((p) => p.id))]);
        const { plan, results } = planRecordWrites(prepared, stored, { actor, at });
        await recordWriter.write(trx, plan);
        if (checkpoint !== undefined) {
          const { recordLines, ...given } = checkpoint;
          const refused = results.flatMap((r, i) => (r.status === 'conflict' && recordLines?.[i] !== undefined ? [recordLines[i] - 1] : []));
          await writeCheckpoint(trx, { ...given, lastLine: Math.min(given.lastLine, ...refused) }, at);
        }
        return results;
      });
    },

    async getRecord(id, { includeDeleted = false }: GetRecordOptions = {}) {
      let query = db.selectFrom('records').selectAll().where('id', '=', id);
      if (!includeDeleted) query = query.where('deleted_at', 'is', null);
      const row = await query.executeTakeFirst();
      return row === undefined ? undefined : storedOf(row);
    },

    async getRecords(ids, { includeDeleted = false }: GetRecordOptions = {}) {
      const found = new Map<string, StoredRecord>();
      for (const chunk of chunks([...new Set(ids)], batchRows)) {
        let query = db.selectFrom('records').selectAll().where('id', 'in', chunk);
        if (!includeDeleted) query = query.where('deleted_at', 'is', null);
        for (const row of await query.execute()) found.set(row.id, storedOf(row));
      }
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    async heldRecordIds(ids) {
      const held = new Set<RecordId>();
      for (const chunk of chunks([...new Set(ids)], batchRows)) {
        for (const row of await db.selectFrom('records').select('id').where('id', 'in', chunk).where('deleted_at', 'is', null).execute()) held.add(RecordId(row.id));
      }
      return held;
    },

    async heldProvenances(ids) {
      const held = new Map<RecordId, EntityRecord['provenance']>();
      // the provenance alone, taken out of the document by the database: a hit's record is
      // often a few kilobytes of properties the decision does not read
      const provenance = dialect.name === 'postgres' ? sql<string>`(document::json -> 'provenance')::text` : sql<string>`json_extract(document, '$.provenance')`;
      for (const chunk of chunks([...new Set(ids)], batchRows)) {
        const rows = await db.selectFrom('records').select(['id', provenance.as('provenance')]).where('id', 'in', chunk).where('deleted_at', 'is', null).execute();
        for (const row of rows) held.set(RecordId(row.id), JSON.parse(row.provenance) as EntityRecord['provenance']);
      }
      return held;
    },

    async recordHistory(id) {
      const versions = await db.selectFrom('record_versions').selectAll().where('record_id', '=', id).orderBy('version').execute();
      const current = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
      const history = versions.map((row) => versionOf(row, id));
      if (current !== undefined) history.push(versionOf(archivedOf(recordRowOf(current)), id));
      return history;
    },

    async recordHistories(ids) {
      const distinct = [...new Set(ids)];
      const histories = new Map<RecordId, RecordVersion[]>(distinct.map((id) => [id, []]));
      for (const chunk of chunks(distinct, batchRows)) {
        const versions = await db.selectFrom('record_versions').selectAll().where('record_id', 'in', chunk).orderBy('version').execute();
        for (const row of versions) histories.get(RecordId(row.record_id))?.push(versionOf(row, row.record_id));
        for (const current of await db.selectFrom('records').selectAll().where('id', 'in', chunk).execute()) {
          histories.get(RecordId(current.id))?.push(versionOf(archivedOf(recordRowOf(current)), current.id));
        }
      }
      return histories;
    },

    async deleteRecord(id, options: DeleteRecordOptions): Promise<DeleteResult> {
      const [result] = await store.deleteRecords([id], options);
      if (result === undefined) throw new Error(`store: no erasure result for ${id}`);
      return result;
    },

    async deleteRecords(ids, options: DeleteRecordOptions): Promise<readonly DeleteResult[]> {
      return (await store.eraseRecords(ids, options)).results;
    },

    async eraseRecords(ids, { actor, reason, erasable }: EraseRecordsOptions): Promise<ErasedRecords> {
      const at = now().toISOString();
      const distinct = [...new Set(ids)];
      if (distinct.length === 0) return { results: [], histories: new Map() };
      return write(async (trx) => {
        // read as a put reads them, held against other writers until the erasure commits: judged
        // on these rows, so a record written since a read made before (a review date kept longer)
        // is judged as it is now
        const rows = await recordWriter.load(trx, distinct);
        const results = distinct.map((id): DeleteResult => {
          const row = rows.get(id);
          if (row === undefined) return { status: 'not_found', id };
          if (row.deleted_at !== null) return { status: 'already_deleted', id, version: row.version };
          return erasable === undefined || erasable(storedOf(row)) ? { status: 'deleted', id, version: row.version + 1 } : { status: 'kept', id, version: row.version };
        });
        const erased = results.flatMap((result) => {
          const row = result.status === 'deleted' ? rows.get(result.id) : undefined;
          return row === undefined ? [] : [row];
        });
        const histories = new Map<RecordId, RecordVersion[]>(erased.map((row) => [RecordId(row.id), []]));
        // Erasure: the content goes, from the record, from every earlier version and from a
        // report's text; what stays is that the record was there (its schema and provenance) and
        // who erased it, when and why. A statement per step for the batch, save the records' own
        // rows, whose kept schema and provenance differ from one to the next. Each history is
        // read first, as recordHistory reads it: the rows read above are its last version.
        for (const chunk of chunks(erased, batchRows)) {
          const chunkIds = chunk.map((row) => row.id);
          for (const row of await trx.selectFrom('record_versions').selectAll().where('record_id', 'in', chunkIds).orderBy('version').execute()) histories.get(RecordId(row.record_id))?.push(versionOf(row, row.record_id));
          for (const row of chunk) histories.get(RecordId(row.id))?.push(versionOf(archivedOf(row), row.id));
          await trx.updateTable('record_versions').set({ document: null }).where('record_id', 'in', chunkIds).execute();
          await trx.insertInto('record_versions').values(chunk.map((row) => ({ ...archivedOf(row), document: null }))).execute();
        }
        // the records' own rows, a statement a chunk too: each keeps its own schema and provenance
        // (a case by id), where a statement each cost a step of ten records ten round trips
        for (const chunk of chunks(erased, Math.floor(batchRows / 3))) {
          const kept = sql<string>`case ${sql.join(chunk.map((row) => {
            const { schema, provenance } = recordOf(row.id, row.document);
            return sql`when id = ${row.id} then ${JSON.stringify({ schema, properties: {}, provenance })}`;
          }), sql` `)} end`;
          await trx.updateTable('records').set({ version: sql<number>`version + 1`, actor, reason, updated_at: at, deleted_at: at, document: kept, names: '' }).where('id', 'in', chunk.map((row) => row.id)).execute();
        }
        const erasedIds = erased.map((row) => row.id);
        await dialect.indexNames(trx, [], erasedIds);
        await unlinkRecords(trx, erasedIds, batchRows);
        await dialect.removeReportTexts(trx, erasedIds);
        await appendChanges(trx, dialect, erased.map((row) => ({ record_id: row.id, op: 'delete' as const, version: row.version + 1, at })));
        return { results, histories };
      });
    },

    async replaceErasedSources(ids, source) {
      const distinct = [...new Set(ids)];
      if (distinct.length === 0) return [];
      return write(async (trx) => {
        const replaced: RecordId[] = [];
        for (const chunk of chunks(distinct, batchRows)) {
          const rows = await trx.selectFrom('records').select(['id', 'document']).where('id', 'in', chunk).where('deleted_at', 'is not', null).execute();
          for (const row of rows) {
            const { schema, provenance } = recordOf(row.id, row.document);
            if (provenance.source === source) continue;
            await trx.updateTable('records').set({ document: JSON.stringify({ schema, properties: {}, provenance: { ...provenance, source } }) }).where('id', '=', row.id).execute();
            replaced.push(RecordId(row.id));
          }
        }
        return replaced.sort();
      });
    },

    async scanRecords({ schema, afterId, limit, includeDeleted = false }: ScanRecordsOptions) {
      let query = db.selectFrom('records').select(['id', 'document', 'version', 'created_at', 'updated_at', 'deleted_at']);
      if (schema !== undefined) query = query.where('schema', '=', schema);
      if (afterId !== undefined) query = query.where('id', '>', afterId);
      if (!includeDeleted) query = query.where('deleted_at', 'is', null);
      const rows = await query.orderBy('id').limit(positive(limit)).execute();
      return rows.map(storedOf);
    },

    async recordsNaming(ids) {
      const found = new Map<string, StoredRecord>();
      for (const chunk of chunks([...new Set(ids)], batchRows)) {
        const rows = await db.selectFrom('record_links').innerJoin('records', 'records.id', 'record_links.source')
          .select(['records.id', 'records.document', 'records.version', 'records.created_at', 'records.updated_at', 'records.deleted_at'])
          .where('record_links.target', 'in', chunk).where('records.deleted_at', 'is', null).execute();
        for (const row of rows) if (!found.has(row.id)) found.set(row.id, storedOf(row));
      }
      return [...found.values()].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
    },

    async recordsDueForReview({ agency, through, after, limit }: DueForReviewOptions) {
      // review_date: a generated column (0011-records-review-date.ts), not in the table's type as
      // no writer sets it
      const reviewDate = sql<string>`review_date`;
      let query = db.selectFrom('records').select(['id', 'document', 'version', 'created_at', 'updated_at', 'deleted_at'])
        .where('agency', '=', agency).where('deleted_at', 'is', null).where(reviewDate, '<=', through);
      if (after !== undefined) query = query.where((eb) => eb.or([eb(reviewDate, '>', after.reviewDate), eb.and([eb(reviewDate, '=', after.reviewDate), eb('id', '>', after.id)])]));
      const rows = await query.orderBy(reviewDate).orderBy('id').limit(positive(limit)).execute();
      return rows.map(storedOf);
    },

    async recordAgencies() {
      // each next agency after the one before, from the index (agency, review_date, id): the
      // sweep asks each agency's records due through the index, and a distinct over the table
      // would read an entry of every live record
      const rows = await sql<{ agency: string | null }>`with recursive owners(agency) as (
          select min(agency) from records where deleted_at is null
          union all
          select (select min(r.agency) from records r where r.deleted_at is null and r.agency > owners.agency) from owners where owners.agency is not null
        ) select agency from owners where agency is not null`.execute(db);
      return rows.rows.flatMap((row) => (row.agency === null ? [] : [AgencyId(row.agency)]));
    },

    async countRecords({ schema, agency }: CountRecordsOptions = {}) {
      let query = db.selectFrom('records').select((eb) => eb.fn.countAll<number | string>().as('n')).where('deleted_at', 'is', null);
      if (schema !== undefined) query = query.where('schema', '=', schema);
      if (agency !== undefined) query = query.where('agency', '=', agency);
      const row = await query.executeTakeFirstOrThrow();
      return numberOut(row.n);
    },

    async searchNames(query: string, searchOptions: SearchNamesOptions): Promise<readonly NameHit[]> {
      const tokens = [...new Set(nameTokens(query))];
      if (tokens.length === 0 || positive(searchOptions.limit) === 0) return [];
      return rankNameCandidates(tokens, searchOptions.limit, [
        ...(await dialect.searchNames(db, tokens, { ...searchOptions, match: 'all' })),
        ...(await dialect.searchNames(db, tokens, { ...searchOptions, limit: searchOptions.limit * 4, match: 'any' })),
      ]);
    },

    async changesSince(seq, limit): Promise<readonly Change[]> {
      const rows = await db.selectFrom('changes').selectAll().where('seq', '>', seq).orderBy('seq').limit(positive(limit)).execute();
      return rows.map((row) => ({ seq: numberOut(row.seq), recordId: RecordId(row.record_id), op: row.op === 'delete' ? 'delete' : 'put', version: row.version, at: timeOut(row.at) }));
    },

    async latestSeq() {
      const row = await db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      return row?.seq === null || row?.seq === undefined ? 0 : numberOut(row.seq);
    },

    async upsertUser(user) {
      const row = {
        id: user.id, agency: user.agency, desk: user.desk, name: user.name, roles: JSON.stringify(user.roles), clearance: user.clearance,
        groups: JSON.stringify(user.groups), password_hash: user.passwordHash, updated_at: now().toISOString(),
        disabled_at: user.disabledAt === undefined ? null : timeIn(user.disabledAt),
      };
      const { id: _id, ...update } = row;
      await db.insertInto('users').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
    },

    async getUser(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : userOf(row);
    },

    async findUserByName(name) {
      const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : userOf(row);
    },

    async listUsers() {
      const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
      return rows.map(userOf);
    },

    async createSession(session: Session) {
      await db.insertInto('sessions').values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: timeIn(session.expiresAt), created_at: now().toISOString() }).execute();
    },

    async getSession(tokenHash) {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row === undefined ? undefined : { tokenHash: row.token_hash, userId: UserId(row.user_id), expiresAt: timeOut(row.expires_at) };
    },

    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteUserSessions(userId) {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpiredSessions(at) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<', timeIn(at)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async putOrg(org: OrgInput) {
      await write(async (trx) => {
        await trx.deleteFrom('org_entries').execute();
        const rows = ORG_KINDS.flatMap(([kind, key]) => org[key].map((entry, position) => ({ kind, id: entry.id, position, document: JSON.stringify(entry) })));
        for (const chunk of chunks(rows, batchRows)) await trx.insertInto('org_entries').values(chunk).execute();
      });
    },

    async getOrg(): Promise<Org> {
      const rows = await db.selectFrom('org_entries').selectAll().orderBy('kind').orderBy('position').execute();
      const pick = (kind: string): OrgEntry[] => rows.filter((row) => row.kind === kind).map((row) => JSON.parse(row.document) as OrgEntry);
      return { agencies: pick('agency'), desks: pick('desk'), agreements: pick('agreement') };
    },

    async getSetting(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },

    async putSetting(key, value) {
      const updated_at = now().toISOString();
      await db.insertInto('settings').values({ key, value, updated_at }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at })).execute();
    },

    async putDocument(document) {
      const { kind, id, owner, subject, body, mentions = [] } = document;
      const at = timeIn(now().toISOString());
      const text = JSON.stringify(body);
      const put = (trx: Kysely<Database>) => trx.insertInto('documents').values({ kind, id, owner, subject: subject ?? null, created_at: at, updated_at: at, version: dialect.newDocumentVersion(), body: text })
        .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ owner, subject: subject ?? null, updated_at: at, version: dialect.nextDocumentVersion(), body: text })).execute();
      if (mentions.length === 0) await put(db);
      else {
        await write(async (trx) => {
          await put(trx);
          await insertMentions(trx, [document]);
        });
      }
    },

    async createDocument(document) {
      const { kind, id, owner, subject, body, mentions = [] } = document;
      const at = timeIn(now().toISOString());
      const create = async (trx: Kysely<Database>): Promise<boolean> => {
        const result = await trx.insertInto('documents').values({ kind, id, owner, subject: subject ?? null, created_at: at, updated_at: at, version: dialect.newDocumentVersion(), body: JSON.stringify(body) })
          .onConflict((oc) => oc.columns(['kind', 'id']).doNothing()).executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      };
      if (mentions.length === 0) return create(db);
      return write(async (trx) => {
        const created = await create(trx);
        if (created) await insertMentions(trx, [document]);
        return created;
      });
    },

    async putDocuments(documents) {
      if (documents.length > 0) await write((trx) => upsertDocuments(trx, documents));
    },

    async putDocumentFields(kind, id, fields) {
      return write(async (trx) => {
        // the row locked as it is read on PostgreSQL, so a write between the read and this one is not undone
        const read = trx.selectFrom('documents').select('body').where('kind', '=', kind).where('id', '=', id);
        const row = await (dialect.name === 'postgres' ? read.forUpdate() : read).executeTakeFirst();
        if (row === undefined) return false;
        await trx.updateTable('documents').set({ updated_at: timeIn(now().toISOString()), version: dialect.nextDocumentVersion(), body: replaceJsonFields(row.body, fields) }).where('kind', '=', kind).where('id', '=', id).execute();
        return true;
      });
    },

    async getDocument(kind, id) {
      const row = await db.selectFrom('documents').selectAll().where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
      return row ? documentOf(row) : undefined;
    },

    async getDocumentVersion(kind, id) {
      const row = await db.selectFrom('documents').select('version').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
      return row?.version;
    },

    async getDocuments(kind, ids) {
      const found: StoredDocument[] = [];
      for (const chunk of chunks([...new Set(ids)], batchRows)) {
        for (const row of await db.selectFrom('documents').selectAll().where('kind', '=', kind).where('id', 'in', chunk).execute()) found.push(documentOf(row));
      }
      return found.sort((a, b) => compareText(a.id, b.id));
    },

    async listDocuments(kind, { owner, subject, limit, oldestFirst = false, afterId }) {
      let query = db.selectFrom('documents').selectAll().where('kind', '=', kind);
      if (owner !== undefined) query = query.where('owner', '=', owner);
      if (subject !== undefined) query = query.where('subject', '=', subject);
      const ordered = afterId === undefined
        ? query.orderBy('created_at', oldestFirst ? 'asc' : 'desc').orderBy('id', oldestFirst ? 'asc' : 'desc')
        : query.where('id', '>', afterId).orderBy('id', 'asc');
      const rows = await ordered.limit(limit).execute();
      return rows.map(documentOf);
    },

    async documentsAbout(kind, subjects) {
      const found: StoredDocument[] = [];
      for (const chunk of chunks([...new Set(subjects)], batchRows)) {
        for (const row of await db.selectFrom('documents').selectAll().where('kind', '=', kind).where('subject', 'in', chunk).execute()) found.push(documentOf(row));
      }
      return found.sort((a, b) => compareText(a.subject ?? '', b.subject ?? '') || compareText(a.id, b.id));
    },

    async deleteDocument(kind, id) {
      const result = await db.deleteFrom('documents').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteDocumentIf(kind, id, body) {
      const result = await db.deleteFrom('documents').where('kind', '=', kind).where('id', '=', id).where('body', '=', JSON.stringify(body)).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async renewDocumentIf(kind, id, body) {
      const result = await db.updateTable('documents').set({ updated_at: timeIn(now().toISOString()), version: dialect.nextDocumentVersion() })
        .where('kind', '=', kind).where('id', '=', id).where('body', '=', JSON.stringify(body)).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deleteDocuments(kind, ids) {
      if (ids.length === 0) return [];
      return write(async (trx) => {
        const deleted: string[] = [];
        for (const chunk of chunks([...new Set(ids)], batchRows)) {
          const rows = await trx.deleteFrom('documents').where('kind', '=', kind).where('id', 'in', chunk).returning('id').execute();
          for (const row of rows) deleted.push(row.id);
        }
        return deleted;
      });
    },

    async documentsMentioning(kind, record) {
      const rows = await db.selectFrom('document_mentions').select('id').where('record', '=', record).where('kind', '=', kind).orderBy('id').execute();
      return rows.map((row) => row.id);
    },

    async documentMentions(kind, records) {
      const found: { record: string; id: string }[] = [];
      for (const chunk of chunks([...new Set(records)], batchRows)) {
        found.push(...await db.selectFrom('document_mentions').select(['record', 'id']).where('record', 'in', chunk).where('kind', '=', kind).execute());
      }
      return found.sort((a, b) => compareText(a.record, b.record) || compareText(a.id, b.id));
    },

    async forgetMentions(kind, mentions) {
      if (mentions.length === 0) return;
      const distinct = [...new Map(mentions.map((mention) => [`${mention.record}\u0000${mention.id}`, mention])).values()];
      await write(async (trx) => {
        // a statement a chunk for all the records, where one a record cost an erasure's step of
        // ten records, each shown by a check and a notice, twenty round trips on PostgreSQL: the
        // pairs a row-value list (against VALUES, the only right-hand side sqlite takes), each
        // looked up by the key (record, kind, id); two parameters a pair, batchRows pairs well
        // under either database's bound (sqlite 32766, PostgreSQL 65535)
        for (const chunk of chunks(distinct, batchRows)) {
          const pairs = sql.join(chunk.map(({ record, id }) => sql`(${record}, ${id})`));
          await trx.deleteFrom('document_mentions').where('kind', '=', kind).where(sql<boolean>`(record, id) in (values ${pairs})`).execute();
        }
      });
    },

    async putReportText(id, text, words) {
      const at = timeIn(now().toISOString());
      const folded = words ?? reportWords(text);
      await write(async (trx) => {
        // updated_at is when the text came (latestReportTexts' order), kept when it is written
        // again: an erasure's rewrite of an old report made it the newest in every list
        await trx.insertInto('report_texts').values({ id, text, folded, updated_at: at, version: dialect.newReportTextVersion() })
          .onConflict((oc) => oc.column('id').doUpdateSet({ text, folded, version: dialect.nextReportTextVersion() })).execute();
        await dialect.indexReportText(trx, id);
      });
    },

    async getReportText(id) {
      const row = await db.selectFrom('report_texts').select('text').where('id', '=', id).executeTakeFirst();
      return row?.text;
    },

    getReportTextVersion(id) {
      return dialect.reportTextVersion(db, id);
    },

    async searchReportTexts(query, { limit }) {
      const tokens = [...new Set(nameTokens(query))];
      if (tokens.length === 0 || positive(limit) === 0) return [];
      const rows = await dialect.searchReportTexts(db, tokens, limit);
      return rows.map((row) => ({ id: RecordId(row.id), rank: row.score }));
    },

    async latestReportTexts({ limit }) {
      const rows = await db.selectFrom('report_texts').select('id').orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(positive(limit)).execute();
      return rows.map((row) => RecordId(row.id));
    },

    async auditHead() {
      return readAuditHead(db);
    },

    appendAudit(batch: AuditAppendBatch) {
      return store.appendAuditOnHead((head) => {
        if (!sameHead(head, batch.after)) throw auditConflict('the log head moved');
        return batch;
      });
    },

    async lockAudit() {
      if (!inTransaction) throw new Error('lockAudit is taken within a transaction');
      await dialect.lock(db, 'audit');
    },

    async appendAuditOnHead(build: (head: AuditHead | null) => AuditAppendBatch) {
      await write(async (trx) => {
        await dialect.lock(trx, 'audit');
        const head = await readAuditHead(trx);
        const { after, entries, checkpoints = [], documents = [], cut } = build(head);
        if (!sameHead(head, after)) throw auditConflict('the log head moved');
        let seq = head?.seq ?? 0;
        let hash = head?.hash;
        for (const entry of entries) {
          if (entry.seq !== seq + 1) throw auditConflict(`expected seq ${seq + 1}, got ${entry.seq}`);
          if (hash !== undefined && entry.prevHash !== hash) throw auditConflict(`entry ${entry.seq} does not link to the head`);
          seq = entry.seq;
          hash = entry.hash;
        }
        const batchHashes = new Map(entries.map((e) => [e.seq, e.hash]));
        for (const cp of checkpoints) {
          if (batchHashes.get(cp.seq) !== cp.hash) throw auditConflict(`checkpoint ${cp.seq} is not over an entry of this batch`);
        }
        if (cut !== undefined) {
          if (cut.seq <= ((await readAuditCut(trx))?.seq ?? 0)) throw auditConflict(`the cut at ${cut.seq} is not beyond the recorded cut`);
          const over = batchHashes.get(cut.seq) ?? (await trx.selectFrom('audit_entries').select('hash').where('seq', '=', cut.seq).executeTakeFirst())?.hash;
          if (over !== cut.hash) throw auditConflict(`the cut at ${cut.seq} is not over a stored entry`);
          if (cut.seq >= seq) throw auditConflict(`the cut at ${cut.seq} leaves no entry after it`);
        }
        for (const chunk of chunks(entries, batchRows)) {
          await trx.insertInto('audit_entries').values(chunk.map((e) => ({ seq: e.seq, hash: e.hash, prev_hash: e.prevHash, body: e.body }))).execute();
        }
        const at = now().toISOString();
        for (const chunk of chunks(checkpoints, batchRows)) {
          await trx.insertInto('audit_checkpoints').values(chunk.map((c) => ({ seq: c.seq, hash: c.hash, body: c.body, at }))).onConflict((oc) => oc.doNothing()).execute();
        }
        if (cut !== undefined) await trx.insertInto('audit_cuts').values({ seq: cut.seq, hash: cut.hash, body: cut.body, at }).execute();
        if (documents.length > 0) await upsertDocuments(trx, documents);
      });
    },

    async readAudit({ fromSeq, toSeq, limit, newestFirst = false }: ReadAuditOptions) {
      let query = db.selectFrom('audit_entries').selectAll().where('seq', '>=', fromSeq);
      if (toSeq !== undefined) query = query.where('seq', '<=', toSeq);
      const rows = await query.orderBy('seq', newestFirst ? 'desc' : 'asc').limit(positive(limit)).execute();
      return rows.map((row) => ({ seq: numberOut(row.seq), hash: row.hash, prevHash: row.prev_hash, body: row.body }));
    },

    async appendCheckpoint(checkpoint: StoredAuditCheckpoint) {
      await write(async (trx) => {
        const entry = await trx.selectFrom('audit_entries').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirst();
        if (entry?.hash !== checkpoint.hash) throw auditConflict(`checkpoint ${checkpoint.seq} is not over a stored entry`);
        await trx.insertInto('audit_checkpoints').values({ seq: checkpoint.seq, hash: checkpoint.hash, body: checkpoint.body, at: now().toISOString() }).onConflict((oc) => oc.doNothing()).execute();
      });
    },

    async readCheckpoints() {
      const rows = await db.selectFrom('audit_checkpoints').select(['seq', 'hash', 'body']).orderBy('seq').orderBy('at').execute();
      return rows.map((row) => ({ seq: numberOut(row.seq), hash: row.hash, body: row.body }));
    },

    async readAuditCut() {
      return readAuditCut(db);
    },

    async deleteAuditThrough(throughSeq, limit) {
      if (!Number.isSafeInteger(limit) || limit < 1) throw new AppError('MOSAIC_INVALID_INPUT', 'store: limit must be a positive integer');
      return write(async (trx) => {
        const recorded = await readAuditCut(trx);
        if (recorded === undefined || throughSeq > recorded.seq) throw auditConflict(`entries through ${throughSeq} are beyond the recorded cut`);
        // The last of the `limit` oldest entries ends this batch; one range delete takes them.
        const nth = await trx.selectFrom('audit_entries').select('seq').where('seq', '<=', throughSeq).orderBy('seq').offset(limit - 1).limit(1).executeTakeFirst();
        const upTo = nth === undefined ? throughSeq : numberOut(nth.seq);
        const result = await trx.deleteFrom('audit_entries').where('seq', '<=', upTo).executeTakeFirst();
        await trx.deleteFrom('audit_checkpoints').where('seq', '<=', upTo).execute();
        return Number(result.numDeletedRows);
      });
    },

    async getIngestCheckpoint(fingerprint) {
      const row = await db.selectFrom('ingest_batches').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
      return row === undefined ? undefined : checkpointOf(row);
    },

    async putIngestCheckpoint(checkpoint) {
      await writeCheckpoint(db, checkpoint, now().toISOString());
    },

    transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(store);
      return db.transaction().execute((trx) => fn(createKyselyStore(trx, { ...options, bus }, true)));
    },

    bus,

    async close() {
      if (inTransaction) throw new AppError('MOSAIC_INTERNAL', 'store: close() called on a transaction-bound store');
      await bus.close();
      await db.destroy();
      await onClose?.();
    },
  };
  return store;
}

