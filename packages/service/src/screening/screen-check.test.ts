import { RecordId, validateRecord } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('screenCheck', () => {
  it('decides again when an entry changes or another takes its place in the index', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const put = async (raw: Record<string, unknown>): Promise<void> => {
      const v = validateRecord(mosaic.registry, raw);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await mosaic.store.putRecords([v.record], { actor: 'test' });
    };
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    const officer = (await mosaic.store.listUsers()).find((u) => u.name === 'zoneCheckpoint')!;
    const check = async (name: string) => (await screenCheck(mosaic, { user: officer }, projection, { query: { name } })).hits.map((h) => (h.kind === 'match' ? `match:${h.subject}` : `pointer:${h.agency}`));

    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'p2', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('fedpol') });
    await follower.catchUp();
    expect(await check('Ortwin Kaelberer')).toEqual(['match:fedpol:p1']);
    expect(await check('Lioba Strand')).toEqual(['match:fedpol:p2']);

    // Raised above the officer's clearance: the same name finds nothing now.
    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) });
    await follower.catchUp();
    expect(await check('Ortwin Kaelberer')).toEqual([]);

    // p2 goes; an intelligence record (a pointer for the zone) takes the freed place in the index.
    await mosaic.store.deleteRecord(RecordId('fedpol:p2'), { actor: 'test', reason: 'test' });
    await put({ id: 'x1', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('intel') });
    await follower.catchUp();
    expect(await check('Lioba Strand')).toEqual(['pointer:intel']);
  });
});
