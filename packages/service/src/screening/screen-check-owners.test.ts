import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('screenCheck: what the owners are told', () => {
  it('tells an owner of each of its records encountered in a check, those its alert.hit names once only, another record besides', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    // the federal police share with the zone in full and ask to be told of encounters
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Karim Doublehit'], birthDate: ['1970-03-03'] }, provenance: testProvenance('fedpol') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['inquiry_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Karim Doublehit'], birthDate: ['1991-09-09'] }, provenance: testProvenance('fedpol', { category: 'contact' }) },
    ]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const told: { kind: string; agency: string; body: Record<string, unknown> }[] = [];
    mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, agency: (n.to as { agency: string }).agency, body: n.body as Record<string, unknown> }));
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Karim Doublehit' } });
    expect(check.hits.map((h) => (h.kind === 'match' ? `${h.subject} ${h.alerts.map((a) => a.action).join()}` : `pointer ${h.agency}`)).sort()).toEqual(['fedpol:p1 INTERVIEW', 'fedpol:p2 ']);
    expect(told.filter((n) => n.agency === 'fedpol').sort((a, b) => (a.kind < b.kind ? -1 : 1))).toMatchObject([
      { kind: 'alert.hit', body: { check: check.id, alert: 'fedpol:a1', subject: 'fedpol:p1' } },
      { kind: 'deconfliction.encounter', body: { check: check.id, records: ['fedpol:p2'], names: ['Karim Doublehit'], requester: 'zone-north' } },
    ]);
  });
});
