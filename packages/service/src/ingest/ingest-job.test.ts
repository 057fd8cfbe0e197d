/**
 * Ingest jobs seen from another node: two job lists on one store (two serving nodes) — a job
 * started on one is found on the other at once, and its end is reported there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { createIngestJobs } from './ingest-job.ts';

let world: TestMosaic;
beforeAll(async () => {
  world = await openTestMosaic();
});
afterAll(async () => {
  await world.cleanup();
});

const provenance = { source: 'rms export', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8' };

describe('an ingest job on one node', () => {
  it('is found on another node sharing the store while it runs and when it has ended', async () => {
    const user = await world.mosaic.store.findUserByName('fedAnalyst');
    if (!user) throw new Error('the test user is missing');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J1' };
    const content = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `j${i}`, schema: 'Person', properties: { name: [`Person ${i}`] }, provenance })).join('\n');
    const here = createIngestJobs();
    const there = createIngestJobs();
    const job = await here.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'big.jsonl' });
    expect(await there.get(world.mosaic, consultation, job.id)).toMatchObject({ id: job.id, state: 'running', total: 3000 });
    await here.idle();
    expect(await there.get(world.mosaic, consultation, job.id)).toMatchObject({ state: 'done', processed: 3000, accepted: 3000, created: 3000 });
    const stranger = await world.mosaic.store.findUserByName('zoneOfficer');
    await expect(there.get(world.mosaic, { user: stranger! }, job.id)).rejects.toThrow(/not found/);
  });
});
