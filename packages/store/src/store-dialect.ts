/**
 * The seam between the Kysely store and a database: the few things that cannot be written once
 * in Kysely's query builder. Like Kysely's own Dialect, a small interface with one
 * implementation per folder (sqlite/, postgres/).
 */
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './database.ts';
import type { SearchNamesOptions, StoreDialectName } from './store.ts';

export interface StoreDialect {
  readonly name: StoreDialectName;
  /** Rows per multi-row statement, kept under the dialect's bound-parameter limit. */
  readonly batchRows: number;
  /**
   * Serialises writers of one log until their transaction ends. 'changes': taken just before
   * change-feed rows are appended, so sequence numbers are handed out in commit order (readers
   * page by `seq > n` and must never see a smaller seq appear later). 'audit': taken before
   * the head is read, so compare-and-append is atomic across nodes.
   */
  lock(trx: Kysely<Database>, log: SerialLog): Promise<void>;
  /**
   * Brings the name index up to date inside the write transaction: `replaced` records had
   * indexed names before this write, `written` are the ids whose current row is now to be
   * indexed when live. sqlite fills FTS5 with one statement per chunk; PostgreSQL does
   * nothing (a generated column).
   */
  indexNames(trx: Kysely<Database>, written: readonly string[], replaced: readonly string[]): Promise<void>;
  /**
   * Full-text candidates for folded tokens (letters and digits only, from `nameTokens`):
   * records holding all of them or any of them, best first by their own names (the query tokens
   * they hold, then the fewest name parts, then the id; no engine's weights, which count every
   * row), with their indexed names so the store can rank by how many query tokens each one covers.
   */
  searchNames(db: Kysely<Database>, tokens: readonly string[], options: NameSearchOptions): Promise<NameCandidate[]>;
  /**
   * The version (StoredDocument.version) of a document a statement makes, as an expression for its
   * values evaluated by the statement itself (no statement of its own, nor a transaction for two):
   * none the kind and id held before, a deletion between.
   */
  newDocumentVersion(): RawBuilder<number>;
  /** The version of a stored document a statement writes again (an update, an upsert's), as newDocumentVersion: none it held before. */
  nextDocumentVersion(): RawBuilder<number>;
  /** The version of a report's text a statement makes (Store.getReportTextVersion), as newDocumentVersion: none the report's text held before. */
  newReportTextVersion(): RawBuilder<number>;
  /** The version of a stored report's text a statement writes again, as nextDocumentVersion. */
  nextReportTextVersion(): RawBuilder<number>;
  /** The version of the report's text (Store.getReportTextVersion), read without reading the text. */
  reportTextVersion(db: Kysely<Database>, id: string): Promise<number | undefined>;
  /**
   * Brings the report-text index up to date for one report whose row was just written, inside
   * the write transaction. sqlite replaces the FTS5 row; PostgreSQL does nothing (generated column).
   */
  indexReportText(trx: Kysely<Database>, id: string): Promise<void>;
  /** Removes the texts of the reports among `ids` and their index entries, inside the erasing transaction. */
  removeReportTexts(trx: Kysely<Database>, ids: readonly string[]): Promise<void>;
  /**
   * Reports whose folded words hold all the tokens (letters and digits only), best first by their
   * own words: the share of their distinct words that are tokens (`score`), then the id (no
   * engine's weights, which count every row).
   */
  searchReportTexts(db: Kysely<Database>, tokens: readonly string[], limit: number): Promise<{ readonly id: string; readonly score: number }[]>;
}

export interface NameSearchOptions extends SearchNamesOptions {
  readonly match: 'all' | 'any';
}

export interface NameCandidate {
  readonly id: string;
  /** The share of the record's name parts that are query tokens, 0–1: its own names alone. */
  readonly score: number;
  readonly names: string;
}

export const SERIAL_LOGS = ['changes', 'audit'] as const;
export type SerialLog = (typeof SERIAL_LOGS)[number];
