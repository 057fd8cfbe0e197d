/**
 * A store whose checks and notifications were kept with link documents (`check-hit`,
 * `notification-record`) before mentions: migrating keeps each link as the linked document's
 * mention of the record and deletes the link documents, leaving other documents as they were; on
 * sqlite and PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { expect } from 'vitest';
import { describeMigration } from './migration.fixture.ts';
import type { Store } from '../store.ts';

const MIGRATION = '0013-document-mentions';

/** A check with two hits (one on a listed record with an alert) and a notice naming two records, as kept before 0013. */
async function writeOld(store: Store): Promise<void> {
  await store.putDocuments([
    { kind: 'check', id: 'c1', owner: 'zone-north', body: { id: 'c1', hits: [] } },
    { kind: 'check-hit', id: 'c1/0/fedpol:p1', owner: 'zone-north', subject: 'fedpol:p1', body: { check: 'c1', n: 0 } },
    { kind: 'check-hit', id: 'c1/0/fedpol:a1', owner: 'zone-north', subject: 'fedpol:a1', body: { check: 'c1', n: 0 } },
    { kind: 'check-hit', id: 'c1/1/fedpol:p1', owner: 'zone-north', subject: 'fedpol:p1', body: { check: 'c1', n: 1 } },
    { kind: 'notification', id: 'n1', owner: 'fedpol', body: { notification: { id: 'n1' } } },
    { kind: 'notification-record', id: 'n1/fedpol:p1', owner: 'fedpol', subject: 'fedpol:p1', body: { notification: 'n1' } },
    { kind: 'notification-record', id: 'n1/fedpol:p9', owner: 'fedpol', subject: 'fedpol:p9', body: { notification: 'n1' } },
    { kind: 'judgement-record', id: 'fedpol:p1|j1', owner: 'resolution', subject: 'fedpol:p1', body: { judgement: 'j1' } },
  ]);
}

async function expectMigrated(store: Store): Promise<void> {
  expect(await store.documentsMentioning('check', 'fedpol:p1')).toEqual(['c1']);
  expect(await store.documentsMentioning('check', 'fedpol:a1')).toEqual(['c1']);
  expect(await store.documentsMentioning('notification', 'fedpol:p1')).toEqual(['n1']);
  expect(await store.documentsMentioning('notification', 'fedpol:p9')).toEqual(['n1']);
  expect(await store.documentsMentioning('check', 'fedpol:p9')).toEqual([]);
  for (const kind of ['check-hit', 'notification-record']) expect(await store.listDocuments(kind, { limit: 10 })).toEqual([]);
  expect((await store.getDocument('check', 'c1'))?.body).toEqual({ id: 'c1', hits: [] });
  expect((await store.getDocument('notification', 'n1'))?.body).toEqual({ notification: { id: 'n1' } });
  // other kinds of link are not mentions
  expect(await store.listDocuments('judgement-record', { subject: 'fedpol:p1', limit: 10 })).toHaveLength(1);
}

await describeMigration(MIGRATION, { does: 'keeps the link documents as mentions of the records and deletes them', writeOld, expectMigrated });
