/**
 * A checkpoint node (`mosaic serve --role checkpoint`): sign-in, checks, alerts and
 * notifications from the watchlist alone; every other request is a 404 that says where to go.
 */
import { validateRecord } from '@mosaic/model';
import { startCheckpointProjections, type CheckpointProjections } from '@mosaic/service';
import { openTestMosaic, testProvenance, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let checkpoint: CheckpointProjections;
let app: FastifyInstance;

async function signIn(name: string): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  return { authorization: `Bearer ${(response.json() as { token: string }).token}` };
}

beforeAll(async () => {
  world = await openTestMosaic();
  for (const raw of [
    { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1988-04-12'] }, provenance: testProvenance('fedpol') },
    { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
  ]) {
    const v = validateRecord(world.mosaic.registry, raw);
    if (!v.ok) throw new Error(`fixture: ${JSON.stringify(v.errors)}`);
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  }
  checkpoint = await startCheckpointProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, checkpoint });
});

afterAll(async () => {
  checkpoint.stop();
  await app.close();
  await world.cleanup();
});

describe('a checkpoint node', () => {
  it('says what it is, and answers a check with the hit, the action and the owner told', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok', role: 'checkpoint' });
    const officer = await signIn('zoneCheckpoint');
    const check = await app.inject({ method: 'POST', url: '/api/v1/screen', headers: officer, payload: { name: 'BOUZID, Rachid', birthDate: '1988-04-12', place: 'A3 exit 12' } });
    expect(check.statusCode).toBe(200);
    const answer = check.json() as { check: { id: string }; hits: { kind: string; subject: string; band: string; alerts: { action: string }[] }[] };
    expect(answer.hits[0]).toMatchObject({ kind: 'match', subject: 'fedpol:p1', band: 'hit', alerts: [{ action: 'ARREST' }] });
    expect((await app.inject({ url: `/api/v1/checks/${answer.check.id}`, headers: officer })).statusCode).toBe(200);
    await checkpoint.notifications.idle();
    const owner = await signIn('fedAnalyst');
    const inbox = ((await app.inject({ url: '/api/v1/notifications', headers: owner })).json() as { notifications: unknown[] }).notifications;
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'alert.hit', body: expect.objectContaining({ check: answer.check.id }) })]));
  });

  it('serves nothing else: a 404 that names the role, no web app, and only its own routes described', async () => {
    const analyst = await signIn('fedAnalyst');
    for (const [method, url] of [['GET', '/api/v1/records/fedpol:p1'], ['POST', '/api/v1/search'], ['GET', '/api/v1/graph/fedpol:p1'], ['GET', '/']] as const) {
      const response = await app.inject({ method, url, headers: { ...analyst, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-1' } });
      expect(response.statusCode, url).toBe(404);
      expect((response.json() as { error: { message: string } }).error.message).toMatch(/checkpoint node.*full node/);
    }
    const paths = Object.keys(((await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/screen', '/api/v1/alerts', '/api/v1/notifications', '/api/v1/auth/sign-in', '/api/v1/health']));
    expect(paths.filter((p) => /search|records|graph|entities|audit|admin/.test(p))).toEqual([]);
  });

  it('is one or the other, and a node built without it is a full node', async () => {
    const full = await buildApp({ mosaic: world.mosaic, webRoot: null });
    try {
      expect((await full.inject({ url: '/api/v1/health' })).json()).toMatchObject({ role: 'full' });
      expect((await full.inject({ url: '/api/v1/nothing-here' })).json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: 'no route GET /api/v1/nothing-here' } });
    } finally {
      await full.close();
    }
    await expect(buildApp({ mosaic: world.mosaic, checkpoint, projections: checkpoint as never })).rejects.toThrow(/not both/);
  });
});
