/**
 * A store whose reports' texts were written before they had versions: migrating keeps each text as
 * it was (read, found by its words, listed as before) with a version, and the next write of one
 * gives it another, as it does a text written since, erased and written again too; on sqlite and
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { AgencyId, RecordId, type EntityRecord } from '@mosaic/model';
import { expect } from 'vitest';
import { describeMigration } from './migration.fixture.ts';
import type { Store } from '../store.ts';

const MIGRATION = '0016-report-text-versions';
const [A, B] = [RecordId('fedpol:report-a'), RecordId('zone5:report-b')];

/** Report A's record, whose erasure erases its text. */
const REPORT: EntityRecord = {
  id: A, schema: 'Report', properties: { title: ['Harbour'], collection: ['c1'] },
  provenance: {
    agency: AgencyId('fedpol'), source: 'fedpol/reports', sourceRecordId: 'report-a', reliability: 'B', credibility: 2,
    marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8', reviewDate: '2030-01-01',
  },
};

async function writeOld(store: Store): Promise<void> {
  await store.putReportText(A, 'Farid Haddou was seen near the harbour.');
  await store.putReportText(B, 'Lioba Strand called twice.');
}

async function expectMigrated(store: Store): Promise<void> {
  expect(await store.getReportText(A)).toBe('Farid Haddou was seen near the harbour.');
  expect((await store.searchReportTexts('haddou harbour', { limit: 10 })).map((hit) => hit.id)).toEqual([A]);
  expect(await store.latestReportTexts({ limit: 10 })).toEqual([B, A]);
  const old = await store.getReportTextVersion(A);
  expect(old).toBeTypeOf('number');
  // written after, a text is given a version it did not hold, erased and written again too
  await store.putReportText(A, 'Nothing of note on the quay.');
  const written = await store.getReportTextVersion(A);
  expect(written).not.toBe(old);
  await store.putRecords([REPORT], { actor: 'test' });
  await store.deleteRecord(A, { actor: 'user:dpo', reason: 'review date passed' });
  expect(await store.getReportTextVersion(A)).toBeUndefined();
  await store.putReportText(A, 'Farid Haddou was seen near the harbour.');
  expect([old, written]).not.toContain(await store.getReportTextVersion(A));
  expect((await store.searchReportTexts('haddou harbour', { limit: 10 })).map((hit) => hit.id)).toEqual([A]);
  expect(await store.getReportText(B)).toBe('Lioba Strand called twice.');
}

await describeMigration(MIGRATION, { does: 'keeps every report\'s text as it was, with a version its next write changes', writeOld, expectMigrated });
