/**
 * Deployments side by side in one PostgreSQL database (MOSAIC_DATABASE_SCHEMA): one in a named
 * schema and one in the connection's own, each with its own tables and migration bookkeeping,
 * whichever is made first. On a database of the suite's own, since the default schema is the
 * whole database's `public`. Needs MOSAIC_TEST_DATABASE_URL: fails under CI without it, skipped
 * elsewhere with a warning.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, postgresReachable } from '../testing.ts';
import { openPostgresStore } from './open-postgres-store.ts';

const available = await postgresReachable('a PostgreSQL deployment in the default schema beside one in a named schema');

describe.runIf(available)('a deployment in the default schema of a database holding one in a named schema', () => {
  const database = `mosaic_side_by_side_${randomBytes(6).toString('hex')}`;
  afterAll(async () => dropTestDatabase(database));

  it('is made with its own tables and bookkeeping, in public, and the named one is left as it was', async () => {
    const url = await createTestDatabase(database);
    const named = await openPostgresStore({ databaseUrl: url, schema: 'other' });
    await named.close();
    const own = await openPostgresStore({ databaseUrl: url });
    await own.close();
    // opened again, each finds its migrations done
    await (await openPostgresStore({ databaseUrl: url })).close();
    await (await openPostgresStore({ databaseUrl: url, schema: 'other' })).close();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = async (schema: string) => (await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = $1 and table_name in ('records', 'audit_entries', 'kysely_migration', 'kysely_migration_lock') order by table_name`, [schema],
      )).rows.map((row) => row.table_name);
      const expected = ['audit_entries', 'kysely_migration', 'kysely_migration_lock', 'records'];
      expect(await tables('public')).toEqual(expected);
      expect(await tables('other')).toEqual(expected);
      const migrations = async (schema: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${schema}.kysely_migration`)).rows[0]?.n);
      expect(await migrations('public')).toBe(await migrations('other'));
    } finally {
      await client.end();
    }
  });
});

describe.runIf(available)('a database URL PostgreSQL cannot be reached at', () => {
  it('is named in the refusal without its password, and one that is no URL is refused without being shown', async () => {
    const refused = await openPostgresStore({ databaseUrl: 'postgres://mosaic:s3cret-pw@127.0.0.1:1/mosaic?password=s3cret-pw&application_name=node1' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'MOSAIC_STORE_UNAVAILABLE' });
    expect((refused as Error).message).toContain('postgres://mosaic@127.0.0.1:1/mosaic?application_name=node1');
    expect((refused as Error).message).not.toContain('s3cret-pw');
    const noUrl = await openPostgresStore({ databaseUrl: 'postgres://mosaic:s3cret-pw@127.0.0.1:99999/mosaic' }).catch((error: unknown) => error);
    expect(noUrl).toMatchObject({ code: 'MOSAIC_INVALID_CONFIG' });
    expect((noUrl as Error).message).toMatch(/database URL/);
    expect((noUrl as Error).message).not.toContain('s3cret-pw');
  });
});
