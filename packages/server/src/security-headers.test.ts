import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let behindProxy: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  world = await openTestMosaic();
  webRoot = mkdtempSync(join(tmpdir(), 'mosaic-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Mosaic</title>');
  writeFileSync(join(webRoot, 'app.js'), 'export {};');
  app = await buildApp({ mosaic: world.mosaic, webRoot });
  behindProxy = await buildApp({ mosaic: world.mosaic, webRoot, trustProxy: true });
});

afterAll(async () => {
  await app.close();
  await behindProxy.close();
  await world.cleanup();
  rmSync(webRoot, { recursive: true, force: true });
});

const signIn = (on: FastifyInstance, headers: Record<string, string> = {}) =>
  on.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers, payload: { name: 'fedAnalyst', password: TEST_PASSWORD } });

describe('security headers', () => {
  it('forbid sniffing, framing and referrers on every answer of the API and the web app, errors included', async () => {
    const answers = await Promise.all([
      app.inject({ url: '/api/v1/health' }),
      app.inject({ url: '/api/v1/auth/me' }),
      app.inject({ url: '/api/v1/no-such-route' }),
      app.inject({ url: '/' }),
      app.inject({ url: '/#/search' }),
      app.inject({ url: '/app.js' }),
      app.inject({ url: '/profile/deep-link' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404, 200, 200, 200, 200]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
    // what the API answers is kept by no cache on the way; the web app's files may be
    expect(answers.map((a) => a.headers['cache-control'] === 'no-store')).toEqual([true, true, true, false, false, false, false]);
  });

  it('give the web app a Content-Security-Policy of its own origin, and the API one that allows nothing', async () => {
    const page = String((await app.inject({ url: '/' })).headers['content-security-policy']);
    const directives = Object.fromEntries(page.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
    expect(directives).toMatchObject({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'self'"], 'frame-ancestors': ["'none'"] });
    expect(page).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect((await app.inject({ url: '/api/v1/health' })).headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('ask for HTTPS from then on (HSTS) and mark the session cookie Secure only on a request that came over HTTPS', async () => {
    const plain = await signIn(app);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    expect(String(plain.headers['set-cookie'])).toMatch(/HttpOnly/);
    // a client cannot claim HTTPS to a server that trusts no proxy
    const claimed = await signIn(app, { 'x-forwarded-proto': 'https' });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    expect(String(claimed.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    // behind a proxy the server is told to trust, which ended TLS
    const proxied = await signIn(behindProxy, { 'x-forwarded-proto': 'https' });
    expect(proxied.statusCode).toBe(200);
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(String(proxied.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect((await behindProxy.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await behindProxy.inject({ url: '/' })).headers['strict-transport-security']).toBeUndefined();
  });
});
