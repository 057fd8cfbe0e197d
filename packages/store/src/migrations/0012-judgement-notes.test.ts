/**
 * A store whose judgements were written before they were listed by record: migrating lists each
 * judgement with a note under its two records (and none without one), and takes the notes out of
 * the kept outcomes, leaving the rest of them; on sqlite and PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../sqlite/open-sqlite-store.ts';
import { openPostgresStore } from '../postgres/open-postgres-store.ts';
import { beforeMigration, dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '../testing.ts';
import type { Store } from '../store.ts';

const noted = { a: 'fedpol:y', b: 'fedpol:z', verdict: 'not_same', by: 'fedpol.a1', at: '2030-01-01T00:00:00.000Z', note: 'about z' };
const plain = { a: 'fedpol:w', b: 'fedpol:y', verdict: 'same', by: 'fedpol.a1', at: '2030-01-02T00:00:00.000Z' };
const outcome = { judgement: noted, change: { judgements: [noted, plain], membership: [['fedpol:y', 'e1']], redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: 3 } };

/** Writes judgements and an outcome as they were kept before 0012. */
async function writeOld(store: Store): Promise<void> {
  await store.putDocument({ kind: 'judgement', id: 'j-noted', owner: 'fedpol.a1', subject: 'fedpol:y|fedpol:z', body: noted });
  await store.putDocument({ kind: 'judgement', id: 'j-plain', owner: 'fedpol.a1', subject: 'fedpol:w|fedpol:y', body: plain });
  await store.putDocument({ kind: 'entity-outcome', id: 'o000000000001', owner: 'resolution', body: outcome });
}

async function expectMigrated(store: Store): Promise<void> {
  for (const [record, ids] of [['fedpol:z', ['fedpol:z|j-noted']], ['fedpol:y', ['fedpol:y|j-noted']], ['fedpol:w', []]] as const) {
    const links = await store.listDocuments('judgement-record', { subject: record, limit: 10 });
    expect(links.map((d) => [d.id, d.body])).toEqual(ids.map((id) => [id, { judgement: 'j-noted' }]));
  }
  const kept = (await store.getDocument('entity-outcome', 'o000000000001'))?.body;
  const { note: _note, ...bare } = noted;
  expect(kept).toEqual({ ...outcome, judgement: bare, change: { ...outcome.change, judgements: [bare, plain] } });
  // the judgements themselves keep their notes: the erasure of a record replaces them
  expect((await store.getDocument('judgement', 'j-noted'))?.body).toEqual(noted);
}

describe('0012-judgement-notes on sqlite', () => {
  it('lists the noted judgements by record and takes the notes out of the kept outcomes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-0012-'));
    try {
      const before = await openSqliteStore({ dataDir });
      await writeOld(before);
      await before.close();
      // as a store made before 0012
      const raw = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
      for (const statement of beforeMigration('0012-judgement-notes')) raw.prepare(statement).run();
      raw.close();
      const after = await openSqliteStore({ dataDir });
      await expectMigrated(after);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const available = await postgresReachable('0012-judgement-notes on PostgreSQL');

describe.runIf(available)('0012-judgement-notes on PostgreSQL', () => {
  const schema = `judgement_notes_${randomBytes(6).toString('hex')}`;
  afterAll(async () => dropTestSchemas([schema]));

  it('lists the noted judgements by record and takes the notes out of the kept outcomes', async () => {
    const before = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
    await writeOld(before);
    await before.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const statement of beforeMigration('0012-judgement-notes', schema)) await client.query(statement);
    } finally {
      await client.end();
    }
    const after = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
    await expectMigrated(after);
    await after.close();
  });
});
