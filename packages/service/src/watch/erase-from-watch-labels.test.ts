/**
 * Erasing a record leaves none of its names in the labels of watches or of the notices that carry
 * them (the owner's erasure and the retention sweep alike): a label holding one, in any version of
 * the record, compared folded, is replaced by a neutral one; a label that names no one stays.
 */
import { RecordId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import { eraseRecord, writeRecord } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { NOTIFICATION_KIND, notificationDocuments, type StoredNotification } from '../screening/notification-inbox.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { SUBJECT_ERASED_KIND } from './end-erased-subject-watches.ts';
import { ERASED_LABEL } from './erase-from-watch-labels.ts';
import { createSubscription, listSubscriptions, saveSubscription, type Subscription } from './subscriptions.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

function watch(user: User, id: string, record: string, label: string): Subscription {
  return { id, user: user.id, agency: user.agency, target: { kind: 'entity', record: RecordId(record) }, label, purpose: 'investigation', caseRef: 'CASE-9', createdAt: '2030-01-01T00:00:00.000Z' };
}

function notice(user: User, id: string, body: Notification['body']): Notification {
  return { id, at: '2030-01-02T00:00:00.000Z', to: { user: user.id }, kind: 'watch.record', title: 'New information on a watched subject', body };
}

async function notices(test: TestMosaic, user: User): Promise<Notification[]> {
  return (await test.mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: user.id, limit: 100 })).map((d) => (d.body as StoredNotification).notification);
}

describe('erasure and the labels of watches', () => {
  it('the owner\'s erasure relabels the watches, and the kept notices showing the record, whose label holds a name of any version of it, and leaves other labels', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Other Fictional'] }, provenance: testProvenance('fedpol') },
    ]);
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    // renamed since: the first name is erased as the second is
    expect((await writeRecord(mosaic, { user: analyst }, { id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo-Lind'], alias: ['Q. Lindqvist'] }, provenance: testProvenance('fedpol') })).ok).toBe(true);
    for (const s of [
      watch(analyst, 'w-name', 'fedpol:p1', 'ERASMO, quentin'),
      watch(analyst, 'w-alias', 'fedpol:p2', 'Lindqvist\'s associates'),
      watch(analyst, 'w-kept', 'fedpol:p2', 'Courier'),
    ]) await saveSubscription(mosaic, s);
    // notices told before of the record: one by a watch its user has ended since, one naming two watches
    await mosaic.store.putDocuments([
      ...notificationDocuments(notice(analyst, 'n-ended', { subscription: 'w-gone', label: 'Érasmo', record: 'fedpol:p1', caption: 'Quentin Erasmo' })),
      ...notificationDocuments(notice(analyst, 'n-two', { subscription: 'w-name', label: 'ERASMO, quentin', subscriptions: ['w-name', 'w-kept'], labels: ['ERASMO, quentin', 'Courier'], record: 'fedpol:p1', caption: 'Quentin Erasmo' })),
      ...notificationDocuments(notice(analyst, 'n-kept', { subscription: 'w-kept', label: 'Courier', record: 'fedpol:p2' })),
    ]);

    const admin = (await mosaic.store.findUserByName('fedAdmin'))!;
    await eraseRecord(mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'unlawfully listed');

    const labels = Object.fromEntries((await listSubscriptions(mosaic, analyst.id)).map((s) => [s.id, s.label]));
    expect(labels).toEqual({ 'w-name': ERASED_LABEL, 'w-alias': ERASED_LABEL, 'w-kept': 'Courier' });
    const kept = Object.fromEntries((await notices(world, analyst)).map((n) => [n.id, n.body]));
    expect(kept['n-ended']).toMatchObject({ subscription: 'w-gone', label: ERASED_LABEL, record: 'fedpol:p1' });
    expect(kept['n-two']).toMatchObject({ label: ERASED_LABEL, labels: [ERASED_LABEL, 'Courier'] });
    expect(kept['n-kept']).toMatchObject({ label: 'Courier' });
    const documents = JSON.stringify([await listSubscriptions(mosaic, analyst.id), await notices(world, analyst)]).toLowerCase();
    for (const name of ['erasmo', 'quentin', 'lindqvist']) expect(documents).not.toContain(name);
  });

  it('the retention sweep relabels them too, before the notice that the watch ended is told by its label', async () => {
    const today = new Date('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const { mosaic } = world;
    await putFixtures(mosaic, [{ id: 'p1', schema: 'Person', properties: { firstName: ['Quentin'], lastName: ['Erasmo'] }, provenance: testProvenance('intel', { reviewDate: '2030-05-01' }) }]);
    const analyst = (await mosaic.store.findUserByName('intelAnalyst'))!;
    await saveSubscription(mosaic, watch(analyst, 'w-name', 'intel:p1', 'Quentin Erasmo'));

    expect(await sweepRetention(mosaic)).toMatchObject({ erased: 1 });
    const told = (await notices(world, analyst)).filter((n) => n.kind === SUBJECT_ERASED_KIND);
    expect(told.map((n) => n.body)).toEqual([{ subscription: 'w-name', label: ERASED_LABEL }]);
    expect(JSON.stringify(await notices(world, analyst)).toLowerCase()).not.toContain('erasmo');
  });

  it('a watch asked for while its record is being erased is refused as on a missing record: it would keep the label the erasure did not find', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [{ id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo'] }, provenance: testProvenance('fedpol') }]);
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    const admin = (await mosaic.store.findUserByName('fedAdmin'))!;
    const { store } = mosaic;
    // the erasure lands once the watch has read its record, before the watch is saved
    let erased = false;
    const racing = new Proxy(store, {
      get: (target, property, receiver) => (property === 'getRecord'
        ? async (...args: Parameters<typeof store.getRecord>) => {
          const found = await target.getRecord(...args);
          if (!erased) {
            erased = true;
            await eraseRecord(mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'unlawfully listed');
          }
          return found;
        }
        : Reflect.get(target, property, receiver) as unknown),
    });
    const asked = createSubscription({ ...mosaic, store: racing }, { user: analyst, purpose: 'investigation', caseRef: 'CASE-9' }, { target: { kind: 'entity', record: RecordId('fedpol:p1') }, label: 'Erasmo and his brother' });
    await expect(asked).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'record fedpol:p1 not found' });
    expect(erased).toBe(true);
    expect(await listSubscriptions(mosaic, analyst.id)).toEqual([]);
  });
});
