import type { NodeId } from '@mosaic/graph';
import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { closeTestWorld, openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { graphExpand, graphTimeline } from './graph-queries.ts';

let world: TestMosaic | undefined;
let projections: Projections | undefined;
afterEach(async () => {
  await closeTestWorld(world, projections);
  world = undefined;
  projections = undefined;
});

describe('graph queries seeded by a record', () => {
  it('answer a record the user may not see as an id not found, even where it resolved with one they see', async () => {
    world = await openTestMosaic();
    projections = await startProjections(world.mosaic, { follow: false });
    await putFixtures(world.mosaic, [
      { id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'] }, provenance: testProvenance('fedpol') },
      // intelligence shares nothing with the federal police
      { id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') },
    ]);
    await projections.follower.catchUp();
    await projections.entities.settle();
    const entity = projections.entities.entityOf(RecordId('fedpol:x'));
    expect(projections.entities.entityOf(RecordId('intel:z'))).toBe(entity);
    const fed = { user: (await world.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'C' };
    // by the record the user sees: its entity
    expect((await graphExpand(world.mosaic, fed, projections, { seeds: ['fedpol:x' as NodeId], hops: 0 })).subgraph.nodes.map((n) => n.id)).toEqual([entity]);
    // by the hidden one: as an id that does not exist
    await expect(graphExpand(world.mosaic, fed, projections, { seeds: ['intel:z' as NodeId], hops: 0 })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    await expect(graphExpand(world.mosaic, fed, projections, { seeds: ['intel:nope' as NodeId], hops: 0 })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    const timeline = await graphTimeline(world.mosaic, fed, projections, { entities: ['intel:z' as NodeId] }).catch((error: unknown) => error);
    expect(JSON.stringify(timeline)).not.toContain(String(entity));
  });
});
