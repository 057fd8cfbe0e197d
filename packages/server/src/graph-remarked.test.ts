import { validateRecord } from '@mosaic/model';
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
const purpose = { purpose: 'network analysis', caseRef: 'CASE-R' };

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const person = (id: string, name: string, provenance = testProvenance('fedpol')) =>
  ({ id, schema: 'Person', properties: { name: [name], birthDate: ['1975-03-02'] }, provenance });

beforeAll(async () => {
  world = await openTestMosaic();
  await put(person('p1', 'Idris Vallancourt'));
  await put(person('p2', 'Noor Vallancourt'));
  await put({ id: 'f1', schema: 'Family', properties: { person: ['p1'], relative: ['p2'], relationship: ['brother'] }, provenance: testProvenance('fedpol') });
  // built once: the projections follow the change feed only when asked (as between two of a node's reads of it)
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

const post = (url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/graph/${url}`, headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` }, payload: { ...purpose, ...payload } });

describe('graph: a record whose owner raised its marking before the node read the change', () => {
  it('is not drawn, named nor counted for a reader the policy no longer passes, at record and entity level', async () => {
    const before = await post('expand', { seeds: ['fedpol:p2'], level: 'record', hops: 1 });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.body).toContain('Idris Vallancourt');

    await put(person('p1', 'Idris Vallancourt', testProvenance('fedpol', { marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } })));
    for (const level of ['record', 'entity']) {
      const expanded = await post('expand', { seeds: ['fedpol:p2'], level, hops: 1 });
      expect(expanded.statusCode, expanded.body).toBe(200);
      expect(expanded.body).not.toContain('Idris Vallancourt');
      expect(expanded.body).not.toContain('fedpol:p1');
    }
  });
});
