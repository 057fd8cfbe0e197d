/**
 * What Node's HTTP parser refuses before Fastify routes anything (a malformed chunked body, an
 * invalid header): answered in the API's envelope and headers, where Fastify's default answer
 * was its own `{"error":"Bad Request","message":"Client Error","statusCode":400}`. Only a real
 * socket reaches that path, so the app listens on a free port.
 */
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

/** Sends `request` as written and reads the answer until the server closes the connection. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { answer += chunk; });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parsed(answer: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

describe('requests the HTTP parser refuses', () => {
  it('a DELETE whose chunked body is malformed is a 400 in the API envelope, with the API headers', async () => {
    const answer = parsed(await exchange('DELETE /api/v1/admin/agreements/a1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('not valid HTTP') } });
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store', connection: 'close' });
  });

  it('headers over the limit are a 431 in the envelope', async () => {
    const answer = parsed(await exchange(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.body).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('headers') } });
  });
});
