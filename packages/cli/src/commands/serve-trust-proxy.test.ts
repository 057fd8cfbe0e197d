/**
 * `mosaic serve` behind a reverse proxy that ends TLS, as a real process answering real HTTP:
 * with MOSAIC_TRUST_PROXY naming the proxy (here the test itself, at the loopback address), a
 * request it forwards with `X-Forwarded-Proto: https` is answered as one over HTTPS — HSTS, and a
 * Secure session cookie; the same header from anyone else, or with the setting unset, is ignored.
 */
import { openTestMosaic, TEST_PASSWORD } from '@mosaic/service/testing';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;

beforeAll(async () => {
  const world = await openTestMosaic();
  dir = world.dir;
  await world.mosaic.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `mosaic serve --port 0` with MOSAIC_TRUST_PROXY as given (absent: unset), hands `use` its address, then stops it. */
async function servedWith(trustProxy: string | undefined, use: (base: string) => Promise<void>): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'serve', '--port', '0', '--data', dir], {
    env: trustProxy === undefined ? env : { ...env, MOSAIC_TRUST_PROXY: trustProxy }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let said = '';
    const base = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString('utf8');
        const found = /serving on (http:\/\/localhost:\d+)/.exec(said)?.[1];
        if (found) resolve(found.replace('localhost', '127.0.0.1'));
      });
      child.once('exit', (code) => reject(new Error(`mosaic serve exited (${code}): ${said}`)));
    });
    await use(base);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/** Signs in, with `X-Forwarded-Proto` when given; what tells whether the answer took the request for one over HTTPS. */
async function signIn(base: string, forwardedProto?: string): Promise<{ hsts: string | null; cookie: string }> {
  const answer = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedProto === undefined ? {} : { 'x-forwarded-proto': forwardedProto }) },
    body: JSON.stringify({ name: 'fedAnalyst', password: TEST_PASSWORD }),
  });
  expect(answer.status).toBe(200);
  return { hsts: answer.headers.get('strict-transport-security'), cookie: answer.headers.getSetCookie().join('\n') };
}

const SECURE = /;\s*Secure/i;

describe('mosaic serve behind a TLS-ending proxy (MOSAIC_TRUST_PROXY)', () => {
  it('answers a request a trusted proxy forwarded over HTTPS with HSTS and a Secure session cookie', async () => {
    await servedWith('127.0.0.1', async (base) => {
      const forwarded = await signIn(base, 'https');
      expect(forwarded.hsts).toBe('max-age=31536000');
      expect(forwarded.cookie).toMatch(SECURE);
      // the proxy says the client came over plain HTTP, or says nothing: no HTTPS is assumed
      for (const plain of [await signIn(base, 'http'), await signIn(base)]) {
        expect(plain.hsts).toBeNull();
        expect(plain.cookie).not.toMatch(SECURE);
      }
    });
  }, 120_000);

  it('ignores X-Forwarded-Proto from an address it does not name, and from anyone when unset', async () => {
    for (const trustProxy of ['10.0.0.0/8, 192.0.2.7', undefined]) {
      await servedWith(trustProxy, async (base) => {
        const claimed = await signIn(base, 'https');
        expect(claimed.hsts, String(trustProxy)).toBeNull();
        expect(claimed.cookie, String(trustProxy)).not.toMatch(SECURE);
        expect(claimed.cookie).toMatch(/mosaic_session=/);
      });
    }
  }, 120_000);
});
