/**
 * Reading the inbox is a consultation of the records its notices show (LED Art. 25): a page of
 * GET /notifications, a notice marked read and each delivery of the live stream (a reconnecting
 * stream's catch-up as one) that shows records is one `consultation` entry naming the reader, the
 * notices and the records shown — not those withheld from the reader —, under the fixed purpose
 * `notice delivery` and case `inbox`; a read that shows no record logs nothing. A notice stops
 * showing a record's name once its reader has lost the right to read the record.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { NOTIFICATION_KIND, startProjections, type Notification, type Projections } from '@mosaic/service';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let baseUrl: string;
let tokens: Record<string, string>;
let projections: Projections;
const streams: AbortController[] = [];

interface Entry { action: string; actor: { user: string; agency: string }; purpose: string | null; caseRef: string | null; query: unknown; records: string[]; reason: string | null }

const encounter = (id: string, records: string[], names: string[]): Notification => ({
  id, at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
  body: { check: `c-${id}`, record: records[0], records, names, requester: 'zone-north', desk: 'zone-north-desk' },
});

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
  await putFixtures(world.mosaic, [
    { id: 'c1', schema: 'Person', properties: { name: ['Casimir Undercover'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) },
    { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
  ]);
  // a federal police officer cleared to RESTRICTED only
  const { passwordHash } = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
  await world.mosaic.store.upsertUser({ id: UserId('fedpol.lowOfficer'), name: 'lowOfficer', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['officer'], clearance: 'RESTRICTED', groups: [], passwordHash });
  tokens = { ...(await signInTokens(app, ['fedAnalyst', 'zoneOfficer', 'sysadmin'])), lowOfficer: await signInToken(app, 'lowOfficer') };
});
afterAll(async () => {
  for (const stream of streams) stream.abort();
  await app.close();
  projections.stop();
  await world.cleanup();
});

async function entryCount(): Promise<number> {
  return (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
}
async function entriesSince(from: number): Promise<Entry[]> {
  return (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(from).map((e) => JSON.parse(e.body) as Entry);
}
/** Published and kept in the inbox, as a notice is. */
async function keep(...notices: Notification[]): Promise<void> {
  for (const n of notices) world.mosaic.notifier.publish(n);
  await projections.notifications.idle();
}
async function get(token: string, url: string): Promise<{ notifications: Notification[] }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('reading the inbox', () => {
  it('logs a page showing records as one consultation naming the reader, the notices and the records shown to them', async () => {
    await keep(encounter('n-enc-1', ['fedpol:c1', 'fedpol:p1'], ['Casimir Undercover', 'Rachid Bouzid']), encounter('n-enc-2', ['fedpol:p1'], ['Rachid Bouzid']));
    const from = await entryCount();
    const page = await get(tokens['fedAnalyst']!, '/notifications');
    expect(page.notifications.map((n) => n.id).sort()).toEqual(['n-enc-1', 'n-enc-2']);
    const logged = await entriesSince(from);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      action: 'consultation', actor: { user: 'fedpol.fedAnalyst', agency: 'fedpol' }, purpose: 'notice delivery', caseRef: 'inbox', reason: 'notice delivery',
      query: { inbox: { via: 'page', notifications: expect.arrayContaining(['n-enc-1', 'n-enc-2']) } },
    });
    expect([...logged[0]!.records].sort()).toEqual(['fedpol:c1', 'fedpol:p1']);

    // a reader cleared below c1 is shown its id, not its name: only p1 is logged as shown
    const low = await entryCount();
    const lowPage = await get(tokens['lowOfficer']!, '/notifications');
    expect(JSON.stringify(lowPage)).not.toContain('Casimir');
    const lowLogged = await entriesSince(low);
    expect(lowLogged).toHaveLength(1);
    expect(lowLogged[0]).toMatchObject({ actor: { user: 'fedpol.lowOfficer' }, records: ['fedpol:p1'] });
  });

  it('logs a notice marked read as a consultation of the records it shows', async () => {
    const from = await entryCount();
    const response = await app.inject({ method: 'POST', url: '/api/v1/notifications/n-enc-2/read', headers: { authorization: `Bearer ${tokens['fedAnalyst']}` }, payload: {} });
    expect(response.statusCode, response.body).toBe(200);
    const logged = await entriesSince(from);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ action: 'consultation', purpose: 'notice delivery', caseRef: 'inbox', records: ['fedpol:p1'], query: { inbox: { via: 'read', notifications: ['n-enc-2'] } } });
  });

  it('logs nothing for a page whose notices show no record', async () => {
    await world.mosaic.store.putDocument({
      kind: NOTIFICATION_KIND, id: 'n-plain', owner: 'zone-north',
      body: { notification: { id: 'n-plain', at: '2026-03-01T10:00:00.000Z', to: { agency: 'zone-north' }, kind: 'watch.subject-erased', title: 'A watched subject was erased', body: { subscription: 's-1', label: 'my watch' } }, readBy: [] },
    });
    const from = await entryCount();
    expect((await get(tokens['zoneOfficer']!, '/notifications')).notifications.map((n) => n.id)).toEqual(['n-plain']);
    expect(await entriesSince(from)).toEqual([]);
  });

  it('stops showing a record in a notice once the agreement that gave it to the reader is withdrawn', async () => {
    const watch: Notification = {
      id: 'n-watch', at: '2026-03-01T11:00:00.000Z', to: { user: UserId('zone-north.zoneOfficer') }, kind: 'watch.record', title: 'New information on a watched subject',
      body: { subscription: 's-2', label: 'my subject', reason: 'entity', record: 'fedpol:p1', version: 1, caption: 'Rachid Bouzid' },
    };
    await keep(watch);
    const before = await entryCount();
    expect((await get(tokens['zoneOfficer']!, '/notifications')).notifications.map((n) => n.id)).toContain('n-watch');
    expect((await entriesSince(before))[0]).toMatchObject({ actor: { user: 'zone-north.zoneOfficer' }, records: ['fedpol:p1'] });

    const withdrawn = await app.inject({ method: 'DELETE', url: '/api/v1/admin/agreements/fedpol-zone', headers: { authorization: `Bearer ${tokens['sysadmin']}`, 'x-mosaic-purpose': 'agreement ended', 'x-mosaic-case': 'CHG-1' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const after = await entryCount();
    const page = await get(tokens['zoneOfficer']!, '/notifications');
    expect(JSON.stringify(page)).not.toContain('Rachid');
    expect((await entriesSince(after)).filter((e) => e.reason === 'notice delivery')).toEqual([]);
  });
});

/** The stream's notifications as they arrive. */
async function openStream(token: string, lastEventId?: string): Promise<{ ids: string[] }> {
  const controller = new AbortController();
  streams.push(controller);
  const headers = { authorization: `Bearer ${token}`, ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) };
  const response = await fetch(`${baseUrl}/notifications/stream`, { headers, signal: controller.signal });
  const ids: string[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const line of decoder.decode(value, { stream: true }).split('\n')) if (line.startsWith('data: ')) ids.push((JSON.parse(line.slice(6)) as { id: string }).id);
      }
    } catch {
      // the socket closed
    }
  })();
  return { ids };
}

async function until(probe: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the notification stream', () => {
  it('logs each live delivery showing records, and a reconnecting stream\'s catch-up as one consultation', async () => {
    await keep(encounter('n-s1', ['fedpol:p1'], ['Rachid Bouzid']), encounter('n-s2', ['fedpol:p1'], ['Rachid Bouzid']), encounter('n-s3', ['fedpol:c1'], ['Casimir Undercover']));
    const from = await entryCount();
    const stream = await openStream(tokens['fedAnalyst']!, 'n-s1');
    await until(() => stream.ids.includes('n-s3'));
    const caughtUp = await entriesSince(from);
    expect(caughtUp).toHaveLength(1);
    expect(caughtUp[0]).toMatchObject({ action: 'consultation', actor: { user: 'fedpol.fedAnalyst' }, purpose: 'notice delivery', caseRef: 'inbox', query: { inbox: { via: 'stream', notifications: ['n-s2', 'n-s3'] } } });
    expect([...caughtUp[0]!.records].sort()).toEqual(['fedpol:c1', 'fedpol:p1']);

    const live = await entryCount();
    world.mosaic.notifier.publish(encounter('n-s4', ['fedpol:p1'], ['Rachid Bouzid']));
    await until(() => stream.ids.includes('n-s4'));
    const logged = await entriesSince(live);
    expect(logged.filter((e) => e.reason === 'notice delivery')).toMatchObject([{ actor: { user: 'fedpol.fedAnalyst' }, records: ['fedpol:p1'], query: { inbox: { via: 'stream', notifications: ['n-s4'] } } }]);
  });
});
