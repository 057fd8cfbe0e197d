/**
 * The server store: PostgreSQL through a `pg` pool and Kysely's PostgresDialect. With `schema`,
 * every connection's search_path is that schema (created if missing), which is how tests and
 * side-by-side deployments get a namespace of their own.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { AppError } from '@mosaic/model';
import { unreachableAt } from './database-url.ts';
import type { Database } from '../database.ts';
import { createKyselyStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Store } from '../store.ts';
import { createPostgresMessageBus } from './postgres-message-bus.ts';
import { createPostgresRecordWriter } from './postgres-record-writer.ts';
import { postgresStoreDialect } from './postgres-store-dialect.ts';
import { unavailableAsStoreError } from './postgres-unavailable.ts';

export interface PostgresStoreOptions {
  readonly databaseUrl: string;
  readonly schema?: string;
  readonly poolSize?: number;
  readonly now?: () => Date;
}

/** A schema name Mosaic accepts: it goes into SQL unquoted (search_path, create schema). */
export const POSTGRES_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

/** int8 as number: sequence values and counts stay far below 2^53. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return (value: string) => Number(value);
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
}

export async function openPostgresStore({ databaseUrl, schema, poolSize = 10, now }: PostgresStoreOptions): Promise<Store> {
  if (schema !== undefined && !POSTGRES_SCHEMA_NAME.test(schema)) {
    throw new AppError('MOSAIC_INVALID_CONFIG', 'store: schema must be a lower-case SQL identifier');
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // The schema the tables are made in, named to the migrator too: without one it takes Kysely's
  // bookkeeping tables in any schema for its own, so a deployment in the connection's schema
  // beside one in a named schema would find the other's and never make its own.
  let home: string | null;
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await client.query(`create schema if not exists ${schema}`);
      home = schema ?? (await client.query<{ schema: string | null }>('select current_schema() as schema')).rows[0]?.schema ?? null;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw unreachableAt(databaseUrl, error);
  }
  if (home === null) {
    await pool.end();
    throw new AppError('MOSAIC_INVALID_CONFIG', 'store: the connection\'s search_path names no schema that exists: set MOSAIC_DATABASE_SCHEMA');
  }
  // PostgreSQL refusing or ending connections later on is MOSAIC_STORE_UNAVAILABLE (503), not an unexpected error
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: unavailableAsStoreError(pool) }) });
  try {
    await migrateToLatest(db, { dialect: 'postgres', schema: home });
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const bus = createPostgresMessageBus({ databaseUrl, pool, ...(schema === undefined ? {} : { schema }) });
  return createKyselyStore(db, { dialect: postgresStoreDialect, recordWriter: createPostgresRecordWriter(), bus, ...(now === undefined ? {} : { now }) });
}
