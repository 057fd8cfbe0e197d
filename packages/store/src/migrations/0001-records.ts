/**
 * Records, their earlier versions, the change feed and the name index.
 *
 * `records` holds the current version of each record (deleted ones stay, marked); an update or
 * deletion first copies the row it replaces into `record_versions`, so history is the versions
 * plus the current row. Name index: in PostgreSQL a generated tsvector column, so the database
 * keeps it; in sqlite a contentless FTS5 table (rowid = records.rid) that the store fills
 * set-wise per batch (`StoreDialect.indexNames`) — per-row triggers made ingest ~3x slower.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

export const recordsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    const statements = context.dialect === 'postgres' ? POSTGRES : SQLITE;
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['changes', 'record_versions', ...(context.dialect === 'sqlite' ? ['record_names'] : []), 'records']) {
      await sql.raw(`drop table if exists ${table}`).execute(db);
    }
  },
});

const SQLITE = [
  `create table records (
    rid integer primary key,
    id text not null unique,
    agency text not null check (length(agency) > 0),
    schema text not null check (length(schema) > 0),
    document text not null,
    names text not null,
    version integer not null check (version > 0),
    actor text not null,
    reason text,
    created_at text not null,
    updated_at text not null,
    deleted_at text
  )`,
  `create index records_schema_id on records (schema, id)`,
  `create index records_agency on records (agency)`,
  `create table record_versions (
    record_id text not null,
    version integer not null,
    op text not null check (op in ('put', 'delete')),
    document text,
    actor text not null,
    reason text,
    at text not null,
    primary key (record_id, version)
  ) without rowid`,
  `create table changes (
    seq integer primary key autoincrement,
    record_id text not null,
    op text not null check (op in ('put', 'delete')),
    version integer not null,
    at text not null
  )`,
  // Contentless: the text lives in records.names; rowid is records.rid.
  `create virtual table record_names using fts5 (names, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`,
];

const POSTGRES = [
  `create table records (
    id text collate "C" primary key,
    agency text not null check (length(agency) > 0),
    schema text not null check (length(schema) > 0),
    document text not null,
    names text not null,
    names_tsv tsvector generated always as (to_tsvector('simple', names)) stored,
    version integer not null check (version > 0),
    actor text not null,
    reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    deleted_at timestamptz
  )`,
  `create index records_schema_id on records (schema, id)`,
  `create index records_agency on records (agency)`,
  `create index records_names_tsv on records using gin (names_tsv) where deleted_at is null`,
  `create table record_versions (
    record_id text collate "C" not null,
    version integer not null,
    op text not null check (op in ('put', 'delete')),
    document text,
    actor text not null,
    reason text,
    at timestamptz not null,
    primary key (record_id, version)
  )`,
  `create table changes (
    seq bigint generated always as identity primary key,
    record_id text collate "C" not null,
    op text not null check (op in ('put', 'delete')),
    version integer not null,
    at timestamptz not null
  )`,
  // Trigram similarity for fuzzy name lookups later; optional, so a missing contrib package or
  // privilege must not stop the store from starting.
  `do $$ begin
    create extension if not exists pg_trgm;
  exception when others then
    raise notice 'pg_trgm not available: %', sqlerrm;
  end $$`,
];
