/**
 * A migration's test, on sqlite and, where it is reachable, PostgreSQL (MOSAIC_TEST_DATABASE_URL):
 * a store made by the current code is written as an older one was (`writeOld`), made to look as
 * one made before `migration` (beforeMigration: its bookkeeping and that of every later one gone,
 * their tables dropped), and opened again, which migrates it; `expectMigrated` then reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../sqlite/open-sqlite-store.ts';
import { openPostgresStore } from '../postgres/open-postgres-store.ts';
import { beforeMigration, dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '../testing.ts';
import type { Store } from '../store.ts';

export interface MigrationCase {
  /** What the migration does, as the test's name. */
  readonly does: string;
  readonly writeOld: (store: Store) => Promise<void>;
  readonly expectMigrated: (store: Store) => Promise<void>;
}

export async function describeMigration(migration: string, { does, writeOld, expectMigrated }: MigrationCase): Promise<void> {
  describe(`${migration} on sqlite`, () => {
    it(does, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), `mosaic-${migration.slice(0, 4)}-`));
      try {
        const before = await openSqliteStore({ dataDir });
        await writeOld(before);
        await before.close();
        const raw = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
        for (const statement of beforeMigration(migration)) raw.prepare(statement).run();
        raw.close();
        const after = await openSqliteStore({ dataDir });
        await expectMigrated(after);
        await after.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  const available = await postgresReachable(`${migration} on PostgreSQL`);
  describe.runIf(available)(`${migration} on PostgreSQL`, () => {
    const schema = `migration_${migration.slice(0, 4)}_${randomBytes(6).toString('hex')}`;
    afterAll(async () => dropTestSchemas([schema]));

    it(does, async () => {
      const before = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
      await writeOld(before);
      await before.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const statement of beforeMigration(migration, schema)) await client.query(statement);
      } finally {
        await client.end();
      }
      const after = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
      await expectMigrated(after);
      await after.close();
    });
  });
}
