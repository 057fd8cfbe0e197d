import type { AuditEntry } from '@mosaic/audit';
import { validateRecord, type RecordId } from '@mosaic/model';
import { sweepRetention, SWEEP_ACTOR } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let now = new Date('2028-01-10T12:00:00Z');

beforeAll(async () => {
  world = await openTestMosaic({ now: () => now });
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

async function due(id: string): Promise<RecordId> {
  const v = validateRecord(world.mosaic.registry, { id, schema: 'Person', properties: { name: [`Swept Person ${id}`] }, provenance: testProvenance('intel', { reviewDate: '2030-05-31' }) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  return v.record.id;
}

async function entriesAfter(seq: number): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.seq > seq) all.push(entry);
  return all;
}

async function lastSeq(): Promise<number> {
  let seq = 0;
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) seq = entry.seq;
  return seq;
}

describe('POST /retention/sweep', () => {
  it('logs the erasures of a sweep a system administrator started as theirs, with their purpose and case; a scheduled sweep stays the system\'s', async () => {
    // an audit retention period, set in 2028, so that the sweep of 2030 prunes the log too: the prune is an erasure of the sweep's
    const early = await signInToken(app, 'sysadmin');
    const period = await app.inject({
      method: 'PUT', url: '/api/v1/admin/audit/retention', payload: { retention: { years: 1 } },
      headers: { authorization: `Bearer ${early}`, 'x-mosaic-purpose': 'audit housekeeping', 'x-mosaic-case': 'CHG-1' },
    });
    expect(period.statusCode).toBe(200);
    now = new Date('2030-06-01T12:00:00Z');
    const token = await signInToken(app, 'sysadmin');
    const record = await due('by-hand');
    const before = await lastSeq();
    const answer = await app.inject({
      method: 'POST', url: '/api/v1/retention/sweep?wait=true',
      headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'retention review', 'x-mosaic-case': 'DPO-2030-4' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ job: { state: 'done', startedBy: 'fedpol.sysadmin', summary: { erased: 1, auditPruned: expect.any(Number) } } });
    expect((answer.json() as { job: { summary: { auditPruned: number } } }).job.summary.auditPruned).toBeGreaterThan(0);
    const erasures = (await entriesAfter(before)).filter((e) => e.action === 'erasure');
    expect(erasures.map((e) => e.reason)).toEqual(['retention sweep', 'audit log pruned']);
    for (const entry of erasures) expect({ actor: entry.actor, purpose: entry.purpose, caseRef: entry.caseRef }).toEqual({ actor: { user: 'fedpol.sysadmin', agency: 'fedpol' }, purpose: 'retention review', caseRef: 'DPO-2030-4' });
    expect(erasures.flatMap((e) => e.records)).toContain(record);
    // the record's own history names who erased it
    expect((await world.mosaic.store.recordHistory(record)).at(-1)).toMatchObject({ op: 'delete', actor: 'fedpol.sysadmin' });

    now = new Date('2030-06-02T12:00:00Z');
    const scheduled = await due('scheduled');
    const since = await lastSeq();
    expect(await sweepRetention(world.mosaic)).toMatchObject({ erased: 1 });
    const swept = (await entriesAfter(since)).filter((e) => e.action === 'erasure' && e.records.includes(scheduled));
    expect(swept.map((e) => ({ actor: e.actor, purpose: e.purpose, caseRef: e.caseRef }))).toEqual([{ actor: { user: SWEEP_ACTOR, agency: 'system' }, purpose: 'retention', caseRef: null }]);
    expect((await world.mosaic.store.recordHistory(scheduled)).at(-1)).toMatchObject({ op: 'delete', actor: SWEEP_ACTOR });
  });
});

describe('POST /retention/sweep as a job', () => {
  it('answers 202 with the job at once, refuses a second start naming the running one, and tells its progress until it ended', async () => {
    now = new Date('2030-07-01T12:00:00Z');
    const token = await signInToken(app, 'sysadmin');
    const headers = { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'retention review', 'x-mosaic-case': 'DPO-2030-5' };
    await world.mosaic.store.putRecords(Array.from({ length: 300 }, (_, i) => {
      const v = validateRecord(world.mosaic.registry, { id: `job-${i}`, schema: 'Person', properties: { name: [`Swept Person ${i}`] }, provenance: testProvenance('intel', { reviewDate: '2030-06-30' }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.record;
    }), { actor: 'test' });

    const started = await app.inject({ method: 'POST', url: '/api/v1/retention/sweep', headers });
    expect(started.statusCode).toBe(202);
    const { job } = started.json() as { job: { id: string } };
    expect(started.json()).toMatchObject({ job: { state: 'running', startedBy: 'fedpol.sysadmin', erased: 0 } });
    expect(started.headers['location']).toBe(`/api/v1/retention/sweep/${job.id}`);

    const second = await app.inject({ method: 'POST', url: '/api/v1/retention/sweep', headers });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT', message: expect.stringContaining(job.id) } });

    let state = 'running';
    for (let polls = 0; state === 'running' && polls < 500; polls++) {
      const read = await app.inject({ method: 'GET', url: `/api/v1/retention/sweep/${job.id}`, headers });
      expect(read.statusCode).toBe(200);
      state = (read.json() as { job: { state: string } }).job.state;
      if (state === 'running') await new Promise((done) => setTimeout(done, 20));
    }
    const ended = await app.inject({ method: 'GET', url: `/api/v1/retention/sweep/${job.id}`, headers });
    expect(ended.json()).toMatchObject({ job: { id: job.id, state: 'done', due: 300, erased: 300, summary: { erased: 300 } } });

    const officer = await signInToken(app, 'fedAnalyst');
    expect((await app.inject({ method: 'GET', url: `/api/v1/retention/sweep/${job.id}`, headers: { ...headers, authorization: `Bearer ${officer}` } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/retention/sweep/no-such-job', headers })).statusCode).toBe(404);
  });
});
