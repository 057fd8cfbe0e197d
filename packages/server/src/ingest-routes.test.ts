import { startProjections } from '@mosaic/service';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let tokens: Record<string, string> = {};
const as = (name: string) => ({ authorization: `Bearer ${tokens[name] ?? ''}` });

/** The names at the top level of `{a, b: {c, d}, e?}`, without `?`. */
function topLevelNames(braced: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let part = '';
  for (const char of braced.slice(1, -1)) {
    if (char === '{' || char === '[') depth++;
    if (char === '}' || char === ']') depth--;
    if (char === ',' && depth === 0) {
      names.push(part);
      part = '';
    } else part += char;
  }
  return [...names, part].map((p) => (p.split(':')[0] ?? '').trim().replace(/\?$/, ''));
}

interface Job { id: string; state: string; total: number; processed: number; accepted: number; rejected: number; created: number; errors: { line: number; field: string; reason: string }[] }

async function finished(user: string, id: string): Promise<Job> {
  for (let i = 0; i < 1500; i++) {
    const job = (await app.inject({ method: 'GET', url: `/api/v1/ingest/${id}`, headers: as(user) })).json() as { job: Job };
    if (job.job.state !== 'running') return job.job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the ingest job did not end');
}

const provenance = { source: 'rms export', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8' };

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
  tokens = await signInTokens(app, ['fedAnalyst', 'zoneOfficer', 'zoneCheckpoint']);
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('ingest over HTTP', () => {
  it('writes the user\'s agency\'s records from JSON Lines, and names line, field and reason of each refused line', async () => {
    const lines = [
      { id: 'u1', schema: 'Person', properties: { name: ['Ilse Marchetti'], birthDate: ['1984-05-02'] }, provenance },
      { id: 'u2', schema: 'Person', properties: { name: ['Pavel Ondrej'], birthDate: ['not-a-date'] }, provenance },
      { id: 'u3', schema: 'Person', properties: { name: ['Jonas Aal'] }, provenance: { ...provenance, agency: 'intel' } },
      { id: 'u4', schema: 'Person', properties: { name: ['Maud Verbeke'] }, provenance: { ...provenance, marking: { ...provenance.marking, needToKnow: ['team-x'] } } },
    ].map((l) => JSON.stringify(l));
    const content = [...lines, '{not json'].join('\n');
    const started = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as('fedAnalyst'), payload: { format: 'jsonl', content, filename: 'export.jsonl', purpose: 'case intake', caseRef: 'CASE-I1' } });
    expect(started.statusCode).toBe(202);
    const { job } = started.json() as { job: Job };
    expect(job.total).toBe(5);
    const done = await finished('fedAnalyst', job.id);
    expect(done).toMatchObject({ state: 'done', processed: 5, accepted: 1, created: 1, rejected: 4 });
    expect(done.errors.map((e) => [e.line, e.field])).toEqual([[2, 'birthDate'], [3, 'provenance.agency'], [4, 'provenance.marking.needToKnow'], [5, 'record']]);
    expect(done.errors[1]?.reason).toBe('must be your own agency (fedpol), not intel');
    expect(done.errors[2]?.reason).toBe('you may not write this record (need-to-know)');
    const read = await app.inject({ method: 'GET', url: '/api/v1/records/fedpol:u1', headers: { ...as('fedAnalyst'), 'x-mosaic-purpose': 'check', 'x-mosaic-case': 'C' } });
    expect(read.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/records/intel:u3', headers: { ...as('fedAnalyst'), 'x-mosaic-purpose': 'check', 'x-mosaic-case': 'C' } })).statusCode).toBe(404);
    // The collection is in the audit log with the job.
    const audit = await world.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 });
    expect(audit.map((e) => JSON.parse(e.body) as { action: string; records: string[]; query?: { job?: string } }).filter((e) => e.action === 'collection' && e.query?.job === job.id).flatMap((e) => e.records)).toEqual(['fedpol:u1']);
    // Another user does not see the job.
    expect((await app.inject({ method: 'GET', url: `/api/v1/ingest/${job.id}`, headers: as('zoneOfficer') })).statusCode).toBe(404);
  });

  it('refuses a Report line, a report being uploaded with its text, and tells a reference to a record neither the file nor the store holds, writing its line', async () => {
    const content = [
      { id: 'w1', schema: 'Person', properties: { name: ['Ilse Marchetti'] }, provenance },
      { id: 'wrep', schema: 'Report', properties: { title: ['Harbour watch'], collection: ['harbour'] }, provenance },
      { id: 'wveh', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'], owner: ['w404'] }, provenance },
      { id: 'wfam', schema: 'Family', properties: { person: ['w1'], relative: ['w2'], relationship: ['sister'] }, provenance },
      { id: 'w2', schema: 'Person', properties: { name: ['Maud Verbeke'] }, provenance },
    ].map((l) => JSON.stringify(l)).join('\n');
    const started = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as('fedAnalyst'), payload: { format: 'jsonl', content, filename: 'relations.jsonl' } });
    const done = await finished('fedAnalyst', (started.json() as { job: Job }).job.id);
    expect(done).toMatchObject({ state: 'done', accepted: 4, rejected: 1, warningCount: 1 });
    expect(done.errors).toEqual([{ line: 2, id: 'wrep', field: 'schema', reason: 'a Report is written by uploading it (mosaic reports add, POST /reports), with its text and what extraction found in it' }]);
    expect((done as Job & { warnings: unknown }).warnings).toEqual([{ line: 3, field: 'owner', reason: expect.stringMatching(/^names no record given by a line of the file or stored/) as unknown }]);
    expect((await app.inject({ url: '/api/v1/reports/fedpol:wrep', headers: { ...as('fedAnalyst'), 'x-mosaic-purpose': 'check', 'x-mosaic-case': 'C-1' } })).statusCode).toBe(404);
  });

  it('maps CSV columns to properties with shared provenance, and refuses CSV without a mapping', async () => {
    const content = 'ref;full_name;dob\nz-1;Amira Haddad;1990-01-31\nz-2;Tom Vos;1990-13-45\n';
    const mapping = { schema: 'Person', id: 'ref', delimiter: ';', properties: { name: 'full_name', birthDate: 'dob' }, provenance: { source: 'zone rms', reliability: 'C', credibility: 3, marking: { tlp: 'GREEN', classification: 'RESTRICTED', releasability: [] }, handling: 'H0', legalBasis: 'LED Art. 8', category: 'witness', nature: 'fact' } };
    const started = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as('zoneOfficer'), payload: { format: 'csv', content, filename: 'zone.csv', mapping } });
    expect(started.statusCode).toBe(202);
    const done = await finished('zoneOfficer', (started.json() as { job: Job }).job.id);
    expect(done).toMatchObject({ state: 'done', accepted: 1, rejected: 1 });
    // the row's field named by the column of the file it came from
    expect(done.errors).toEqual([expect.objectContaining({ line: 3, field: 'column dob (date of birth)' })]);
    const noMapping = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as('zoneOfficer'), payload: { format: 'csv', content, filename: 'zone.csv' } });
    expect(noMapping.statusCode).toBe(400);
    expect(JSON.stringify(noMapping.json())).toContain('mapping');
    expect((await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as('zoneOfficer'), payload: { format: 'jsonl', content: '  ', filename: 'x.jsonl' } })).statusCode).toBe(400);
  });

  it('keeps answering other requests while an upload of thousands of lines is ingested, and reports its progress', async () => {
    // A full node as `mosaic serve` runs it: its projections follow the upload as it is written.
    const projections = await startProjections(world.mosaic, { intervalMs: 50 });
    const node = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
    await node.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(node.server.address() as AddressInfo).port}/api/v1`;
    const call = async (user: string, path: string, payload?: unknown): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${base}${path}`, {
        method: payload === undefined ? 'GET' : 'POST', headers: { ...as(user), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      return { status: response.status, body: await response.json() };
    };
    try {
      const content = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ id: `bulk${i}`, schema: 'Person', properties: { name: [`Bulk Person ${i}`], birthDate: ['1980-01-01'] }, provenance })).join('\n');
      const started = await call('fedAnalyst', '/ingest', { format: 'jsonl', content, filename: 'bulk.jsonl', purpose: 'case intake', caseRef: 'CASE-I2' });
      expect(started.status).toBe(202);
      const { job } = started.body as { job: Job };
      // Answered while the job runs, not after it: the ingest gives the event loop turns.
      expect((await call('zoneCheckpoint', '/health')).status).toBe(200);
      expect((await call('zoneCheckpoint', '/screen', { name: 'Rachid Bouzid' })).status).toBe(200);
      const during = (await call('fedAnalyst', `/ingest/${job.id}`)).body as { job: Job };
      expect(during.job).toMatchObject({ state: 'running', total: 4000 });
      expect(during.job.processed).toBeLessThan(4000);
      expect(await finished('fedAnalyst', job.id)).toMatchObject({ state: 'done', processed: 4000, accepted: 4000 });
    } finally {
      await node.close();
      projections.stop();
    }
  });

  it('lists the user\'s own jobs, newest first, with their counts and without the lines refused', async () => {
    const line = (id: string) => JSON.stringify({ id, schema: 'Person', properties: { name: ['Lena Brück'] }, provenance });
    const upload = async (user: string, id: string): Promise<string> => {
      const started = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: as(user), payload: { format: 'jsonl', content: line(id), filename: `${id}.jsonl` } });
      const job = (started.json() as { job: Job }).job;
      await finished(user, job.id);
      return job.id;
    };
    const older = await upload('zoneOfficer', 'lst-2');
    const newer = await upload('zoneOfficer', 'lst-3');
    const theirs = await upload('fedAnalyst', 'lst-4');
    const list = await app.inject({ method: 'GET', url: '/api/v1/ingest?limit=2', headers: as('zoneOfficer') });
    expect(list.statusCode).toBe(200);
    const { jobs } = list.json() as { jobs: (Job & { filename: string; repeats?: unknown })[] };
    expect(jobs.map((j) => [j.id, j.filename, j.state, j.accepted])).toEqual([[newer, 'lst-3.jsonl', 'done', 1], [older, 'lst-2.jsonl', 'done', 1]]);
    expect(jobs.every((j) => !('errors' in j) && !('user' in j))).toBe(true);
    const all = (await app.inject({ method: 'GET', url: '/api/v1/ingest', headers: as('zoneOfficer') })).json() as { jobs: Job[] };
    expect(all.jobs.map((j) => j.id)).not.toContain(theirs);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ingest' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ingest?limit=0', headers: as('zoneOfficer') })).statusCode).toBe(400);
  });

  it('tells the largest upload it takes, the body POST /ingest takes and one byte more it refuses (413)', async () => {
    const { maxUploadBytes } = (await app.inject({ method: 'GET', url: '/api/v1/ingest', headers: as('zoneOfficer') })).json() as { maxUploadBytes: number };
    expect(maxUploadBytes).toBe(64 * 1024 * 1024);
    // JSON whose length is all blanks, so that its size is exact and nothing is ingested
    const body = (bytes: number): string => `${' '.repeat(bytes - 2)}{}`;
    const post = (payload: string) => app.inject({ method: 'POST', url: '/api/v1/ingest', headers: { ...as('zoneOfficer'), 'content-type': 'application/json' }, payload });
    const taken = await post(body(maxUploadBytes));
    expect(taken.statusCode, 'read, and refused for what it says').toBe(400);
    const refused = await post(body(maxUploadBytes + 1));
    expect(refused.statusCode).toBe(413);
  });

  it('is described in docs/API.md with every field GET /ingest/:id answers, failure included', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { properties: { job: { properties: Record<string, unknown> } } } }> }> } }> };
    const fields = Object.keys(doc.paths['/api/v1/ingest/{id}']?.get?.responses['200']?.content['application/json']?.schema.properties.job.properties ?? {});
    expect(fields).toContain('failure');
    const api = readFileSync(join(import.meta.dirname, '../../../docs/API.md'), 'utf8');
    const documented = /`GET \/ingest\/:id` → `\{job: (\{.*?\})\}`/.exec(api)?.[1];
    expect(documented, 'docs/API.md describes the job GET /ingest/:id answers').toBeDefined();
    expect(topLevelNames(documented ?? '{}').sort()).toEqual(fields.sort());
    expect(api).toMatch(/`failure`: only on a `failed` job/);
    // the list: the same fields but the lines refused and repeated
    const listedFields = Object.keys((doc.paths['/api/v1/ingest'] as { get?: { responses: Record<string, { content: Record<string, { schema: { properties: { jobs: { items: { properties: Record<string, unknown> } } } } }> }> } } | undefined)?.get?.responses['200']?.content['application/json']?.schema.properties.jobs.items.properties ?? {});
    expect(listedFields.sort()).toEqual(fields.filter((f) => f !== 'errors' && f !== 'repeats' && f !== 'warnings').sort());
    expect(api).toMatch(/`GET \/ingest\[\?limit=N\]` → `\{jobs: \[job without `errors`, `repeats` and `warnings`\], maxUploadBytes\}`/);
    expect(Object.keys((doc.paths['/api/v1/ingest'] as { get?: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> } } | undefined)?.get?.responses['200']?.content['application/json']?.schema.properties ?? {}).sort()).toEqual(['jobs', 'maxUploadBytes']);
  });
});
