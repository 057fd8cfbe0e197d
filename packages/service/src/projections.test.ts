import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_BUILD_STAGES, FULL_BUILD_STAGES, startCheckpointProjections, startProjections, type BuildProgress } from './projections.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('the first build of the projections', () => {
  it('tells each stage of a full node in order, the feed read up to the changes it held', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [1, 2, 3].map((n) => ({ id: `p${n}`, schema: 'Person', properties: { name: [`Ortwin Kaelberer ${n}`] }, provenance: testProvenance('fedpol') })));
    const told: BuildProgress[] = [];
    const projections = await startProjections(mosaic, { follow: false, onBuild: (p) => told.push(p) });
    projections.stop();
    expect([...new Set(told.map((p) => p.stage))]).toEqual([...FULL_BUILD_STAGES]);
    const feed = told.filter((p) => p.stage === FULL_BUILD_STAGES[0]);
    const total = await mosaic.store.latestSeq();
    expect(total).toBeGreaterThan(0);
    expect(feed[0]).toMatchObject({ done: 0, total });
    expect(feed.at(-1)).toMatchObject({ done: total, total });
  });

  it('tells nothing more once built (the feed followed afterwards is not a build)', async () => {
    world = await openTestMosaic();
    const told: BuildProgress[] = [];
    const projections = await startProjections(world.mosaic, { follow: false, onBuild: (p) => told.push(p) });
    const before = told.length;
    expect(before).toBeGreaterThan(0);
    await putFixtures(world.mosaic, [{ id: 'p9', schema: 'Person', properties: { name: ['Ilse Verhoeven'] }, provenance: testProvenance('fedpol') }]);
    await projections.follower.catchUp();
    projections.stop();
    expect(told).toHaveLength(before);
  });

  it('tells a checkpoint node\'s one stage, the watchlist', async () => {
    world = await openTestMosaic();
    const told: BuildProgress[] = [];
    const checkpoint = await startCheckpointProjections(world.mosaic, { follow: false, onBuild: (p) => told.push(p) });
    checkpoint.stop();
    expect([...new Set(told.map((p) => p.stage))]).toEqual([...CHECKPOINT_BUILD_STAGES]);
    expect(told.at(-1)?.done).toBe(told.at(-1)?.total);
  });
});
