import { RecordId } from '@mosaic/model';
import { SEARCH_MAX_LIMIT, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};

beforeAll(async () => {
  world = await openTestMosaic();
  await putFixtures(world.mosaic, [
    { id: 'p1', schema: 'Person', properties: { name: ['Abdelkader Benhaddou'], birthDate: ['1991-04-12'], passportNumber: ['EM123456'] }, provenance: testProvenance('fedpol') },
    { id: 'z1', schema: 'Person', properties: { name: ['BENHADDOU, Abdel Kader'], birthDate: ['1991-04-12'], passportNumber: ['EM123456'] }, provenance: testProvenance('zone-north') },
    { id: 'p2', schema: 'Person', properties: { name: ['Abdelkader Ouazzani'] }, provenance: testProvenance('fedpol') },
    { id: 'i1', schema: 'Person', properties: { name: ['Abdelkader Ben Haddou'], alias: ['Abu Yahya al-Belgiki'] }, provenance: testProvenance('intel') },
  ]);
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer', 'zoneCheckpoint', 'auditor']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

describe('POST /search on a full node', () => {
  it('finds a person written otherwise, best match first, and says which name matched and how', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` },
      payload: { q: 'Abdelkader Benhadou', purpose: 'investigation', caseRef: 'ZN-3' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { results: { id: string; matched?: { name: string; level: string; score: number }; subject?: { entity: string; lead: string } }[]; pointers: { agency: string }[] };
    // "Benhadou" is none of the stored words: both spellings of the person come from the matcher,
    // listed together as one resolved subject
    expect(body.results.map((r) => r.id).slice(0, 2).sort()).toEqual(['fedpol:p1', 'zone-north:z1']);
    const lead = body.results[0]?.id;
    expect(body.results.slice(0, 2).map((r) => r.subject)).toEqual([{ entity: projections.entities.entityOf(RecordId('fedpol:p1')), lead }, { entity: projections.entities.entityOf(RecordId('fedpol:p1')), lead }]);
    expect(body.results.at(-1)?.subject).toBeUndefined();
    expect(body.results.at(-1)?.id).toBe('fedpol:p2');
    const written = body.results.find((r) => r.id === 'zone-north:z1')?.matched;
    expect(written?.name).toBe('BENHADDOU, Abdel Kader');
    expect(written?.level).not.toBe('exact');
    expect(body.results[0]?.matched?.score).toBeGreaterThan(body.results.at(-1)?.matched?.score ?? 1);
    expect(body.pointers.map((p) => p.agency)).toEqual(['intel']);
    expect(response.body).not.toMatch(/Belgiki|Ben Haddou/);
  });

  it('marks the words of the matched name the matcher aligned, and sends the words of the query a name found by its words is marked by', async () => {
    const ask = async (q: string) => (await app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` },
      payload: { q, purpose: 'investigation', caseRef: 'ZN-3' },
    })).json() as { results: { id: string; matched?: { name: string; marks?: [number, number][] } }[]; words?: string[] };
    const body = await ask('Abdul-Kadir al-Benhadou');
    const written = body.results.find((r) => r.id === 'zone-north:z1')?.matched;
    // spellings of every part, the compound written apart on both its words, the particles asked for on none
    expect(written?.marks?.map(([start, end]) => written.name.slice(start, end))).toEqual(['BENHADDOU', 'Abdel', 'Kader']);
    const other = (await ask('Abdelkader Benhadou')).results.find((r) => r.id === 'fedpol:p2')?.matched;
    expect(other?.marks?.map(([start, end]) => other.name.slice(start, end))).toEqual(['Abdelkader']);
    expect(body.words).toEqual(['abdul', 'kadir', 'benhadou']);
    // a particle alone is marked where it is the whole query
    expect((await ask('al')).words).toEqual(['al']);
  });

  it('takes a date of birth, and refuses one that is not a date, naming the field', async () => {
    const ask = (birthDate: string) => app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` },
      payload: { q: 'Abdelkader Benhaddou', birthDate, purpose: 'investigation', caseRef: 'ZN-3' },
    });
    const born = await ask('1991-04-12');
    expect((born.json() as { results: { id: string; born?: string }[] }).results.map((r) => r.born)).toEqual(['exact', 'exact', 'missing']);
    // not a date, and dates of the right shape that no calendar has
    for (const given of ['next week', '1978-02-31', '1991-13', '1999-99-99']) {
      const bad = await ask(given);
      expect(bad.statusCode, given).toBe(400);
      expect(bad.json(), given).toMatchObject({ error: { code: 'MOSAIC_QUERY_REJECTED', details: [{ field: 'birthDate', reason: 'not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)' }] } });
    }
  });

  it('refuses a query it cannot search, naming the field q as it names birthDate', async () => {
    for (const q of ['', 'a', 'Pee\u0000ters', 'x'.repeat(201)]) {
      const response = await app.inject({
        method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` },
        payload: { q, purpose: 'investigation', caseRef: 'ZN-3' },
      });
      expect(response.statusCode, q).toBe(400);
      expect(response.json(), q).toMatchObject({ error: { code: 'MOSAIC_QUERY_REJECTED', message: expect.stringMatching(/^q: /), details: [{ field: 'q', reason: expect.any(String) }] } });
    }
  });

  it('is described as it answers: q at most 200 characters, the purpose and case as fields or headers', async () => {
    type Operation = { parameters?: { in: string; name: string }[]; requestBody: { content: { 'application/json': { schema: { required?: string[]; properties: Record<string, { maxLength?: number; description?: string }> } } } } };
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { post: Operation }> };
    const search = spec.paths['/api/v1/search']?.post;
    const body = search?.requestBody.content['application/json'].schema;
    expect(body?.properties['q']?.maxLength).toBe(200);
    // the most results a search returns, one number for the service and the route
    expect((body?.properties['limit'] as { maximum?: number } | undefined)?.maximum).toBe(SEARCH_MAX_LIMIT);
    expect(body?.required).toEqual(['q']);
    expect(body?.properties['purpose']?.description).toContain('X-Mosaic-Purpose');
    expect(body?.properties['caseRef']?.description).toContain('X-Mosaic-Case');
    expect(search?.parameters?.filter((p) => p.in === 'header').map((p) => p.name)).toEqual(['x-mosaic-purpose', 'x-mosaic-case']);
    const byHeaders = await app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'ZN-3' },
      payload: { q: 'Abdelkader Benhaddou' },
    });
    expect(byHeaders.statusCode).toBe(200);
    const reports = (spec.paths['/api/v1/reports'] as unknown as { get: { parameters: { in: string; name: string; schema: { maxLength?: number } }[] } }).get;
    expect(reports.parameters.find((p) => p.in === 'query' && p.name === 'q')?.schema.maxLength).toBe(200);
  });

  it('is 403 for the roles that do not search records (a checkpoint officer, an auditor), not an answer of nothing held', async () => {
    for (const user of ['zoneCheckpoint', 'auditor']) {
      const response = await app.inject({
        method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens[user] ?? ''}` },
        payload: { q: 'Abdelkader Benhaddou', purpose: 'investigation', caseRef: 'ZN-3' },
      });
      expect(response.statusCode, user).toBe(403);
      expect(response.json(), user).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'search: role not permitted (records are searched by an analyst or an officer)' } });
    }
  });

  it('finds the holder of a document number and says it was found by it', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${tokens['zoneOfficer'] ?? ''}` },
      payload: { q: 'EM 123456', purpose: 'investigation', caseRef: 'ZN-3' },
    });
    const { results } = response.json() as { results: { id: string; identifier?: unknown }[] };
    expect(results.map((r) => [r.id, r.identifier])).toEqual([['fedpol:p1', { kind: 'document', how: 'exact' }], ['zone-north:z1', { kind: 'document', how: 'exact' }]]);
  });
});
