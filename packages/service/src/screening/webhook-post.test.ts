import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPost, WebhookTargetRefused } from './webhook-post.ts';

/** A resolver that answers every name with `addresses`, as a name's DNS may once it has been rebound. */
const resolvingTo = (...addresses: string[]): LookupFunction => (_hostname, options, callback) => {
  const all: LookupAddress[] = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  if (options.all) callback(null, all);
  else callback(null, all[0]!.address, all[0]!.family);
};

const send = { headers: { 'content-type': 'application/json' }, body: '{"kind":"alert.hit"}' };
const within = (): AbortSignal => AbortSignal.timeout(2000);

let listener: Server;
let connections = 0;
let receiver: HttpServer;
const heard: string[] = [];
const port = (server: Server | HttpServer): number => (server.address() as AddressInfo).port;

beforeAll(async () => {
  // whatever connects is counted: a refused target must not even be connected to
  listener = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  receiver = createHttpServer((request, response) => {
    heard.push(request.url ?? '');
    if (request.url === '/moved') response.writeHead(307, { location: `http://127.0.0.1:${port(listener)}/inside` });
    response.end();
  });
  await Promise.all([listener, receiver].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
});

afterAll(async () => {
  await Promise.all([listener, receiver].map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('webhookPost', () => {
  it('refuses, without connecting, a name that resolves to a private address now, whatever it resolved to when saved (DNS rebinding)', async () => {
    for (const addresses of [['127.0.0.1'], ['203.0.113.7', '10.0.0.5'], ['::1']]) {
      const post = webhookPost({ privateTargets: false }, resolvingTo(...addresses));
      await expect(post(`https://hooks.rebound.example:${port(listener)}/hook`, { ...send, signal: within() }), addresses.join()).rejects.toBeInstanceOf(WebhookTargetRefused);
    }
    expect(connections).toBe(0);
  });

  it('refuses a link-local address even where the operator allows private targets', async () => {
    const post = webhookPost({ privateTargets: true }, resolvingTo('169.254.169.254'));
    await expect(post(`http://metadata.rebound.example:${port(listener)}/`, { ...send, signal: within() })).rejects.toThrow(/link-local/);
    expect(connections).toBe(0);
  });

  it('connects to the address it judged: a receiver inside the network, where the operator allows it', async () => {
    const post = webhookPost({ privateTargets: true }, resolvingTo('127.0.0.1'));
    expect(await post(`http://receiver.internal:${port(receiver)}/hook`, { ...send, signal: within() })).toEqual({ ok: true, status: 200 });
    expect(heard).toContain('/hook');
  });

  it('does not follow a redirect: a receiver cannot send the request on inside the network', async () => {
    const post = webhookPost({ privateTargets: true }, resolvingTo('127.0.0.1'));
    expect(await post(`http://receiver.internal:${port(receiver)}/moved`, { ...send, signal: within() })).toEqual({ ok: false, status: 307 });
    expect(connections).toBe(0);
  });
});
