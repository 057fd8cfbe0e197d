import { UserId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionCache, hashToken, signIn } from './sessions.ts';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('createSessionCache', () => {
  it('serves a signed-in user from memory, and ends the session at once on sign-out', async () => {
    world = await openTestMosaic();
    const { store } = world.mosaic;
    const { token } = await signIn(store, 'zoneOfficer', TEST_PASSWORD, { hours: 1 });
    const sessions = createSessionCache(store, { ttlMs: 60_000 });
    expect((await sessions.authenticate(token)).name).toBe('zoneOfficer');
    // Served from memory: the stored session can go without the cache noticing within its ttl…
    await store.deleteSession(hashToken(token));
    expect((await sessions.authenticate(token)).name).toBe('zoneOfficer');
    // …but a sign-out through the cache is immediate.
    await sessions.signOut(token);
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 'MOSAIC_UNAUTHENTICATED' });
  });

  it('looks the user up again after forgetUser (a role change), clear and its ttl', async () => {
    world = await openTestMosaic();
    const { store } = world.mosaic;
    const { token, user } = await signIn(store, 'zoneOfficer', TEST_PASSWORD, { hours: 1 });
    const longLived = createSessionCache(store, { ttlMs: 60_000 });
    const noMemory = createSessionCache(store, { ttlMs: 0 });
    await longLived.authenticate(token);
    await store.upsertUser({ ...user, roles: ['analyst'] });
    expect((await longLived.authenticate(token)).roles).toEqual(user.roles);
    longLived.forgetUser(UserId(user.id));
    expect((await longLived.authenticate(token)).roles).toEqual(['analyst']);
    expect((await noMemory.authenticate(token)).roles).toEqual(['analyst']);
    await store.upsertUser({ ...user, roles: ['auditor'] });
    longLived.clear();
    expect((await longLived.authenticate(token)).roles).toEqual(['auditor']);
  });

  it('refuses an expired session even when it is remembered', async () => {
    world = await openTestMosaic();
    const { store } = world.mosaic;
    const { token, expiresAt } = await signIn(store, 'zoneOfficer', TEST_PASSWORD, { hours: 1 });
    const sessions = createSessionCache(store, { ttlMs: 60_000 });
    await sessions.authenticate(token);
    await expect(sessions.authenticate(token, new Date(Date.parse(expiresAt) + 1))).rejects.toMatchObject({ code: 'MOSAIC_UNAUTHENTICATED' });
    await expect(sessions.authenticate(undefined)).rejects.toMatchObject({ code: 'MOSAIC_UNAUTHENTICATED' });
  });

  it('lets requests that find the memory expired at once share one look-up', async () => {
    world = await openTestMosaic();
    const { store } = world.mosaic;
    const { token } = await signIn(store, 'zoneOfficer', TEST_PASSWORD, { hours: 1 });
    let lookups = 0;
    const counting = new Proxy(store, {
      get: (target, property, receiver) => (property === 'getSession' ? (hash: string) => { lookups++; return target.getSession(hash); } : Reflect.get(target, property, receiver)),
    });
    const sessions = createSessionCache(counting, { ttlMs: 60_000 });
    const users = await Promise.all(Array.from({ length: 8 }, () => sessions.authenticate(token)));
    expect(users.map((u) => u.name)).toEqual(Array(8).fill('zoneOfficer'));
    expect(lookups).toBe(1);
    // a sign-out while a look-up is under way: what it finds is not remembered
    sessions.clear();
    const racing = sessions.authenticate(token);
    await sessions.signOut(token);
    await racing.catch(() => undefined);
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 'MOSAIC_UNAUTHENTICATED' });
  });
});
