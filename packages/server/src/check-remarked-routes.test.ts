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

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const person = (provenance = testProvenance('fedpol')) =>
  ({ id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }, provenance });

beforeAll(async () => {
  world = await openTestMosaic();
  await put(person());
  // built once: the projections follow the change feed only when asked (as between two of a node's reads of it)
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneCheckpoint']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

describe('a kept check read again once its record was raised above the reader', () => {
  it('shows no hit on it, nor lets it be decided, though the node had not read the change yet', async () => {
    const headers = { authorization: `Bearer ${tokens['zoneCheckpoint'] ?? ''}` };
    const screened = await app.inject({ method: 'POST', url: '/api/v1/screen', headers, payload: { name: 'Rachid Bouzid' } });
    expect(screened.statusCode, screened.body).toBe(200);
    const { check, hits } = screened.json<{ check: { id: string }; hits: { kind: string; subject?: string }[] }>();
    expect(hits.map((h) => h.subject)).toEqual(['fedpol:p1']);

    await put(person(testProvenance('fedpol', { marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } })));
    const read = await app.inject({ method: 'GET', url: `/api/v1/checks/${check.id}`, headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ hits: unknown[] }>().hits).toEqual([]);
    expect(read.body).not.toContain('1990-03-02');
    const decided = await app.inject({ method: 'POST', url: `/api/v1/checks/${check.id}/hits/0/decision`, headers, payload: { decision: 'confirm' } });
    expect(decided.statusCode, decided.body).toBe(404);
    expect(decided.body).not.toContain('1990-03-02');
  });
});
