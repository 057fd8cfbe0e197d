/**
 * A migration that may differ per dialect. Kysely's `Migration` gets only a `Kysely<any>`; ours
 * are built for a dialect first, so a file can branch where the databases really differ
 * (FTS5 vs tsvector) and share the rest.
 */
import type { ColumnDataType, Migration } from 'kysely';
import type { StoreDialectName } from '../store.ts';

export interface MigrationContext {
  readonly dialect: StoreDialectName;
}

export type StoreMigration = (context: MigrationContext) => Migration;

/** Column type for a point in time: ISO text in sqlite, timestamptz in PostgreSQL. */
export function timeType(context: MigrationContext): ColumnDataType {
  return context.dialect === 'postgres' ? 'timestamptz' : 'text';
}

/** Column type for ids that are keyset-paged: byte order in both dialects. */
export function idType(context: MigrationContext): ColumnDataType {
  return context.dialect === 'postgres' ? ('text collate "C"' as ColumnDataType) : 'text';
}
