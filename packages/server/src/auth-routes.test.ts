import type { AuditEntry } from '@mosaic/audit';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
// one world for the file, its clock moved by the tests; each test signs in with names of its own
const clock = { now: new Date('2026-03-02T10:00:00.000Z') };

beforeAll(async () => {
  world = await openTestMosaic({ now: () => clock.now });
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

const later = (ms: number): void => {
  clock.now = new Date(clock.now.getTime() + ms);
};

async function signIn(name: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password } });
}

async function entries(): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) all.push(entry);
  return all;
}

describe('POST /auth/sign-in', () => {
  it('refuses a name 429 after five failures in a row, the right password too, saying when to try again; then signs in and starts the count again', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn('fedAnalyst', `wrong ${i}`)).statusCode).toBe(401);
    const until = new Date(clock.now.getTime() + 60_000).toISOString();
    const refused = await signIn('fedAnalyst', TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    // the error envelope of every other refusal: no details, since no field was wrong
    expect(refused.json()).toEqual({ error: { code: 'MOSAIC_RATE_LIMITED', message: expect.stringContaining(`try again after ${until}`) } });
    // refused attempts do not lengthen the wait
    later(30_000);
    expect((await signIn('fedAnalyst', 'wrong again')).headers['retry-after']).toBe('30');
    later(30_000);
    expect((await signIn('fedAnalyst', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await signIn('fedAnalyst', `wrong ${i}`)).statusCode).toBe(401);
    expect((await signIn('fedAnalyst', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the wait with each failure after the fifth, up to 15 minutes', async () => {
    const waits: string[] = [];
    for (let i = 0; i < 5; i += 1) await signIn('zoneOfficer', 'wrong');
    for (let i = 0; i < 6; i += 1) {
      const refused = await signIn('zoneOfficer', TEST_PASSWORD);
      waits.push(String(refused.headers['retry-after']));
      later(Number(refused.headers['retry-after']) * 1000);
      expect((await signIn('zoneOfficer', 'wrong')).statusCode).toBe(401);
    }
    expect(waits).toEqual(['60', '120', '240', '480', '900', '900']);
    // the cap holds: 15 minutes after the last wrong guess the user signs in
    later(900_000);
    expect((await signIn('zoneOfficer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles a name that is no user the same way, and another name not at all', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn('nobody.here', 'wrong')).statusCode).toBe(401);
    const unknown = await signIn('nobody.here', 'wrong');
    for (let i = 0; i < 5; i += 1) await signIn('fedAdmin', 'wrong');
    const known = await signIn('fedAdmin', 'wrong');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json()).toEqual(known.json());
    expect((await signIn('intelAnalyst', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts guesses sent at once one after another: no more than five are checked before the name waits', async () => {
    // all wrong: a right password among them ends the count wherever its check happens to come
    // (its password hashed beside the others'), and the wrong ones after it count again from none
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn('intelAdmin', `wrong ${i}`)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('logs every attempt as an authentication entry naming the user, or the name typed when it is no user\'s, never the password', async () => {
    const before = (await entries()).length;
    await signIn('fedAnalyst', 'hunter2-wrong');
    await signIn('fedAnalyst', TEST_PASSWORD);
    await signIn('no.such.user', 'hunter2-wrong');
    const logged = (await entries()).slice(before);
    expect(logged.map((e) => ({ action: e.action, actor: e.actor, outcome: e.outcome, reason: e.reason, query: e.query }))).toEqual([
      { action: 'authentication', actor: { user: 'fedpol.fedAnalyst', agency: 'fedpol' }, outcome: 'denied', reason: 'wrong password', query: { signIn: 'fedAnalyst' } },
      { action: 'authentication', actor: { user: 'fedpol.fedAnalyst', agency: 'fedpol' }, outcome: 'ok', reason: 'signed in', query: { signIn: 'fedAnalyst' } },
      { action: 'authentication', actor: { user: 'system:unknown-user', agency: 'system' }, outcome: 'denied', reason: 'unknown user name', query: { signIn: 'no.such.user' } },
    ]);
    expect(JSON.stringify(logged)).not.toContain('hunter2');
    expect(JSON.stringify(logged)).not.toContain(TEST_PASSWORD);
    for (let i = 0; i < 5; i += 1) await signIn('no.such.user', 'wrong');
    await signIn('no.such.user', 'wrong');
    expect((await entries()).at(-1)).toMatchObject({ action: 'authentication', outcome: 'denied', reason: 'sign-in throttled', query: { signIn: 'no.such.user' } });
    // the auditor finds them by action, and the log still verifies
    const token = ((await signIn('auditor', TEST_PASSWORD)).json() as { token: string }).token;
    const auditor = { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'self-monitoring', 'x-mosaic-case': 'DPO-1' };
    const found = await app.inject({ url: '/api/v1/audit?action=authentication', headers: auditor });
    expect(found.statusCode).toBe(200);
    expect((found.json() as { entries: AuditEntry[] }).entries.map((e) => e.reason)).toContain('signed in');
    expect((await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor })).json()).toMatchObject({ ok: true });
  });
});

describe('GET /auth/session', () => {
  const session = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
    app.inject({ url: '/api/v1/auth/session', headers, cookies });

  it('answers 200 signed out with no session, an unknown token or one signed out, where /auth/me refuses them 401', async () => {
    for (const answer of [await session(), await session({ authorization: 'Bearer not-a-session' }), await session({}, { mosaic_session: 'not-a-session' })]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ signedIn: false });
    }
    expect((await app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const token = ((await signIn('zoneCheckpoint', TEST_PASSWORD)).json() as { token: string }).token;
    await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
    expect((await session({}, { mosaic_session: token })).json()).toEqual({ signedIn: false });
    expect((await app.inject({ url: '/api/v1/auth/me', cookies: { mosaic_session: token } })).statusCode).toBe(401);
  });

  it('names the user of the session the request carries, as /auth/me does, from the cookie or a bearer token', async () => {
    const token = ((await signIn('zoneCheckpoint', TEST_PASSWORD)).json() as { token: string }).token;
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).json() as unknown;
    expect((await session({}, { mosaic_session: token })).json()).toEqual({ signedIn: true, user: me });
    expect((await session({ authorization: `Bearer ${token}` })).json()).toEqual({ signedIn: true, user: me });
    expect(me).toMatchObject({ name: 'zoneCheckpoint' });
  });
});
