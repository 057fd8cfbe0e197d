/**
 * A port in use, as real processes: `mosaic start` and `mosaic serve` say so in one line and
 * exit 1 at once, before any demo load or index build; a port taken between that check and
 * listen ends startServer the same way, with the store closed.
 */
import { openTestMosaic } from '@mosaic/service/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensurePortFree } from './port-in-use.ts';
import { startServer } from './server-runner.ts';

let holder: Server;
let port: number;

beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen({ port: 0, host: '127.0.0.1' }, resolve));
  port = (holder.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
});

function mosaic(args: readonly string[]): Promise<{ code: number | null; err: string; ms: number }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
  const started = performance.now();
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mosaic.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  // one that hangs is stopped, and fails the test by its exit code
  const hung = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(hung);
    resolve({ code, err, ms: performance.now() - started });
  }));
}

describe('a host listen refuses', () => {
  it('mosaic serve names it in one line and exits 2, where listen\'s error and its stack were printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-host-'));
    try {
      // 192.0.2.1: TEST-NET-1 (RFC 5737), an address of no machine here
      const { code, err } = await mosaic(['serve', '--host', '192.0.2.1', '--port', '0', '--data', dir]);
      expect(err).toBe('mosaic: host "192.0.2.1" is not an address of this machine (choose another with --host or MOSAIC_HOST)\n');
      expect(code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('says a name that does not resolve is none', async () => {
    // .invalid never resolves (RFC 6761)
    await expect(ensurePortFree('no-such-host.invalid', 0)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_CONFIG', message: 'host "no-such-host.invalid" is no name this machine can resolve (choose another with --host or MOSAIC_HOST)' });
  });
});

describe('a port in use', () => {
  it.each(['start', 'serve'])('mosaic %s says so in one line and exits 1 at once, having created no store', async (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-port-'));
    try {
      const { code, err, ms } = await mosaic([command, '--host', '127.0.0.1', '--port', String(port), '--data', dir]);
      expect(err).toBe(`mosaic: port ${port} is in use (choose another with --port or MOSAIC_PORT)\n`);
      expect(code).toBe(1);
      expect(ms).toBeLessThan(15_000);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a port taken after the check ends startServer with the same error, the store closed', async () => {
    const world = await openTestMosaic({ config: { host: '127.0.0.1', port: String(port) } });
    const close = vi.spyOn(world.mosaic, 'close');
    try {
      await expect(startServer(world.mosaic)).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT', message: `port ${port} is in use (choose another with --port or MOSAIC_PORT)` });
      expect(close).toHaveBeenCalledOnce();
    } finally {
      rmSync(world.dir, { recursive: true, force: true });
    }
  }, 30_000);
});
