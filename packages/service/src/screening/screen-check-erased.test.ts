import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { eraseRecord } from '../records.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { CHECK_KIND, screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('screenCheck: a record erased before the watchlist has heard of it', () => {
  it.each(['no feed', 'the feed read'] as const)('hits neither the erased record nor its alert, keeps nothing of them and tells no owner, though the watchlist still lists them (%s)', async (given) => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Oskar Vantreuil'], birthDate: ['1979-04-12'], passportNumber: ['XR7741025'] }, provenance: testProvenance('fedpol') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Oskar Vantreuil'], birthDate: ['1983-11-30'] }, provenance: testProvenance('fedpol') },
    ]);
    // the watchlist as a node holds it between two reads of the change feed
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    await follower.catchUp();
    const admin = { user: (await mosaic.store.findUserByName('fedAdmin'))!, purpose: 'retention review', caseRef: 'RET-7' };
    await eraseRecord(mosaic, admin, RecordId('fedpol:p1'), 'review date passed');
    expect(projection.provenanceOf(RecordId('fedpol:p1'))).toBeDefined();
    // told how far the watchlist has read the feed (as a node's route tells it), the check sees the erasure beyond it
    const feed = given === 'the feed read' ? follower : undefined;

    const told: string[] = [];
    mosaic.notifier.subscribe((n) => told.push(JSON.stringify(n.body)));
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const byDocument = await screenCheck(mosaic, checkpoint, projection, { query: { document: 'XR7741025' } }, undefined, feed);
    expect(byDocument.hits).toEqual([]);
    const byName = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Oskar Vantreuil' } }, undefined, feed);
    expect(byName.hits.map((h) => (h.kind === 'match' ? h.subject : h.agency))).toEqual(['fedpol:p2']);

    for (const id of [byDocument.id, byName.id]) {
      const kept = JSON.stringify((await mosaic.store.getDocument(CHECK_KIND, id))?.body);
      expect(kept).not.toMatch(/fedpol:p1|fedpol:a1|1979-04-12/);
    }
    expect(told.join('\n')).not.toMatch(/fedpol:p1|fedpol:a1/);
  });

  it('asks the store once for the checks of one turn', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Oskar Vantreuil'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Ilse Marnowska'] }, provenance: testProvenance('fedpol') },
    ]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const asked: (readonly string[])[] = [];
    const heldProvenances = mosaic.store.heldProvenances.bind(mosaic.store);
    mosaic.store.heldProvenances = (ids) => {
      asked.push([...ids].sort());
      return heldProvenances(ids);
    };
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const checks = await Promise.all(['Oskar Vantreuil', 'Ilse Marnowska'].map((name) => screenCheck(mosaic, checkpoint, projection, { query: { name } })));
    expect(checks.map((c) => c.hits.map((h) => (h.kind === 'match' ? h.subject : h.agency)))).toEqual([['fedpol:p1'], ['fedpol:p2']]);
    expect(asked).toEqual([['fedpol:p1', 'fedpol:p2']]);
  });

  it('reads no provenance where the feed holds nothing beyond what the watchlist has read, and answers as the store would', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Oskar Vantreuil'] }, provenance: testProvenance('fedpol') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
    ]);
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    await follower.catchUp();
    let reads = 0;
    const heldProvenances = mosaic.store.heldProvenances.bind(mosaic.store);
    mosaic.store.heldProvenances = (ids) => {
      reads++;
      return heldProvenances(ids);
    };
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const read = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Oskar Vantreuil' } }, undefined, follower);
    expect(reads).toBe(0);
    const unread = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Oskar Vantreuil' } });
    expect(reads).toBe(1);
    const shown = (check: typeof read): unknown => check.hits.map((h) => (h.kind === 'match' ? [h.subject, h.alerts.map((a) => a.id)] : h.agency));
    expect(shown(read)).toEqual([['fedpol:p1', ['fedpol:a1']]]);
    expect(shown(read)).toEqual(shown(unread));
  });
});
