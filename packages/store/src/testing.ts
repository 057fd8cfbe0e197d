/**
 * PostgreSQL for tests: the database named by MOSAIC_TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), each suite in schemas of its own that it drops
 * afterwards. A suite that needs it asks first: under CI an unreachable database fails the run
 * (CI must provide it); elsewhere the suite is skipped with a warning that says why — never silently.
 */
import pg from 'pg';

export const TEST_DATABASE_URL = process.env['MOSAIC_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why the database cannot be used (connection or query error), or undefined when it answers. */
async function postgresProblem(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether PostgreSQL answers at `url`. Unreachable: throws under CI, otherwise warns that the
 * suite named `suite` is skipped and returns false.
 */
export async function postgresReachable(suite: string, url: string = TEST_DATABASE_URL): Promise<boolean> {
  const problem = await postgresProblem(url);
  if (problem === undefined) return true;
  if (process.env['CI'] !== undefined) throw new Error(`${suite}: PostgreSQL unreachable under CI (${problem}); set MOSAIC_TEST_DATABASE_URL`);
  console.warn(`${suite}: SKIPPED — PostgreSQL unreachable (${problem}); set MOSAIC_TEST_DATABASE_URL or start PostgreSQL. Under CI this fails.`);
  return false;
}

/** Drops the schemas a suite made (and everything in them). */
export async function dropTestSchemas(schemas: readonly string[], url: string = TEST_DATABASE_URL): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
