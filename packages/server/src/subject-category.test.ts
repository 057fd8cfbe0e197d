/**
 * LED Arts. 6-7: every fact shown carries the data subject's category and whether it is a fact
 * or an assessment — in record views, history, resolved entity views and checkpoint hits.
 */
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let token = '';
const headers = () => ({ authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-67' });

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  token = await signInToken(app, 'fedAnalyst');
  const records = [
    { id: 'w1', schema: 'Person', properties: { name: ['Henrike Saltmarsh'], birthDate: ['1980-05-05'] }, provenance: testProvenance('fedpol', { category: 'witness', nature: 'fact' }) },
    { id: 'w2', schema: 'Person', properties: { name: ['Henrike Saltmarsh'], birthDate: ['1980-05-05'], alias: ['The Heron'] }, provenance: testProvenance('fedpol', { category: 'suspect', nature: 'assessment', sourceRecordId: 'w2' }) },
  ];
  for (const r of records) expect((await app.inject({ method: 'POST', url: '/api/v1/records', headers: headers(), payload: r })).statusCode).toBe(200);
  await projections.follower.catchUp();
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

type Provenanced = { provenance: { category?: string; nature?: string } };

describe('data-subject category and fact/assessment on every fact shown', () => {
  it('in the record view and its history', async () => {
    const record = (await app.inject({ url: '/api/v1/records/fedpol:w2', headers: headers() })).json() as { record: Provenanced };
    expect(record.record.provenance).toMatchObject({ category: 'suspect', nature: 'assessment' });
    const history = (await app.inject({ url: '/api/v1/records/fedpol:w2/history', headers: headers() })).json() as { versions: { record?: Provenanced }[] };
    for (const v of history.versions) expect(v.record?.provenance).toMatchObject({ category: 'suspect', nature: 'assessment' });
  });

  it('on every value of a resolved entity', async () => {
    const entity = projections.entities.entityOf('fedpol:w1' as never);
    const view = (await app.inject({ url: `/api/v1/entities/${entity}`, headers: headers() })).json() as { entity: { properties: Record<string, { sources: Provenanced[] }[]> } };
    const sources = Object.values(view.entity.properties).flat().flatMap((v) => v.sources);
    expect(sources.length).toBeGreaterThan(2);
    for (const s of sources) {
      expect(['witness', 'suspect']).toContain(s.provenance.category);
      expect(['fact', 'assessment']).toContain(s.provenance.nature);
    }
  });

  it('on checkpoint hits', async () => {
    const answer = (await app.inject({ method: 'POST', url: '/api/v1/screen', headers: headers(), payload: { name: 'Henrike Saltmarsh', birthDate: '1980-05-05' } })).json() as { hits: { kind: string; subject?: string; category?: string; nature?: string }[] };
    const matches = answer.hits.filter((h) => h.kind === 'match');
    expect(matches.map((h) => [h.subject, h.category, h.nature]).sort()).toEqual([['fedpol:w1', 'witness', 'fact'], ['fedpol:w2', 'suspect', 'assessment']]);
  });
});
