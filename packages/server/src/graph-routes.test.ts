import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};
const purpose = { purpose: 'network analysis', caseRef: 'CASE-G' };

const person = (agency: string, id: string, name: string, extra: Record<string, string[]> = {}) =>
  ({ id, schema: 'Person', properties: { name: [name], ...extra }, provenance: testProvenance(agency) });

beforeAll(async () => {
  world = await openTestMosaic();
  const { mosaic } = world;
  const validated = [
    person('fedpol', 'p1', 'Rachid Bouzid', { phone: ['+32470000001'] }),
    person('fedpol', 'p2', 'Samir Bouzid'),
    person('fedpol', 'p3', 'Youssef Amrani', { phone: ['+32 470 00 00 01'] }),
    { id: 'f1', schema: 'Family', properties: { person: ['p1'], relative: ['p2'], relationship: ['brother'] }, provenance: testProvenance('fedpol') },
    person('intel', 'x1', 'Hidden Contact'),
    { id: 'a1', schema: 'Associate', properties: { person: ['x1'], associate: ['x1'] }, provenance: testProvenance('intel') },
    person('intel', 'x2', 'Second Hidden'),
    { id: 'a2', schema: 'Associate', properties: { person: ['x1'], associate: ['x2'] }, provenance: testProvenance('intel') },
  ];
  const { validateRecord } = await import('@mosaic/model');
  for (const raw of validated) {
    const v = validateRecord(mosaic.registry, raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await mosaic.store.putRecords([v.record], { actor: 'test' });
  }
  projections = await startProjections(mosaic, { follow: false });
  app = await buildApp({ mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer', 'intelAnalyst', 'fedAnalyst']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

const post = (user: string, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/graph/${url}`, headers: { authorization: `Bearer ${tokens[user] ?? ''}` }, payload: { ...purpose, ...payload } });

interface Logged { readonly action: string; readonly purpose: string | null; readonly caseRef: string | null; readonly query: unknown; readonly records: readonly string[] }

/** The consultations a request logged (another agency's records it disclosed are logged apart, as disclosures). */
async function consultationsOf(request: () => Promise<{ statusCode: number; body: string }>): Promise<{ body: string; logged: Logged[] }> {
  const entries = async (): Promise<Logged[]> => (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as Logged);
  const before = (await entries()).length;
  const response = await request();
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.body, logged: (await entries()).slice(before).filter((e) => e.action === 'consultation') };
}

// before the routes' tests below add a tie between p2 and p3: p2 - p1 (family, f1) - p3 (a shared phone)
describe('the audit log of graph analyses', () => {
  it('logs a paths query that finds no path, with its purpose and case and the two ends it tells of', async () => {
    const { body, logged } = await consultationsOf(() => post('zoneOfficer', 'paths', { from: 'fedpol:p2', to: 'fedpol:p3', types: ['co-travel-event'], level: 'record' }));
    expect(JSON.parse(body)).toEqual({ paths: [], reason: 'no-path', pointers: [] });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ purpose: purpose.purpose, caseRef: purpose.caseRef, query: { graph: { paths: ['fedpol:p2', 'fedpol:p3'], level: 'record' } } });
    expect([...logged[0]!.records].sort()).toEqual(['fedpol:p2', 'fedpol:p3']);
  });

  it('logs connectors with the given entities\' records and those behind the ties that connect them', async () => {
    const { body, logged } = await consultationsOf(() => post('zoneOfficer', 'connectors', { entities: ['fedpol:p2', 'fedpol:p3'], level: 'record' }));
    expect((JSON.parse(body) as { connectors: { node: { id: string } }[] }).connectors.map((c) => c.node.id)).toEqual(['fedpol:p1']);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ query: { graph: { connectors: ['fedpol:p2', 'fedpol:p3'], level: 'record' } } });
    expect([...logged[0]!.records].sort()).toEqual(['fedpol:f1', 'fedpol:p1', 'fedpol:p2', 'fedpol:p3']);
  });

  it('logs communities and centrality with the ids asked and the records behind the ties they are computed on', async () => {
    const nodes = ['fedpol:p1', 'fedpol:p2', 'fedpol:p3'];
    const communities = await consultationsOf(() => post('zoneOfficer', 'communities', { nodes, level: 'record' }));
    const centrality = await consultationsOf(() => post('zoneOfficer', 'centrality', { nodes, measure: 'degree', level: 'record' }));
    expect(communities.logged[0]).toMatchObject({ query: { graph: { communities: nodes, level: 'record' } } });
    expect(centrality.logged[0]).toMatchObject({ query: { graph: { centrality: 'degree', nodes, level: 'record' } } });
    for (const { logged } of [communities, centrality]) {
      expect(logged).toHaveLength(1);
      expect([...logged[0]!.records].sort()).toEqual(['fedpol:f1', 'fedpol:p1', 'fedpol:p2', 'fedpol:p3']);
    }
  });
});

describe('graph routes', () => {
  it('expands a subject into family ties and shared identifiers', async () => {
    const response = await post('zoneOfficer', 'expand', { seeds: ['fedpol:p1'], hops: 1, level: 'record' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { nodes: { id: string }[]; edges: { type: string; source: string; target: string }[] };
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['fedpol:p1', 'fedpol:p2', 'fedpol:p3']);
    expect(body.edges.map((e) => e.type).sort()).toEqual(['family', 'shared-phone']);
  });

  it('finds the path between two people through what the user may see only', async () => {
    const response = await post('zoneOfficer', 'paths', { from: 'fedpol:p2', to: 'fedpol:p3', level: 'record' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { paths: { nodes: { id: string }[]; hops: number }[] };
    expect(body.paths[0]?.nodes.map((n) => n.id)).toEqual(['fedpol:p2', 'fedpol:p1', 'fedpol:p3']);
  });

  it('answers a hidden seed like an unknown one and never returns hidden nodes or edges', async () => {
    const hidden = await post('zoneOfficer', 'expand', { seeds: ['intel:x1'] });
    const unknown = await post('zoneOfficer', 'expand', { seeds: ['intel:nobody'] });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);
    const owner = await post('intelAnalyst', 'expand', { seeds: ['intel:x1'], hops: 1 });
    expect((owner.json() as { nodes: unknown[] }).nodes).toHaveLength(2);
    const centrality = await post('zoneOfficer', 'centrality', { nodes: ['fedpol:p1', 'fedpol:p2', 'fedpol:p3'], measure: 'degree' });
    expect(centrality.statusCode).toBe(200);
    expect(centrality.body).not.toMatch(/Hidden|intel:x/);
  });

  it('answers communities and centrality of a hidden or unknown entity among several as the other routes do: 404, alike', async () => {
    for (const level of ['entity', 'record'] as const) {
      const unknown = await post('zoneOfficer', 'expand', { seeds: ['fedpol:p1', 'intel:nobody'], level });
      expect(unknown.statusCode).toBe(404);
      for (const other of ['intel:x1', 'intel:nobody']) {
        const nodes = ['fedpol:p1', 'fedpol:p2', other];
        for (const answer of [await post('zoneOfficer', 'communities', { nodes, level }), await post('zoneOfficer', 'centrality', { nodes, measure: 'degree', level })]) {
          expect(answer.statusCode, `${level} ${other}: ${answer.body}`).toBe(404);
          expect(answer.body).toBe(unknown.body);
        }
      }
    }
    const communities = await post('zoneOfficer', 'communities', { nodes: ['fedpol:p1', 'fedpol:p2', 'fedpol:p3'], level: 'record' });
    expect(communities.json()).toMatchObject({ communities: [{ members: ['fedpol:p1', 'fedpol:p2', 'fedpol:p3'] }], explanation: expect.stringMatching(/^3 visible entities/) });
  });

  it('takes the purpose and case reference from the body or the X-Mosaic-Purpose and X-Mosaic-Case headers, and refuses a request with neither as a purpose missing', async () => {
    const routes: [string, Record<string, unknown>, number][] = [
      ['graph/expand', { seeds: ['fedpol:p1'] }, 200],
      ['graph/paths', { from: 'fedpol:p2', to: 'fedpol:p3' }, 200],
      ['graph/connectors', { entities: ['fedpol:p1', 'fedpol:p3'] }, 200],
      ['graph/communities', { nodes: ['fedpol:p1', 'fedpol:p3'] }, 200],
      ['graph/centrality', { nodes: ['fedpol:p1', 'fedpol:p3'], measure: 'pagerank' }, 200],
      ['graph/export', { seeds: ['fedpol:p1'], format: 'json' }, 200],
      ['graph/timeline', { entities: ['fedpol:p1'] }, 200],
      ['graph/places', { entities: ['fedpol:p1'] }, 200],
      ['cases/CASE-G/charts', { title: 'Bouzid brothers', nodes: ['fedpol:p1', 'fedpol:p2'] }, 201],
    ];
    for (const [url, payload, status] of routes) {
      // an export is an analyst's (an officer's role exports no record)
      const authorization = `Bearer ${tokens[url === 'graph/export' ? 'fedAnalyst' : 'zoneOfficer'] ?? ''}`;
      const headers = { authorization, 'x-mosaic-purpose': encodeURIComponent(purpose.purpose), 'x-mosaic-case': purpose.caseRef };
      const bare = await app.inject({ method: 'POST', url: `/api/v1/${url}`, headers: { authorization }, payload });
      expect(bare.statusCode, url).toBe(400);
      expect(bare.json(), url).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
      const byHeaders = await app.inject({ method: 'POST', url: `/api/v1/${url}`, headers, payload });
      expect(byHeaders.statusCode, `${url}: ${byHeaders.body}`).toBe(status);
      const byBody = await app.inject({ method: 'POST', url: `/api/v1/${url}`, headers: { authorization }, payload: { ...payload, ...purpose } });
      expect(byBody.statusCode, `${url}: ${byBody.body}`).toBe(status);
    }
  });

  it('describes the answers of connectors, communities, centrality and export in the OpenAPI document', async () => {
    type Content = Record<string, { schema: { properties?: Record<string, unknown>; oneOf?: { properties: Record<string, unknown> }[]; anyOf?: { properties: Record<string, unknown> }[]; type?: string } }>;
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { post: { responses: Record<string, { content?: Content }> } }> };
    const content = (route: string): Content => doc.paths[`/api/v1/graph/${route}`]?.post.responses['200']?.content ?? {};
    const keys = (route: string): string[] => Object.keys(content(route)['application/json']?.schema.properties ?? {}).sort();
    expect(keys('connectors')).toEqual(['connectedPairs', 'connectors', 'pointers', 'unconnectedPairs']);
    expect(keys('communities')).toEqual(['communities', 'explanation', 'modularity', 'pointers']);
    const centrality = content('centrality')['application/json']?.schema;
    const variants = (centrality?.oneOf ?? centrality?.anyOf ?? []).map((v) => Object.keys(v.properties).sort());
    expect(variants).toEqual([['converged', 'description', 'measure', 'pointers', 'scores'], ['converged', 'description', 'measure', 'pointers', 'reason']]);
    const exported = content('export');
    expect(Object.keys(exported).sort()).toEqual(['application/graphml+xml', 'application/json']);
    expect(exported['application/graphml+xml']?.schema.type).toBe('string');
    // what the JSON export answers is what the document says it answers
    const json = (await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], format: 'json', level: 'record' })).json() as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(Object.keys(exported['application/json']?.schema.properties ?? {}).sort());
    expect(json).toMatchObject({ options: { type: 'mixed' }, nodes: expect.arrayContaining([{ key: 'fedpol:p1', attributes: { kind: 'Person', label: 'Rachid Bouzid', tlp: 'AMBER', classification: 'RESTRICTED', handling: 'H1', categories: ['suspect'], gradings: ['B2'] } }]) });
    const described = exported['application/json']?.schema.properties as Record<string, { properties?: Record<string, unknown> }> | undefined;
    expect(Object.keys(described?.['attributes']?.properties ?? {}).sort()).toEqual(['classification', 'handling', 'tlp', 'withheld']);
  });

  it('reflects a new relationship record from the change feed without a restart', async () => {
    const { validateRecord } = await import('@mosaic/model');
    const v = validateRecord(world.mosaic.registry, { id: 'f2', schema: 'Family', properties: { person: ['p2'], relative: ['p3'], relationship: ['cousin'] }, provenance: testProvenance('fedpol') });
    if (!v.ok) throw new Error('bad fixture');
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
    await projections.follower.catchUp();
    const response = await post('zoneOfficer', 'paths', { from: 'fedpol:p2', to: 'fedpol:p3' });
    expect((response.json() as { paths: { hops: number }[] }).paths[0]?.hops).toBe(1);
  });

  it('exports GraphML', async () => {
    const response = await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], format: 'graphml' });
    expect(response.headers['content-type']).toMatch(/graphml/);
    expect(response.body).toContain('<graphml');
  });
});
