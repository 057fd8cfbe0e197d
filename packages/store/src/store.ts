/**
 * The store seam: everything Mosaic persists goes through this one interface, implemented once
 * over Kysely and run on two dialects (embedded sqlite, PostgreSQL). The contract suite
 * (store.contract.test.ts) is the specification both must pass.
 *
 * Conventions: every method is async; ids are branded; times are ISO-8601 UTC strings;
 * expected outcomes (a missing record, nothing to delete) are returned as values, unexpected
 * failures throw `AppError` (MOSAIC_STORE_UNAVAILABLE, MOSAIC_INVALID_INPUT).
 */
import type { AgencyId, Classification, DeskId, EntityRecord, RecordId, UserId } from '@mosaic/model';
import type { MessageBus } from './message-bus.ts';
import type { PreparedRecord } from './prepare-record.ts';

export const STORE_DIALECTS = ['sqlite', 'postgres'] as const;
export type StoreDialectName = (typeof STORE_DIALECTS)[number];

// ---- records -------------------------------------------------------------------------------

/**
 * conflict: a live record of the id has another schema, and nothing was written (a record's new
 * version is the same thing told again: a report does not become a person).
 */
export const PUT_STATUSES = ['created', 'updated', 'unchanged', 'conflict'] as const;
export type PutStatus = (typeof PUT_STATUSES)[number];

export interface PutResult {
  readonly id: RecordId;
  readonly status: PutStatus;
  /** The record's version after the put (unchanged, conflict: the version already stored). */
  readonly version: number;
}

export interface PutRecordsOptions {
  /** Who writes: a user id or a system actor such as `ingest:<file>`. Kept with every version. */
  readonly actor: string;
  /** Ingest resumability: written in the same transaction as the records, so both or neither. */
  readonly checkpoint?: IngestCheckpointInput;
}

export interface StoredRecord {
  readonly record: EntityRecord;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when the record was deleted; its content stays for history and audit. */
  readonly deletedAt?: string;
}

export const RECORD_OPS = ['put', 'delete'] as const;
export type RecordOp = (typeof RECORD_OPS)[number];

/** One entry of a record's history; a deletion is an entry of its own, never a silent removal. */
export interface RecordVersion {
  readonly version: number;
  readonly op: RecordOp;
  readonly actor: string;
  readonly at: string;
  /** Deletions only. */
  readonly reason?: string;
  /** Puts only: the content as it was at that version. */
  readonly record?: EntityRecord;
}

export interface DeleteRecordOptions {
  readonly actor: string;
  readonly reason: string;
}

/** `kept`: a live record its erasure's `erasable` refused (Store.eraseRecords), left as it is. */
export type DeleteResult =
  | { readonly status: 'deleted'; readonly id: RecordId; readonly version: number }
  | { readonly status: 'already_deleted'; readonly id: RecordId; readonly version: number }
  | { readonly status: 'kept'; readonly id: RecordId; readonly version: number }
  | { readonly status: 'not_found'; readonly id: RecordId };

export interface EraseRecordsOptions extends DeleteRecordOptions {
  /**
   * Whether a live record is still to be erased, judged on it as read under the lock the erasure
   * holds its records with (PostgreSQL: its id's slot, after the audit log's): one refused is
   * left, `kept`. Absent: every live record is erased.
   */
  readonly erasable?: (stored: StoredRecord) => boolean;
}

/** What Store.eraseRecords did: a result per distinct id, in order, and the history each record erased had before (as recordHistory read it). */
export interface ErasedRecords {
  readonly results: readonly DeleteResult[];
  readonly histories: ReadonlyMap<RecordId, readonly RecordVersion[]>;
}

export interface ScanRecordsOptions {
  readonly schema?: string;
  /** Keyset paging: ids sort by byte order in both dialects; pass the last id of the previous page. */
  readonly afterId?: RecordId;
  readonly limit: number;
  readonly includeDeleted?: boolean;
}

export interface CountRecordsOptions {
  readonly schema?: string;
  readonly agency?: AgencyId;
}

export interface DueForReviewOptions {
  readonly agency: AgencyId;
  /** The last review date asked for (YYYY-MM-DD): records due by the end of that day. */
  readonly through: string;
  /** The last record of the page before: those after it in the order answered. */
  readonly after?: { readonly reviewDate: string; readonly id: RecordId };
  readonly limit: number;
}

export interface GetRecordOptions {
  readonly includeDeleted?: boolean;
}

// ---- name search ---------------------------------------------------------------------------

export interface SearchNamesOptions {
  readonly limit: number;
  readonly schema?: string;
}

/** A name-search hit; `rank` is higher for better hits and comparable within one result list only. */
export interface NameHit {
  readonly id: RecordId;
  readonly rank: number;
}

// ---- change feed ---------------------------------------------------------------------------

export interface Change {
  /** Strictly increasing, in commit order (PostgreSQL appends under a lock to keep it so). */
  readonly seq: number;
  readonly recordId: RecordId;
  readonly op: RecordOp;
  readonly version: number;
  readonly at: string;
}

// ---- users and sessions --------------------------------------------------------------------

export interface User {
  readonly id: UserId;
  readonly agency: AgencyId;
  readonly desk: DeskId;
  /** Sign-in name, unique. */
  readonly name: string;
  readonly roles: readonly string[];
  readonly clearance: Classification;
  readonly groups: readonly string[];
  readonly passwordHash: string;
  /** Set when an administrator disabled the user: no sign-in, no session. */
  readonly disabledAt?: string;
}

export interface Session {
  /** A hash of the bearer token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly userId: UserId;
  readonly expiresAt: string;
}

// ---- organisation --------------------------------------------------------------------------

/** Agencies, desks and agreements are kept as opaque JSON documents; the policy layer owns their shape. */
export interface OrgEntryInput {
  readonly id: string;
}
export interface OrgEntry {
  readonly id: string;
  readonly [key: string]: unknown;
}
export interface OrgInput {
  readonly agencies: readonly OrgEntryInput[];
  readonly desks: readonly OrgEntryInput[];
  readonly agreements: readonly OrgEntryInput[];
}
export interface Org {
  readonly agencies: readonly OrgEntry[];
  readonly desks: readonly OrgEntry[];
  readonly agreements: readonly OrgEntry[];
}

// ---- audit ---------------------------------------------------------------------------------

/** One link of the hash chain; @mosaic/audit computes hashes, the store keeps them. */
export interface StoredAuditEntry {
  readonly seq: number;
  readonly hash: string;
  readonly prevHash: string;
  /** The entry as JSON text, stored byte for byte. */
  readonly body: string;
}

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export interface AuditAppendBatch {
  /** The head the writer built on (null: the log was empty). */
  readonly after: AuditHead | null;
  /** Consecutive entries continuing `after` (seq + 1, prevHash = after.hash). */
  readonly entries: readonly StoredAuditEntry[];
  /** Checkpoints over entries of this batch, stored in the same transaction. */
  readonly checkpoints?: readonly StoredAuditCheckpoint[];
  /** Documents put in the same transaction, all or nothing with the entries (as putDocuments). */
  readonly documents?: readonly DocumentInput[];
  /**
   * A cut recorded in the same transaction (a prune's): over a stored entry or one of this batch
   * (same seq and hash), beyond the recorded cut, and not over the last entry; else MOSAIC_CONFLICT.
   */
  readonly cut?: StoredAuditCut;
}

export interface ReadAuditOptions {
  /** Inclusive. */
  readonly fromSeq: number;
  /** Inclusive; default the head. */
  readonly toSeq?: number;
  readonly limit: number;
  /** The `limit` entries next below `toSeq` (or the head), newest first: an audit search's page reads no older entry than it must. */
  readonly newestFirst?: boolean;
}

/** A signed statement that the chain up to `seq` had head `hash`; `body` (signature, key id) is opaque. */
export interface StoredAuditCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly body: string;
}

/** Where the audit log was pruned: its last deleted entry's seq and hash; `body` (signature, key id) is opaque. */
export interface StoredAuditCut {
  readonly seq: number;
  readonly hash: string;
  readonly body: string;
}

// ---- ingest --------------------------------------------------------------------------------

export interface IngestCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export interface IngestCheckpointInput extends IngestCounts {
  /** Fingerprint of the input file (e.g. sha-256 of its head and size). */
  readonly fingerprint: string;
  /** Last input line whose record is committed (1-based); resume after it. */
  readonly lastLine: number;
  /**
   * The input line of each record put with it, in order: a record the store refuses (`conflict`)
   * ends the committed lines before its own, so a resumed run reads its line again.
   */
  readonly recordLines?: readonly number[];
}

export interface IngestCheckpoint extends IngestCheckpointInput {
  readonly updatedAt: string;
}

// ---- documents -----------------------------------------------------------------------------

/** A workflow document (a check, a notification, a subscription, …): JSON listed by owner and subject. */
export interface StoredDocument {
  readonly kind: string;
  readonly id: string;
  /** The owning agency or user, as the kind defines. */
  readonly owner: string;
  readonly subject?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Another at every write of the document (any of the store's), never one it held before, a
   * deletion and a new document of the kind and id between: equal versions read the same body.
   * What a check of whether a document changed since it was read compares (getDocumentVersion).
   */
  readonly version: number;
  readonly body: unknown;
}

export interface DocumentInput {
  readonly kind: string;
  readonly id: string;
  readonly owner: string;
  readonly subject?: string;
  readonly body: unknown;
  /**
   * The records whose content the document shows (a check's hits, a notice's names), kept beside
   * it so that an erasure finds the documents showing a record (documentsMentioning) without
   * reading them all. Added to those kept for the document before, never replaced: a mention of a
   * record the document no longer shows costs an erasure one read. One narrow row each in a table
   * keyed by record, a single index insert where a document of its own would cost four.
   */
  readonly mentions?: readonly string[];
}

/** A document's mention of a record (DocumentInput.mentions), as an erasure or a deletion names it. */
export interface DocumentMention {
  readonly record: string;
  readonly id: string;
}

export interface ListDocumentsOptions {
  readonly owner?: string;
  readonly subject?: string;
  readonly limit: number;
  /** Newest first by default. */
  readonly oldestFirst?: boolean;
  /**
   * Pages through the documents by id instead: those whose id comes after this one, in id order
   * ('' for the first page; the last id of a page for the next). `oldestFirst` does not apply.
   */
  readonly afterId?: string;
}

// ---- report texts --------------------------------------------------------------------------

export interface SearchReportTextsOptions {
  readonly limit: number;
}

/** A full-text hit on a report; `rank` is higher for better hits, comparable within one list only. */
export interface ReportTextHit {
  readonly id: RecordId;
  readonly rank: number;
}

// ---- the store -----------------------------------------------------------------------------

export interface Store {
  readonly dialect: StoreDialectName;

  putRecords(records: readonly EntityRecord[], options: PutRecordsOptions): Promise<readonly PutResult[]>;
  /** putRecords for records already prepared (see prepare-record.ts), e.g. by ingest's worker threads. */
  putPreparedRecords(records: readonly PreparedRecord[], options: PutRecordsOptions): Promise<readonly PutResult[]>;
  getRecord(id: RecordId, options?: GetRecordOptions): Promise<StoredRecord | undefined>;
  getRecords(ids: readonly RecordId[], options?: GetRecordOptions): Promise<readonly StoredRecord[]>;
  /** Which of `ids` a record is stored under, not erased: the ids alone, no record read (ingest's references). */
  heldRecordIds(ids: readonly RecordId[]): Promise<ReadonlySet<RecordId>>;
  /**
   * The provenance each of `ids` is stored under, for those stored and not erased: what the
   * policy decides on, read without the records' properties (a checkpoint check's hits).
   */
  heldProvenances(ids: readonly RecordId[]): Promise<ReadonlyMap<RecordId, EntityRecord['provenance']>>;
  recordHistory(id: RecordId): Promise<readonly RecordVersion[]>;
  /**
   * recordHistory for many records, two statements a chunk for all of them (an erasure's step
   * reads every version's names of its records): each distinct id's history, [] for none stored.
   */
  recordHistories(ids: readonly RecordId[]): Promise<ReadonlyMap<RecordId, readonly RecordVersion[]>>;
  deleteRecord(id: RecordId, options: DeleteRecordOptions): Promise<DeleteResult>;
  /**
   * deleteRecord for many records in one transaction, a statement per step for all of them (an
   * erasure sweep's batch): a result per distinct id, in the order given.
   */
  deleteRecords(ids: readonly RecordId[], options: DeleteRecordOptions): Promise<readonly DeleteResult[]>;
  /**
   * deleteRecords, each live record judged first by `erasable` on its row as the erasure reads
   * it, under its lock, and the history of each record erased read before its versions' content
   * goes: the rows read once for the three (an erasure's step read them to judge them again, for
   * their histories, and to erase them, each a round trip on PostgreSQL under the audit log's lock).
   */
  eraseRecords(ids: readonly RecordId[], options: EraseRecordsOptions): Promise<ErasedRecords>;
  /**
   * What is kept of each erased record of `ids` (its schema and provenance) given `source` as its
   * provenance's source, where the source named a person erased since (a report's, copied to the
   * records confirmed from it); no version is added, and a live record is left. Returns the ids
   * whose source was replaced, in order.
   */
  replaceErasedSources(ids: readonly RecordId[], source: string): Promise<readonly RecordId[]>;
  scanRecords(options: ScanRecordsOptions): Promise<readonly StoredRecord[]>;
  /**
   * The live records whose entity properties name one of `ids` (a relationship's ends, a
   * sighting's subject…), by id: kept beside each record as it is written (record_links), so an
   * erasure reaches them without reading every record that could.
   */
  recordsNaming(ids: readonly RecordId[]): Promise<readonly StoredRecord[]>;
  countRecords(options?: CountRecordsOptions): Promise<number>;
  /**
   * An agency's live records whose review date is on or before `through`, earliest date first,
   * then by id, read by the review date's index (the retention queue's page).
   */
  recordsDueForReview(options: DueForReviewOptions): Promise<readonly StoredRecord[]>;
  /** The agencies that own a live record, in order: one look-up of the review date's index each. */
  recordAgencies(): Promise<readonly AgencyId[]>;

  searchNames(query: string, options: SearchNamesOptions): Promise<readonly NameHit[]>;

  changesSince(seq: number, limit: number): Promise<readonly Change[]>;
  latestSeq(): Promise<number>;

  upsertUser(user: User): Promise<void>;
  getUser(id: UserId): Promise<User | undefined>;
  findUserByName(name: string): Promise<User | undefined>;
  listUsers(): Promise<readonly User[]>;
  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user (disabled, password reset); returns how many. */
  deleteUserSessions(userId: UserId): Promise<number>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  putOrg(org: OrgInput): Promise<void>;
  getOrg(): Promise<Org>;

  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;

  /** The last entry's seq and hash, or null when the log is empty. */
  auditHead(): Promise<AuditHead | null>;
  /**
   * Compare-and-append, all or nothing: unless the stored head is `batch.after` and the entries
   * continue it, nothing is written and it rejects with AppError MOSAIC_CONFLICT (another node
   * appended first). Writers are serialised by a lock, so a conflict means a stale head.
   */
  appendAudit(batch: AuditAppendBatch): Promise<void>;
  /** Appends what `build` makes of the head read inside the append's own locked transaction (no conflict between nodes). */
  appendAuditOnHead(build: (head: AuditHead | null) => AuditAppendBatch): Promise<void>;
  /**
   * Within a transaction (a store given by `transaction`): takes the audit log's lock now, held to
   * the transaction's end, as an append in it would only at its end. A transaction that rewrites
   * documents an audited append also writes under that lock (a check, a notification), and then
   * appends, takes it first: taken in the other order by each, the two waited on each other.
   */
  lockAudit(): Promise<void>;
  readAudit(options: ReadAuditOptions): Promise<readonly StoredAuditEntry[]>;
  /** Stores a checkpoint over a stored entry (same seq and hash), else MOSAIC_CONFLICT. Idempotent. */
  appendCheckpoint(checkpoint: StoredAuditCheckpoint): Promise<void>;
  readCheckpoints(): Promise<readonly StoredAuditCheckpoint[]>;
  /** The latest recorded cut, or undefined when the log was never pruned. */
  readAuditCut(): Promise<StoredAuditCut | undefined>;
  /**
   * Deletes the oldest audit entries at or below `throughSeq`, at most `limit`, with the
   * checkpoints at or below the last one deleted, in one transaction; how many entries (0: none
   * left). Never beyond the recorded cut: that rejects with MOSAIC_CONFLICT and deletes nothing.
   */
  deleteAuditThrough(throughSeq: number, limit: number): Promise<number>;

  getIngestCheckpoint(fingerprint: string): Promise<IngestCheckpoint | undefined>;
  putIngestCheckpoint(checkpoint: IngestCheckpointInput): Promise<void>;

  /** Create or replace a document (keeps its creation time). */
  putDocument(document: DocumentInput): Promise<void>;
  /**
   * Writes the document only if none of its kind and id is stored; whether it did. Several nodes
   * may race for one (kind, id): exactly one of them creates it (a claim, as a hit's decision is).
   */
  createDocument(document: DocumentInput): Promise<boolean>;
  /** putDocument for many in one statement per chunk: all written or none (one per (kind, id); the last wins). */
  putDocuments(documents: readonly DocumentInput[]): Promise<void>;
  /**
   * Gives top-level members of a stored document's body new values, the others kept as stored
   * (the body as `{ ...stored, ...fields }`; a member whose value JSON drops is taken out; no key
   * read as an array index), without the body parsed and written out again: a report's review,
   * megabytes of extraction, takes a decision on one entity this way. Its owner, subject and
   * mentions are kept. Whether the document was there (none is made).
   */
  putDocumentFields(kind: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<boolean>;
  getDocument(kind: string, id: string): Promise<StoredDocument | undefined>;
  /**
   * The stored document's version (StoredDocument.version) without its body, undefined when none is
   * stored: whether a document of megabytes changed since it was read, asked under a lock.
   */
  getDocumentVersion(kind: string, id: string): Promise<number | undefined>;
  /**
   * getDocument for many of one kind in a statement a chunk (an erasure's step reads every
   * document showing its records): those stored, each once, in id order; absent ones not named.
   */
  getDocuments(kind: string, ids: readonly string[]): Promise<readonly StoredDocument[]>;
  listDocuments(kind: string, options: ListDocumentsOptions): Promise<readonly StoredDocument[]>;
  /**
   * The documents of `kind` whose subject is one of `subjects`, every one of them, by subject then
   * id, in a statement a chunk (an erasure's step reads the judgements listed under its records).
   */
  documentsAbout(kind: string, subjects: readonly string[]): Promise<readonly StoredDocument[]>;
  deleteDocument(kind: string, id: string): Promise<boolean>;
  /**
   * deleteDocument only while the stored body is still `body` (as it was read); whether it
   * deleted. A claim is released by its holder, or taken over from a stopped one, this way: of the
   * nodes that read the same stale claim, one deletes it, and a claim made since is left alone.
   */
  deleteDocumentIf(kind: string, id: string, body: unknown): Promise<boolean>;
  /**
   * Its update time made now, only while the stored body is still `body`; whether it was. A
   * claim's holder shows so that it is at work (claim-lease.ts), and never renews a claim that
   * another node took over meanwhile.
   */
  renewDocumentIf(kind: string, id: string, body: unknown): Promise<boolean>;
  /**
   * deleteDocument for many of one kind in one transaction (a statement per chunk): the ids it
   * deleted, each once (not those already gone: another node sweeping at the same time, say).
   */
  deleteDocuments(kind: string, ids: readonly string[]): Promise<readonly string[]>;
  /** The ids of the documents of `kind` kept with a mention of `record` (DocumentInput.mentions), in id order. */
  documentsMentioning(kind: string, record: string): Promise<readonly string[]>;
  /**
   * documentsMentioning for many records in a statement a chunk (an erasure's step): the mentions
   * of `records` kept by documents of `kind`, by record then document id.
   */
  documentMentions(kind: string, records: readonly string[]): Promise<readonly DocumentMention[]>;
  /**
   * Forgets these mentions by documents of `kind`: those an erasure rewrote the documents for, or
   * those of documents deleted (a document's deletion does not find its mentions: they are keyed
   * by record, and its deleter names them from its body). Those of many records in a statement a
   * chunk, each (record, id) and no other: an erasure's step forgets those of all its records.
   */
  forgetMentions(kind: string, mentions: readonly DocumentMention[]): Promise<void>;

  /**
   * Create or replace the text of a report (keyed by the report's record id) and index its words:
   * `words`, reportWords(text), when given (worked out before the transaction that writes it, to
   * hold the transaction's locks the shorter: a 10 MB text's take 0.4 s), else read from `text`.
   */
  putReportText(id: RecordId, text: string, words?: string): Promise<void>;
  getReportText(id: RecordId): Promise<string | undefined>;
  /**
   * The version of the report's text, without the text; undefined when none is stored. Another at
   * every write of it (putReportText), never one it held before, a deletion and a new text between:
   * equal versions read the same text. Whether a text of megabytes changed since it was read,
   * asked under a lock.
   */
  getReportTextVersion(id: RecordId): Promise<number | undefined>;
  /**
   * Reports whose text holds every word of the query (folded as names are: case and diacritics
   * ignored), best first. Policy is the caller's: hits are ids only.
   */
  searchReportTexts(query: string, options: SearchReportTextsOptions): Promise<readonly ReportTextHit[]>;
  /**
   * The reports whose text was first written last (their upload), newest first (ties by id, last
   * first); a text written again (an erasure's rewrite) keeps its place. Policy is the caller's: ids only.
   */
  latestReportTexts(options: { readonly limit: number }): Promise<readonly RecordId[]>;

  /** Messages between the nodes sharing this store (LISTEN/NOTIFY on PostgreSQL; this process only on sqlite). */
  readonly bus: MessageBus;

  /** Runs `fn` against a store bound to one transaction; nested calls join the outer one. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
