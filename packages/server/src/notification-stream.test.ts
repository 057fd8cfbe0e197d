/**
 * The live notification stream over a real socket: it carries what is addressed to the user as
 * they are at each notice, and ends when their session does (an account disabled, a sign-out).
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let baseUrl: string;
let tokens: Record<string, string>;
let projections: Projections;
/** Streams still open when the tests end (one whose test failed): closed before the server. */
const streams: AbortController[] = [];

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
  tokens = await signInTokens(app, ['intelAnalyst', 'intelAdmin', 'sysadmin']);
});
afterAll(async () => {
  for (const stream of streams) stream.abort();
  await app.close();
  projections.stop();
  await world.cleanup();
});

/** The stream's data lines as they arrive, and whether the server has ended it. */
async function openStream(token: string, lastEventId?: string): Promise<{ titles: string[]; ended: () => boolean }> {
  const controller = new AbortController();
  streams.push(controller);
  const headers = { authorization: `Bearer ${token}`, ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) };
  const response = await fetch(`${baseUrl}/notifications/stream`, { headers, signal: controller.signal });
  // the node holding the stream names itself, as on every response
  expect(response.headers.get('x-mosaic-node')).toBe(world.mosaic.nodeId);
  const titles: string[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const line of decoder.decode(value, { stream: true }).split('\n')) if (line.startsWith('data: ')) titles.push((JSON.parse(line.slice(6)) as { title: string }).title);
      }
    } catch {
      // the socket closed
    }
    ended = true;
  })();
  return { titles, ended: () => ended };
}

const notice = (title: string, agency = 'intel') => ({ id: `n-${title}`, at: new Date().toISOString(), to: { agency: AgencyId(agency) }, kind: 'watch.record', title, body: {} });

async function until(probe: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the notification stream', () => {
  it('ends when the user is disabled, and carries nothing addressed to them after', async () => {
    const stream = await openStream(tokens['intelAnalyst']!);
    world.mosaic.notifier.publish(notice('before'));
    await until(() => stream.titles.includes('before'));
    const disabled = await app.inject({ method: 'POST', url: '/api/v1/admin/users/intel.intelAnalyst/disable', headers: { authorization: `Bearer ${tokens['sysadmin']}`, 'x-mosaic-purpose': 'leaver', 'x-mosaic-case': 'HR-7' } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    world.mosaic.notifier.publish(notice('after'));
    await until(stream.ended);
    expect(stream.titles).toEqual(['before']);
  });

  it('ends at once when the user is disabled or signs out elsewhere, without waiting for a notice or a heartbeat', async () => {
    const token = await signInToken(app, 'intelAdmin');
    const stream = await openStream(token);
    const signedOut = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
    expect(signedOut.statusCode, signedOut.body).toBeLessThan(300);
    await until(stream.ended);

    const officer = await signInToken(app, 'zoneOfficer');
    const other = await openStream(officer);
    const disabled = await app.inject({ method: 'POST', url: '/api/v1/admin/users/zone-north.zoneOfficer/disable', headers: { authorization: `Bearer ${tokens['sysadmin']}`, 'x-mosaic-purpose': 'leaver', 'x-mosaic-case': 'HR-8' } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await until(other.ended);
  });

  it('reads no session again for a change to the organisation, which ends none, and judges the next notice as the organisation is then', async () => {
    const signedIn = await Promise.all(['fedAnalyst', 'fedAdmin', 'auditor'].map((name) => signInToken(app, name)));
    const open = await Promise.all(signedIn.map((token) => openStream(token)));
    const theirs = new Set(signedIn.map((token) => createHash('sha256').update(token).digest('hex')));
    const { store } = world.mosaic;
    const getSession = store.getSession.bind(store);
    const read: string[] = [];
    Object.assign(store, { getSession: (tokenHash: string) => (theirs.has(tokenHash) && read.push(tokenHash), getSession(tokenHash)) });
    try {
      const changed = await app.inject({ method: 'PATCH', url: '/api/v1/admin/desks/fedpol-ops', headers: { authorization: `Bearer ${tokens['sysadmin']}`, 'x-mosaic-purpose': 'new number', 'x-mosaic-case': 'CHG-77' }, payload: { contact: '+32 2 000 00 77' } });
      expect(changed.statusCode, changed.body).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(read).toEqual([]);
    } finally {
      Object.assign(store, { getSession });
    }
    world.mosaic.notifier.publish(notice('after the desk changed', 'fedpol'));
    await until(() => open[0]!.titles.includes('after the desk changed'));
    expect(open.map((stream) => stream.ended())).toEqual([false, false, false]);
  });

  it('sends a reconnecting client what reached its inbox after the Last-Event-ID, then live ones', async () => {
    // published while the client was away: kept in the inbox, one of them another agency's
    for (const n of [notice('missed-1'), notice('missed-2'), notice('missed-3', 'fedpol'), notice('missed-4')]) world.mosaic.notifier.publish(n);
    await projections.notifications.idle();
    const stream = await openStream(tokens['intelAdmin']!, 'n-missed-1');
    await until(() => stream.titles.includes('missed-4'));
    world.mosaic.notifier.publish(notice('live'));
    await until(() => stream.titles.includes('live'));
    expect(stream.titles).toEqual(['missed-2', 'missed-4', 'live']);
  });

  it('sends nothing extra for a Last-Event-ID the user has no notification under', async () => {
    const stream = await openStream(tokens['intelAdmin']!, 'n-missed-3');
    world.mosaic.notifier.publish(notice('live-again'));
    await until(() => stream.titles.includes('live-again'));
    expect(stream.titles).toEqual(['live-again']);
  });

  it('carries nothing of a notice about a record the user may not read (a case team\'s), live or caught up', async () => {
    const { mosaic } = world;
    await mosaic.store.putDocument({ kind: 'need-to-know-group', id: 'cell-9', owner: 'intel', body: { id: 'cell-9', agency: 'intel', name: 'Cell 9', description: '' } });
    await mosaic.reloadOrg();
    await putFixtures(mosaic, [
      { id: 'ntk-9', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('intel', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['cell-9'] } }) },
      { id: 'al-9', schema: 'Alert', properties: { subject: ['intel:ntk-9'], category: ['discreet_check'], desk: ['intel-liaison'], deskContact: ['+3220000003'], status: ['active'] }, provenance: testProvenance('intel') },
    ]);
    // an analyst of the agency, not in the cell
    const { passwordHash } = (await mosaic.store.findUserByName('intelAdmin'))!;
    await mosaic.store.upsertUser({ id: UserId('intel.outsider'), name: 'outsider', agency: AgencyId('intel'), desk: DeskId('intel-liaison'), roles: ['analyst'], clearance: 'TOP_SECRET', groups: [], passwordHash });
    const token = await signInToken(app, 'outsider');
    const hit = (title: string) => ({ ...notice(title), kind: 'alert.hit', body: { check: `c-${title}`, alert: 'intel:al-9', subject: 'intel:ntk-9', action: 'REPORT_COVERTLY' } });
    for (const n of [notice('cell-1-before'), hit('cell-2-missed'), notice('cell-3-after')]) world.mosaic.notifier.publish(n);
    await projections.notifications.idle();
    // (stored in one instant, they are ordered by id: hence the numbers)
    const stream = await openStream(token, 'n-cell-1-before');
    await until(() => stream.titles.includes('cell-3-after'));
    world.mosaic.notifier.publish(hit('cell-4-live'));
    world.mosaic.notifier.publish(notice('cell-5-end'));
    await until(() => stream.titles.includes('cell-5-end'));
    expect(stream.titles).toEqual(['cell-3-after', 'cell-5-end']);
  });
});
