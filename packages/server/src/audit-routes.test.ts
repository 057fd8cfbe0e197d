/**
 * The audit routes: a search of the log is a consultation like any other (what users searched
 * for and were shown is personal data), refused without a purpose and a case reference and
 * logged with them as given; a verification checked against a witness the auditor kept.
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

describe('POST /audit/verify', () => {
  const verify = (body?: unknown) => app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

  it('checks the log against a witness the auditor kept: reached, not reached, or not the entry witnessed', async () => {
    expect((await verify()).json()).toMatchObject({ ok: true });
    const last = await lastEntry();
    expect(last).toBeDefined();
    expect((await verify({ expect: `${last!.seq}:${last!.hash}` })).json()).toMatchObject({ ok: true });
    const beyond = (await verify({ expect: `${last!.seq + 40}:${'a'.repeat(64)}` })).json() as { ok: boolean; reason: string; message: string };
    expect(beyond).toMatchObject({ ok: false, reason: 'truncated' });
    expect(beyond.message).toContain(`the witness given says it reached entry ${last!.seq + 40}`);
    expect((await verify({ expect: `${last!.seq}:${'b'.repeat(64)}` })).json()).toMatchObject({ ok: false, reason: 'witness_mismatch' });
  });

  it('refuses a witness that is not SEQ:HASH, naming expect', async () => {
    const refused = await verify({ expect: 'yesterday' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'expect' }] } });
  });
});
