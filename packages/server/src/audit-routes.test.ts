/**
 * The audit routes: a search of the log is a consultation like any other (what users searched
 * for and were shown is personal data), refused without a purpose and a case reference and
 * logged with them as given.
 */
import type { AuditEntry } from '@mosaic/audit';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let token = '';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic });
  token = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'auditor', password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

async function lastEntry(): Promise<AuditEntry | undefined> {
  let last: AuditEntry | undefined;
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) last = entry;
  return last;
}

describe('GET /audit', () => {
  it('refuses a search of the log without a purpose and a case reference, and logs nothing', async () => {
    const before = await lastEntry();
    for (const headers of [{}, { 'x-mosaic-purpose': 'lawfulness check' }, { 'x-mosaic-case': 'DPO-2026-4' }]) {
      const refused = await app.inject({ url: '/api/v1/audit?action=consultation', headers: { authorization: `Bearer ${token}`, ...headers } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    }
    expect(await lastEntry()).toEqual(before);
  });

  it('logs the search with the auditor\'s purpose and case reference, as given', async () => {
    const response = await app.inject({
      url: '/api/v1/audit?user=zone-north.zoneOfficer',
      headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': encodeURIComponent('complaint n° 12 (data subject)'), 'x-mosaic-case': 'DPO-2026-4' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await lastEntry()).toMatchObject({
      actor: { user: 'fedpol.auditor', agency: 'fedpol' }, action: 'consultation', purpose: 'complaint n° 12 (data subject)', caseRef: 'DPO-2026-4',
      query: { audit: { user: 'zone-north.zoneOfficer' } }, reason: 'audit search',
    });
  });
});
