import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordId } from '@mosaic/model';
import { openTestMosaic, testProvenance, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

async function signIn(name: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  return (response.json() as { token: string }).token;
}

const as = (name: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tokens[name] ?? ''}`, ...extra });
const purpose = { 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-1' };

async function put(user: string, record: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/records', headers: as(user), payload: record });
}

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic });
  for (const name of ['fedAnalyst', 'zoneOfficer', 'intelAnalyst', 'intelAdmin', 'auditor']) tokens[name] = await signIn(name);
  expect((await put('fedAnalyst', { id: 'f1', schema: 'Person', properties: { name: ['Karim Haddouchi'], birthDate: ['1990-03-02'] }, provenance: testProvenance('fedpol') })).statusCode).toBe(200);
  expect((await put('intelAnalyst', { id: 'i1', schema: 'Person', properties: { name: ['Karim Hadouchi'], alias: ['Abu Ilyas'] }, provenance: testProvenance('intel') })).statusCode).toBe(200);
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('the API', () => {
  it('answers health and readiness without a session', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok' });
    expect((await app.inject({ url: '/api/v1/ready' })).json()).toEqual({ status: 'ready', store: 'sqlite' });
  });

  it('publishes an OpenAPI 3.1 description of its routes', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/search', '/api/v1/records/{id}', '/api/v1/auth/sign-in', '/api/v1/health']));
  });

  it('refuses a wrong password and requests without a session', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'fedAnalyst', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'MOSAIC_BAD_CREDENTIALS', message: 'wrong user name or password' } });
    expect((await app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: as('zoneOfficer') })).json()).toMatchObject({ name: 'zoneOfficer', agency: 'zone-north' });
  });

  it('refuses a search without a purpose and a case reference', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q: 'Karim' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
  });

  it('refuses a purpose or case reference that is malformed or holds control characters, naming it', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'x-mosaic-purpose': '100%', 'x-mosaic-case': 'CASE-1' }, 'x-mosaic-purpose'],
      [{ 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': '%zz' }, 'x-mosaic-case'],
      [{ 'x-mosaic-purpose': 'a%00%1B%5B2J', 'x-mosaic-case': 'CASE-1' }, 'purpose'],
      [{ 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'c%0Ad' }, 'caseRef'],
      // a right-to-left override reorders what the audit log shows: "fraud case 1" read backwards
      [{ 'x-mosaic-purpose': 'fraud%20%E2%80%AE1%20esac', 'x-mosaic-case': 'CASE-1' }, 'purpose'],
      [{ 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-%E2%81%A71' }, 'caseRef'],
    ];
    for (const [headers, field] of cases) {
      const response = await app.inject({ url: '/api/v1/records/fedpol:f1', headers: as('fedAnalyst', headers) });
      expect(response.statusCode, JSON.stringify(headers)).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining(field) } });
    }
    const search = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q: 'Karim', purpose: 'identity\u0000check', caseRef: 'ZN-7' } });
    expect(search.statusCode).toBe(400);
  });

  it('refuses a search for a schema there is none of, naming schema', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q: 'Karim', schema: 'Bogus', purpose: 'p', caseRef: 'c' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { details: [{ field: 'schema' }] } });
  });

  it('rejects absurd queries with a clear 400', async () => {
    for (const q of ['k', 'x'.repeat(10_001), 'ab\u0000cd', '   ']) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q, purpose: 'p', caseRef: 'c' } });
      expect(response.statusCode, JSON.stringify(q.slice(0, 10))).toBe(400);
    }
  });

  it('shows shared records in full and hidden ones only as a pointer with whom to call', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q: 'Karim', purpose: 'identity check', caseRef: 'ZN-7' } });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { results: { id: string; provenance: { agency: string } }[]; pointers: { agency: string; desk: { contact: string } }[] };
    expect(body.results.map((r) => r.id)).toEqual(['fedpol:f1']);
    expect(body.pointers).toEqual([{ agency: 'intel', agencyName: 'State Security', message: 'holds information', desk: { id: 'intel-liaison', name: 'Liaison desk', contact: '+32 2 000 00 03' } }]);
    expect(JSON.stringify(body)).not.toMatch(/Hadouchi|Abu Ilyas|i1/);
    expect(response.json()).toMatchObject({ truncated: false });
  });

  it('says when more records match than the results show', async () => {
    for (const id of ['t1', 't2', 't3']) await put('fedAnalyst', { id, schema: 'Person', properties: { name: [`Odilon Vantrecht ${id}`] }, provenance: testProvenance('fedpol') });
    const search = async (limit: number): Promise<{ results: unknown[]; truncated: boolean }> =>
      (await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('fedAnalyst'), payload: { q: 'Vantrecht', limit, purpose: 'p', caseRef: 'c' } })).json();
    expect(await search(2)).toMatchObject({ results: [{}, {}], truncated: true });
    const all = await search(3);
    expect(all.results).toHaveLength(3);
    expect(all.truncated).toBe(false);
  });

  it('answers a hidden record exactly like a missing one', async () => {
    const hidden = await app.inject({ url: '/api/v1/records/fedpol:f1', headers: as('intelAdmin', purpose) });
    const missing = await app.inject({ url: '/api/v1/records/fedpol:nope', headers: as('intelAdmin', purpose) });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
  });

  it('reads a record with its provenance and keeps every version', async () => {
    await put('fedAnalyst', { id: 'f1', schema: 'Person', properties: { name: ['Karim Haddouchi'], birthDate: ['1990-03-02'], nationality: ['ma'] }, provenance: testProvenance('fedpol') });
    const read = await app.inject({ url: '/api/v1/records/fedpol:f1', headers: as('zoneOfficer', purpose) });
    expect(read.json()).toMatchObject({ record: { id: 'fedpol:f1', version: 2, provenance: { agency: 'fedpol', reliability: 'B', category: 'suspect', nature: 'fact' } } });
    const history = await app.inject({ url: '/api/v1/records/fedpol:f1/history', headers: as('fedAnalyst', purpose) });
    expect((history.json() as { versions: unknown[] }).versions).toHaveLength(2);
  });

  it('answers a body that is not JSON, or not a record, with 400 naming what is wrong, not 500', async () => {
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/records', headers: { ...as('fedAnalyst'), 'content-type': 'application/json' }, payload: '{"id": "f9", "schema": ' });
    expect(notJson.statusCode, notJson.body).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT' } });
    const noSchema = await put('fedAnalyst', { id: 'f9', properties: { name: ['A B'] } });
    expect(noSchema.statusCode, noSchema.body).toBe(400);
    expect(noSchema.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('schema') } });
  });

  it('names the field and reason of a bad record and never writes for another agency', async () => {
    const bad = await put('fedAnalyst', { id: 'f2', schema: 'Person', properties: { birthDate: ['not-a-date'] }, provenance: testProvenance('fedpol') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'birthDate', reason: '"not-a-date" is not a date' }]);
    const foreign = await put('fedAnalyst', { id: 'x', schema: 'Person', properties: { name: ['A B'] }, provenance: testProvenance('intel') });
    expect(foreign.json().error.details).toEqual([{ field: 'provenance.agency', reason: 'must be your own agency' }]);
    // releasable to an agency this deployment does not have (a typo of zone-north): no one would receive it
    const base = testProvenance('fedpol') as Record<string, unknown> & { marking: Record<string, unknown> };
    const typo = await put('fedAnalyst', { id: 'f2', schema: 'Person', properties: { name: ['A B'] }, provenance: { ...base, marking: { ...base.marking, releasability: ['zone-nort'] } } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details).toEqual([{ field: 'provenance.marking.releasability', reason: '"zone-nort" is not ALL, a two-letter ISO country code or an agency of this deployment' }]);
    const known = await put('fedAnalyst', { id: 'f2', schema: 'Person', properties: { name: ['A B'] }, provenance: { ...base, marking: { ...base.marking, releasability: ['zone-north', 'be'] } } });
    expect(known.statusCode, known.body).toBe(200);
  });

  it('refuses a new version of another schema (409, naming the field): the record stays as it was', async () => {
    await put('fedAnalyst', { id: 'f3', schema: 'Person', properties: { name: ['Odile Ferrant'] }, provenance: testProvenance('fedpol') });
    const changed = await put('fedAnalyst', { id: 'f3', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'] }, provenance: testProvenance('fedpol') });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT', message: expect.stringContaining('is a Person'), details: [{ field: 'schema' }] } });
    const read = await app.inject({ url: '/api/v1/records/fedpol:f3', headers: as('fedAnalyst', purpose) });
    expect(read.json()).toMatchObject({ record: { schema: 'Person', version: 1, properties: { name: ['Odile Ferrant'] } } });
  });

  it('lets only the owner agency\'s administrator erase, and records the erasure', async () => {
    await put('intelAnalyst', { id: 'i9', schema: 'Person', properties: { name: ['Temp Record'] }, provenance: testProvenance('intel') });
    const byAnalyst = await app.inject({ method: 'DELETE', url: '/api/v1/records/intel:i9', headers: as('intelAnalyst'), payload: { reason: 'test' } });
    expect(byAnalyst.statusCode).toBe(403);
    const byOther = await app.inject({ method: 'DELETE', url: '/api/v1/records/intel:i9', headers: as('fedAnalyst'), payload: { reason: 'test' } });
    expect(byOther.statusCode).toBe(404);
    const byAdmin = await app.inject({ method: 'DELETE', url: '/api/v1/records/intel:i9', headers: as('intelAdmin'), payload: { reason: 'review expired' } });
    expect(byAdmin.statusCode).toBe(204);
    const history = await app.inject({ url: '/api/v1/records/intel:i9/history', headers: as('intelAnalyst', purpose) });
    expect(history.statusCode).toBe(404);
    expect((await world.mosaic.store.recordHistory(RecordId('intel:i9'))).map((v) => v.op)).toEqual(['put', 'delete']);
  });

  it('tells the owner when another agency consults its records, once a day of one user reading the same records', async () => {
    // a record of the federal police none of the zone has read yet
    expect((await put('fedAnalyst', { id: 'f8', schema: 'Person', properties: { name: ['Nadia Haddouchi'] }, provenance: testProvenance('fedpol') })).statusCode).toBe(200);
    const seen: string[] = [];
    const unsubscribe = world.mosaic.notifier.subscribe((n) => seen.push(`${JSON.stringify(n.to)} ${n.kind} ${JSON.stringify(n.body['records'])}`));
    for (let i = 0; i < 2; i++) expect((await app.inject({ url: '/api/v1/records/fedpol:f8', headers: as('zoneOfficer', purpose) })).statusCode).toBe(200);
    unsubscribe();
    expect(seen).toEqual(['{"agency":"fedpol"} deconfliction.consult ["fedpol:f8"]']);
    const entries = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; records: string[] });
    expect(entries.filter((e) => e.action === 'consultation' && e.records.includes('fedpol:f8'))).toHaveLength(2);
  });

  it('lets an auditor search the log of consultations, with purpose and what was returned', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('zoneOfficer'), payload: { q: 'Karim', purpose: 'roadside check', caseRef: 'ZN-99' } });
    const byOfficer = await app.inject({ url: '/api/v1/audit?caseRef=ZN-99', headers: as('zoneOfficer', purpose) });
    expect(byOfficer.statusCode).toBe(403);
    // The fedpol auditor sees the zone's consultation because it disclosed fedpol records.
    const response = await app.inject({ url: '/api/v1/audit?caseRef=ZN-99', headers: as('auditor', purpose) });
    expect(response.statusCode).toBe(200);
    const entries = (response.json() as { entries: { action: string; purpose: string; records: string[]; recipients: string[]; actor: { agency: string } }[] }).entries;
    expect(entries.map((e) => e.action).sort()).toEqual(['consultation', 'disclosure']);
    expect(entries.find((e) => e.action === 'disclosure')).toMatchObject({ purpose: 'roadside check', records: ['fedpol:f1'], recipients: ['zone-north'], actor: { agency: 'zone-north' } });
    // of another agency's user's entry, only what concerns the federal police: not the query
    // asked, nor the pointer to intelligence's record the officer was given
    const consultation = (response.json() as { entries: { action: string; query: unknown; pointers: string[] }[] }).entries.find((e) => e.action === 'consultation');
    expect(consultation).toMatchObject({ query: null, pointers: [] });
  });

  it('verifies the audit chain and names the first entry broken by an edit', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: as('auditor') });
    expect(ok.json()).toMatchObject({ ok: true });
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(`${world.dir}/mosaic.sqlite`);
    const row = db.prepare('select seq, body from audit_entries where seq = 3').get() as { seq: number; body: string };
    db.prepare('update audit_entries set body = ? where seq = 3').run(row.body.replace('"ok"', '"denied"'));
    db.close();
    const broken = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: as('auditor') });
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: 3 });
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await app.inject({ url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: 'no route GET /api/v1/nothing' } });
  });

  it('says at / that the web app is not built, and how to build it, when it is not', async () => {
    const unbuilt = mkdtempSync(join(tmpdir(), 'mosaic-web-'));
    const bare = await buildApp({ mosaic: world.mosaic, webRoot: unbuilt });
    try {
      const page = await bare.inject({ url: '/' });
      expect(page.statusCode).toBe(404);
      expect(page.json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: `no route GET /: the web app is not built here (no ${join(unbuilt, 'index.html')}): run npm run build -w @mosaic/web, as npm start does; the API is under /api/v1` } });
      // the API's own 404 is unchanged
      expect((await bare.inject({ url: '/api/v1/nothing' })).json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: 'no route GET /api/v1/nothing' } });
    } finally {
      await bare.close();
      rmSync(unbuilt, { recursive: true });
    }
  });
});
