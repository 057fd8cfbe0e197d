/**
 * A store whose records were written before record_links: migrating keeps what each live record
 * names (its entity properties), so an erasure finds the relationships and events naming a record
 * stored before as it finds those written after; an erased record names none. On sqlite and
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import { AgencyId, RecordId, recordIdOf, type EntityRecord } from '@mosaic/model';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../sqlite/open-sqlite-store.ts';
import { openPostgresStore } from '../postgres/open-postgres-store.ts';
import { beforeMigration, dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '../testing.ts';
import type { Store } from '../store.ts';

const MIGRATION = '0014-record-links';

function record(id: string, schema: string, properties: EntityRecord['properties']): EntityRecord {
  return {
    id: recordIdOf(AgencyId('fedpol'), id), schema, properties,
    provenance: {
      agency: AgencyId('fedpol'), source: 'fedpol/case-mgmt', sourceRecordId: id, reliability: 'B', credibility: 2,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8', reviewDate: '2030-01-01',
    },
  };
}

/** Two persons, a relationship and a sighting of them, and an erased sighting. */
async function writeOld(store: Store): Promise<void> {
  await store.putRecords([
    record('p1', 'Person', { name: ['Jonas Vermeulen'] }), record('p2', 'Person', { name: ['Pieter Vermeulen'] }),
    record('a1', 'Associate', { person: ['fedpol:p1'], associate: ['fedpol:p2'] }),
    record('s1', 'Sighting', { person: ['fedpol:p2'], involved: ['fedpol:p1'] }),
    record('s2', 'Sighting', { person: ['fedpol:p1'] }),
  ], { actor: 'test' });
  await store.deleteRecords([RecordId('fedpol:s2')], { actor: 'test', reason: 'test' });
}

async function expectMigrated(store: Store): Promise<void> {
  const named = async (id: string): Promise<string[]> => (await store.recordsNaming([RecordId(id)])).map((stored) => stored.record.id);
  expect(await named('fedpol:p1')).toEqual(['fedpol:a1', 'fedpol:s1']);
  expect(await named('fedpol:p2')).toEqual(['fedpol:a1', 'fedpol:s1']);
  expect(await named('fedpol:a1')).toEqual([]);
}

describe(`${MIGRATION} on sqlite`, () => {
  it('keeps what each live record stored before names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-0014-'));
    try {
      const before = await openSqliteStore({ dataDir });
      await writeOld(before);
      await before.close();
      // as a store made before 0014
      const raw = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
      for (const statement of beforeMigration(MIGRATION)) raw.prepare(statement).run();
      raw.close();
      const after = await openSqliteStore({ dataDir });
      await expectMigrated(after);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const available = await postgresReachable(`${MIGRATION} on PostgreSQL`);

describe.runIf(available)(`${MIGRATION} on PostgreSQL`, () => {
  const schema = `record_links_${randomBytes(6).toString('hex')}`;
  afterAll(async () => dropTestSchemas([schema]));

  it('keeps what each live record stored before names', async () => {
    const before = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
    await writeOld(before);
    await before.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const statement of beforeMigration(MIGRATION, schema)) await client.query(statement);
    } finally {
      await client.end();
    }
    const after = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
    await expectMigrated(after);
    await after.close();
  });
});
