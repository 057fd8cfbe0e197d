import { afterEach, describe, expect, it } from 'vitest';
import { RecordId } from '@mosaic/model';
import type { Consultation } from '../organisation.ts';
import { closeTestWorld, openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
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

describe('a subject watch', () => {
  it('is refused on an alert whose subject the user may not read, as one that does not exist, and nothing is logged of it', async () => {
    const fed = await fedAnalyst();
    const mosaic = world!.mosaic;
    await putTestGroup(mosaic, 'op-x', 'fedpol');
    await putFixtures(mosaic, [
      { id: 'ntk-p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-x'] } }) },
      { id: 'ntk-al', schema: 'Alert', properties: { subject: ['fedpol:ntk-p2'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
    ]);
    const from = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).length;
    for (const record of ['fedpol:ntk-al', 'fedpol:nowhere']) {
      await expect(createSubscription(mosaic, fed, { target: { kind: 'entity', record: RecordId(record) } })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `record ${record} not found` });
    }
    const logged = (await mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).slice(from).map((e) => JSON.parse(e.body) as { records?: string[] });
    expect(logged.flatMap((e) => e.records ?? [])).not.toContain('fedpol:ntk-al');
    // a member of the case team may watch it
    await mosaic.store.upsertUser({ ...fed.user, groups: ['op-x'] as never });
    const member = { ...fed, user: (await mosaic.store.getUser(fed.user.id))! };
    expect((await createSubscription(mosaic, member, { target: { kind: 'entity', record: RecordId('fedpol:ntk-al') } })).target).toEqual({ kind: 'entity', record: 'fedpol:ntk-al' });
  });
});
