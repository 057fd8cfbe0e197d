/**
 * GET /notifications pages back through the whole inbox: each page ends with a cursor (`next`)
 * that the next request passes as `before`, until the last page, which has none. A notice about
 * a case team's record reaches the team's members only: not the rest of the agency, nor its webhook.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { NOTIFICATION_KIND, setWebhook, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let tokens: Record<string, string>;
let projections: Projections;

/** A kept notification, as the keeper stores one. */
const kept = (id: string, owner: string, to: { agency: string } | { user: string }) => ({
  kind: NOTIFICATION_KIND, id, owner, body: { notification: { id, at: '2026-05-01T09:00:00.000Z', to, kind: 'watch.record', title: id, body: {} }, readBy: [] },
});

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['intelAnalyst']);
  // several stored in one statement share a creation time (the id orders them); others come one
  // by one, a few milliseconds apart
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));
  await world.mosaic.store.putDocuments(['n-a1', 'n-a2', 'n-a3', 'n-a4', 'n-a5'].map((id) => kept(id, 'intel', { agency: 'intel' })));
  for (const id of ['n-u1', 'n-u2', 'n-u3']) {
    await later();
    await world.mosaic.store.putDocument(kept(id, 'intel.intelAnalyst', { user: 'intel.intelAnalyst' }));
  }
  await later();
  await world.mosaic.store.putDocuments(['n-a6', 'n-a7'].map((id) => kept(id, 'intel', { agency: 'intel' })));
  // another agency's and another user's, never in this inbox
  await world.mosaic.store.putDocument(kept('n-fed', 'fedpol', { agency: 'fedpol' }));
  await world.mosaic.store.putDocument(kept('n-other', 'intel.intelAdmin', { user: 'intel.intelAdmin' }));
});
afterAll(async () => {
  await app.close();
  projections.stop();
  await world.cleanup();
});

async function page(query: string): Promise<{ notifications: { id: string }[]; next?: string }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: { authorization: `Bearer ${tokens['intelAnalyst']}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('GET /notifications', () => {
  it('pages newest first with `before`, each notification once, the last page without `next`', async () => {
    const whole = (await page('')).notifications.map((n) => n.id);
    expect(whole).toEqual(['n-a7', 'n-a6', 'n-u3', 'n-u2', 'n-u1', 'n-a5', 'n-a4', 'n-a3', 'n-a2', 'n-a1']);

    const paged: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const got = await page(`?limit=3${next === undefined ? '' : `&before=${next}`}`);
      paged.push(...got.notifications.map((n) => n.id));
      next = got.next;
      pages++;
    } while (next !== undefined && pages < 10);
    expect(paged).toEqual(whole);
    expect(pages).toBe(4);
  });

  it('finds nothing before a notification that is not the user\'s', async () => {
    expect(await page('?before=n-other')).toEqual({ notifications: [] });
    expect(await page('?before=n-none')).toEqual({ notifications: [] });
  });
});

describe('a notice about a need-to-know record', () => {
  let team: TestMosaic;
  let server: FastifyInstance;
  let follow: Projections;
  const hooked: string[] = [];
  const hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      hooked.push(body);
      response.end('ok');
    });
  });
  const as: Record<string, Record<string, string>> = {};
  const why = { 'x-mosaic-purpose': 'operation x', 'x-mosaic-case': 'OP-X-1' };
  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    server.inject({ method, url: `/api/v1${url}`, headers: { ...as[user], ...why }, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    // the webhook receiver is at the loopback address, which the operator allows
    team = await openTestMosaic({ config: { webhookPrivateTargets: true } });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    await setWebhook(team.mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret: 'fedpol-webhook-secret-0123456789' });
    follow = await startProjections(team.mosaic, { follow: false });
    server = await buildApp({ mosaic: team.mosaic, projections: follow, webRoot: null });
    // the federal police's analyst (in the case team), another analyst and an officer of theirs (not in it)
    const { passwordHash } = (await team.mosaic.store.findUserByName('fedAnalyst'))!;
    for (const [name, role] of [['analyst2', 'analyst'], ['officer1', 'officer']] as const) {
      await team.mosaic.store.upsertUser({ id: UserId(`fedpol.${name}`), name, agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: [role], clearance: 'SECRET', groups: [], passwordHash });
    }
    for (const name of ['fedAdmin', 'fedAnalyst', 'analyst2', 'officer1']) as[name] = { authorization: `Bearer ${await signInToken(server, name)}` };
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-x', { name: 'Operation X' })).statusCode).toBe(200);
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-x/members', { users: ['fedpol.fedAnalyst'] })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    follow.stop();
    await new Promise((resolve) => hook.close(resolve));
    await team.cleanup();
  });

  const inbox = async (user: string) => {
    const response = await call(user, 'GET', '/notifications');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { notifications: { id: string; kind: string; body: Record<string, unknown> }[] }).notifications;
  };

  it('tells the team\'s members of a hit on its alert, and nobody else in the agency (inbox, read mark, webhook)', async () => {
    const marking = { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-x'] };
    const written = await call('fedAnalyst', 'POST', '/records', { id: 'ntk-p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'], birthDate: ['1979-02-14'] }, provenance: testProvenance('fedpol', { marking }) });
    expect(written.statusCode, written.body).toBe(200);
    // an ordinary alert beside it, which the whole agency hears of
    expect((await call('fedAnalyst', 'POST', '/records', { id: 'open-p3', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }, provenance: testProvenance('fedpol') })).statusCode).toBe(200);
    const alerted = await call('fedAnalyst', 'POST', '/alerts', { subject: 'fedpol:ntk-p2', category: 'discreet_check' });
    expect(alerted.statusCode, alerted.body).toBe(200);
    const alert = (alerted.json() as { alert: { id: string } }).alert.id;
    expect((await call('fedAnalyst', 'POST', '/alerts', { subject: 'fedpol:open-p3', category: 'discreet_check' })).statusCode).toBe(200);
    await follow.follower.catchUp();

    const screened = await call('fedAnalyst', 'POST', '/screen', { name: 'Xanthippe Wolkenstein', birthDate: '1979-02-14' });
    expect(screened.statusCode, screened.body).toBe(200);
    const check = (screened.json() as { check: { id: string } }).check.id;
    expect((await call('fedAnalyst', 'POST', '/screen', { name: 'Rachid Bouzid', birthDate: '1990-03-02' })).statusCode).toBe(200);
    await follow.notifications.idle();

    const told = (await inbox('fedAnalyst')).filter((n) => n.kind === 'alert.hit');
    expect(told.map((n) => n.body['subject']).sort()).toEqual(['fedpol:ntk-p2', 'fedpol:open-p3']);
    const hidden = told.find((n) => n.body['subject'] === 'fedpol:ntk-p2')!;
    expect(hidden.body).toMatchObject({ alert, check, action: 'REPORT_COVERTLY' });

    for (const outsider of ['analyst2', 'officer1']) {
      const theirs = await inbox(outsider);
      // the ordinary alert's hit reaches them; nothing of the team's: no notice, no record, alert or check id
      expect(theirs.filter((n) => n.kind === 'alert.hit').map((n) => n.body['subject'])).toEqual(['fedpol:open-p3']);
      expect(JSON.stringify(theirs)).not.toMatch(new RegExp(`ntk-p2|${alert}|${check}`));
      expect((await call(outsider, 'POST', `/notifications/${hidden.id}/read`)).statusCode).toBe(404);
      expect((await call(outsider, 'GET', `/notifications?before=${hidden.id}`)).json()).toEqual({ notifications: [] });
    }
    // the agency's webhook is its system, in no case team: the ordinary hit only
    expect(hooked.some((body) => body.includes('fedpol:open-p3'))).toBe(true);
    expect(hooked.join('\n')).not.toMatch(new RegExp(`ntk-p2|${alert}|${check}`));
  });

  it('leaves the next page to come for an outsider whose newest notices are all the team\'s', async () => {
    for (let i = 0; i < 3; i++) expect((await call('fedAnalyst', 'POST', '/screen', { name: 'Xanthippe Wolkenstein', birthDate: '1979-02-14' })).statusCode).toBe(200);
    await follow.notifications.idle();
    const page = (await call('analyst2', 'GET', '/notifications?limit=1')).json() as { notifications: { kind: string; body: Record<string, unknown> }[]; next?: string };
    expect(page.notifications.map((n) => [n.kind, n.body['subject']])).toEqual([['alert.hit', 'fedpol:open-p3']]);
  });
});
