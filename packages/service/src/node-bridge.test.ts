/**
 * Two Mosaic nodes on one PostgreSQL store, as in a national deployment: a notification
 * published on one reaches the other's listeners (and is stored once, by its own node), an
 * administrative change on one is seen by the other at once, and so are a change to a user and
 * a sign-out.
 * A node signing the audit log with another key is refused. After a short outage of PostgreSQL
 * that ended the nodes' listening connections, each listens again and reads again what it missed
 * meanwhile (an agreement withdrawn during the outage). Needs PostgreSQL
 * (MOSAIC_TEST_DATABASE_URL): fails under CI without it, skipped elsewhere with a warning.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { AgreementId, type SharingAgreement } from '@mosaic/policy';
import { createTestDatabase, dropTestDatabase, dropTestSchemas, postgresReachable, TEST_DATABASE_URL, testOutage } from '@mosaic/store/testing';
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

describe.runIf(available)('nodes sharing one store after an outage of PostgreSQL', () => {
  const database = `mosaic_nodes_outage_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-node-'));
  const opened: Mosaic[] = [];
  afterAll(async () => {
    for (const mosaic of opened) await mosaic.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(database);
  });

  it('listen again, and a node applies agreements withdrawn while it was not listening', async () => {
    const url = await createTestDatabase(database);
    const a = await openMosaic(parseConfig({ dataDir, databaseUrl: url }, dataDir));
    opened.push(a);
    // B never looks at the stored organisation version: only hearing that its bus listens again can reload it.
    const b = await openMosaic(parseConfig({ dataDir, databaseUrl: url }, dataDir), { orgCheckMs: 3_600_000 });
    opened.push(b);
    const agencies = [
      { id: AgencyId('fedpol'), name: 'Federal Police', country: 'BE', contactDesk: DeskId('fedpol-ops') },
      { id: AgencyId('tcu'), name: 'Terrorism Coordination Unit', country: 'BE', contactDesk: DeskId('tcu-desk') },
    ];
    const desks = [
      { id: DeskId('fedpol-ops'), agency: AgencyId('fedpol'), name: 'Operations room', contact: '+32 2 000 00 01' },
      { id: DeskId('tcu-desk'), agency: AgencyId('tcu'), name: 'Duty desk', contact: '+32 2 000 00 02' },
    ];
    const agreement = (owner: string, recipient: string): SharingAgreement => ({
      id: AgreementId(`${owner}-${recipient}`), owner: AgencyId(owner), recipient: AgencyId(recipient), effect: 'full', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false,
      conditions: { tlp: ['CLEAR', 'GREEN', 'AMBER'], maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2', 'H3'], categories: ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'] },
    });
    const [fedpolToTcu, tcuToFedpol] = [agreement('fedpol', 'tcu'), agreement('tcu', 'fedpol')];
    await saveOrganisation(a.store, { agencies, desks, agreements: [fedpolToTcu, tcuToFedpol] });
    await a.reloadOrg();
    await expect.poll(async () => (await b.org()).agreements.map((x) => x.id), { timeout: 5_000 }).toEqual(['fedpol-tcu', 'tcu-fedpol']);

    // Connections refused, both nodes' listening connections ended: A withdraws one agreement on
    // the connections its pool holds, and its message reaches nobody.
    const cut = await testOutage(database, {
      refuseMs: 1_500,
      during: async () => {
        await saveOrganisation(a.store, { agencies, desks, agreements: [tcuToFedpol] });
        await a.reloadOrg();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await b.org()).agreements.map((x) => x.id)).toEqual(['fedpol-tcu', 'tcu-fedpol']);
      },
    });
    expect(cut).toBe(2);
    const allowedAt = performance.now();
    // Connections are taken again; the other agreement is withdrawn before B listens again.
    await saveOrganisation(a.store, { agencies, desks, agreements: [] });
    await a.reloadOrg();
    // The bus tries again 1 s after the cut, then 2 s after that: B listens, and reloads, by 3 s after the cut.
    await expect.poll(async () => (await b.org()).agreements, { timeout: 10_000, interval: 50 }).toEqual([]);
    const appliedAfterMs = performance.now() - allowedAt;
    expect(appliedAfterMs).toBeLessThan(5_000);

    // And B hears A again.
    const heardOnB: Notification[] = [];
    b.notifier.subscribe((n) => heardOnB.push(n));
    const after = notification({ check: 'after the outage' });
    a.notifier.publish(after);
    await expect.poll(() => heardOnB.map((n) => n.id), { timeout: 5_000 }).toEqual([after.id]);
  });
});
