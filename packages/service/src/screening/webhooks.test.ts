import { AgencyId } from '@mosaic/model';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnderArrestAlert, openTestMosaic, type TestMosaic } from '../testing.ts';
import { keepNotifications } from './notification-inbox.ts';
import { screenCheck } from './screen-check.ts';
import { attemptWebhook, configureWebhook, setWebhook, signWebhookBody, verifyWebhookSignature, webhookOf, WEBHOOK_KEPT_MS, WEBHOOK_KIND } from './webhooks.ts';

/** The test's receivers are at the loopback address, which `world`'s operator allows; `strict`'s allows no private targets. */
let world: TestMosaic;
let strict: TestMosaic;
let stuck: Server;
const hanging: IncomingMessage[] = [];

beforeAll(async () => {
  world = await openTestMosaic({ config: { webhookPrivateTargets: true } });
  strict = await openTestMosaic();
  // An endpoint that accepts the connection and never answers.
  stuck = createServer((request) => void hanging.push(request));
  await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  stuck.closeAllConnections();
  await new Promise((resolve) => stuck.close(resolve));
  await world.cleanup();
  await strict.cleanup();
});

describe('webhooks', () => {
  it('signs the body with the agency secret (HMAC-SHA256)', () => {
    const body = '{"kind":"alert.hit"}';
    const signature = signWebhookBody('a-secret-of-sixteen', body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('a-secret-of-sixteen', body, signature)).toBe(true);
    expect(verifyWebhookSignature('a-secret-of-sixteen', `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature('a-secret-of-sixteen', body, undefined)).toBe(false);
  });

  it('refuses a webhook that is not http(s) or has a short secret', async () => {
    await expect(setWebhook(world.mosaic, AgencyId('fedpol'), { url: 'file:///etc/passwd', secret: 'x'.repeat(20) })).rejects.toThrow(/http or https/);
    await expect(setWebhook(world.mosaic, AgencyId('fedpol'), { url: 'http://127.0.0.1/', secret: 'short' })).rejects.toThrow(/16 characters/);
  });

  it('refuses a webhook whose URL holds a user name or password, which would be shown and logged where the secret never is', async () => {
    const admin = await strict.mosaic.store.findUserByName('fedAdmin');
    const request = { user: admin!, purpose: 'webhook maintenance', caseRef: 'ADM-3' };
    const from = (await strict.mosaic.store.readAudit({ fromSeq: 1, limit: 100_000 })).length;
    for (const url of ['https://mosaic:hunter2-hunter2@hooks.fedpol.example/mosaic', 'https://mosaic@hooks.fedpol.example/mosaic']) {
      await expect(configureWebhook(strict.mosaic, request, { url, secret: 'fedpol-secret-0123456789' }), url)
        .rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'url', reason: expect.stringMatching(/user name or password/) as unknown } });
    }
    expect(await webhookOf(strict.mosaic, AgencyId('fedpol'))).toBeUndefined();
    const logged = (await strict.mosaic.store.readAudit({ fromSeq: 1, limit: 100_000 })).slice(from);
    expect(logged.map((e) => e.body).join('')).not.toContain('hunter2');
  });

  it('writes a change to the webhook and its audit entry together or not at all: an audit log that cannot be written leaves the webhook as it was', async () => {
    const test = await openTestMosaic();
    try {
      const { mosaic } = test;
      const request = { user: (await mosaic.store.findUserByName('fedAdmin'))!, purpose: 'webhook maintenance', caseRef: 'ADM-5' };
      const kept = { url: 'https://hooks.fedpol.example/mosaic', secret: 'fedpol-secret-0123456789' };
      await configureWebhook(mosaic, request, kept);
      const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
      Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
      await expect(configureWebhook(mosaic, request, { url: 'https://elsewhere.example/hook', secret: 'another-secret-0123456789' })).rejects.toThrow('audit storage unavailable');
      await expect(configureWebhook(mosaic, request, null)).rejects.toThrow('audit storage unavailable');
      expect(await webhookOf(mosaic, AgencyId('fedpol'))).toEqual(kept);
    } finally {
      await test.cleanup();
    }
  });

  it('refuses an administrator a webhook the server would call inside its own network, naming the url, unless the operator allows private targets', async () => {
    const secret = 'fedpol-secret-0123456789';
    const admin = await strict.mosaic.store.findUserByName('fedAdmin');
    const request = { user: admin!, purpose: 'webhook maintenance', caseRef: 'ADM-2' };
    const refused = {
      'http://hooks.fedpol.example/mosaic': 'https only',
      'https://127.0.0.1/hook': '127.0.0.1 is a loopback or private network address: a webhook goes to a public address',
      'https://169.254.169.254/latest/meta-data/': '169.254.169.254 is a link-local, multicast or reserved address: no webhook goes there',
      'https://10.0.0.1/hook': '10.0.0.1 is a loopback or private network address: a webhook goes to a public address',
      'https://[::1]/hook': '[::1] is a loopback or private network address: a webhook goes to a public address',
      'https://[fe80::1]/hook': '[fe80::1] is a link-local, multicast or reserved address: no webhook goes there',
      'https://localhost:8443/hook': 'localhost is a loopback address: a webhook goes to a public address',
    };
    for (const [url, reason] of Object.entries(refused)) {
      await expect(configureWebhook(strict.mosaic, request, { url, secret }), url).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `webhook url: ${reason}`, details: { field: 'url', reason } });
    }
    expect(await webhookOf(strict.mosaic, AgencyId('fedpol'))).toBeUndefined();
    expect(await configureWebhook(strict.mosaic, request, { url: 'https://hooks.fedpol.example/mosaic', secret })).toEqual({ url: 'https://hooks.fedpol.example/mosaic' });
    await configureWebhook(strict.mosaic, request, null);

    const internal = await openTestMosaic({ config: { webhookPrivateTargets: true } });
    try {
      const own = { ...request, user: (await internal.mosaic.store.findUserByName('fedAdmin'))! };
      expect(await configureWebhook(internal.mosaic, own, { url: 'http://10.0.0.1:8080/hook', secret })).toEqual({ url: 'http://10.0.0.1:8080/hook' });
      await expect(configureWebhook(internal.mosaic, own, { url: 'http://169.254.169.254/', secret })).rejects.toMatchObject({ details: { field: 'url' } });
    } finally {
      await internal.cleanup();
    }
  });

  it('gives up on a dead endpoint after the timeout, and never holds up the check', async () => {
    const { mosaic } = world;
    await setWebhook(mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(stuck.address() as AddressInfo).port}/hook`, secret: 'fedpol-secret-0123456789' });
    const notification = { id: 'n1', at: '2026-01-01T00:00:00Z', to: { agency: AgencyId('fedpol') }, kind: 'alert.hit', title: 't', body: {} };
    const started = Date.now();
    expect((await attemptWebhook(mosaic, AgencyId('fedpol'), notification, { timeoutMs: 150 })).delivery).toBe('failed');
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await attemptWebhook(mosaic, AgencyId('intel'), notification)).delivery).toBe('none');

    const projection = await listUnderArrestAlert(mosaic);
    const keeper = keepNotifications(mosaic, { timeoutMs: 2000 });
    try {
      const user = await mosaic.store.findUserByName('zoneCheckpoint');
      const before = hanging.length;
      const t = Date.now();
      const check = await screenCheck(mosaic, { user: user! }, projection, { query: { name: 'Rachid Bouzid' } });
      expect(Date.now() - t).toBeLessThan(1500);
      expect(check.hits[0]).toMatchObject({ kind: 'match', alerts: [{ action: 'ARREST' }] });
      await keeper.idle();
      expect(hanging.length).toBe(before + 1);
    } finally {
      keeper.stop();
    }
  });

  it('keeps the configuration for a second: a change on this node applies at once, one made by another node within that second', async () => {
    const { mosaic } = world;
    const agency = AgencyId('intel');
    const heard: string[] = [];
    const receiver = createServer((request, response) => {
      heard.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const at = (path: string): string => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
    const notification = { id: 'n2', at: '2026-01-01T00:00:00Z', to: { agency }, kind: 'alert.hit', title: 't', body: {} };
    const secret = 'intel-secret-0123456789';
    try {
      await setWebhook(mosaic, agency, { url: at('/first'), secret });
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('delivered');
      // Another node of the same store changes it: this node still delivers where it read, for at most a second.
      await mosaic.store.putDocument({ kind: WEBHOOK_KIND, id: agency, owner: agency, body: { url: at('/second'), secret } });
      const changed = performance.now();
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('delivered');
      const kept = performance.now() - changed < WEBHOOK_KEPT_MS;
      await new Promise((resolve) => setTimeout(resolve, WEBHOOK_KEPT_MS + 50));
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('delivered');
      // Changed and removed here: at once.
      await setWebhook(mosaic, agency, { url: at('/third'), secret });
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('delivered');
      const admin = await mosaic.store.findUserByName('intelAdmin');
      await configureWebhook(mosaic, { user: admin!, purpose: 'webhook maintenance', caseRef: 'ADM-1' }, null);
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('none');
      expect(heard).toEqual(['/first', kept ? '/first' : '/second', '/second', '/third']);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('does not keep a lookup that failed: the next notice asks the store again', async () => {
    const { mosaic } = world;
    const agency = AgencyId('zone-north');
    const receiver = createServer((_request, response) => response.end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const notification = { id: 'n3', at: '2026-01-01T00:00:00Z', to: { agency }, kind: 'alert.hit', title: 't', body: {} };
    const getDocument = mosaic.store.getDocument;
    try {
      await mosaic.store.putDocument({ kind: WEBHOOK_KIND, id: agency, owner: agency, body: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 'zone-secret-0123456789' } });
      mosaic.store.getDocument = () => Promise.reject(new Error('store unavailable'));
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('none');
      mosaic.store.getDocument = getDocument;
      expect((await attemptWebhook(mosaic, agency, notification)).delivery).toBe('delivered');
    } finally {
      mosaic.store.getDocument = getDocument;
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
