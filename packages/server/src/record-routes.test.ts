/**
 * POST /records: a write needs no purpose, but the purpose and case reference it is sent with
 * are the ones its audit entry records, checked as a consultation's are. An own-agency record the
 * user may not read (a need-to-know group they are not in, above their clearance) is answered on
 * erasure as a missing one is, and on a write over it in the same words whatever hides it.
 */
import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, RecordId, UserId, type Classification } from '@mosaic/model';
import { openTestMosaic, testProvenance, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let token = '';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic });
  token = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'fedAnalyst', password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

async function entriesOf(record: RecordId): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.records.includes(record)) found.push(entry);
  return found;
}

function put(id: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${token}`, ...headers },
    payload: { id, schema: 'Person', properties: { name: [`Ilse Verbrugge ${id}`] }, provenance: testProvenance('fedpol') },
  });
}

describe('POST /records', () => {
  it('records the purpose and case reference sent with a write (URL-decoded) in its audit entry, and none when none is sent', async () => {
    expect((await put('w1', { 'x-mosaic-purpose': encodeURIComponent('fraud investigation – intake'), 'x-mosaic-case': 'FR-2026-17' })).statusCode).toBe(200);
    expect((await put('w1', { 'x-mosaic-purpose': 'fraud investigation', 'x-mosaic-case': 'FR-2026-18' })).statusCode).toBe(200);
    expect((await put('w2')).statusCode).toBe(200);
    expect((await entriesOf(RecordId('fedpol:w1'))).map((e) => [e.action, e.purpose, e.caseRef])).toEqual([
      ['collection', 'fraud investigation – intake', 'FR-2026-17'],
      ['alteration', 'fraud investigation', 'FR-2026-18'],
    ]);
    expect((await entriesOf(RecordId('fedpol:w2'))).map((e) => [e.action, e.purpose, e.caseRef])).toEqual([['collection', null, null]]);
  });

  it('refuses a purpose without its case reference, or with control characters, and writes nothing', async () => {
    const refusals: [Record<string, string>, object][] = [
      [{ 'x-mosaic-purpose': 'fraud investigation' }, { code: 'MOSAIC_PURPOSE_REQUIRED' }],
      [{ 'x-mosaic-case': 'FR-2026-19' }, { code: 'MOSAIC_PURPOSE_REQUIRED' }],
      [{ 'x-mosaic-purpose': 'fraud%0Ainvestigation', 'x-mosaic-case': 'FR-2026-19' }, { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'purpose' }] }],
    ];
    for (const [headers, error] of refusals) {
      const refused = await put('w3', headers);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error });
    }
    expect(await world.mosaic.store.getRecord(RecordId('fedpol:w3'))).toBeUndefined();
    expect(await entriesOf(RecordId('fedpol:w3'))).toEqual([]);
  });

  it('writes an id given as stored (fedpol:x) as that record, and refuses one naming another record than it would be stored as', async () => {
    expect((await put('fedpol:w4')).json()).toMatchObject({ record: { id: 'fedpol:w4', provenance: { sourceRecordId: 'w4' } } });
    expect(await world.mosaic.store.getRecord(RecordId('fedpol:fedpol:w4'))).toBeUndefined();
    const refused = async (payload: Record<string, unknown>) => {
      const answer = await app.inject({ method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${token}` }, payload });
      expect(answer.statusCode).toBe(400);
      return (answer.json() as { error: { details: { field: string; reason: string }[] } }).error.details;
    };
    const written = { schema: 'Person', properties: { name: ['Ilse Verbrugge'] } };
    expect(await refused({ ...written, id: 'w5', provenance: { ...testProvenance('fedpol'), sourceRecordId: 'w2' } })).toEqual([{
      field: 'id', reason: '"w5" names the record fedpol:w5, but this line is stored as fedpol:w2 (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree',
    }]);
    expect(await refused({ ...written, id: 'bka:w5', provenance: testProvenance('fedpol') })).toMatchObject([{ field: 'id', reason: expect.stringContaining('names a record of bka, not of this line\'s agency fedpol') }]);
    expect((await world.mosaic.store.getRecord(RecordId('fedpol:w2')))?.record.properties['name']).toEqual(['Ilse Verbrugge w2']);
  });
});

describe('an own-agency record the user may not read', () => {
  const tokens: Record<string, string> = {};
  const call = (name: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>) => app.inject({
    method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[name] ?? ''}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-9' }, ...(payload ? { payload } : {}),
  });
  const person = (id: string, marking: Record<string, unknown> = {}) => ({
    id, schema: 'Person', properties: { name: [`Remy Claessens ${id}`] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], ...marking } }),
  });
  /** The answer's status and body, the record id in it made `ID`: what a missing record's answer must equal. */
  const shape = async (answer: Promise<{ statusCode: number; body: string }>, id: string) => {
    const { statusCode, body } = await answer;
    return { statusCode, body: body.split(id).join('ID') };
  };

  beforeAll(async () => {
    const { passwordHash } = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
    const users: [string, string, Classification, string[]][] = [
      ['teamAnalyst', 'analyst', 'SECRET', ['team-x']], ['outsider', 'analyst', 'SECRET', []], ['confAnalyst', 'analyst', 'CONFIDENTIAL', []],
      ['confAdmin', 'agency_admin', 'CONFIDENTIAL', []], ['secretAdmin', 'agency_admin', 'SECRET', []],
    ];
    const signIn = async (name: string) => {
      tokens[name] = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
    };
    for (const [name, role, clearance] of users) {
      await world.mosaic.store.upsertUser({ id: UserId(`fedpol.${name}`), name, agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: [role as 'analyst'], clearance, groups: [], passwordHash });
    }
    // the case team, as the agency's administrator makes it
    await signIn('fedAdmin');
    expect((await call('fedAdmin', 'PUT', '/admin/groups/team-x', { name: 'Team X' })).statusCode).toBe(200);
    expect((await call('fedAdmin', 'PUT', '/admin/groups/team-x/members', { users: users.filter(([, , , groups]) => groups.includes('team-x')).map(([name]) => `fedpol.${name}`) })).statusCode).toBe(200);
    for (const [name] of users) await signIn(name);
    for (const [id, marking] of [['ntk-2', { needToKnow: ['team-x'] }], ['sec-2', { classification: 'SECRET' }], ['ntk-3', { needToKnow: ['team-x'] }], ['sec-3', { classification: 'SECRET' }]] as const) {
      expect((await call('teamAnalyst', 'POST', '/records', person(id, marking))).statusCode).toBe(200);
    }
  });

  it('is erased by no one who may not read it: the answer is a missing record\'s, for a colleague and for an administrator below its classification', async () => {
    const missing = (name: string) => shape(call(name, 'DELETE', '/records/fedpol%3Antk-nope', { reason: 'test' }), 'fedpol:ntk-nope');
    expect(await missing('outsider')).toMatchObject({ statusCode: 404 });
    expect(await shape(call('outsider', 'DELETE', '/records/fedpol%3Antk-2', { reason: 'test' }), 'fedpol:ntk-2')).toEqual(await missing('outsider'));
    expect(await shape(call('confAnalyst', 'DELETE', '/records/fedpol%3Asec-2', { reason: 'test' }), 'fedpol:sec-2')).toEqual(await missing('confAnalyst'));
    // the administrator may not read it either: no erasure, and no retention decision on it
    expect((await call('confAdmin', 'GET', '/records/fedpol%3Asec-2')).statusCode).toBe(404);
    expect(await shape(call('confAdmin', 'DELETE', '/records/fedpol%3Asec-2', { reason: 'entered in error' }), 'fedpol:sec-2')).toEqual(await missing('confAdmin'));
    for (const [method, path, payload] of [
      ['POST', 'erase', { reason: 'reviewed, no longer needed' }], ['POST', 'extend', { until: '2040-01-01', reason: 'still relevant' }],
      ['POST', 'holds', { reference: 'Court order 9' }], ['GET', 'holds', undefined], ['POST', 'holds/lift', { reason: 'order expired' }],
    ] as const) {
      const hidden = await shape(call('confAdmin', method, `/retention/records/fedpol%3Asec-2/${path}`, payload), 'fedpol:sec-2');
      expect(hidden, path).toEqual(await shape(call('confAdmin', method, `/retention/records/fedpol%3Antk-nope/${path}`, payload), 'fedpol:ntk-nope'));
      expect(hidden.statusCode, path).toBe(404);
    }
    expect((await call('confAdmin', 'GET', '/retention/queue?withinDays=3650')).body).not.toContain('fedpol:sec-2');
    expect((await world.mosaic.store.getRecord(RecordId('fedpol:sec-2')))?.version).toBe(1);
    expect((await world.mosaic.store.getRecord(RecordId('fedpol:ntk-2')))?.version).toBe(1);
    // a colleague who may read it is told why they may not erase it; an administrator cleared for it erases it, need-to-know or not
    expect((await call('teamAnalyst', 'DELETE', '/records/fedpol%3Antk-2', { reason: 'test' })).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'erasure refused: role not permitted' } });
    expect((await call('secretAdmin', 'DELETE', '/records/fedpol%3Asec-2', { reason: 'entered in error' })).statusCode).toBe(204);
    expect((await call('secretAdmin', 'DELETE', '/records/fedpol%3Antk-2', { reason: 'entered in error' })).statusCode).toBe(204);
  });

  it('is not overwritten by a write under its id, refused in the same words whatever hides it, without saying what does', async () => {
    const taken = (id: string) => ({ error: { code: 'MOSAIC_CONFLICT', message: `record id ${id} is taken: choose another id`, details: [{ field: 'id', reason: 'is taken' }] } });
    for (const [name, id] of [['outsider', 'ntk-3'], ['confAnalyst', 'sec-3'], ['confAnalyst', 'ntk-3']] as const) {
      const refused = await call(name, 'POST', '/records', person(id));
      expect(refused.statusCode, `${name} ${id}`).toBe(409);
      expect(refused.json()).toEqual(taken(`fedpol:${id}`));
      expect((await world.mosaic.store.getRecord(RecordId(`fedpol:${id}`)))?.version).toBe(1);
    }
    // a missing id is created; the user's own marking above their clearance is refused with its reason, as before
    expect((await call('outsider', 'POST', '/records', person('ntk-new'))).statusCode).toBe(200);
    expect((await call('confAnalyst', 'POST', '/records', person('sec-new', { classification: 'SECRET' }))).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'write refused: clearance' } });
    expect((await call('teamAnalyst', 'POST', '/records', { ...person('ntk-3'), properties: { name: ['Remy Claessens (changed)'] } })).statusCode).toBe(200);
  });
});
