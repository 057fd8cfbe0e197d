import { AgencyId, isAppError } from '@mosaic/model';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { keepNotifications, notificationDocument } from './notification-inbox.ts';
import {
  deliverOrRetry, redeliverWebhooks, retryWebhooks, scheduleWebhookRetries, webhookStatusOf, RETRY_DELAYS_MS, WEBHOOK_ATTEMPT_KIND, WEBHOOK_RETRY_KIND, WEBHOOK_UNDELIVERED_KIND, type PendingDelivery,
} from './webhook-outbox.ts';
import { webhookPost } from './webhook-post.ts';
import { setWebhook, SIGNATURE_HEADER, TARGET_NOT_ALLOWED, verifyWebhookSignature } from './webhooks.ts';

const FEDPOL = AgencyId('fedpol');
const INTEL = AgencyId('intel');
const SECRET = 'fedpol-secret-0123456789';

interface Heard {
  readonly path: string;
  readonly body: string;
  readonly signature: string | undefined;
  readonly id: string | undefined;
}

/** A real receiver answering each request with the next of `statuses` (then 200, each after `slowMs`), keeping what it heard. */
async function receiver(statuses: number[] = [], slowMs = 0): Promise<{ server: Server; heard: Heard[]; url: (path?: string) => string; answer: number[] }> {
  const heard: Heard[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    request.on('end', () => {
      heard.push({ path: request.url ?? '', body, signature: request.headers[SIGNATURE_HEADER] as string | undefined, id: request.headers['x-mosaic-notification'] as string | undefined });
      const status = statuses.shift();
      response.statusCode = status ?? 200;
      if (status === undefined && slowMs > 0) setTimeout(() => response.end(), slowMs);
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, heard, answer: statuses, url: (path = '/hook') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}` };
}

const hit = (id: string, at: string, agency = FEDPOL): Notification => ({ id, at, to: { agency }, kind: 'alert.hit', title: 'Hit on your alert', body: { check: 'c1', names: ['Rachid Bouzid'] } });

let world: TestMosaic | undefined;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  await world?.cleanup();
  world = undefined;
});

/**
 * A store whose clock the test moves, with fedpol's webhook at a receiver answering `statuses`
 * first; the receiver is at the loopback address, which the operator allows unless told not to.
 */
async function setUp(statuses: number[] = [], { privateTargets = true } = {}): Promise<{ mosaic: TestMosaic['mosaic']; heard: Heard[]; answer: number[]; advance: (ms: number) => Date; now: () => Date }> {
  let today = new Date('2026-03-01T10:00:00Z');
  world = await openTestMosaic({ now: () => today, config: { webhookPrivateTargets: privateTargets } });
  // the record the notices name: a webhook is sent only what names records its agency may read
  await putFixtures(world.mosaic, [{ id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') }]);
  const r = await receiver(statuses);
  servers.push(r.server);
  await setWebhook(world.mosaic, FEDPOL, { url: r.url(), secret: SECRET });
  return { mosaic: world.mosaic, heard: r.heard, answer: r.answer, now: () => today, advance: (ms) => (today = new Date(today.getTime() + ms)) };
}

const retryOf = async (mosaic: TestMosaic['mosaic'], id: string): Promise<PendingDelivery | undefined> => (await mosaic.store.getDocument(WEBHOOK_RETRY_KIND, id))?.body as PendingDelivery | undefined;

describe('webhook retries', () => {
  it('tries a failed delivery again after each wait, sending the kept notification as it is now, until it is delivered', async () => {
    const { mosaic, heard, advance, now } = await setUp([503, 503]);
    const notice = hit('n-1', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    expect(await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true })).toBe('failed');
    expect(await retryOf(mosaic, 'n-1')).toEqual({
      notification: 'n-1', kind: 'alert.hit', attempts: 1, firstAt: now().toISOString(), lastAt: now().toISOString(), failure: 'HTTP 503',
      nextAt: new Date(now().getTime() + (RETRY_DELAYS_MS[0] as number)).toISOString(),
    });
    // the message itself is not kept with the retry: it is read again from the kept notification
    expect(JSON.stringify(await retryOf(mosaic, 'n-1'))).not.toMatch(/Rachid/);

    // not yet due
    advance((RETRY_DELAYS_MS[0] as number) - 1000);
    expect(await retryWebhooks(mosaic)).toEqual({ attempted: 0, delivered: 0, undelivered: 0 });
    advance(1000);
    expect(await retryWebhooks(mosaic)).toEqual({ attempted: 1, delivered: 0, undelivered: 0 });
    expect(await retryOf(mosaic, 'n-1')).toMatchObject({ attempts: 2, failure: 'HTTP 503', nextAt: new Date(now().getTime() + (RETRY_DELAYS_MS[1] as number)).toISOString() });

    // an erasure changes the kept notification meanwhile: the next attempt sends it as it is now
    const blanked = { ...notice, body: { check: 'c1', names: [null], erased: ['fedpol:p1'] } };
    await mosaic.store.putDocument(notificationDocument(blanked));
    advance(RETRY_DELAYS_MS[1] as number);
    expect(await retryWebhooks(mosaic)).toEqual({ attempted: 1, delivered: 1, undelivered: 0 });
    expect(await retryOf(mosaic, 'n-1')).toBeUndefined();
    expect(await mosaic.store.listDocuments(WEBHOOK_ATTEMPT_KIND, { subject: 'n-1', limit: 10 })).toEqual([]);

    expect(heard).toHaveLength(3);
    for (const h of heard) {
      expect(h.id).toBe('n-1');
      expect(verifyWebhookSignature(SECRET, h.body, h.signature)).toBe(true);
    }
    expect(JSON.parse((heard[2] as Heard).body)).toEqual(blanked);
  });

  it('gives up after the last wait, shows the undelivered notice to the data administrator only, and sends it again on request', async () => {
    const { mosaic, heard, advance, now } = await setUp([500, 502]);
    const delaysMs = [1000];
    const notice = hit('n-2', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    expect(await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true, delaysMs })).toBe('failed');
    advance(1000);
    expect(await retryWebhooks(mosaic, { delaysMs })).toEqual({ attempted: 1, delivered: 0, undelivered: 1 });
    expect(await retryOf(mosaic, 'n-2')).toBeUndefined();

    const users = await mosaic.store.listUsers();
    const fedAdmin = users.find((u) => u.name === 'fedAdmin');
    const status = await webhookStatusOf(mosaic, { user: fedAdmin! });
    expect(status).toEqual({
      url: expect.stringMatching(/\/hook$/), pending: 0,
      undelivered: [{ notification: 'n-2', kind: 'alert.hit', attempts: 2, firstAt: '2026-03-01T10:00:00.000Z', lastAt: now().toISOString(), failure: 'HTTP 502' }],
    });
    // another agency's administrator sees their own (none); an analyst sees nothing
    expect((await webhookStatusOf(mosaic, { user: users.find((u) => u.name === 'intelAdmin')! })).undelivered).toEqual([]);
    await expect(webhookStatusOf(mosaic, { user: users.find((u) => u.name === 'intelAnalyst')! })).rejects.toSatisfy((e) => isAppError(e) && e.code === 'MOSAIC_FORBIDDEN');
    // nothing is tried while it is undelivered
    advance(3_600_000);
    expect(await retryWebhooks(mosaic, { delaysMs })).toEqual({ attempted: 0, delivered: 0, undelivered: 0 });

    // the receiver is mended: the administrator has it sent again, which is audited
    expect(await redeliverWebhooks(mosaic, { user: fedAdmin!, purpose: 'receiver mended', caseRef: 'OPS-7' })).toEqual({ queued: 1 });
    expect((await webhookStatusOf(mosaic, { user: fedAdmin! })).pending).toBe(1);
    expect(await retryWebhooks(mosaic, { delaysMs })).toEqual({ attempted: 1, delivered: 1, undelivered: 0 });
    expect(await webhookStatusOf(mosaic, { user: fedAdmin! })).toMatchObject({ pending: 0, undelivered: [] });
    expect(heard.map((h) => h.id)).toEqual(['n-2', 'n-2', 'n-2']);
    const logged = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; reason: string; query: unknown; purpose: string });
    expect(logged.filter((e) => e.reason === 'webhook redelivery')).toEqual([
      expect.objectContaining({ action: 'administration', purpose: 'receiver mended', query: { webhook: { agency: 'fedpol', redeliver: 1 } } }),
    ]);
  });

  it('re-queues the undelivered notices and writes the redelivery\'s audit entry together or not at all: an audit log that cannot be written leaves them undelivered', async () => {
    const { mosaic, now } = await setUp();
    const given: PendingDelivery = { notification: 'n-20', kind: 'alert.hit', attempts: 7, firstAt: now().toISOString(), lastAt: now().toISOString(), failure: 'HTTP 502' };
    await mosaic.store.putDocuments(['n-20', 'n-21'].map((id) => ({ kind: WEBHOOK_UNDELIVERED_KIND, id, owner: FEDPOL, body: { ...given, notification: id } })));
    const fedAdmin = await mosaic.store.findUserByName('fedAdmin');
    // the audit log's storage failing (a full disk, the database gone) as the entry is written
    const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
    Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
    await expect(redeliverWebhooks(mosaic, { user: fedAdmin!, purpose: 'receiver mended', caseRef: 'OPS-8' })).rejects.toThrow('audit storage unavailable');
    expect(await mosaic.store.listDocuments(WEBHOOK_RETRY_KIND, { owner: FEDPOL, limit: 10 })).toEqual([]);
    expect((await webhookStatusOf(mosaic, { user: fedAdmin! })).undelivered.map((u) => u.notification).sort()).toEqual(['n-20', 'n-21']);
  });

  it('sends nothing where the operator lets no webhook go now, and keeps the failure as any other: a webhook saved before that rule or by setWebhook, a name that resolves inside the network since it was saved', async () => {
    // fedpol's webhook was saved at the loopback receiver by setWebhook; the operator allows no private targets
    const { mosaic, heard, advance, now } = await setUp([], { privateTargets: false });
    const delaysMs = [1000];
    const notice = hit('n-10', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    expect(await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true, delaysMs })).toBe('failed');
    expect(await retryOf(mosaic, 'n-10')).toMatchObject({ attempts: 1, failure: TARGET_NOT_ALLOWED });
    advance(1000);
    expect(await retryWebhooks(mosaic, { delaysMs })).toEqual({ attempted: 1, delivered: 0, undelivered: 1 });
    const fedAdmin = (await mosaic.store.listUsers()).find((u) => u.name === 'fedAdmin');
    expect((await webhookStatusOf(mosaic, { user: fedAdmin! })).undelivered).toEqual([expect.objectContaining({ notification: 'n-10', attempts: 2, failure: TARGET_NOT_ALLOWED })]);

    // a name that was public when saved resolves to the loopback address now (DNS rebinding)
    await setWebhook(mosaic, FEDPOL, { url: 'https://hooks.fedpol.example/hook', secret: SECRET }, { privateTargets: false });
    const rebound: LookupFunction = (_hostname, options, callback) => (options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4));
    const later = hit('n-11', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(later));
    expect(await deliverOrRetry(mosaic, FEDPOL, later, { kept: true, post: webhookPost({ privateTargets: false }, rebound) })).toBe('failed');
    expect(await retryOf(mosaic, 'n-11')).toMatchObject({ attempts: 1, failure: TARGET_NOT_ALLOWED });
    expect(heard).toEqual([]);
  });

  it('tries a failing endpoint once a round, however many notices wait for it, and other agencies beside it', async () => {
    const { mosaic, heard, advance, now, answer } = await setUp([503, 503, 503, 503]);
    const intel = await receiver();
    servers.push(intel.server);
    await setWebhook(mosaic, INTEL, { url: intel.url('/intel'), secret: 'intel-secret-0123456789' });
    const notices = [hit('n-a', now().toISOString()), hit('n-b', now().toISOString()), hit('n-c', now().toISOString())];
    for (const n of notices) {
      await mosaic.store.putDocument(notificationDocument(n));
      expect(await deliverOrRetry(mosaic, FEDPOL, n, { kept: true })).toBe('failed');
    }
    // intel's endpoint was down too (no connection): its notice waits for a retry as well
    const intelNotice = hit('n-i', now().toISOString(), INTEL);
    await mosaic.store.putDocument(notificationDocument(intelNotice));
    await setWebhook(mosaic, INTEL, { url: 'http://127.0.0.1:1/closed', secret: 'intel-secret-0123456789' });
    expect(await deliverOrRetry(mosaic, INTEL, intelNotice, { kept: true })).toBe('failed');
    expect(await retryOf(mosaic, 'n-i')).toMatchObject({ failure: 'no connection' });
    await setWebhook(mosaic, INTEL, { url: intel.url('/intel'), secret: 'intel-secret-0123456789' });

    advance(RETRY_DELAYS_MS[0] as number);
    expect(answer).toEqual([503]);
    const round = await retryWebhooks(mosaic);
    // fedpol: the first notice failed again and the other two wait; intel: delivered
    expect(round).toEqual({ attempted: 2, delivered: 1, undelivered: 0 });
    expect(heard.map((h) => h.id)).toEqual(['n-a', 'n-b', 'n-c', 'n-a']);
    expect(intel.heard.map((h) => h.id)).toEqual(['n-i']);
    // the next round: n-a waits longer now; n-b is tried (and succeeds), then n-c
    expect(await retryWebhooks(mosaic)).toEqual({ attempted: 2, delivered: 2, undelivered: 0 });
    expect(heard.map((h) => h.id)).toEqual(['n-a', 'n-b', 'n-c', 'n-a', 'n-b', 'n-c']);
    expect(await retryOf(mosaic, 'n-a')).toMatchObject({ attempts: 2 });
  });

  it('tries another agency\'s due deliveries while a slow endpoint works through its own', async () => {
    const { mosaic } = await setUp();
    // fedpol's receiver is back after an outage and answers each of its twelve waiting notices slowly
    const slow = await receiver([], 250);
    servers.push(slow.server);
    await setWebhook(mosaic, FEDPOL, { url: 'http://127.0.0.1:1/closed', secret: SECRET });
    const delaysMs = [0, 0, 0];
    for (let i = 0; i < 12; i++) {
      const n = hit(`n-s${i}`, mosaic.now().toISOString());
      await mosaic.store.putDocument(notificationDocument(n));
      await deliverOrRetry(mosaic, FEDPOL, n, { kept: true, delaysMs });
    }
    await setWebhook(mosaic, FEDPOL, { url: slow.url(), secret: SECRET });
    const intel = await receiver([503]);
    servers.push(intel.server);
    await setWebhook(mosaic, INTEL, { url: intel.url('/intel'), secret: 'intel-secret-0123456789' });
    const started = Date.now();
    const retries = scheduleWebhookRetries(mosaic, { delaysMs, intervalMs: 20 });
    try {
      // intel's notice fails at first, once fedpol's round has begun, and is due again at once
      for (const deadline = Date.now() + 5000; slow.heard.length < 1 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
      const intelNotice = hit('n-i2', mosaic.now().toISOString(), INTEL);
      await mosaic.store.putDocument(notificationDocument(intelNotice));
      await deliverOrRetry(mosaic, INTEL, intelNotice, { kept: true, delaysMs });
      for (const deadline = Date.now() + 5000; intel.heard.length < 2 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(intel.heard.map((h) => h.id)).toEqual(['n-i2', 'n-i2']);
      // delivered long before fedpol's twelve slow answers (three seconds) were all had
      expect(Date.now() - started).toBeLessThan(1500);
      expect(slow.heard.length).toBeLessThan(12);
    } finally {
      retries.stop();
      await retries.idle();
    }
    expect(slow.heard).toHaveLength(12);
  });

  it('makes each attempt once when two nodes look for due retries at the same time', async () => {
    const { mosaic, heard, advance, now } = await setUp([503]);
    const notice = hit('n-3', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true });
    advance(RETRY_DELAYS_MS[0] as number);
    const rounds = await Promise.all([retryWebhooks(mosaic), retryWebhooks(mosaic), retryWebhooks(mosaic)]);
    expect(rounds.map((r) => r.attempted).sort()).toEqual([0, 0, 1]);
    expect(heard.map((h) => h.id)).toEqual(['n-3', 'n-3']);
  });

  it('does not send again a retry another node delivered after this one listed it', async () => {
    const { mosaic, heard, advance, now } = await setUp([503]);
    const notice = hit('n-8', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true });
    advance(RETRY_DELAYS_MS[0] as number);
    const listedEarlier = await mosaic.store.listDocuments(WEBHOOK_RETRY_KIND, { limit: 10, afterId: '' });
    expect(await retryWebhooks(mosaic)).toMatchObject({ delivered: 1 });
    // the other node goes on from its earlier list: the retry is gone when it has claimed it
    const behind = { ...mosaic, store: { ...mosaic.store, listDocuments: async (kind: string, options: Parameters<typeof mosaic.store.listDocuments>[1]) => (kind === WEBHOOK_RETRY_KIND ? listedEarlier : mosaic.store.listDocuments(kind, options)) } };
    expect(await retryWebhooks(behind)).toEqual({ attempted: 0, delivered: 0, undelivered: 0 });
    expect(heard.map((h) => h.id)).toEqual(['n-8', 'n-8']);
  });

  it('drops a retry whose notification the retention sweep erased, and the sweep erases old retries and undelivered notices', async () => {
    const { mosaic, heard, advance, now } = await setUp([503, 503]);
    const notice = hit('n-4', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(notice));
    await deliverOrRetry(mosaic, FEDPOL, notice, { kept: true });
    await mosaic.store.deleteDocument('notification', 'n-4');
    advance(RETRY_DELAYS_MS[0] as number);
    expect(await retryWebhooks(mosaic)).toEqual({ attempted: 0, delivered: 0, undelivered: 0 });
    expect(await retryOf(mosaic, 'n-4')).toBeUndefined();
    expect(heard).toHaveLength(1);

    const old = hit('n-5', now().toISOString());
    await mosaic.store.putDocument(notificationDocument(old));
    await deliverOrRetry(mosaic, FEDPOL, old, { kept: true });
    await mosaic.store.putDocument({ kind: WEBHOOK_UNDELIVERED_KIND, id: 'n-6', owner: FEDPOL, body: { notification: 'n-6', kind: 'alert.hit', attempts: 7, firstAt: now().toISOString(), lastAt: now().toISOString(), failure: 'HTTP 500' } });
    // a year and a day later (fedpol keeps notifications for a year)
    advance(366 * 86_400_000);
    await sweepRetention(mosaic);
    expect(await mosaic.store.listDocuments(WEBHOOK_RETRY_KIND, { owner: FEDPOL, limit: 10 })).toEqual([]);
    expect(await mosaic.store.listDocuments(WEBHOOK_UNDELIVERED_KIND, { owner: FEDPOL, limit: 10 })).toEqual([]);
  });

  it('keeps a message that is not a kept notification (an erasure notice, ids only) with its retry, and sends it from there', async () => {
    const { mosaic, heard, advance, now } = await setUp([503]);
    const erased: Notification = { id: 'e-1', at: now().toISOString(), to: { agency: FEDPOL }, kind: 'notification.erased', title: 'Erase a record from a notification', body: { notification: 'n-9', record: 'fedpol:p1' } };
    expect(await deliverOrRetry(mosaic, FEDPOL, erased, { kept: false })).toBe('failed');
    expect(await retryOf(mosaic, 'e-1')).toMatchObject({ message: erased });
    advance(RETRY_DELAYS_MS[0] as number);
    expect(await retryWebhooks(mosaic)).toMatchObject({ delivered: 1 });
    expect(heard.map((h) => JSON.parse(h.body) as unknown)).toEqual([erased, erased]);
  });

  it('the notification keeper of a serving node tries failed deliveries again by itself', async () => {
    const { mosaic, heard } = await setUp([503]);
    const keeper = keepNotifications(mosaic, { delaysMs: [0], retryIntervalMs: 50 });
    try {
      mosaic.notifier.publish(hit('n-7', mosaic.now().toISOString()));
      for (const deadline = Date.now() + 5000; heard.length < 2 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
      await keeper.idle();
      expect(heard.map((h) => h.id)).toEqual(['n-7', 'n-7']);
      expect(await retryOf(mosaic, 'n-7')).toBeUndefined();
    } finally {
      keeper.stop();
    }
  });
});
