/** Brings a database to the latest schema with Kysely's Migrator and the migrations in code. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('MOSAIC_STORE_UNAVAILABLE', `store: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
