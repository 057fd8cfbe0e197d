/** Brings a database to the latest schema with Kysely's Migrator and the migrations in code. */
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationProvider, type TableMetadata } from 'kysely';
import { AppError } from '@mosaic/model';
import { MIGRATIONS } from './migrations/index.ts';
import type { StoreMigration } from './migrations/store-migration.ts';
import type { StoreDialectName } from './store.ts';

export interface MigrateOptions {
  readonly dialect: StoreDialectName;
  /** PostgreSQL schema holding the tables and Kysely's migration bookkeeping. */
  readonly schema?: string;
  readonly migrations?: Readonly<Record<string, StoreMigration>>;
}

export async function migrateToLatest<DB>(db: Kysely<DB>, { dialect, schema, migrations = MIGRATIONS }: MigrateOptions): Promise<readonly string[]> {
  const provider: MigrationProvider = {
    getMigrations: () => {
      const built: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) built[name] = migration({ dialect });
      return Promise.resolve(built);
    },
  };
  const migrator = new Migrator({ db: dialect === 'postgres' && schema !== undefined ? withIntrospectionOf(db, schema) : db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('MOSAIC_STORE_UNAVAILABLE', `store: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * `db` whose introspection sees `schema` alone. The migrator asks only whether its schema and its
 * bookkeeping tables exist, and Kysely's PostgreSQL introspection answers by reading every column
 * of every table in every schema of the database, through functions (has_schema_privilege,
 * pg_get_serial_sequence) that fail when another schema is dropped meanwhile: a store opened
 * while another deployment's schema, or a finished test's, was being dropped failed to migrate
 * ("schema … does not exist"). Answered here from the catalog's rows for `schema` only.
 */
function withIntrospectionOf<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_catalog.pg_tables where schemaname = ${schema}`.execute(db);
    return rows.map((row) => ({ name: row.name, schema, isView: false, columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows,
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
  // bound to the instance itself: Kysely keeps its state in private fields a proxy cannot read
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
