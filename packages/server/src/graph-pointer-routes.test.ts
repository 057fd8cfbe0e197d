/**
 * Pointers in the graph's answers: an entity a user sees through pointers alone (intelligence
 * gives the zone pointers only), or an id absorbed into one, answers every route (expand, paths,
 * the timeline, places, connectors, communities, centrality, export: beside the file) as its
 * profile does, with the pointer and nothing drawn, not as an unknown id; an entity drawn carries
 * the pointers of its members the user may not read, as its profile does; each passes the gate
 * that logs them and tells the owner. A pointer comes only from the members of what is
 * answered: a hidden neighbour, or a hidden tie, gives none.
 */
import { AgencyId, DeskId, RecordId, UserId, validateRecord } from '@mosaic/model';
import { hashPassword, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, putFixtures, TEST_PASSWORD, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};
const purpose = { purpose: 'network analysis', caseRef: 'CASE-P' };

const record = (agency: string, id: string, schema: string, properties: Record<string, string[]>) => ({ id, schema, properties, provenance: testProvenance(agency) });
const benhaddou = { name: ['Abdelkader Benhaddou'], birthDate: ['1991-04-12'], nationality: ['be'], passportNumber: ['EM123456'] };
/** Persons intelligence alone holds, one for each route asked of them (its owner is told of an encounter once a day per user and record). */
const heldAlone = {
  places: ['w2', 'Wigbert Oberhollenzer'], connectors: ['w3', 'Walburga Zehetmayr'], communities: ['w4', 'Wolfhart Kienesberger'],
  centrality: ['w5', 'Waltraud Hinterseer'], export: ['w6', 'Wunibald Achleitner'],
} as const;
const gundula = { name: ['Gundula Pfefferkorn'], birthDate: ['1958-11-23'], passportNumber: ['AT4455667'] };
/** The id of an entity intelligence's record m2 made, absorbed since into the entity of its record m1. */
let absorbed = '';

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer', 'fedAnalyst']);
  for (const raw of [
    // held by intelligence alone: the zone is pointed to it, the federal police told nothing
    record('intel', 'w1', 'Person', { name: ['Wendelin Aschauer'], birthDate: ['1969-02-03'] }),
    // one man known to all three: the zone and the federal police read their own, intelligence's is pointed to (for the zone)
    record('fedpol', 'p1', 'Person', benhaddou),
    record('zone-north', 'z1', 'Person', benhaddou),
    record('intel', 'i1', 'Person', benhaddou),
    // the zone's man tied by the zone to another, and by intelligence alone to someone only it holds
    record('zone-north', 'o1', 'Person', { name: ['Omar Belkacem'], birthDate: ['1993-07-07'] }),
    record('zone-north', 'as1', 'Associate', { person: ['z1'], associate: ['o1'] }),
    record('intel', 'x1', 'Person', { name: ['Ottilie Brandstaetter'], birthDate: ['1977-09-09'] }),
    record('intel', 'as2', 'Associate', { person: ['x1'], associate: ['zone-north:o1'] }),
    ...Object.values(heldAlone).map(([id, name]) => record('intel', id, 'Person', { name: [name], birthDate: ['1970-01-01'] })),
  ]) {
    const v = validateRecord(world.mosaic.registry, raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  }
  await projections.follower.catchUp();
  // intelligence's m2, another person at first, corrected to m1's: its entity is absorbed into m1's
  await putFixtures(world.mosaic, [record('intel', 'm1', 'Person', gundula), record('intel', 'm2', 'Person', { name: ['Gerlinde Pfefferkorn'], birthDate: ['1961-03-14'] })]);
  await projections.follower.catchUp();
  absorbed = entityOf('intel:m2');
  await putFixtures(world.mosaic, [record('intel', 'm2', 'Person', gundula)]);
  await projections.follower.catchUp();
  await projections.entities.settle();
  // the zone's analyst, who may export: intelligence points them to its records as it does the zone's officer
  await world.mosaic.store.upsertUser({
    id: UserId('zone-north.zoneAnalyst'), name: 'zoneAnalyst', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['analyst'],
    clearance: 'RESTRICTED', groups: [], passwordHash: await hashPassword(TEST_PASSWORD),
  });
  tokens['zoneAnalyst'] = await signInToken(app, 'zoneAnalyst');
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

const post = (user: string, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/${url}`, headers: { authorization: `Bearer ${tokens[user] ?? ''}` }, payload: { ...purpose, ...payload } });
const get = (user: string, url: string) =>
  app.inject({ url: `/api/v1/${url}`, headers: { authorization: `Bearer ${tokens[user] ?? ''}`, 'x-mosaic-purpose': purpose.purpose, 'x-mosaic-case': purpose.caseRef } });
const entityOf = (id: string): string => projections.entities.entityOf(RecordId(id)) ?? id;
const intelPointer = { agency: 'intel', agencyName: 'State Security', message: 'holds information', desk: { id: 'intel-liaison', name: 'Liaison desk', contact: '+32 2 000 00 03' } };

interface Logged { action: string; actor: { user: string }; query?: unknown; records: string[]; pointers: string[]; pointed?: { agency: string; records: string[] }[] }
const logged = async (): Promise<Logged[]> => (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as Logged);

describe('pointers in the graph', () => {
  it('answers an entity seen through a pointer alone as its profile does: the pointer, nothing drawn, logged and told to the owner', async () => {
    const held = entityOf('intel:w1');
    const told: { kind: string; agency?: string; records?: unknown }[] = [];
    const stop = world.mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, ...('agency' in n.to ? { agency: n.to.agency } : {}), records: (n.body as { records?: unknown }).records }));
    const before = (await logged()).length;
    try {
      const expanded = await post('zoneOfficer', 'graph/expand', { seeds: [held], hops: 2 });
      expect(expanded.statusCode, expanded.body).toBe(200);
      expect(expanded.json()).toEqual({ nodes: [], edges: [], truncated: false, pointers: [intelPointer] });
      expect(expanded.body).not.toContain('Aschauer');
      expect(expanded.body).not.toContain('intel:w1');
      const timeline = await get('zoneOfficer', `graph/timeline?entities=${held}`);
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect(timeline.json()).toEqual({ events: [], undated: [], pointers: [intelPointer] });
      const paths = await post('zoneOfficer', 'graph/paths', { from: held, to: entityOf('zone-north:o1') });
      expect(paths.statusCode, paths.body).toBe(200);
      expect(paths.json()).toEqual({ paths: [], reason: 'no-path', pointers: [intelPointer] });
      // the other end still has to be one the user may see, or be pointed to
      const unknown = await post('zoneOfficer', 'graph/paths', { from: held, to: 'e999999' });
      expect(unknown.statusCode).toBe(404);

      // each answer is a consultation with the pointer and the record behind it for the owner's auditor
      const entries = (await logged()).slice(before).filter((e) => e.action === 'consultation');
      expect(entries).toHaveLength(3);
      for (const entry of entries) expect(entry).toMatchObject({ pointers: ['intel'], pointed: [{ agency: 'intel', records: ['intel:w1'] }] });
      // what was read: nothing for expand and the timeline, the other end for the paths
      expect(entries.map((e) => e.records)).toEqual([[], [], ['zone-north:o1']]);
      // the owner is told of the encounter, once today for this user and record however often it is met
      expect(told.filter((n) => n.kind === 'deconfliction.encounter' && n.agency === 'intel')).toEqual([{ kind: 'deconfliction.encounter', agency: 'intel', records: ['intel:w1'] }]);
      // its profile gives the same pointer, a consultation of the same record the owner was told of today
      const profile = await get('zoneOfficer', `entities/${held}`);
      expect(profile.json()).toMatchObject({ entity: { records: [], pointers: [intelPointer] } });
      expect(told.filter((n) => n.kind.startsWith('deconfliction.'))).toHaveLength(1);
    } finally {
      stop();
    }
    // whom the owner's agreement tells nothing sees no more than of an unknown id, in the same words
    const hidden = await post('fedAnalyst', 'graph/expand', { seeds: [held] });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await post('fedAnalyst', 'graph/expand', { seeds: ['e999999'] })).json());
    expect((await get('fedAnalyst', `graph/timeline?entities=${held}`)).statusCode).toBe(404);
  });

  it('carries the pointers of the members hidden from the user of the entities drawn, as their profiles, and none from a hidden neighbour', async () => {
    const man = entityOf('fedpol:p1');
    expect(entityOf('zone-north:z1')).toBe(man);
    expect(entityOf('intel:i1')).toBe(man);
    const profile = (await get('zoneOfficer', `entities/${man}`)).json() as { entity: { pointers: unknown[] } };
    expect(profile.entity.pointers).toEqual([intelPointer]);
    const expanded = await post('zoneOfficer', 'graph/expand', { seeds: [man], hops: 1 });
    expect(expanded.statusCode, expanded.body).toBe(200);
    const body = expanded.json() as { nodes: { id: string }[]; pointers: unknown[] };
    expect(body.nodes.map((n) => n.id).sort()).toEqual([man, entityOf('zone-north:o1')].sort());
    expect(body.pointers).toEqual([intelPointer]);
    const path = (await post('zoneOfficer', 'graph/paths', { from: man, to: entityOf('zone-north:o1') })).json() as { paths: unknown[]; pointers: unknown[] };
    expect(path.paths).toHaveLength(1);
    expect(path.pointers).toEqual([intelPointer]);
    expect(((await get('zoneOfficer', `graph/timeline?entities=${man}`)).json() as { pointers: unknown[] }).pointers).toEqual([intelPointer]);

    // Omar's other tie is intelligence's, to a man only it holds: neither is drawn, and no pointer tells of them
    const omar = await post('zoneOfficer', 'graph/expand', { seeds: [entityOf('zone-north:o1')], hops: 0 });
    expect(omar.json()).toMatchObject({ nodes: [{ id: entityOf('zone-north:o1') }], edges: [], pointers: [] });
    // nor at the level of records, where a node is a record the user reads
    const records = (await post('zoneOfficer', 'graph/expand', { seeds: ['zone-north:z1'], hops: 2, level: 'record' })).json() as { nodes: { id: string }[]; pointers: unknown[] };
    expect(records.nodes.map((n) => n.id)).not.toContain('intel:i1');
    expect(records.pointers).toEqual([]);
    // the federal police, to whom intelligence points nothing, get no pointer
    expect(((await post('fedAnalyst', 'graph/expand', { seeds: [man], hops: 1 })).json() as { pointers: unknown[] }).pointers).toEqual([]);
  });

  /**
   * What one route answers the zone of an entity intelligence alone holds (heldAlone), against
   * what expand answers: the pointer and nothing of the record, one audit entry naming it and the
   * record behind it, the owner told; and what it answers whom intelligence tells nothing: the
   * 404 of an id that does not exist, in the same words.
   */
  async function pointedAlone(
    [id, name]: readonly [string, string],
    ask: (user: string, entity: string) => Promise<LightMyRequestResponse>,
    { user = 'zoneOfficer', action = 'consultation', records = [] as string[] } = {},
  ): Promise<LightMyRequestResponse> {
    const record = `intel:${id}`;
    const held = entityOf(record);
    const told: { kind: string; agency?: string; records?: unknown }[] = [];
    const stop = world.mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, ...('agency' in n.to ? { agency: n.to.agency } : {}), records: (n.body as { records?: unknown }).records }));
    const before = (await logged()).length;
    let answer: LightMyRequestResponse;
    try {
      answer = await ask(user, held);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.body).not.toContain(name.split(' ')[1]!);
      expect(answer.body).not.toContain(record);
      expect((await logged()).slice(before)).toEqual([expect.objectContaining({ action, records, pointers: ['intel'], pointed: [{ agency: 'intel', records: [record] }] })]);
      expect(told.filter((n) => n.kind.startsWith('deconfliction.'))).toEqual([{ kind: 'deconfliction.encounter', agency: 'intel', records: [record] }]);
    } finally {
      stop();
    }
    const hidden = await ask('fedAnalyst', held);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await ask('fedAnalyst', 'e999999')).json());
    return answer;
  }

  it('answers the places of an entity seen through a pointer alone with the pointer and no place', async () => {
    const answer = await pointedAlone(heldAlone.places, (user, entity) => get(user, `graph/places?entities=${entity}`));
    expect(answer.json()).toEqual({ places: [], withoutCoordinates: 0, pointers: [intelPointer] });
    const asked = await pointedAlone(['w2', 'Wigbert Oberhollenzer'], (user, entity) => post(user, 'graph/places', { entities: [entity] }), { user: 'zoneAnalyst' });
    expect(asked.json()).toEqual({ places: [], withoutCoordinates: 0, pointers: [intelPointer] });
  });

  it('answers who connects an entity seen through a pointer alone with the pointer, its pairs unconnected in what the user sees', async () => {
    const omar = entityOf('zone-north:o1');
    const answer = await pointedAlone(heldAlone.connectors, (user, entity) => post(user, 'graph/connectors', { entities: [entity, omar] }), { records: ['zone-north:o1'] });
    const held = entityOf('intel:w3');
    expect(answer.json()).toEqual({ connectors: [], connectedPairs: 0, unconnectedPairs: [[held, omar].sort()], pointers: [intelPointer] });
  });

  it('answers the communities of an entity seen through a pointer alone with the pointer and no member', async () => {
    const answer = await pointedAlone(heldAlone.communities, (user, entity) => post(user, 'graph/communities', { nodes: [entity] }));
    expect(answer.json()).toMatchObject({ communities: [], modularity: 0, pointers: [intelPointer] });
  });

  it('answers the centrality of an entity seen through a pointer alone with the pointer and no score', async () => {
    const answer = await pointedAlone(heldAlone.centrality, (user, entity) => post(user, 'graph/centrality', { nodes: [entity], measure: 'degree' }));
    expect(answer.json()).toMatchObject({ converged: true, measure: 'degree', scores: [], pointers: [intelPointer] });
  });

  it('exports nothing of an entity seen through a pointer alone, and gives the pointer beside the file, never in it', async () => {
    const answer = await pointedAlone(heldAlone.export, (user, entity) => post(user, 'graph/export', { seeds: [entity], format: 'json' }), { user: 'zoneAnalyst', action: 'export' });
    expect(answer.json()).toMatchObject({ nodes: [], edges: [] });
    expect(answer.body).not.toContain('intel');
    expect(JSON.parse(answer.headers['x-mosaic-pointers'] as string)).toEqual([intelPointer]);
    const graphml = await post('zoneAnalyst', 'graph/export', { seeds: [entityOf('intel:w6')], format: 'graphml' });
    expect(graphml.statusCode, graphml.body).toBe(200);
    expect(graphml.body).not.toContain('intel');
    expect(JSON.parse(graphml.headers['x-mosaic-pointers'] as string)).toEqual([intelPointer]);
  });

  it('answers an id absorbed into an entity seen through pointers alone as its profile does, on every route', async () => {
    const live = entityOf('intel:m1');
    expect(entityOf('intel:m2')).toBe(live);
    expect(absorbed).not.toBe(live);
    const profile = await get('zoneOfficer', `entities/${absorbed}`);
    expect(profile.json()).toMatchObject({ entity: { records: [], pointers: [intelPointer] } });
    const answers = [
      await post('zoneOfficer', 'graph/expand', { seeds: [absorbed] }),
      await post('zoneOfficer', 'graph/paths', { from: absorbed, to: entityOf('zone-north:o1') }),
      await get('zoneOfficer', `graph/timeline?entities=${absorbed}`),
      await get('zoneOfficer', `graph/places?entities=${absorbed}`),
      await post('zoneOfficer', 'graph/connectors', { entities: [absorbed, entityOf('zone-north:o1')] }),
      await post('zoneOfficer', 'graph/communities', { nodes: [absorbed] }),
      await post('zoneOfficer', 'graph/centrality', { nodes: [absorbed], measure: 'degree' }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toMatchObject({ pointers: [intelPointer] });
      expect(answer.body).not.toContain('Pfefferkorn');
      expect(answer.body).not.toContain(live);
    }
    // whom intelligence tells nothing: an unknown id, on every route
    const unknown = await post('fedAnalyst', 'graph/expand', { seeds: ['e999999'] });
    for (const hidden of [
      await post('fedAnalyst', 'graph/expand', { seeds: [absorbed] }),
      await get('fedAnalyst', `graph/places?entities=${absorbed}`),
      await post('fedAnalyst', 'graph/communities', { nodes: [absorbed] }),
      await post('fedAnalyst', 'graph/centrality', { nodes: [absorbed], measure: 'degree' }),
    ]) {
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toEqual(unknown.json());
    }
  });
});
