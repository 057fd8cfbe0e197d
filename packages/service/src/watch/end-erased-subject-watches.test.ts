/**
 * The sweep ends a subject watch once it erased the last record of the watched subject (the
 * record watched, and the others of its resolved entity), and tells the watch's user once, by
 * the watch's label; a watch whose subject still has a record left stays.
 */
import { validateRecord, type RecordId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepRetention } from '../retention/retention-sweep.ts';
import type { StoredNotification } from '../screening/notification-inbox.ts';
import { NOTIFICATION_KIND } from '../screening/notification-inbox.ts';
import { openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { SUBJECT_ERASED_KIND } from './end-erased-subject-watches.ts';
import { listSubscriptions, saveSubscription, type Subscription } from './subscriptions.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function put(test: TestMosaic, id: string, reviewDate: string): Promise<RecordId> {
  const v = validateRecord(test.mosaic.registry, { id, schema: 'Person', properties: { name: [`Watched Person ${id}`] }, provenance: testProvenance('intel', { reviewDate }) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await test.mosaic.store.putRecords([v.record], { actor: 'test' });
  return v.record.id;
}

function watch(user: User, id: string, record: RecordId, label: string): Subscription {
  return { id, user: user.id, agency: user.agency, target: { kind: 'entity', record }, label, purpose: 'investigation', caseRef: 'CASE-9', createdAt: '2030-01-01T00:00:00.000Z' };
}

async function notices(test: TestMosaic, user: User): Promise<StoredNotification['notification'][]> {
  return (await test.mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: user.id, limit: 100 })).map((d) => (d.body as StoredNotification).notification);
}

describe('the sweep and subject watches', () => {
  it('ends a watch whose subject it erased to the last record, tells its user once by its label, and leaves the others', async () => {
    let today = new Date('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const { mosaic } = world;
    const analyst = (await mosaic.store.findUserByName('intelAnalyst'))!;
    const alone = await put(world, 'alone', '2030-05-01');
    const kept = await put(world, 'kept', '2031-05-01');
    // a subject of two records (its resolved entity as stored): one due now, one later
    const early = await put(world, 'early', '2030-05-01');
    const late = await put(world, 'late', '2030-07-01');
    await mosaic.store.putDocuments([early, late].map((id) => ({ kind: 'entity-member', id, owner: 'resolution', subject: 'entity-1', body: null })));
    for (const s of [watch(analyst, 'w-alone', alone, 'Courier'), watch(analyst, 'w-kept', kept, 'Driver'), watch(analyst, 'w-entity', early, 'Financier')]) await saveSubscription(mosaic, s);

    expect(await sweepRetention(mosaic)).toMatchObject({ erased: 2 });
    expect((await listSubscriptions(mosaic, analyst.id)).map((s) => s.id).sort()).toEqual(['w-entity', 'w-kept']);
    const told = (await notices(world, analyst)).filter((n) => n.kind === SUBJECT_ERASED_KIND);
    expect(told).toEqual([expect.objectContaining({ to: { user: analyst.id }, body: { subscription: 'w-alone', label: 'Courier' } })]);
    expect(JSON.stringify(told)).not.toContain('Watched Person');

    today = new Date('2030-07-02T12:00:00Z');
    expect(await sweepRetention(mosaic)).toMatchObject({ erased: 1 });
    expect((await listSubscriptions(mosaic, analyst.id)).map((s) => s.id)).toEqual(['w-kept']);
    expect((await notices(world, analyst)).filter((n) => n.kind === SUBJECT_ERASED_KIND).map((n) => n.body['label']).sort()).toEqual(['Courier', 'Financier']);

    // nothing more to tell on the next sweep
    expect(await sweepRetention(mosaic)).toMatchObject({ erased: 0 });
    expect((await notices(world, analyst)).filter((n) => n.kind === SUBJECT_ERASED_KIND)).toHaveLength(2);
  });
});
