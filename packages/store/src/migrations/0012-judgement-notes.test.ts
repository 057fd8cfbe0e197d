/**
 * A store whose judgements were written before they were listed by record: migrating lists each
 * judgement with a note under its two records (and none without one), and takes the notes out of
 * the kept outcomes, leaving the rest of them; on sqlite and PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { expect } from 'vitest';
import { describeMigration } from './migration.fixture.ts';
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

await describeMigration('0012-judgement-notes', { does: 'lists the noted judgements by record and takes the notes out of the kept outcomes', writeOld, expectMigrated });
