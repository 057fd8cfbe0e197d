/**
 * The tables as Kysely sees them. Column types are what both dialects accept on write; on read
 * PostgreSQL returns `Date` for timestamptz, which `row-values.ts` turns back into ISO strings;
 * int8 is parsed to number by the pool (sequence values stay far below 2^53).
 * Times are ISO strings in sqlite and timestamptz in PostgreSQL.
 */
import type { ColumnType, Generated } from 'kysely';

type Time = ColumnType<string | Date, string, string>;

export interface RecordsTable {
  /** `agency:sourceRecordId`; byte-ordered in both dialects (PostgreSQL: collate "C"). */
  id: string;
  agency: string;
  schema: string;
  /** JSON of { schema, properties, provenance }; same canonical JSON means "unchanged" (record-writer.ts). */
  document: string;
  /** Distinct folded name tokens, space-separated (name-text.ts); indexed by FTS5 / tsvector. */
  names: string;
  version: number;
  actor: string;
  reason: string | null;
  created_at: Time;
  updated_at: Time;
  deleted_at: Time | null;
}

export interface RecordVersionsTable {
  record_id: string;
  version: number;
  op: string;
  document: string | null;
  actor: string;
  reason: string | null;
  at: Time;
}

export interface ChangesTable {
  seq: Generated<number>;
  record_id: string;
  op: string;
  version: number;
  at: Time;
}

export interface UsersTable {
  id: string;
  agency: string;
  desk: string;
  name: string;
  /** JSON array of strings. */
  roles: string;
  clearance: string;
  /** JSON array of strings. */
  groups: string;
  password_hash: string;
  updated_at: Time;
  /** Set when an administrator disabled the user (migration 0008). */
  disabled_at: Time | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: Time;
  created_at: Time;
}

export interface OrgEntriesTable {
  kind: string;
  id: string;
  position: number;
  document: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Time;
}

export interface AuditEntriesTable {
  seq: number;
  hash: string;
  prev_hash: string;
  body: string;
}

export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: Time;
  body: string;
}

export interface AuditCutsTable {
  seq: number;
  hash: string;
  at: Time;
  body: string;
}

export interface IngestBatchesTable {
  fingerprint: string;
  last_line: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  updated_at: Time;
}

export interface DocumentsTable {
  kind: string;
  id: string;
  owner: string;
  subject: string | null;
  created_at: Time;
  updated_at: Time;
  /** Made anew by every write of the document (StoredDocument.version): the store-wide counter's next value. */
  version: number;
  body: string;
}

/** sqlite's one row: the highest version a deleted document held (PostgreSQL keeps a sequence of the name). */
export interface DocumentVersionsTable {
  n: number;
}

/** A document's mention of a record (DocumentInput.mentions): keyed by record, for an erasure to find. */
export interface DocumentMentionsTable {
  record: string;
  kind: string;
  id: string;
}

/** A record's naming of another (record-links.ts): keyed by the record named, for an erasure to find. */
export interface RecordLinksTable {
  target: string;
  source: string;
}

export interface ReportTextsTable {
  /** The report's record id. */
  id: string;
  /** The text as read from the uploaded document, kept byte for byte. */
  text: string;
  /** Distinct folded words of the text (name-text.ts), which the full-text index sees. */
  folded: string;
  updated_at: Time;
  /** Made anew by every write of the text (Store.getReportTextVersion), none the report's text held before. */
  version: number;
}

/** sqlite's one row: the highest version a deleted report's text held (PostgreSQL keeps a sequence of the name). */
export interface ReportTextVersionsTable {
  n: number;
}

export interface Database {
  records: RecordsTable;
  record_versions: RecordVersionsTable;
  changes: ChangesTable;
  users: UsersTable;
  sessions: SessionsTable;
  org_entries: OrgEntriesTable;
  settings: SettingsTable;
  audit_entries: AuditEntriesTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_cuts: AuditCutsTable;
  ingest_batches: IngestBatchesTable;
  documents: DocumentsTable;
  document_mentions: DocumentMentionsTable;
  document_versions: DocumentVersionsTable;
  record_links: RecordLinksTable;
  report_texts: ReportTextsTable;
  report_text_versions: ReportTextVersionsTable;
}
