import { AgencyId, DeskId, RecordId, UserId, validateRecord } from '@mosaic/model';
import { defaultModel } from '@mosaic/matching';
import { REFERENCE_PRIOR } from '@mosaic/resolution';
import { hashPassword, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, TEST_PASSWORD, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreAuditStorage } from '@mosaic/store';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};
const headers = (user: string) => ({ authorization: `Bearer ${tokens[user] ?? ''}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-E' });

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

beforeAll(async () => {
  world = await openTestMosaic();
  // The same fictional person recorded by three agencies, spelled differently; and someone else.
  await put({ id: 'p1', schema: 'Person', properties: { name: ['Abdelkader Benhaddou'], birthDate: ['1991-04-12'], nationality: ['be'], passportNumber: ['EM123456'] }, provenance: testProvenance('fedpol') });
  await put({ id: 'z1', schema: 'Person', properties: { name: ['BENHADDOU, Abdel Kader'], birthDate: ['1991-04-12'], nationality: ['be'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'i1', schema: 'Person', properties: { name: ['Abdelkader Ben Haddou'], alias: ['Abu Yahya al-Belgiki'], birthDate: ['1991'], passportNumber: ['EM123456'] }, provenance: testProvenance('intel') });
  await put({ id: 'p2', schema: 'Person', properties: { name: ['Marieke Vandersteen'], birthDate: ['1975-11-02'], nationality: ['nl'] }, provenance: testProvenance('fedpol') });
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer', 'fedAnalyst', 'intelAnalyst']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

describe('resolved entities', () => {
  it('resolves one person across agencies and merges only what the user may see, with pointers', async () => {
    const entity = projections.entities.entityOf(RecordId('fedpol:p1'));
    expect(entity).toBeDefined();
    expect(projections.entities.entityOf(RecordId('zone-north:z1'))).toBe(entity);
    expect(projections.entities.entityOf(RecordId('fedpol:p2'))).not.toBe(entity);
    const response = await app.inject({ url: `/api/v1/entities/${entity}`, headers: headers('zoneOfficer') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { entity: { records: { id: string }[]; pointers: { agency: string }[]; properties: Record<string, { value: string; sources: { record: string; provenance: { agency: string } }[] }[]> } };
    const ids = body.entity.records.map((r) => r.id).sort();
    expect(ids).toContain('fedpol:p1');
    expect(ids).not.toContain('intel:i1');
    expect(response.body).not.toContain('Belgiki');
    if (projections.entities.entityOf(RecordId('intel:i1')) === entity) expect(body.entity.pointers.map((p) => p.agency)).toEqual(['intel']);
    const dob = body.entity.properties['birthDate']?.find((v) => v.value === '1991-04-12');
    expect(dob?.sources.map((s) => s.provenance.agency).sort()).toEqual(['fedpol', 'zone-north']);
  });

  it('opens a record\'s subject (its entity looked up, then read) with both in the log and one notice to its owner', async () => {
    // fedpol's agreement with the zone asks for a notice on each consultation, told once a day of
    // one user reading the same records: this is a user of the zone the owner was not told of today.
    await world.mosaic.store.upsertUser({
      id: UserId('zone-north.zoneReader'), name: 'zoneReader', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['officer'],
      clearance: 'RESTRICTED', groups: [], passwordHash: await hashPassword(TEST_PASSWORD),
    });
    tokens['zoneReader'] = await signInToken(app, 'zoneReader');
    const told: { kind: string; agency?: string }[] = [];
    const stop = world.mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, ...('agency' in n.to ? { agency: n.to.agency } : {}) }));
    const logged = async (): Promise<{ action: string; actor: { user: string }; query: unknown }[]> =>
      (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; query: unknown });
    const before = (await logged()).length;
    try {
      const lookup = await app.inject({ url: '/api/v1/records/fedpol:p1/entity', headers: headers('zoneReader') });
      expect(lookup.statusCode, lookup.body).toBe(200);
      const { entity } = lookup.json() as { entity: string };
      expect(entity).toBe(projections.entities.entityOf(RecordId('fedpol:p1')));
      expect((await app.inject({ url: `/api/v1/entities/${entity}?record=fedpol:p1`, headers: headers('zoneReader') })).statusCode).toBe(200);
      // the lookup and the read are each logged; only the read tells the owner
      const consultations = (await logged()).slice(before).filter((e) => e.action === 'consultation');
      expect(consultations).toHaveLength(2);
      expect(consultations[0]?.query).toEqual({ entityOfRecord: 'fedpol:p1' });
      expect(told.filter((n) => n.kind === 'deconfliction.consult' && n.agency === 'fedpol')).toHaveLength(1);
      // A record the user may not read has no entity to look up, as if it did not exist.
      expect((await app.inject({ url: '/api/v1/records/intel:i1/entity', headers: headers('zoneOfficer') })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/records/fedpol:nothing/entity', headers: headers('zoneOfficer') })).statusCode).toBe(404);
    } finally {
      stop();
    }
  });

  it('offers an uncertain pair for review with the base rate its weights start from', async () => {
    // the same name and nothing else: on a store this small, about even odds
    await put({ id: 'p3', schema: 'Person', properties: { name: ['Marieke Vandersteen'] }, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const response = await app.inject({ url: '/api/v1/review', headers: headers('fedAnalyst') });
    expect(response.statusCode, response.body).toBe(200);
    const { pairs } = response.json() as { pairs: { a: { id: string }; b: { id: string }; probability: number; prior: number; explain: { feature: string; level: string; weight: number }[] }[] };
    const pair = pairs.find((p) => [p.a.id, p.b.id].sort().join() === 'fedpol:p2,fedpol:p3');
    expect(pair?.probability).toBeGreaterThanOrEqual(0.2);
    expect(pair?.probability).toBeLessThan(0.95);
    expect(pair?.prior).toBe(REFERENCE_PRIOR);
    expect(pair?.explain.find((e) => e.feature === 'name')?.level).toBe('exact');
    // the aligned tokens named by the words the reviewer may read in each record, not by their positions
    const name = pair?.explain.find((e) => e.feature === 'name') as { detail?: string; tokens?: { a: number[]; b: number[]; wordsA: string[]; wordsB: string[] }[] } | undefined;
    expect(name?.detail).toMatch(/\(Marieke ~ Marieke at frequency [\d.e-]+: [+-][\d.]+; Vandersteen ~ Vandersteen at frequency /);
    expect(name?.detail).not.toMatch(/a\d\.\d/);
    expect(name?.tokens?.map((t) => [t.a, t.b, t.wordsA, t.wordsB])).toEqual([[[0], [0], ['Marieke'], ['Marieke']], [[1], [1], ['Vandersteen'], ['Vandersteen']]]);
    // the base rate and the weights add up to the pair's odds (log2)
    const logit = (p: number): number => Math.log2(p / (1 - p));
    const sum = (pair?.explain ?? []).reduce((bits, e) => bits + e.weight, logit(REFERENCE_PRIOR));
    expect(Math.abs(sum - logit(pair?.probability ?? 0))).toBeLessThan(0.05);
  });

  it('asks about two entities once, and not again once a pair of theirs is judged', async () => {
    // p4 is p2 (name, date of birth, nationality): p3 against either is one question
    await put({ id: 'p4', schema: 'Person', properties: { name: ['Marieke Vandersteen'], birthDate: ['1975-11-02'], nationality: ['nl'] }, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    expect(projections.entities.entityOf(RecordId('fedpol:p4'))).toBe(projections.entities.entityOf(RecordId('fedpol:p2')));
    const withP3 = async () => {
      const response = await app.inject({ url: '/api/v1/review', headers: headers('fedAnalyst') });
      const { pairs } = response.json() as { pairs: { a: { id: string }; b: { id: string } }[] };
      return pairs.filter((p) => p.a.id === 'fedpol:p3' || p.b.id === 'fedpol:p3');
    };
    const asked = await withP3();
    expect(asked).toHaveLength(1);
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: asked[0]?.a.id, b: asked[0]?.b.id, verdict: 'not_same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    await projections.entities.rebuild();
    expect(await withP3()).toEqual([]);
  });

  it('says how many pairs wait for the reviewer beyond those shown, and what each answer moves, the count falling as they judge', async () => {
    // three federal pairs of the same name and nothing else, one of them held by a single record
    // the federal police may not see: intelligence's
    for (const [id, agency, name] of [['q1', 'fedpol', 'Gerolf Tanghe'], ['q2', 'fedpol', 'Gerolf Tanghe'], ['q3', 'fedpol', 'Ysaline Moerman'], ['q4', 'fedpol', 'Ysaline Moerman'], ['q5', 'intel', 'Gerolf Tanghe']] as const) {
      await put({ id, schema: 'Person', properties: { name: [name] }, provenance: testProvenance(agency) });
    }
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    type Answer = { pairs: { a: { id: string }; b: { id: string }; probability: number; affected: number }[]; left: number; more: boolean };
    const read = async (limit: number): Promise<Answer> => {
      const response = await app.inject({ url: `/api/v1/review?limit=${limit}`, headers: headers('fedAnalyst') });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Answer;
    };
    const all = await read(100);
    expect(all.more).toBe(false);
    expect(all.left).toBe(all.pairs.length);
    expect(all.pairs.map((p) => [p.a.id, p.b.id].sort().join())).toEqual(expect.arrayContaining(['fedpol:q1,fedpol:q2', 'fedpol:q3,fedpol:q4']));
    expect(JSON.stringify(all)).not.toContain('intel:q5');
    // a pair's answer moves the records of its two sides that the reviewer may read: the intelligence record is none of them
    expect(all.pairs.find((p) => [p.a.id, p.b.id].sort().join() === 'fedpol:q1,fedpol:q2')?.affected).toBe(2);
    // the order is the queue's: nearest even odds, weighted by the records the answer moves
    const priority = (p: Answer['pairs'][number]): number => (1 - Math.abs(2 * p.probability - 1)) * Math.log2(1 + p.affected);
    expect(all.pairs.map(priority)).toEqual(all.pairs.map(priority).sort((x, y) => y - x));
    // one shown, the count still the queue's
    const one = await read(1);
    expect(one.pairs).toHaveLength(1);
    expect(one.left).toBe(all.left);
    expect(one.pairs[0]).toEqual(all.pairs[0]);
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:q3', b: 'fedpol:q4', verdict: 'not_same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    expect((await read(1)).left).toBe(all.left - 1);
    // the intelligence analyst is asked nothing of the federal records, and counts none of them
    const intel = await app.inject({ url: '/api/v1/review?limit=100', headers: headers('intelAnalyst') });
    const theirs = intel.json() as Answer;
    expect(theirs.left).toBe(theirs.pairs.length);
    expect(theirs.pairs.some((p) => p.a.id.startsWith('fedpol:') || p.b.id.startsWith('fedpol:'))).toBe(false);
  });

  it('shows the review queue as a consultation: with a purpose and a case reference, audited and disclosed like a search', async () => {
    // another agency's uncertain pair: the same name and nothing else
    await put({ id: 'z7', schema: 'Person', properties: { name: ['Jorien Claeskens'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'z8', schema: 'Person', properties: { name: ['Jorien Claeskens'] }, provenance: testProvenance('zone-north') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const { authorization } = headers('fedAnalyst');
    const refused = await app.inject({ url: '/api/v1/review', headers: { authorization } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('MOSAIC_PURPOSE_REQUIRED');
    const from = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const response = await app.inject({ url: '/api/v1/review', headers: headers('fedAnalyst') });
    expect(response.statusCode, response.body).toBe(200);
    const { pairs } = response.json() as { pairs: { a: { id: string }; b: { id: string } }[] };
    expect(pairs.map((p) => [p.a.id, p.b.id].sort().join())).toContain('zone-north:z7,zone-north:z8');
    const entries = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(from).map((e) => JSON.parse(e.body) as { action: string; purpose: string | null; caseRef: string | null; records: string[] });
    const shown = pairs.flatMap((p) => [p.a.id, p.b.id]);
    const consultation = entries.find((e) => e.action === 'consultation');
    expect(consultation).toMatchObject({ purpose: 'investigation', caseRef: 'CASE-E' });
    expect([...(consultation?.records ?? [])].sort()).toEqual([...new Set(shown)].sort());
    expect(entries.find((e) => e.action === 'disclosure')).toMatchObject({ caseRef: 'CASE-E', records: expect.arrayContaining(['zone-north:z7', 'zone-north:z8']) });
  });

  it('refuses the review queue to anyone but an analyst, before any record is read or logged', async () => {
    // an uncertain pair the officer may read both sides of: the same name and nothing else
    await put({ id: 'z9', schema: 'Person', properties: { name: ['Wannes Debrabandere'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'z10', schema: 'Person', properties: { name: ['Wannes Debrabandere'] }, provenance: testProvenance('zone-north') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const from = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const refused = await app.inject({ url: '/api/v1/review', headers: headers('zoneOfficer') });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'only analysts review pairs' } });
    expect(refused.body).not.toContain('Debrabandere');
    // no consultation, no disclosure to the zone's partners: nothing was shown
    expect((await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(from)).toEqual([]);
  });

  it('after a same judgement, asks nothing more between the two entities it joined, and still asks to confirm the machine\'s merges', async () => {
    // two groups of a Jan Peeters the model keeps apart (@mosaic/resolution's twoGroups fixture):
    // x1 and x2 born 1970-03-02 with one passport; y1 to y4 Belgian, y1 to y3 with another passport, y4 joined on nationality alone
    const jan = { name: ['Jan Peeters'] };
    const y1 = { ...jan, birthDate: ['1970'], passportNumber: ['KX998877'], nationality: ['be'] };
    for (const [id, properties] of [
      ['jx1', { ...jan, birthDate: ['1970-03-02'], passportNumber: ['EH123456'] }], ['jx2', { ...jan, birthDate: ['1970-03-02'], passportNumber: ['EH123456'] }],
      ['jy1', y1], ['jy2', y1], ['jy3', { ...jan, passportNumber: ['KX998877'], nationality: ['be'] }], ['jy4', { ...jan, nationality: ['be'] }],
    ] as const) await put({ id, schema: 'Person', properties, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const entityOf = (id: string) => projections.entities.entityOf(RecordId(`fedpol:${id}`));
    expect(entityOf('jx1')).toBe(entityOf('jx2'));
    expect(entityOf('jy1')).toBe(entityOf('jy4'));
    expect(entityOf('jx1')).not.toBe(entityOf('jy1'));
    const asked = async (): Promise<string[]> => {
      const response = await app.inject({ url: '/api/v1/review?limit=100', headers: headers('fedAnalyst') });
      const { pairs } = response.json() as { pairs: { a: { id: string }; b: { id: string } }[] };
      return pairs.map((p) => [p.a.id, p.b.id].sort().join()).filter((p) => p.startsWith('fedpol:j')).sort();
    };
    const machine = ['fedpol:jy1,fedpol:jy4', 'fedpol:jy2,fedpol:jy4', 'fedpol:jy3,fedpol:jy4'];
    // the two entities are one question, asked once; the machine's merges of y4 are asked too
    const before = await asked();
    expect(before.filter((p) => p.startsWith('fedpol:jx'))).toHaveLength(1);
    expect(before).toEqual(expect.arrayContaining(machine));
    // a record judged against itself is no judgement
    const self = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:jx1', b: 'fedpol:jx1', verdict: 'not_same' } });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ error: { details: [{ field: 'b' }] } });
    // nor is a person judged the same as a vehicle, or two vehicles (records resolution does not group)
    await put({ id: 'jv1', schema: 'Vehicle', properties: { registrationNumber: ['1-JXV-001'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'jv2', schema: 'Vehicle', properties: { registrationNumber: ['1-JXV-002'] }, provenance: testProvenance('fedpol') });
    const acrossKinds = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:jx1', b: 'fedpol:jv1', verdict: 'same' } });
    // in the words POST /compare refuses them: the field is the side's schema
    expect(acrossKinds.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'b.schema: a Vehicle cannot be the same as a Person', details: [{ field: 'b.schema', reason: 'a Vehicle cannot be the same as a Person' }] } });
    const unresolved = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:jv1', b: 'fedpol:jv2', verdict: 'same' } });
    expect(unresolved.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'a.schema: Vehicle records are not resolved into entities', details: [{ field: 'a.schema', reason: 'Vehicle records are not resolved into entities' }] } });
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:jx1', b: 'fedpol:jy1', verdict: 'same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    expect(entityOf('jy4')).toBe(entityOf('jx1'));
    expect(await asked()).toEqual(machine);
    // a record arriving afterwards (incremental, no full pass) joins y1's side: asked about y4, not about x1 or x2
    await put({ id: 'jy5', schema: 'Person', properties: y1, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    expect(entityOf('jy5')).toBe(entityOf('jx1'));
    expect(await asked()).toEqual([...machine, 'fedpol:jy4,fedpol:jy5']);
  });

  it('keeps two records apart for good after a not-same judgement', async () => {
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:p1', b: 'zone-north:z1', verdict: 'not_same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    expect(projections.entities.entityOf(RecordId('fedpol:p1'))).not.toBe(projections.entities.entityOf(RecordId('zone-north:z1')));
    await projections.entities.rebuild();
    expect(projections.entities.entityOf(RecordId('fedpol:p1'))).not.toBe(projections.entities.entityOf(RecordId('zone-north:z1')));
  });

  it('says when a "same" is stored but not followed, a "not same" through a third record keeping the two apart', async () => {
    const person = { name: ['Hendrikje Wouterse'], birthDate: ['1968-02-19'], nationality: ['nl'] };
    for (const id of ['kw1', 'kw2', 'kw3']) await put({ id, schema: 'Person', properties: person, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    const judge = async (a: string, b: string, verdict: string) => {
      const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: `fedpol:${a}`, b: `fedpol:${b}`, verdict } });
      expect(judged.statusCode, judged.body).toBe(200);
      return judged.json<{ entityA: string; entityB: string; applied: boolean; keptApart?: boolean }>();
    };
    expect(await judge('kw1', 'kw2', 'not_same')).not.toHaveProperty('keptApart');
    const joined = await judge('kw1', 'kw3', 'same');
    expect(joined.entityA).toBe(joined.entityB);
    expect(joined).not.toHaveProperty('keptApart');
    // kw2 "same" as kw3 would make kw1 and kw2 one: the "not same" holds, and the answer says so
    const apart = await judge('kw2', 'kw3', 'same');
    expect(apart.entityA).not.toBe(apart.entityB);
    expect(apart).toMatchObject({ applied: true, keptApart: true });
  });

  it('refuses a judgement on a record the user may not see, like a missing one, naming it; and a non-analyst\'s as forbidden', async () => {
    const judge = (user: string, b: string) => app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers(user), payload: { a: 'fedpol:p2', b, verdict: 'same' } });
    const hidden = await judge('fedAnalyst', 'intel:i1');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await judge('fedAnalyst', 'intel:no-such-record')).json());
    expect(hidden.json()).toMatchObject({ error: { code: 'MOSAIC_NOT_FOUND', message: 'b: no such record you may judge' } });
    const officer = await judge('zoneOfficer', 'intel:i1');
    expect(officer.statusCode).toBe(403);
    expect(officer.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'only analysts judge records' } });
  });

  it('answers a hidden entity like an unknown one', async () => {
    await put({ id: 'i9', schema: 'Person', properties: { name: ['Solitary Hidden Person'] }, provenance: testProvenance('intel', { marking: { tlp: 'RED', classification: 'SECRET', releasability: [] } }) });
    await projections.follower.catchUp();
    const entity = projections.entities.entityOf(RecordId('intel:i9'));
    expect(entity).toBeDefined();
    const hidden = await app.inject({ url: `/api/v1/entities/${entity}`, headers: headers('zoneOfficer') });
    const unknown = await app.inject({ url: '/api/v1/entities/e999999', headers: headers('zoneOfficer') });
    expect(hidden.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
  });

  it('answers the entity of a record the user may not see exactly like that of a missing record, with no entity id', async () => {
    await put({ id: 'i8', schema: 'Person', properties: { name: ['Lone Hidden Courier'] }, provenance: testProvenance('intel', { marking: { tlp: 'RED', classification: 'SECRET', releasability: [] } }) });
    await put({ id: 'n1', schema: 'Person', properties: { name: ['Restricted Colleague'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['zone-north-cell'] } }) });
    await projections.follower.catchUp();
    const entityOf = (id: string) => app.inject({ url: `/api/v1/records/${id}/entity`, headers: headers('zoneOfficer') });
    const missing = { statusCode: 404, body: (id: string) => ({ error: { code: 'MOSAIC_NOT_FOUND', message: `record ${id} not found` } }) };
    // a record that does not exist, one only another agency may see, one of a need-to-know group
    // the officer is not in, and one merged into an entity the officer sees (intel:i1)
    for (const id of ['intel:does-not-exist', 'intel:i8', 'zone-north:n1', 'intel:i1']) {
      const response = await entityOf(id);
      expect(response.statusCode, id).toBe(missing.statusCode);
      expect(response.json(), id).toEqual(missing.body(id));
      // the same answer as reading the record
      if (id !== 'intel:i1') expect((await app.inject({ url: `/api/v1/records/${id}`, headers: headers('zoneOfficer') })).json(), id).toEqual(missing.body(id));
    }
    const shown = await entityOf('fedpol:p1');
    expect(shown.json()).toEqual({ entity: projections.entities.entityOf(RecordId('fedpol:p1')) });
  });

  it('undoes only merges that exist, and only for analysts', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/merges/no-such-merge/undo', headers: headers('fedAnalyst') });
    expect(unknown.statusCode).toBe(404);
    const officer = await app.inject({ method: 'POST', url: '/api/v1/merges/no-such-merge/undo', headers: headers('zoneOfficer') });
    expect(officer.statusCode).toBe(403);
  });

  it('answers a merge of records the analyst may not see like an unknown merge, with no entity id', async () => {
    const secret = { marking: { tlp: 'RED', classification: 'SECRET', releasability: [] } };
    // two people until an intelligence analyst judges them one
    await put({ id: 'i6', schema: 'Person', properties: { name: ['Yusuf Okonkwo'] }, provenance: testProvenance('intel', secret) });
    await put({ id: 'i7', schema: 'Person', properties: { name: ['Ragnhild Sørbø'] }, provenance: testProvenance('intel', secret) });
    await projections.follower.catchUp();
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('intelAnalyst'), payload: { a: 'intel:i6', b: 'intel:i7', verdict: 'same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    const entity = projections.entities.entityOf(RecordId('intel:i6'));
    expect(projections.entities.entityOf(RecordId('intel:i7'))).toBe(entity);
    const [merge] = entity ? await projections.entities.merges(entity) : [];
    expect(merge).toBeDefined();
    const undo = (id: string) => app.inject({ method: 'POST', url: `/api/v1/merges/${id}/undo`, headers: headers('fedAnalyst') });
    const hidden = await undo(merge?.id ?? '');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await undo('no-such-merge')).json());
  });

  it('judges, lists merges and undoes one only under the reviewer\'s purpose and case, which each audit entry records', async () => {
    await put({ id: 'pq1', schema: 'Person', properties: { name: ['Ysaline Verhaegen'] }, provenance: testProvenance('intel') });
    await put({ id: 'pq2', schema: 'Person', properties: { name: ['Ysaline Verhaeghe'] }, provenance: testProvenance('intel') });
    await projections.follower.catchUp();
    const bare = { authorization: `Bearer ${tokens['intelAnalyst'] ?? ''}` };
    const pair = { a: 'intel:pq1', b: 'intel:pq2', verdict: 'same' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: bare, payload: pair })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: bare, payload: { ...pair, purpose: 'identity check', caseRef: 'CASE-Q1' } });
    expect(judged.statusCode, judged.body).toBe(200);
    const entity = projections.entities.entityOf(RecordId('intel:pq1'))!;
    expect((await app.inject({ url: `/api/v1/entities/${entity}/merges`, headers: bare })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const listed = await app.inject({ url: `/api/v1/entities/${entity}/merges`, headers: headers('intelAnalyst') });
    const [merge] = (listed.json() as { merges: { id: string }[] }).merges;
    expect((await app.inject({ method: 'POST', url: `/api/v1/merges/${encodeURIComponent(merge!.id)}/undo`, headers: bare })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    expect((await app.inject({ method: 'POST', url: `/api/v1/merges/${encodeURIComponent(merge!.id)}/undo`, headers: headers('intelAnalyst') })).statusCode).toBe(204);
    const logged: unknown[][] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) {
      if (entry.records.includes(RecordId('intel:pq1')) && entry.actor.user === 'intel.intelAnalyst') logged.push([entry.purpose, entry.caseRef, entry.reason]);
    }
    expect(logged).toEqual(expect.arrayContaining([['identity check', 'CASE-Q1', 'judgement:same'], ['investigation', 'CASE-E', 'merge undone']]));
    expect(logged.every(([purpose]) => purpose === 'identity check' || purpose === 'investigation')).toBe(true);
  });

  it('logs an undo with every pair it judged not the same: the merge\'s link, and the "same" it overrules on another pair', async () => {
    // two groups the model keeps apart (as resolution's twoGroups): x-y1 and x-y2 link, x-y3 does not
    const name = ['Gerolf Vanmechelen'];
    for (const [id, properties] of [
      ['gx1', { name, birthDate: ['1970-03-02'], passportNumber: ['EH654321'] }], ['gx2', { name, birthDate: ['1970-03-02'], passportNumber: ['EH654321'] }],
      ['gy1', { name, birthDate: ['1970'], passportNumber: ['KX778899'], nationality: ['be'] }], ['gy2', { name, birthDate: ['1970'], passportNumber: ['KX778899'], nationality: ['be'] }],
      ['gy3', { name, passportNumber: ['KX778899'], nationality: ['be'] }], ['gy4', { name, nationality: ['be'] }],
    ] as const) await put({ id, schema: 'Person', properties, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const entityOf = (id: string) => projections.entities.entityOf(RecordId(`fedpol:${id}`));
    expect(entityOf('gx1')).not.toBe(entityOf('gy1'));
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:gx1', b: 'fedpol:gy4', verdict: 'same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    expect(entityOf('gx1')).toBe(entityOf('gy4'));
    const listed = await app.inject({ url: `/api/v1/entities/${entityOf('gx1')}/merges`, headers: headers('fedAnalyst') });
    const merge = (listed.json() as { merges: { id: string; kind: string }[] }).merges.find((m) => m.kind === 'judgement')!;
    expect((await app.inject({ method: 'POST', url: `/api/v1/merges/${encodeURIComponent(merge.id)}/undo`, headers: headers('fedAnalyst') })).statusCode).toBe(204);
    expect(entityOf('gx1')).not.toBe(entityOf('gy4'));
    const undone: (readonly string[])[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.reason === 'merge undone' && entry.records.includes(RecordId('fedpol:gx1'))) undone.push(entry.records);
    expect(undone).toHaveLength(1);
    expect(undone[0]).toEqual(expect.arrayContaining(['fedpol:gx1', 'fedpol:gy4']));
  });

  it('shows how an entity was built, and lets it be taken apart, only to someone who sees it: a pointer to it is not enough', async () => {
    // Intelligence gives the zone pointers only: a zone analyst learns that intel holds something, not what.
    await world.mosaic.store.upsertUser({
      id: UserId('zone-north.zoneAnalyst'), name: 'zoneAnalyst', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['analyst'],
      clearance: 'RESTRICTED', groups: [], passwordHash: await hashPassword(TEST_PASSWORD),
    });
    tokens['zoneAnalyst'] = await signInToken(app, 'zoneAnalyst');
    await put({ id: 'i4', schema: 'Person', properties: { name: ['Wendelin Aschauer'] }, provenance: testProvenance('intel') });
    await put({ id: 'i5', schema: 'Person', properties: { name: ['Ottilie Brandstaetter'] }, provenance: testProvenance('intel') });
    await projections.follower.catchUp();
    const judged = await app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('intelAnalyst'), payload: { a: 'intel:i4', b: 'intel:i5', verdict: 'same' } });
    expect(judged.statusCode, judged.body).toBe(200);
    const entity = projections.entities.entityOf(RecordId('intel:i4'));
    const [merge] = entity ? await projections.entities.merges(entity) : [];
    expect(merge).toBeDefined();
    const shown = await app.inject({ url: `/api/v1/entities/${entity}`, headers: headers('zoneAnalyst') });
    expect(shown.json()).toMatchObject({ entity: { records: [], pointers: [{ agency: 'intel' }] } });

    const merges = (id: string, user = 'zoneAnalyst') => app.inject({ url: `/api/v1/entities/${id}/merges`, headers: headers(user) });
    const hidden = await merges(entity ?? '');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: `entity ${entity} not found` } });
    const undo = (id: string) => app.inject({ method: 'POST', url: `/api/v1/merges/${encodeURIComponent(id)}/undo`, headers: headers('zoneAnalyst') });
    const refused = await undo(merge?.id ?? '');
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual((await undo('no-such-merge')).json());
    // the merge stands, and those who see the entity still see how it was built
    expect(projections.entities.entityOf(RecordId('intel:i5'))).toBe(entity);
    expect((await merges(entity ?? '', 'intelAnalyst')).json()).toEqual({ merges: [expect.objectContaining({ id: merge?.id, undone: false })] });
  });

  it('tells who decided about an entity, to someone who sees it, as a consultation: judgements newest first, and the analyst behind a judged merge', async () => {
    await put({ id: 'wj1', schema: 'Person', properties: { name: ['Hildegonde Vercammen'] }, provenance: testProvenance('intel') });
    await put({ id: 'wj2', schema: 'Person', properties: { name: ['Roswitha Dierickx'] }, provenance: testProvenance('intel') });
    await projections.follower.catchUp();
    const judge = (verdict: string, note?: string) => app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('intelAnalyst'), payload: { a: 'intel:wj1', b: 'intel:wj2', verdict, ...(note ? { note } : {}) } });
    expect((await judge('same', 'one passport photo')).statusCode).toBe(200);
    const entity = projections.entities.entityOf(RecordId('intel:wj1'))!;
    const judgements = (id: string, user = 'intelAnalyst') => app.inject({ url: `/api/v1/entities/${id}/judgements`, headers: headers(user) });
    const by = { user: 'intel.intelAnalyst', agency: 'intel' };
    const same = { a: 'intel:wj1', b: 'intel:wj2', verdict: 'same', by, at: expect.any(String), note: 'one passport photo' };
    expect((await judgements(entity)).json()).toEqual({ judgements: [same] });
    const merges = (await app.inject({ url: `/api/v1/entities/${entity}/merges`, headers: headers('intelAnalyst') })).json() as { merges: { id: string; kind: string; by?: unknown }[] };
    expect(merges.merges).toEqual([expect.objectContaining({ kind: 'judgement', by })]);
    // taken apart again: the undo is a "not same", newest first, in the history of either side
    expect((await app.inject({ method: 'POST', url: `/api/v1/merges/${encodeURIComponent(merges.merges[0]!.id)}/undo`, headers: headers('intelAnalyst') })).statusCode).toBe(204);
    const after = (await judgements(projections.entities.entityOf(RecordId('intel:wj2'))!)).json() as { judgements: { verdict: string }[] };
    expect(after.judgements.map((j) => j.verdict)).toEqual(['not_same', 'same']);
    // under a purpose and case, logged as a read of the entity; someone who may not see it learns nothing
    expect((await app.inject({ url: `/api/v1/entities/${entity}/judgements`, headers: { authorization: `Bearer ${tokens['intelAnalyst'] ?? ''}` } })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const last = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; query: unknown }).at(-1);
    expect(last).toMatchObject({ action: 'consultation', actor: { user: 'intel.intelAnalyst' }, query: { entity: projections.entities.entityOf(RecordId('intel:wj2')), view: 'judgements' } });
    const hidden = await judgements(entity, 'zoneOfficer');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: `entity ${entity} not found` } });
  });

  it('names the analyst who judged only to readers of their own agency, and logs the records of other entities the judgements name', async () => {
    await world.mosaic.store.upsertUser({
      id: UserId('fedpol.fedOfficer'), name: 'fedOfficer', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['officer'],
      clearance: 'RESTRICTED', groups: [], passwordHash: await hashPassword(TEST_PASSWORD),
    });
    tokens['fedOfficer'] = await signInToken(app, 'fedOfficer');
    // two federal police records the analyst judges one man, and the zone's record of another they judge not him
    await put({ id: 'wb1', schema: 'Person', properties: { name: ['Leopold Quaghebeur'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'wb2', schema: 'Person', properties: { name: ['Poldi Vanquaille'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'wbz', schema: 'Person', properties: { name: ['Sylvain Moerdijk'] }, provenance: testProvenance('zone-north') });
    await projections.follower.catchUp();
    const judge = (b: string, verdict: string) => app.inject({ method: 'POST', url: '/api/v1/judgements', headers: headers('fedAnalyst'), payload: { a: 'fedpol:wb1', b, verdict } });
    expect((await judge('fedpol:wb2', 'same')).statusCode).toBe(200);
    expect((await judge('zone-north:wbz', 'not_same')).statusCode).toBe(200);
    const entity = projections.entities.entityOf(RecordId('fedpol:wb1'))!;
    expect(projections.entities.entityOf(RecordId('zone-north:wbz'))).not.toBe(entity);
    const history = async (user: string) => {
      const judged = (await app.inject({ url: `/api/v1/entities/${entity}/judgements`, headers: headers(user) })).json() as { judgements: { b: string; by: unknown }[] };
      const merged = (await app.inject({ url: `/api/v1/entities/${entity}/merges`, headers: headers(user) })).json() as { merges: { by?: unknown }[] };
      return { judgements: judged.judgements.map((j) => [j.b, j.by]), merges: merged.merges.map((m) => m.by) };
    };
    const named = { user: 'fedpol.fedAnalyst', agency: 'fedpol' };
    for (const user of ['fedAnalyst', 'fedOfficer']) {
      expect(await history(user), user).toEqual({ judgements: [['zone-north:wbz', named], ['fedpol:wb2', named]], merges: [named] });
    }
    // the zone's officer reads all three records, and is told the agency alone
    expect(await history('zoneOfficer')).toEqual({ judgements: [['zone-north:wbz', { agency: 'fedpol' }], ['fedpol:wb2', { agency: 'fedpol' }]], merges: [{ agency: 'fedpol' }] });

    // the zone's record the "not same" names, of another entity, is logged as read with the entity, and as disclosed to the federal police
    const { seq } = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).at(-1)!;
    await app.inject({ url: `/api/v1/entities/${entity}/judgements`, headers: headers('fedAnalyst') });
    const logged = (await world.mosaic.store.readAudit({ fromSeq: seq + 1, limit: 100 })).map((e) => JSON.parse(e.body) as { action: string; records: string[]; recipients: string[]; query: unknown; subjects: string[] });
    expect(logged.filter((e) => e.action === 'consultation').flatMap((e) => e.records).sort()).toEqual(['fedpol:wb1', 'fedpol:wb2', 'zone-north:wbz']);
    // each under the query of the judgements' read, which names the panel read
    expect(logged.filter((e) => e.action === 'consultation').every((e) => JSON.stringify([e.query, e.subjects]) === JSON.stringify([{ entity, view: 'judgements' }, [entity]]))).toBe(true);
    expect(logged.filter((e) => e.action === 'disclosure').map((e) => [e.records, e.recipients])).toEqual([[['zone-north:wbz'], ['fedpol']]]);
  });

  it('compares two records with a decision, the threshold it was taken at, and an explanation', async () => {
    const compare = (b: Record<string, string[]>) => app.inject({ method: 'POST', url: '/api/v1/compare', headers: headers('fedAnalyst'), payload: {
      a: { schema: 'Person', properties: { name: ['Abdelkader Benhaddou'], birthDate: ['1991-04-12'] } },
      b: { schema: 'Person', properties: b },
    } });
    const response = await compare({ name: ['Abdel Kader Ben Haddou'], birthDate: ['1991-04-12'] });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { score: number; match: boolean; threshold: number; explain: unknown[] };
    expect(body.match).toBe(true);
    expect(body.score).toBeGreaterThan(0.9);
    expect(Array.isArray(body.explain) && body.explain.length).toBeGreaterThan(0);
    // the shipped model's: a match is a score at or above it
    expect(body.threshold).toBe(defaultModel().threshold);
    expect(body.score).toBeGreaterThanOrEqual(body.threshold);
    const other = (await compare({ name: ['Marieke Vandersteen'], birthDate: ['1975-11-02'] })).json() as typeof body;
    expect(other).toMatchObject({ match: false, threshold: body.threshold });
    expect(other.score).toBeLessThan(other.threshold);
  });

  it('refuses to compare a record it would read wrongly, naming the side, the field and the reason', async () => {
    const compare = (b: unknown) => app.inject({ method: 'POST', url: '/api/v1/compare', headers: headers('fedAnalyst'), payload: { a: { schema: 'Person', properties: { name: ['Ida Lenz'] } }, b } });
    const badDate = await compare({ schema: 'Person', properties: { name: ['Ida Lenz'], birthDate: ['1987-02-29'] } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'b.birthDate: "1987-02-29" is not a date: its month has no such day', details: [{ field: 'b.birthDate', reason: '"1987-02-29" is not a date: its month has no such day' }] } });
    const badSchema = await compare({ schema: 'Persn', properties: { name: ['Ida Lenz'] } });
    expect(badSchema.statusCode).toBe(400);
    expect(badSchema.json().error.message).toBe('b.schema: "Persn" is not a known schema');
  });

  it('refuses to compare a person with an organisation, in the words a judgement refuses them', async () => {
    const compare = (a: string, b: string) => app.inject({ method: 'POST', url: '/api/v1/compare', headers: headers('fedAnalyst'), payload: {
      a: { schema: a, properties: { name: ['Ida Lenz'] } }, b: { schema: b, properties: { name: ['Ida Lenz'] } },
    } });
    const across = await compare('Person', 'Organization');
    expect(across.statusCode).toBe(400);
    expect(across.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'b.schema: a Organization cannot be the same as a Person', details: [{ field: 'b.schema', reason: 'a Organization cannot be the same as a Person' }] } });
    const vehicle = await compare('Vehicle', 'Person');
    expect(vehicle.json()).toMatchObject({ error: { details: [{ field: 'b.schema', reason: 'a Person cannot be the same as a Vehicle' }] } });
    const organisations = await compare('Organization', 'Organization');
    expect(organisations.statusCode).toBe(200);
    expect(organisations.json()).toMatchObject({ match: true });
  });
});

describe('taking a record out of a subject the first full pass made', () => {
  let first: TestMosaic;
  let firstProjections: Projections;
  let firstApp: FastifyInstance;
  let firstTokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${firstTokens[user] ?? ''}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-T' });
  const person = { name: ['Griet Vanderschueren'], birthDate: ['1968-07-21'], passportNumber: ['BE7788990'] };

  beforeAll(async () => {
    first = await openTestMosaic();
    // one woman's records of two agencies, stored before the entities are first resolved
    for (const [id, agency] of [['t1', 'fedpol'], ['t2', 'fedpol'], ['t3', 'intel']] as const) {
      const v = validateRecord(first.mosaic.registry, { id, schema: 'Person', properties: person, provenance: testProvenance(agency) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await first.mosaic.store.putRecords([v.record], { actor: 'test' });
    }
    firstProjections = await startProjections(first.mosaic, { follow: false });
    firstApp = await buildApp({ mosaic: first.mosaic, projections: firstProjections, webRoot: null });
    firstTokens = await signInTokens(firstApp, ['zoneOfficer', 'fedAnalyst']);
  });

  afterAll(async () => {
    firstProjections.stop();
    await firstApp.close();
    await first.cleanup();
  });

  it('has no merge to undo, and takes the record out for an analyst who sees it, judged apart from the records they see, for good', async () => {
    const subject = firstProjections.entities.entityOf(RecordId('fedpol:t1'))!;
    for (const record of ['fedpol:t2', 'intel:t3']) expect(firstProjections.entities.entityOf(RecordId(record))).toBe(subject);
    expect((await firstApp.inject({ url: `/api/v1/entities/${subject}/merges`, headers: as('fedAnalyst') })).json()).toEqual({ merges: [] });
    const takeOut = (record: string, user = 'fedAnalyst', headers: Record<string, string> = as(user)) => firstApp.inject({ method: 'POST', url: `/api/v1/entities/${subject}/take-out`, headers, payload: { record, note: 'a namesake' } });

    expect((await takeOut('fedpol:t2', 'fedAnalyst', { authorization: as('fedAnalyst').authorization })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    expect((await takeOut('fedpol:t2', 'zoneOfficer')).statusCode).toBe(403);
    // a record of the subject the analyst may not read answers as one that is not there
    const hidden = await takeOut('intel:t3');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await takeOut('fedpol:nobody')).json());
    expect(firstProjections.entities.entityOf(RecordId('fedpol:t2'))).toBe(subject);

    const taken = await takeOut('fedpol:t2');
    expect(taken.statusCode, taken.body).toBe(200);
    const body = taken.json() as { entity: string; rest: string[]; apart: string[] };
    expect(body.apart).toEqual(['fedpol:t1']);
    expect(body.entity).not.toBe(body.rest[0]);
    expect((await firstApp.inject({ url: '/api/v1/records/fedpol%3At2/entity', headers: as('fedAnalyst') })).json()).toEqual({ entity: body.entity });
    expect((await firstApp.inject({ url: '/api/v1/records/fedpol%3At1/entity', headers: as('fedAnalyst') })).json()).toEqual({ entity: body.rest[0] });
    const logged: unknown[][] = [];
    for await (const entry of createStoreAuditStorage(first.mosaic.store).entries()) if (entry.reason === 'record taken out') logged.push([entry.actor.user, entry.purpose, entry.caseRef, entry.records]);
    expect(logged).toEqual([['fedpol.fedAnalyst', 'investigation', 'CASE-T', ['fedpol:t2', 'fedpol:t1']]]);
    // the judgement is on the subject's history, with who, when and why
    expect((await firstApp.inject({ url: `/api/v1/entities/${body.entity}/judgements`, headers: as('fedAnalyst') })).json()).toEqual({
      judgements: [expect.objectContaining({ a: 'fedpol:t2', b: 'fedpol:t1', verdict: 'not_same', by: { user: 'fedpol.fedAnalyst', agency: 'fedpol' }, note: 'a namesake' })],
    });
    await firstProjections.entities.rebuild();
    expect(firstProjections.entities.entityOf(RecordId('fedpol:t2'))).not.toBe(firstProjections.entities.entityOf(RecordId('fedpol:t1')));
  });
});
