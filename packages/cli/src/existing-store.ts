/**
 * Commands that read or administer a deployment (users, reports, graph, retention sweep, audit)
 * work on an existing store only: opening one where there is none would create it, and an audit
 * key, and answer about an empty store as if it were the one asked about. Only `mosaic start`,
 * `serve` and `ingest` make a store. On PostgreSQL the store is the schema holding Mosaic's
 * tables (MOSAIC_DATABASE_SCHEMA, or the connection's own): a mistyped one holds none, and is
 * not created by looking.
 */
import { AppError } from '@mosaic/model';
import { storeLocation, type MosaicConfig } from '@mosaic/service';
import { storeExists } from '@mosaic/store';

export async function existingStore(command: string, config: MosaicConfig): Promise<MosaicConfig> {
  if (!(await storeExists(storeLocation(config)))) {
    throw new AppError('MOSAIC_NOT_FOUND', config.databaseUrl === undefined
      ? `${command}: no store in ${config.dataDir} (--data DIR or MOSAIC_DATA_DIR names the store)`
      : `${command}: no store in ${postgresPlace(config.databaseUrl, config.databaseSchema)} (MOSAIC_DATABASE_URL or --database-url, and MOSAIC_DATABASE_SCHEMA, name the store)`);
  }
  return config;
}

/** The schema and database, named without the URL's user or password. */
function postgresPlace(databaseUrl: string, schema: string | undefined): string {
  let database = 'the database';
  try {
    const url = new URL(databaseUrl);
    const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
    database = `database ${name === '' ? '(default)' : name} on ${url.host}`;
  } catch {
    // parseConfig checked the scheme; a URL the parser refuses is still named by neither part.
  }
  return schema === undefined ? `the default schema of ${database}` : `schema ${schema} of ${database}`;
}
