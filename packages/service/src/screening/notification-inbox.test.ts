import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { eraseStoredRecord } from '../records.ts';
import { keepNotifications, listNotifications, markNotificationRead, notificationDocuments, NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('an agency\'s inbox', () => {
  it('shows each user the names of the agency\'s records in a notice only where that user may read the record', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'c1', schema: 'Person', properties: { name: ['Casimir Undercover'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) },
      { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
    ]);
    // a federal police officer cleared to RESTRICTED only
    const officer = { id: UserId('fedpol.lowOfficer'), name: 'lowOfficer', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['officer' as const], clearance: 'RESTRICTED' as const, groups: [], passwordHash: '' };
    await mosaic.store.upsertUser(officer);
    const notice: Notification = {
      id: 'n-enc', at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
      body: { check: 'c-1', record: 'fedpol:c1', records: ['fedpol:c1', 'fedpol:p1'], names: ['Casimir Undercover', 'Rachid Bouzid'], requester: 'zone-north' },
    };
    const keeper = keepNotifications(mosaic);
    mosaic.notifier.publish(notice);
    await keeper.idle();
    keeper.stop();

    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    expect((await listNotifications(mosaic, analyst))[0]?.body).toMatchObject({ names: ['Casimir Undercover', 'Rachid Bouzid'] });
    const low = (await listNotifications(mosaic, officer))[0];
    expect(low?.body).toMatchObject({ names: ['', 'Rachid Bouzid'], withheld: [RecordId('fedpol:c1')] });
    expect(JSON.stringify(low)).not.toContain('Casimir');
  });
});

describe('keeping a notification', () => {
  it('keeps nothing of a record erased before the notice showing it was written: made from a read just before, it was not there for the erasure to find', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('fedpol') },
    ]);
    const notice: Notification = {
      id: 'n-late', at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
      body: { check: 'c-3', record: 'fedpol:p1', records: ['fedpol:p1', 'fedpol:p2'], names: ['Rachid Bouzid', 'Lioba Strand'], requester: 'zone-north' },
    };
    await eraseStoredRecord(mosaic.store, RecordId('fedpol:p1'), { actor: 'test', reason: 'review date passed' });
    const keeper = keepNotifications(mosaic);
    mosaic.notifier.publish(notice);
    await keeper.idle();
    keeper.stop();
    const stored = (await mosaic.store.getDocument(NOTIFICATION_KIND, 'n-late'))!.body as StoredNotification;
    expect(stored.notification.body).toMatchObject({ names: ['', 'Lioba Strand'], erased: ['fedpol:p1'] });
    expect(JSON.stringify(stored)).not.toContain('Rachid');
  });
});

describe('marking a notification read', () => {
  it('keeps what an erasure made of it meanwhile, and what another user marked', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('fedpol') },
    ]);
    const notice: Notification = {
      id: 'n-enc2', at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
      body: { check: 'c-2', record: 'fedpol:p1', records: ['fedpol:p1', 'fedpol:p2'], names: ['Rachid Bouzid', 'Lioba Strand'], requester: 'zone-north' },
    };
    await mosaic.store.putDocuments(notificationDocuments(notice));
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    const admin = (await mosaic.store.findUserByName('fedAdmin'))!;
    // the record is erased, and another user marks the notice read, while this one is marking it
    const getRecords = mosaic.store.getRecords.bind(mosaic.store);
    let meanwhile = true;
    mosaic.store.getRecords = async (ids, options) => {
      if (meanwhile) {
        meanwhile = false;
        await eraseStoredRecord(mosaic.store, RecordId('fedpol:p1'), { actor: 'test', reason: 'review date passed' });
        const kept = (await mosaic.store.getDocument(NOTIFICATION_KIND, 'n-enc2'))!;
        await mosaic.store.putDocument({ kind: NOTIFICATION_KIND, id: kept.id, owner: kept.owner, body: { ...(kept.body as StoredNotification), readBy: [admin.id] } });
      }
      return getRecords(ids, options);
    };
    await markNotificationRead(mosaic, analyst, 'n-enc2');
    const stored = (await mosaic.store.getDocument(NOTIFICATION_KIND, 'n-enc2'))!.body as StoredNotification;
    expect(stored.notification.body).toMatchObject({ names: ['', 'Lioba Strand'], erased: ['fedpol:p1'] });
    expect(JSON.stringify(stored)).not.toContain('Rachid');
    expect([...stored.readBy].sort()).toEqual([admin.id, analyst.id].sort());
  });
});
