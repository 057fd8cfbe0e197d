import { afterEach, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { closeTestWorld, openTestMosaic, type TestMosaic } from '../testing.ts';
import { createSubscription } from './subscriptions.ts';

let world: TestMosaic | undefined;

afterEach(async () => {
  await closeTestWorld(world, undefined);
  world = undefined;
});

async function fedAnalyst(): Promise<Consultation> {
  world = await openTestMosaic();
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst');
  if (!user) throw new Error('no test user fedAnalyst');
  return { user, purpose: 'returnee monitoring', caseRef: 'CASE-W1' };
}

describe('a search watch', () => {
  it('refuses a query a search refuses, naming target.query, with or without a label', async () => {
    const fed = await fedAnalyst();
    const query = 'Boris\u001b[2J\u0000';
    for (const label of ['Boris', undefined]) {
      await expect(createSubscription(world!.mosaic, fed, { target: { kind: 'search', query }, ...(label ? { label } : {}) }))
        .rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'target.query', reason: 'contains control characters' } });
    }
    await expect(createSubscription(world!.mosaic, fed, { target: { kind: 'search', query: 'x'.repeat(201) } })).rejects.toMatchObject({ details: { field: 'target.query' } });
    // what a search keeps of a query (NFKC, trimmed) is what the watch keeps
    const watch = await createSubscription(world!.mosaic, fed, { target: { kind: 'search', query: ' Ｂoris Kaelberer ' } });
    expect(watch.target).toEqual({ kind: 'search', query: 'Boris Kaelberer' });
  });
});

describe('an area watch', () => {
  const triangle = [[50.8, 4.3], [50.9, 4.3], [50.9, 4.4]] as const;

  it('takes a ring closed as GeoJSON writes it (the first point again at the end) as the same area', async () => {
    const fed = await fedAnalyst();
    const watch = await createSubscription(world!.mosaic, fed, { target: { kind: 'area', polygon: [...triangle, triangle[0]] } });
    expect(watch.target).toEqual({ kind: 'area', polygon: triangle });
  });

  it('still refuses a ring whose sides cross, closed or not, and one closed on too few points', async () => {
    const fed = await fedAnalyst();
    const bowtie = [[50.8, 4.3], [50.9, 4.4], [50.9, 4.3], [50.8, 4.4]] as const;
    for (const polygon of [bowtie, [...bowtie, bowtie[0]]]) {
      await expect(createSubscription(world!.mosaic, fed, { target: { kind: 'area', polygon } })).rejects.toMatchObject({ details: { field: 'target.polygon', reason: expect.stringMatching(/^its sides cross/) as unknown } });
    }
    await expect(createSubscription(world!.mosaic, fed, { target: { kind: 'area', polygon: [triangle[0], triangle[1], triangle[0]] } })).rejects.toMatchObject({ details: { field: 'target.polygon', reason: expect.stringMatching(/^encloses no area/) as unknown } });
  });
});
