/**
 * Two Mosaic nodes on one PostgreSQL store, as in a national deployment: a notification
 * published on one reaches the other's listeners (and is stored once, by its own node), an
 * administrative change on one is seen by the other at once, and so are a change to a user and
 * a sign-out.
 * A node signing the audit log with another key is refused. Needs PostgreSQL
 * (MOSAIC_TEST_DATABASE_URL): fails under CI without it, skipped elsewhere with a warning.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import type { Notification } from './notifier.ts';
import { saveOrganisation } from './organisation.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { keepNotifications, NOTIFICATION_KIND } from './screening/notification-inbox.ts';
import { signIn } from './sessions.ts';
import { hashPassword } from './password.ts';

const available = await postgresReachable('node bridge');

const schema = `mosaic_nodes_${randomBytes(6).toString('hex')}`;
const dirs: string[] = [];
const nodes: Mosaic[] = [];
const sharedDir = mkdtempSync(join(tmpdir(), 'mosaic-node-'));
dirs.push(sharedDir);
const node = async (dataDir = sharedDir): Promise<Mosaic> => {
  const mosaic = await openMosaic(parseConfig({ dataDir, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema }, dataDir));
  nodes.push(mosaic);
  return mosaic;
};

afterAll(async () => {
  for (const mosaic of nodes) await mosaic.close().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (available) await dropTestSchemas([schema]);
});

const notification = (body: Record<string, unknown>): Notification => ({
  id: randomUUID(), at: new Date().toISOString(), to: { agency: AgencyId('fedpol') }, kind: 'alert.hit', title: 'Hit on your alert', body,
});

describe.runIf(available)('nodes sharing one store', () => {
  it('carry notifications, administrative changes, user changes and sign-outs from one node to the other', async () => {
    const a = await node();
    const b = await node();
    const keeperA = keepNotifications(a);
    const keeperB = keepNotifications(b);
    const heardOnB: Notification[] = [];
    b.notifier.subscribe((n) => heardOnB.push(n));

    const small = notification({ check: 'c1' });
    // Too large for one bus message: B fetches it from the store where A's keeper put it.
    const large = notification({ check: 'c2', report: 'r'.repeat(12_000) });
    a.notifier.publish(small);
    a.notifier.publish(large);
    await expect.poll(() => heardOnB.map((n) => n.id).sort(), { timeout: 5_000 }).toEqual([small.id, large.id].sort());
    expect(heardOnB.find((n) => n.id === large.id)?.body['report']).toHaveLength(12_000);
    // Published again on B (as every node's watcher would derive it): delivered once.
    b.notifier.publish(small);
    expect(heardOnB.filter((n) => n.id === small.id)).toHaveLength(1);
    await keeperA.idle();
    await keeperB.idle();
    expect((await a.store.getDocument(NOTIFICATION_KIND, small.id))?.body).toMatchObject({ notification: { id: small.id } });

    // An administrative change on A is in B's snapshot at once.
    const fedpol = { id: AgencyId('fedpol'), name: 'Federal Police', country: 'BE', contactDesk: DeskId('fedpol-ops') };
    const desks = [{ id: DeskId('fedpol-ops'), agency: AgencyId('fedpol'), name: 'Operations room', contact: '+32 2 000 00 01' }];
    await saveOrganisation(a.store, { agencies: [fedpol], desks, agreements: [] });
    await a.reloadOrg();
    await expect.poll(async () => (await b.org()).org.agencies.map((x) => x.id), { timeout: 5_000 }).toEqual(['fedpol']);
    await saveOrganisation(a.store, { agencies: [fedpol, { id: AgencyId('customs'), name: 'Customs', country: 'BE', contactDesk: DeskId('fedpol-ops') }], desks, agreements: [] });
    await a.reloadOrg();
    await expect.poll(async () => (await b.org()).org.agencies.map((x) => x.id), { timeout: 5_000 }).toContain('customs');

    // A user's rights changed on A: B's cached session sees the change at once.
    await a.store.upsertUser({ id: UserId('fedpol.nodes'), name: 'nodes', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['analyst'], clearance: 'SECRET', groups: [], passwordHash: await hashPassword('a long test password') });
    const { token, user } = await signIn(b.store, 'nodes', 'a long test password', { hours: 1 });
    expect((await b.sessions.authenticate(token)).roles).toEqual(['analyst']);
    await a.store.upsertUser({ ...user, roles: ['officer'] });
    a.sessions.forgetUser(user.id);
    // Well within the cache's own one-second memory: only the message can explain it.
    await expect.poll(async () => (await b.sessions.authenticate(token)).roles, { timeout: 600, interval: 20 }).toEqual(['officer']);

    // Signed out on A: B, which has the session in its memory, refuses it at once too.
    await a.sessions.signOut(token);
    await expect.poll(() => b.sessions.authenticate(token).then(() => 'accepted', () => 'refused'), { timeout: 600, interval: 20 }).toBe('refused');
    keeperA.stop();
    keeperB.stop();
  });

  it('refuses a node whose audit signing key is not the log\'s', async () => {
    const other = mkdtempSync(join(tmpdir(), 'mosaic-node-'));
    dirs.push(other);
    await expect(node(other)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_CONFIG' });
  });
});
