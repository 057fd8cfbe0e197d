/**
 * PostgreSQL for tests: the database named by MOSAIC_TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), each suite in schemas of its own that it drops
 * afterwards (or, to refuse its connections for a while, a database of its own). A suite that
 * needs it asks first: under CI an unreachable database fails the run (CI must provide it);
 * elsewhere the suite is skipped with a warning that says why — never silently.
 */
import pg from 'pg';
import { MIGRATIONS } from './migrations/index.ts';

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

/**
 * A database of a suite's own (named `name`, made anew), for what acts on a whole database:
 * refusing its connections (testOutage). Its URL; drop it with dropTestDatabase.
 */
export async function createTestDatabase(name: string, url: string = TEST_DATABASE_URL): Promise<string> {
  await onDatabase(url, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const own = new URL(url);
  own.pathname = `/${name}`;
  return own.toString();
}

export async function dropTestDatabase(name: string, url: string = TEST_DATABASE_URL): Promise<void> {
  await onDatabase(url, (client) => client.query(`drop database if exists ${name} with (force)`));
}

/**
 * A short outage of PostgreSQL as a node's message bus meets it: database `name` refuses new
 * connections, every connection to it that LISTENs is ended (and waited for: nothing sent after
 * reaches it), `during` runs, and `refuseMs` after the cut connections are taken again. The
 * connections open and not listening (the nodes' pools) stay, so a node can still write
 * meanwhile. How many listening connections were ended.
 */
export async function testOutage(name: string, { refuseMs, during = async () => undefined, url = TEST_DATABASE_URL }: { readonly refuseMs: number; readonly during?: () => Promise<void>; readonly url?: string }): Promise<number> {
  return onDatabase(url, async (client) => {
    await client.query(`alter database ${name} allow_connections false`);
    const cutAt = Date.now();
    try {
      const ended = await client.query(`select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and query ilike 'listen %'`, [name]);
      await during();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + refuseMs - Date.now())));
      return ended.rowCount ?? 0;
    } finally {
      await client.query(`alter database ${name} allow_connections true`);
    }
  });
}

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The tables each migration since 0012 makes, for a migration's test to stand for a store made
 * before it: the bookkeeping rows of that migration and of every later one deleted, and the tables
 * they made dropped, so that opening the store runs them all again in order (Kysely refuses to
 * run one older than the last it ran). A migration that makes a table lists it here
 * (before-migration.test.ts checks that each one is listed).
 */
export const TABLES_MADE: Readonly<Record<string, readonly string[]>> = {
  '0012-judgement-notes': [],
  '0013-document-mentions': ['document_mentions'],
  '0014-record-links': ['record_links'],
  '0015-document-versions': [],
  '0016-report-text-versions': [],
};

/**
 * What a migration since 0012 makes besides the tables it lists in TABLES_MADE, undone in turn
 * with them: a column added to a table made before, or what one dialect keeps differently (the
 * counter of documents' versions is a sequence on PostgreSQL, a table on sqlite).
 */
const OTHERS_UNDONE: Readonly<Record<string, (named: (name: string) => string, postgres: boolean) => readonly string[]>> = {
  '0015-document-versions': (named, postgres) => [
    ...(postgres ? [`drop sequence ${named('document_versions')}`] : ['drop trigger documents_version_deleted', 'drop table document_versions']),
    `alter table ${named('documents')} drop column version`,
  ],
  // sqlite drops no column an index or a trigger names
  '0016-report-text-versions': (named, postgres) => [
    ...(postgres ? [`drop sequence ${named('report_text_versions')}`] : ['drop trigger report_texts_version_deleted', 'drop table report_text_versions', 'drop index report_texts_version']),
    `alter table ${named('report_texts')} drop column version`,
  ],
};

/** The statements that make a store look as one made before `migration` (in `schema` on PostgreSQL; without one, sqlite). */
export function beforeMigration(migration: string, schema?: string): string[] {
  const named = (table: string): string => (schema === undefined ? table : `${schema}.${table}`);
  const later = Object.keys(MIGRATIONS).filter((name) => name >= migration).reverse();
  const undone = (name: string): readonly string[] => [
    ...(OTHERS_UNDONE[name]?.(named, schema !== undefined) ?? []),
    ...(TABLES_MADE[name] ?? []).map((table) => `drop table ${named(table)}`),
  ];
  return [`delete from ${named('kysely_migration')} where name >= '${migration}'`, ...later.flatMap(undone)];
}
