import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import { validateRecord } from '@mosaic/model';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};

const person = (id: string, name: string, gender?: string) =>
  ({ id, schema: 'Person', properties: { name: [name], ...(gender ? { gender: [gender] } : {}) }, provenance: testProvenance('fedpol') });
const family = (id: string, from: string, to: string, relationship: string) =>
  ({ id, schema: 'Family', properties: { person: [from], relative: [to], relationship: [relationship] }, provenance: testProvenance('fedpol') });
const organisation = (id: string, name: string) =>
  ({ id, schema: 'Organization', properties: { name: [name] }, provenance: testProvenance('fedpol') });
const membership = (id: string, member: string, organization: string, role: string) =>
  ({ id, schema: 'Membership', properties: { member: [member], organization: [organization], role: [role] }, provenance: testProvenance('fedpol') });

beforeAll(async () => {
  world = await openTestMosaic();
  const { mosaic } = world;
  // each record says how its relative stands to its person: Yassin is Nadia's and Noor's brother, Mohamad is Karim's father;
  // Karim leads the Haddou Brothers Ltd
  const raw = [
    person('s1', 'Nadia Elmrabet', 'female'),
    person('a1', 'Yassin Elmrabet', 'male'),
    person('n1', 'Noor Tahiri'),
    person('k1', 'Karim Haddou', 'male'),
    person('m1', 'Mohamad Haddou', 'male'),
    family('f1', 's1', 'a1', 'brother'),
    family('f2', 'n1', 'a1', 'brother'),
    family('f3', 'k1', 'm1', 'father'),
    organisation('o1', 'Haddou Brothers Ltd'),
    membership('ms1', 'k1', 'o1', 'leader'),
  ];
  for (const r of raw) {
    const v = validateRecord(mosaic.registry, r);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await mosaic.store.putRecords([v.record], { actor: 'test' });
  }
  projections = await startProjections(mosaic, { follow: false });
  app = await buildApp({ mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['fedAnalyst']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

interface Answer { readonly nodes: readonly { id: string; label: string }[]; readonly edges: readonly { source: string; target: string; label?: string; role?: string; provenance: string[] }[] }

/** Each tie of a subject's one-step network as "label other (records)", read from the edge's source: "source: label target (records)" where the source is not the subject. */
async function tiesOf(seed: string, level: 'entity' | 'record'): Promise<string[]> {
  const response = await app.inject({
    method: 'POST', url: '/api/v1/graph/expand', headers: { authorization: `Bearer ${tokens['fedAnalyst'] ?? ''}` },
    payload: { purpose: 'network analysis', caseRef: 'CASE-T', seeds: [seed], hops: 1, level },
  });
  expect(response.statusCode, response.body).toBe(200);
  const answer = response.json() as Answer;
  const name = new Map(answer.nodes.map((n) => [n.id, n.label]));
  const subject = answer.nodes.find((n) => n.id === seed)?.id;
  return answer.edges.map((e) => `${e.source === subject ? '' : `${name.get(e.source) ?? ''}: `}${e.label ?? ''} ${name.get(e.target) ?? ''} (${e.provenance.join(',')})${e.role === e.label ? '' : ` role ${e.role ?? ''}`}`).sort();
}

describe('a family tie in graph/expand, read from the subject\'s side', () => {
  for (const level of ['entity', 'record'] as const) {
    it(`names Yassin's sister by her gender and his sibling of no known gender (${level} level)`, async () => {
      const seed = level === 'record' ? 'fedpol:a1' : (await expandedId('fedpol:a1'));
      expect(await tiesOf(seed, level)).toEqual(['sibling Noor Tahiri (fedpol:f2)', 'sister Nadia Elmrabet (fedpol:f1)']);
    });

    it(`keeps the record's word where the subject is the record's person (${level} level)`, async () => {
      const seed = level === 'record' ? 'fedpol:s1' : (await expandedId('fedpol:s1'));
      expect(await tiesOf(seed, level)).toEqual(['brother Yassin Elmrabet (fedpol:f1)']);
    });

    it(`calls Karim his father's son, not his father (${level} level)`, async () => {
      const seed = level === 'record' ? 'fedpol:m1' : (await expandedId('fedpol:m1'));
      expect(await tiesOf(seed, level)).toEqual(['son Karim Haddou (fedpol:f3)']);
    });

    it(`keeps a membership's role on its member's side, not turned into the organisation's leader (${level} level)`, async () => {
      const seed = level === 'record' ? 'fedpol:o1' : (await expandedId('fedpol:o1'));
      expect(await tiesOf(seed, level)).toEqual(['Karim Haddou: leader Haddou Brothers Ltd (fedpol:ms1)']);
    });
  }
});

/** The entity a record was resolved into, as the graph answers it. */
async function expandedId(record: string): Promise<string> {
  const response = await app.inject({
    method: 'POST', url: '/api/v1/graph/expand', headers: { authorization: `Bearer ${tokens['fedAnalyst'] ?? ''}` },
    payload: { purpose: 'network analysis', caseRef: 'CASE-T', seeds: [record], hops: 0 },
  });
  expect(response.statusCode, response.body).toBe(200);
  const [node] = (response.json() as Answer).nodes;
  return node!.id;
}
