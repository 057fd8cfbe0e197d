/**
 * A graph export takes records out of the system, which the policy treats as onward sharing
 * (decide.ts: no AMBER+STRICT, TLP:RED or H2/H3 record of another agency): the file holds only
 * what the user may export, says how much of what they read was left out and why, carries each
 * node's and tie's marking and the file's highest, and is audited as an export.
 */
import { startProjections, saveOrganisation, type Projections } from '@mosaic/service';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};
const purpose = { purpose: 'network analysis', caseRef: 'CASE-X' };

const marked = (agency: string, marking: Record<string, unknown>, handling = 'H1') =>
  testProvenance(agency, { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], ...marking }, handling });
const person = (id: string, name: string, provenance: Record<string, unknown>, extra: Record<string, string[]> = {}) =>
  ({ id, schema: 'Person', properties: { name: [name], ...extra }, provenance });

beforeAll(async () => {
  world = await openTestMosaic();
  const { mosaic } = world;
  // the zone shares with the federal police by name, AMBER+STRICT too: read, not passed on
  const snapshot = await mosaic.org();
  await saveOrganisation(mosaic.store, {
    agencies: snapshot.org.agencies, desks: snapshot.org.desks,
    agreements: snapshot.agreements.map((a) => (a.id === 'zone-fedpol' ? { ...a, conditions: { ...a.conditions, tlp: [...a.conditions.tlp, 'AMBER+STRICT'] } } : a)),
  });
  await mosaic.reloadOrg();
  projections = await startProjections(mosaic, { follow: false });
  await putFixtures(mosaic, [
    // the analyst's own record, marked above the others: the file's highest classification and handling
    person('p1', 'Rachid Bouzid', marked('fedpol', { classification: 'CONFIDENTIAL' }, 'H2'), { email: ['r.bouzid@example.org'] }),
    person('z1', 'Karim Haddad', marked('zone-north', { tlp: 'AMBER+STRICT' })),
    person('z2', 'Nadia Mertens', marked('zone-north', {}, 'H2'), { email: ['r.bouzid@example.org'] }),
    person('z3', 'Omar Belkacem', marked('zone-north', { tlp: 'GREEN' })),
    person('z4', 'Leila Jansen', { ...marked('zone-north', { tlp: 'CLEAR' }), category: 'victim', reliability: 'C', credibility: 3 }),
    { id: 'as1', schema: 'Associate', properties: { person: ['p1'], associate: ['zone-north:z1'] }, provenance: marked('fedpol', {}) },
    { id: 'fa1', schema: 'Family', properties: { person: ['p1'], relative: ['zone-north:z3'], relationship: ['cousin'] }, provenance: marked('fedpol', {}) },
    { id: 'as2', schema: 'Associate', properties: { person: ['z3'], associate: ['z4'] }, provenance: marked('zone-north', {}, 'H3') },
  ]);
  await projections.follower.catchUp();
  await projections.entities.settle();
  app = await buildApp({ mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['fedAnalyst', 'zoneOfficer', 'auditor']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

const post = (user: string, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/graph/${url}`, headers: { authorization: `Bearer ${tokens[user] ?? ''}` }, payload: { ...purpose, ...payload } });

interface Entry { readonly action: string; readonly purpose: string | null; readonly caseRef: string | null; readonly query: unknown; readonly records: readonly string[]; readonly recipients: readonly string[] }
const auditEntries = async (): Promise<Entry[]> => (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as Entry);

/** What the user reads of the network but may not export: two persons and one tie of the zone's. */
const WITHHELD_TEXT = /Karim|Haddad|Mertens|zone-north:z1|zone-north:z2|zone-north:as2/;
const WITHHELD = { records: 3, nodes: 2, edges: 3, reasons: { 'no onward sharing': 1, 'handling: owner consent required': 2 } };

interface Serialized {
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
}

describe('graph export', () => {
  it('holds only what the user may export, marked, with what was withheld counted by reason, at both levels', async () => {
    const entity = (record: string): string => String(projections.entities.entityOf(record as never));
    for (const level of ['record', 'entity'] as const) {
      const node = level === 'record' ? (record: string) => record : entity;
      const read = await post('fedAnalyst', 'expand', { seeds: ['fedpol:p1'], hops: 2, level });
      expect(read.statusCode, read.body).toBe(200);
      // the analyst reads all of it
      expect((read.json() as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort()).toEqual(['fedpol:p1', 'zone-north:z1', 'zone-north:z2', 'zone-north:z3', 'zone-north:z4'].map(node).sort());
      const response = await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], hops: 2, format: 'json', level });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toMatch(WITHHELD_TEXT);
      const file = response.json() as Serialized;
      expect(file.nodes.map((n) => n.key).sort()).toEqual(['fedpol:p1', 'zone-north:z3', 'zone-north:z4'].map(node).sort());
      // with each node its records' data-subject categories and gradings, so a recipient tells a
      // victim from a suspect and weighs each claim (LED Arts. 6 and 7(2))
      expect(file.nodes.find((n) => n.key === node('fedpol:p1'))?.attributes).toEqual({ kind: 'Person', label: 'Rachid Bouzid', tlp: 'AMBER', classification: 'CONFIDENTIAL', handling: 'H2', categories: ['suspect'], gradings: ['B2'] });
      expect(file.nodes.find((n) => n.key === node('zone-north:z4'))?.attributes).toEqual({ kind: 'Person', label: 'Leila Jansen', tlp: 'CLEAR', classification: 'RESTRICTED', handling: 'H1', categories: ['victim'], gradings: ['C3'] });
      // the cousins' tie, the one tie whose records may all leave; the zone's H3 tie to Leila does not
      expect(file.edges.map((e) => [e.source, e.target, e.attributes['type'], e.attributes['provenance'], e.attributes['tlp'], e.attributes['categories']])).toEqual([[node('fedpol:p1'), node('zone-north:z3'), 'family', ['fedpol:fa1'], 'AMBER', ['suspect']]]);
      expect(file.attributes).toEqual({ tlp: 'AMBER', classification: 'CONFIDENTIAL', handling: 'H2', categories: ['suspect', 'victim'], gradings: ['B2', 'C3'], withheld: WITHHELD });
    }
  });

  it('writes the markings and what was withheld into GraphML too', async () => {
    const response = await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], hops: 2, format: 'graphml', level: 'record' });
    expect(response.statusCode, response.body).toBe(200);
    const xml = response.body;
    expect(xml).not.toMatch(WITHHELD_TEXT);
    for (const [scope, prefix] of [['graph', 'g'], ['node', 'n'], ['edge', 'e']] as const) {
      for (const name of ['tlp', 'classification', 'handling']) expect(xml).toContain(`<key id="${prefix}_${name}" for="${scope}" attr.name="${name}" attr.type="string"/>`);
    }
    expect(xml).toContain('<graph id="G" edgedefault="undirected"><data key="g_tlp">AMBER</data><data key="g_classification">CONFIDENTIAL</data><data key="g_handling">H2</data>'
      + '<data key="g_categories">[&quot;suspect&quot;,&quot;victim&quot;]</data><data key="g_gradings">[&quot;B2&quot;,&quot;C3&quot;]</data>'
      + '<data key="g_withheldRecords">3</data><data key="g_withheldNodes">2</data><data key="g_withheldEdges">3</data>'
      + '<data key="g_withheldReasons">{&quot;handling: owner consent required&quot;:2,&quot;no onward sharing&quot;:1}</data>');
    for (const [scope, prefix] of [['graph', 'g'], ['node', 'n'], ['edge', 'e']] as const) {
      for (const name of ['categories', 'gradings']) expect(xml).toContain(`<key id="${prefix}_${name}" for="${scope}" attr.name="${name}" attr.type="string"/>`);
    }
    expect(xml).toContain('<node id="zone-north:z3"><data key="n_kind">Person</data><data key="n_label">Omar Belkacem</data><data key="n_tlp">GREEN</data><data key="n_classification">RESTRICTED</data><data key="n_handling">H1</data>'
      + '<data key="n_categories">[&quot;suspect&quot;]</data><data key="n_gradings">[&quot;B2&quot;]</data></node>');
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(1);
  });

  it('answers a network nothing of which may leave with an empty file saying why', async () => {
    const response = await post('fedAnalyst', 'export', { seeds: ['zone-north:z1'], hops: 0, format: 'json', level: 'record' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toMatch(WITHHELD_TEXT);
    expect(response.json()).toMatchObject({ nodes: [], edges: [], attributes: { withheld: { records: 1, nodes: 1, edges: 0, reasons: { 'no onward sharing': 1 } } } });
    expect((response.json() as Serialized).attributes).not.toHaveProperty('tlp');
  });

  it('is refused to a role that exports no records, before anything is read or logged', async () => {
    const before = (await auditEntries()).length;
    const response = await post('zoneOfficer', 'export', { seeds: ['zone-north:z1'], format: 'json' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'graph export: role not permitted (records are exported by an analyst)' } });
    expect(await auditEntries()).toHaveLength(before);
  });

  it('is audited as an export: its format and seeds, with the purpose, and the records the file holds, not those withheld; the other agency\'s as disclosed', async () => {
    const before = (await auditEntries()).length;
    const response = await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], hops: 2, format: 'graphml', level: 'record' });
    expect(response.statusCode, response.body).toBe(200);
    const logged = (await auditEntries()).slice(before);
    expect(logged.map((e) => e.action)).toEqual(['export', 'disclosure']);
    const [exported, disclosed] = logged;
    expect(exported).toMatchObject({ purpose: purpose.purpose, caseRef: purpose.caseRef, query: { graph: { export: ['fedpol:p1'], format: 'graphml', hops: 2, level: 'record' } } });
    expect([...exported!.records].sort()).toEqual(['fedpol:fa1', 'fedpol:p1', 'zone-north:z3', 'zone-north:z4']);
    expect(disclosed).toMatchObject({ recipients: ['fedpol'], query: exported!.query });
    expect([...disclosed!.records].sort()).toEqual(['zone-north:z3', 'zone-north:z4']);
  });

  it('is found by the auditor as an export (GET /audit?action=export), apart from the reads of the graph', async () => {
    await post('fedAnalyst', 'expand', { seeds: ['fedpol:p1'], caseRef: 'CASE-FOUND' });
    const response = await post('fedAnalyst', 'export', { seeds: ['fedpol:p1'], format: 'json', caseRef: 'CASE-FOUND' });
    expect(response.statusCode, response.body).toBe(200);
    const audit = await app.inject({
      url: '/api/v1/audit?action=export&caseRef=CASE-FOUND',
      headers: { authorization: `Bearer ${tokens['auditor'] ?? ''}`, 'x-mosaic-purpose': 'lawfulness check', 'x-mosaic-case': 'DPO-EXPORT' },
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json() as { entries: Entry[] }).entries).toEqual([
      expect.objectContaining({ action: 'export', caseRef: 'CASE-FOUND', query: { graph: { export: ['fedpol:p1'], format: 'json', hops: 1, level: 'entity' } } }),
    ]);
  });
});
