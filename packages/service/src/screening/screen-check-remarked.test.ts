import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
import { CHECK_KIND, screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const person = (provenance: Record<string, unknown>): Record<string, unknown> => ({
  id: 'p1', schema: 'Person', properties: { name: ['Oskar Vantreuil'], birthDate: ['1979-04-12'], passportNumber: ['XR7741025'] }, provenance,
});
const alert = { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') };

describe('screenCheck: a record whose marking changed before the watchlist has heard of it', () => {
  for (const [change, provenance] of [
    ['raised to TLP:RED and SECRET', testProvenance('fedpol', { marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } })],
    ['restricted to a need-to-know group', testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-north'] } })],
  ] as const) {
    it(`is screened as it is stored now, ${change}: no hit shows it, the check keeps nothing of it`, async () => {
      world = await openTestMosaic();
      const { mosaic } = world;
      await putTestGroup(mosaic, 'op-north', 'fedpol');
      await putFixtures(mosaic, [person(testProvenance('fedpol')), alert]);
      // the watchlist as a node holds it between two reads of the change feed
      const projection = createScreeningProjection();
      await followChanges(mosaic.store, [projection]).catchUp();
      const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
      const before = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Oskar Vantreuil' } });
      expect(before.hits.map((h) => (h.kind === 'match' ? h.subject : h.agency))).toEqual(['fedpol:p1']);

      await putFixtures(mosaic, [person(provenance)]);
      const told: string[] = [];
      mosaic.notifier.subscribe((n) => told.push(JSON.stringify(n.body)));
      for (const query of [{ name: 'Oskar Vantreuil' }, { document: 'XR7741025' }]) {
        const check = await screenCheck(mosaic, checkpoint, projection, { query });
        expect(check.hits).toEqual([]);
        const kept = JSON.stringify((await mosaic.store.getDocument(CHECK_KIND, check.id))?.body);
        expect(kept).not.toMatch(/fedpol:p1|fedpol:a1|1979-04-12/);
      }
      expect(told.join('\n')).not.toMatch(/fedpol:p1/);
    });
  }

  it('still hits a record whose marking changed in a way the officer may see', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [person(testProvenance('fedpol')), alert]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    await putFixtures(mosaic, [person(testProvenance('fedpol', { marking: { tlp: 'GREEN', classification: 'RESTRICTED', releasability: ['be'] } }))]);
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Oskar Vantreuil' } });
    expect(check.hits.map((h) => (h.kind === 'match' ? [h.subject, h.alerts.map((a) => a.id)] : h.agency))).toEqual([['fedpol:p1', ['fedpol:a1']]]);
  });
});
