/**
 * Report texts and their full-text index. The text of an uploaded report is kept apart from its
 * record (the record holds the report's metadata and provenance, so the policy governs it like
 * any other claim) because it is large, never changes after upload, and must not ride along on
 * every scan of the records. Search is over folded tokens computed in code (name-text.ts), so
 * both dialects index and query the same words: in sqlite a contentless FTS5 table keyed by
 * report_texts.rid, in PostgreSQL a generated tsvector column ('simple' configuration).
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

export const reportTextsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    const statements = context.dialect === 'postgres' ? POSTGRES : SQLITE;
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of [...(context.dialect === 'sqlite' ? ['report_text_index'] : []), 'report_texts']) {
      await sql.raw(`drop table if exists ${table}`).execute(db);
    }
  },
});

const SQLITE = [
  `create table report_texts (
    rid integer primary key,
    id text not null unique,
    text text not null,
    folded text not null,
    updated_at text not null
  )`,
  // Contentless: the words live in report_texts.folded; rowid is report_texts.rid.
  `create virtual table report_text_index using fts5 (folded, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`,
];

const POSTGRES = [
  `create table report_texts (
    id text collate "C" primary key,
    text text not null,
    folded text not null,
    folded_tsv tsvector generated always as (to_tsvector('simple', folded)) stored,
    updated_at timestamptz not null
  )`,
  `create index report_texts_folded_tsv on report_texts using gin (folded_tsv)`,
];
