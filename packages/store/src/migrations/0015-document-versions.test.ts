/**
 * A store whose documents were written before they had versions: migrating keeps each document as
 * it was (body, owner, subject, times, mentions, listed as before) with a version, and the next
 * write of one gives it another, as it does a document written since; on sqlite and PostgreSQL
 * (MOSAIC_TEST_DATABASE_URL).
 */
import { expect } from 'vitest';
import { describeMigration } from './migration.fixture.ts';
import type { Store } from '../store.ts';

const MIGRATION = '0015-document-versions';

async function writeOld(store: Store): Promise<void> {
  await store.putDocuments([
    { kind: 'report-review', id: 'fedpol:r1', owner: 'fedpol', subject: 'fedpol:r1', body: { report: 'fedpol:r1', entities: {}, relations: [] } },
    { kind: 'check', id: 'c1', owner: 'zone-north', subject: 'fedpol:p1', body: { id: 'c1', hits: [] }, mentions: ['fedpol:p1'] },
    { kind: 'check', id: 'c2', owner: 'zone-north', body: { id: 'c2', hits: [] } },
  ]);
}

async function expectMigrated(store: Store): Promise<void> {
  const review = await store.getDocument('report-review', 'fedpol:r1');
  expect(review).toMatchObject({ owner: 'fedpol', subject: 'fedpol:r1', body: { report: 'fedpol:r1', entities: {}, relations: [] } });
  expect(await store.getDocumentVersion('report-review', 'fedpol:r1')).toBe(review?.version);
  expect((await store.listDocuments('check', { owner: 'zone-north', limit: 10, oldestFirst: true })).map((d) => d.id)).toEqual(['c1', 'c2']);
  expect((await store.listDocuments('check', { subject: 'fedpol:p1', limit: 10 })).map((d) => d.id)).toEqual(['c1']);
  expect(await store.documentsMentioning('check', 'fedpol:p1')).toEqual(['c1']);
  // written after, a document is given a version it did not hold, deleted and made again too
  expect(await store.putDocumentFields('report-review', 'fedpol:r1', { entities: { e1: { status: 'rejected' } } })).toBe(true);
  const written = await store.getDocumentVersion('report-review', 'fedpol:r1');
  expect(written).not.toBe(review?.version);
  const check = await store.getDocumentVersion('check', 'c2');
  expect(await store.deleteDocument('check', 'c2')).toBe(true);
  await store.putDocument({ kind: 'check', id: 'c2', owner: 'zone-north', body: { id: 'c2' } });
  expect(await store.getDocumentVersion('check', 'c2')).not.toBe(check);
  expect((await store.getDocument('report-review', 'fedpol:r1'))?.body).toEqual({ report: 'fedpol:r1', entities: { e1: { status: 'rejected' } }, relations: [] });
}

await describeMigration(MIGRATION, { does: 'keeps every document as it was, with a version its next write changes', writeOld, expectMigrated });
