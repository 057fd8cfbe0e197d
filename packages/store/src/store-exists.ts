/**
 * Whether a Mosaic store is where the configuration points, found without creating anything.
 * openStore makes what is missing (the data folder and the sqlite file; a PostgreSQL schema and
 * its tables): right for the commands that set up and serve a deployment, wrong for those that
 * read or administer one, where a mistyped folder or schema would get a new, empty store and be
 * answered about that one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { AppError } from '@mosaic/model';
import { unreachableAt } from './postgres/database-url.ts';
import type { OpenStoreOptions } from './open-store.ts';
import { POSTGRES_SCHEMA_NAME } from './postgres/open-postgres-store.ts';
import { SQLITE_FILE_NAME } from './sqlite/open-sqlite-store.ts';

/** Tables every migrated Mosaic store has: a schema without them holds no Mosaic store. */
const MOSAIC_TABLES = ['records', 'audit_entries'] as const;

export async function storeExists(location: OpenStoreOptions): Promise<boolean> {
  if (!('databaseUrl' in location)) return existsSync(join(location.dataDir, SQLITE_FILE_NAME));
  const { databaseUrl, schema } = location;
  if (schema !== undefined && !POSTGRES_SCHEMA_NAME.test(schema)) {
    throw new AppError('MOSAIC_INVALID_CONFIG', 'store: schema must be a lower-case SQL identifier');
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw unreachableAt(databaseUrl, error);
  }
  try {
    // Without a schema the store is in the connection's own (search_path), as openStore puts it.
    const found = await client.query<{ tables: number }>(
      'select count(*)::int as tables from information_schema.tables where table_schema = coalesce($1::text, current_schema()) and table_name = any($2::text[])',
      [schema ?? null, [...MOSAIC_TABLES]],
    );
    return found.rows[0]?.tables === MOSAIC_TABLES.length;
  } finally {
    await client.end().catch(() => undefined);
  }
}
