/**
 * The sweep as a job on a real store: it answers at once with its id, tells how far it is while
 * it runs, refuses a second start meanwhile (from this node or another sharing the store) naming
 * the running one, keeps how it ended, and a claim left by a stopped node is taken over. A
 * sweep, as it starts, forgets the jobs that finished more than SWEEP_JOBS_KEPT_MS before.
 */
import { AgencyId, UserId, validateRecord } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { SWEEP_JOB_KIND, SWEEP_JOBS_KEPT_MS, startSweepJob, sweepJob, type SweepJob } from './sweep-job.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function expired(test: TestMosaic, count: number): Promise<void> {
  await test.mosaic.store.putRecords(Array.from({ length: count }, (_, i) => {
    const v = validateRecord(test.mosaic.registry, { id: `job-${i}`, schema: 'Person', properties: { name: [`Job Person ${i}`] }, provenance: testProvenance('intel', { reviewDate: '2030-05-01' }) });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.record;
  }), { actor: 'test' });
}

const byHand = { actor: { user: UserId('fedpol.sysadmin'), agency: AgencyId('fedpol') }, purpose: 'retention review', caseRef: 'DPO-1' };

describe('startSweepJob', () => {
  it('answers with a running job, refuses a second start naming it, tells its progress and keeps how it ended', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    await expired(world, 120);
    const seen: SweepJob[] = [];
    const { job, finished } = await startSweepJob(mosaic, { startedBy: byHand, batchSize: 20, onProgress: (p) => seen.push(p) });
    expect(job).toMatchObject({ state: 'running', startedBy: 'fedpol.sysadmin', erased: 0, due: null });
    expect(await sweepJob(mosaic, job.id)).toMatchObject({ id: job.id, state: 'running' });

    await expect(startSweepJob(mosaic, { startedBy: byHand })).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT', message: expect.stringContaining(job.id) });

    const ended = await finished;
    expect(ended).toMatchObject({ id: job.id, state: 'done', due: 120, erased: 120, summary: { erased: 120, examined: 120 } });
    // the erasures counted up as the transactions committed, out of the records due
    const erasing = seen.filter((p) => p.state === 'running' && p.due === 120).map((p) => p.erased);
    expect(erasing.length).toBeGreaterThan(1);
    expect(erasing).toEqual([...erasing].sort((a, b) => a - b));
    expect(await sweepJob(mosaic, job.id)).toEqual(ended);

    // once it ended, another may start
    const next = await startSweepJob(mosaic, { startedBy: byHand });
    expect((await next.finished).summary).toMatchObject({ erased: 0 });
    expect(await sweepJob(mosaic, 'no-such-job')).toBeUndefined();
  });

  it('takes over the claim of a node that stopped mid-sweep once it is stale', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    await mosaic.store.createDocument({ kind: SWEEP_JOB_KIND, id: 'running', owner: 'system', body: { id: 'left-behind', state: 'running', startedBy: 'system:retention', startedAt: '2030-06-01T11:00:00Z', examined: 0, due: null, erased: 0 } });
    await expect(startSweepJob(mosaic)).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT', message: expect.stringContaining('left-behind') });
    const { finished } = await startSweepJob(mosaic, { staleMs: 0 });
    expect(await finished).toMatchObject({ state: 'done' });
  });

  it('forgets, as it starts, the jobs that finished more than 30 days before, and keeps the later ones', async () => {
    expect(SWEEP_JOBS_KEPT_MS).toBe(30 * 86_400_000);
    let now = Date.parse('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => new Date(now) });
    const { mosaic } = world;
    const sweep = async (): Promise<SweepJob> => (await startSweepJob(mosaic, { startedBy: byHand })).finished;
    const first = await sweep();
    now += 20 * 86_400_000;
    const second = await sweep();
    now = Date.parse(first.finishedAt ?? '') + SWEEP_JOBS_KEPT_MS;
    const third = await sweep();
    // the first finished exactly 30 days ago: still kept
    expect(await sweepJob(mosaic, first.id)).toEqual(first);
    now += 1;
    const { job, finished } = await startSweepJob(mosaic, { startedBy: byHand });
    const fourth = await finished;
    expect(await sweepJob(mosaic, first.id)).toBeUndefined();
    expect(await sweepJob(mosaic, second.id)).toEqual(second);
    expect(await sweepJob(mosaic, third.id)).toEqual(third);
    expect(await sweepJob(mosaic, job.id)).toEqual(fourth);
    const kept = await mosaic.store.listDocuments(SWEEP_JOB_KIND, { limit: 100, afterId: '' });
    expect(kept.map((document) => document.id).sort()).toEqual([second.id, third.id, fourth.id].sort());
  });
});
