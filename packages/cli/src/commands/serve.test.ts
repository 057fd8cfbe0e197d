/**
 * `mosaic serve --nodes 2` on the embedded store, as real processes: two nodes answer on one
 * port; a check answered by either node reaches the alert owner's live stream, whichever node
 * holds it (the nodes' bus through the primary); a node that dies is replaced; the nodes stop
 * on SIGTERM, and what they wrote is one audit chain that verifies. Then the same store served
 * by two checkpoint nodes (`--role checkpoint`), and a node stopped for good killed and replaced
 * (the bound shortened to 2 s through MOSAIC_TEST_STUCK_NODE_MS), found by the primary's pings
 * when no connection comes; and `mosaic serve` in one process, started again with a heap limit
 * of its own. The tests run in order.
 */
import { validateRecord } from '@mosaic/model';
import { auditVerifyKeys, parseConfig, readAuditKeys, verifyAuditLog } from '@mosaic/service';
import { openTestMosaic, TEST_PASSWORD, testProvenance } from '@mosaic/service/testing';
import { openStore } from '@mosaic/store';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleOf } from '../server-runner.ts';
import { nodeExecArgv, nodesOf, serveOnNodes } from '../serving-nodes.ts';

let dir: string;
let server: ChildProcess | undefined;
let base: string;
let said: () => string;

/** One request on a connection of its own, so that the primary hands each to the next node. */
function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; node: unknown; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${base}${path}`, {
      method, agent: false,
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, node: response.headers['x-mosaic-node'], json: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> }));
    });
    req.on('error', reject);
    // A connection left unanswered fails the test rather than waiting for its timeout.
    req.setTimeout(2_000, () => req.destroy(new Error(`${method} ${path}: no answer within 2 s`)));
    req.end(payload);
  });
}

/**
 * A request Node's HTTP parser refuses, on a connection of its own: the status answered, whether
 * the server ended the connection (within 2 s), and how long that took.
 */
function refusedRequest(): Promise<{ status: string | undefined; ended: boolean; ms: number }> {
  const asked = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let text = '';
    const done = (ended: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1], ended, ms: Date.now() - asked });
    };
    const timer = setTimeout(() => done(false), 2_000);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.once('end', () => done(true));
    socket.once('error', reject);
    socket.write('GET /api/v1/health HTTP/1.1\r\nhost: x\r\nbad header\r\n\r\n');
  });
}

/** The serving nodes: the server's child processes (Linux: /proc/PID/stat, the fourth field is the parent). */
function nodePids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1] === String(server!.pid);
    } catch {
      return false;
    }
  }).map(Number);
}

/** `mosaic serve … --port 0 --data DIR` as a child process, once it says where it serves. */
async function serve(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<{ server: ChildProcess; base: string; said: () => string }> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_'))), ...extraEnv };
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'serve', ...args, '--port', '0', '--data', dir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const found = /serving on (http:\/\/localhost:\d+)/.exec(err)?.[1];
      if (found) resolve(found.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`mosaic serve exited (${code}): ${err}`)));
  });
  return { server: child, base: url, said: () => err };
}

beforeAll(async () => {
  const world = await openTestMosaic();
  dir = world.dir;
  const put = async (raw: Record<string, unknown>): Promise<void> => {
    const v = validateRecord(world.mosaic.registry, raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  };
  await put({ id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }, provenance: testProvenance('fedpol') });
  await put({
    id: 'al1', schema: 'Alert', provenance: testProvenance('fedpol'),
    properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] },
  });
  await world.mosaic.close();

  ({ server, base, said } = await serve(['--nodes', '2']));
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('mosaic serve --nodes 2 on the embedded store', () => {
  it('serves from two processes on one port and tells the owner of every check on either node', async () => {
    const nodes = new Set<unknown>();
    for (let i = 0; i < 4; i++) {
      const health = await call('GET', '/api/v1/health');
      expect(health.node).toBe(health.json['node']);
      nodes.add(health.node);
    }
    expect(nodes.size).toBe(2);

    const signIn = async (name: string): Promise<string> => {
      const answer = await call('POST', '/api/v1/auth/sign-in', { name, password: TEST_PASSWORD });
      expect(answer.status).toBe(200);
      return answer.json['token'] as string;
    };
    const owner = await signIn('fedAnalyst');
    const officer = await signIn('zoneCheckpoint');

    // The owner's stream is held by one node; the checks go to both in turn.
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${owner}` }, signal: controller.signal });
    const told: string[] = [];
    const reading = (async () => {
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          const event = data === undefined ? undefined : (JSON.parse(data.slice(6)) as { kind: string; body: { check?: string } });
          if (event?.kind === 'alert.hit' && event.body.check !== undefined) told.push(event.body.check);
        }
      }
    })();

    const checks: string[] = [];
    const answeredBy = new Set<unknown>();
    try {
    for (let i = 0; i < 6; i++) {
      const answer = await call('POST', '/api/v1/screen', { name: 'Rachid Bouzid', birthDate: '1990-03-02', place: `checkpoint ${i}` }, officer);
      expect(answer.status).toBe(200);
      answeredBy.add(answer.node);
      const { check, hits } = answer.json as { check: { id: string }; hits: { band: string; subject: string }[] };
      expect(hits[0]).toMatchObject({ band: 'hit', subject: 'fedpol:p1' });
      checks.push(check.id);
    }
    expect(answeredBy.size).toBe(2);
    await expect.poll(() => [...told].sort(), { timeout: 5_000 }).toEqual([...checks].sort());
    } finally {
      controller.abort();
      await reading;
    }

  }, 60_000);

  it('ends a session on every node at once when it is signed out on one', async () => {
    const signedIn = await call('POST', '/api/v1/auth/sign-in', { name: 'intelAnalyst', password: TEST_PASSWORD });
    const token = signedIn.json['token'] as string;
    // Both nodes have looked the session up, and would keep it for a second without being told.
    const warm = new Set<unknown>();
    for (let i = 0; i < 4; i++) {
      const me = await call('GET', '/api/v1/auth/me', undefined, token);
      expect(me.status).toBe(200);
      warm.add(me.node);
    }
    expect(warm.size).toBe(2);
    expect((await call('POST', '/api/v1/auth/sign-out', undefined, token)).status).toBe(204);
    const after = await Promise.all([0, 1, 2, 3].map(() => call('GET', '/api/v1/auth/me', undefined, token)));
    expect(new Set(after.map((a) => a.node)).size).toBe(2);
    expect(after.map((a) => a.status)).toEqual([401, 401, 401, 401]);
  });

  it('hands connections to the other node while one is stopped, and to both again once it runs', async () => {
    const nodes = nodePids();
    expect(nodes).toHaveLength(2);
    const stopped = nodes[0]!;
    process.kill(stopped, 'SIGSTOP');
    try {
      // Of two connections at once one is handed to the stopped node, and to the other once its
      // deadline passes. Each carries a request the server refuses and closes the connection on:
      // its client sees the answer and the end, though the stopped node still holds a copy of one.
      const refused = await Promise.all([0, 1].map(() => refusedRequest()));
      for (const outcome of refused) expect(outcome).toMatchObject({ status: '400', ended: true });
      expect(Math.max(...refused.map((r) => r.ms))).toBeLessThan(1_500);
      expect(Math.max(...refused.map((r) => r.ms))).toBeGreaterThanOrEqual(500);
      // The stopped node is handed nothing more: every connection goes to the other at once.
      const answers: { status: number; node: unknown; ms: number }[] = [];
      for (let i = 0; i < 4; i++) {
        const asked = Date.now();
        const answer = await call('GET', '/api/v1/health');
        answers.push({ status: answer.status, node: answer.node, ms: Date.now() - asked });
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.node)).size).toBe(1);
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(750);
      const together = await Promise.all([0, 1, 2, 3].map(() => call('GET', '/api/v1/health')));
      expect(together.map((a) => a.node)).toEqual(together.map(() => answers[0]!.node));
      expect(said()).toContain(`serving node ${stopped} took no connection for 0.75 s; it is handed none until it answers`);
    } finally {
      process.kill(stopped, 'SIGCONT');
    }
    // Once it runs it refuses the connection it came to late, and is handed connections again.
    await expect.poll(async () => {
      const seen = new Set<unknown>();
      for (let i = 0; i < 4; i++) seen.add((await call('GET', '/api/v1/health')).node);
      return seen.size;
    }, { timeout: 5_000, interval: 100 }).toBe(2);
    expect(said()).toContain(`serving node ${stopped} answers again`);
  }, 60_000);

  it('starts each node with its share of memory as heap, and replaces a node that dies', async () => {
    const before = new Set<unknown>();
    for (let i = 0; i < 4; i++) before.add((await call('GET', '/api/v1/health')).node);
    const nodes = nodePids();
    expect(nodes).toHaveLength(2);
    // Each started with a heap limit of its share of the machine's memory (nodeExecArgv).
    for (const pid of nodes) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\u0000')).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
    // A connection handed to a node that dies before it takes it is closed, not left open: with
    // one node stopped, of two connections one is handed to it, and it is killed.
    process.kill(nodes[0]!, 'SIGSTOP');
    const outcomes = [call('GET', '/api/v1/health'), call('GET', '/api/v1/health')].map((p) => p.then(() => 'answered', (error: Error) => error.message));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killed = Date.now();
    process.kill(nodes[0]!, 'SIGKILL');
    const [first, second] = await Promise.all(outcomes);
    expect([first, second]).toContain('answered');
    expect([first, second].find((outcome) => outcome !== 'answered')).toMatch(/socket hang up|ECONNRESET/);
    expect(Date.now() - killed).toBeLessThan(1_000);
    await expect.poll(async () => {
      const seen = new Set<unknown>();
      for (let i = 0; i < 4; i++) seen.add(await call('GET', '/api/v1/health').then((r) => r.node, () => undefined));
      return [...seen].filter((node) => node !== undefined && !before.has(node)).length;
    }, { timeout: 30_000, interval: 200 }).toBe(1);
  }, 60_000);

  it('stops every node on SIGTERM, leaving one audit chain that verifies', async () => {
    server!.kill('SIGTERM');
    expect(await new Promise((resolve) => server!.once('exit', resolve))).toBe(0);
    const store = await openStore({ dataDir: dir });
    try {
      const verified = await verifyAuditLog(store, auditVerifyKeys(readAuditKeys(dir)), { requireSealedTail: true });
      expect(verified).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('gives each node a share of the machine\'s memory as its heap, unless a limit is set', () => {
    const gib = 2 ** 30;
    expect(nodeExecArgv(2, ['--enable-source-maps'], '', 24 * gib)).toEqual(['--enable-source-maps', '--max-old-space-size=9216']);
    expect(nodeExecArgv(64, [], '', 24 * gib)).toEqual(['--max-old-space-size=1024']);
    expect(nodeExecArgv(2, ['--max-old-space-size=8192'], '', 24 * gib)).toEqual(['--max-old-space-size=8192']);
    expect(nodeExecArgv(2, [], '--trace-warnings --max-old-space-size=2048', 24 * gib)).toEqual([]);
  });

  it('takes a whole number of nodes or auto', () => {
    expect(nodesOf('serve', undefined)).toBe(1);
    expect(nodesOf('serve', '3')).toBe(3);
    expect(nodesOf('serve', 'auto')).toBeGreaterThanOrEqual(1);
    expect(() => nodesOf('serve', '0')).toThrow(/^serve: --nodes takes a whole number from 1 to 64/);
    expect(() => nodesOf('serve', 'two')).toThrow(/not "two"/);
  });

  it('takes a whole number of milliseconds above 0 as the bound of a stuck node', async () => {
    const config = parseConfig({ dataDir: dir }, dir);
    for (const stuckNodeMs of [0, 1.5, Number.NaN]) await expect(serveOnNodes(config, 2, 'full', { stuckNodeMs })).rejects.toThrow(/^serving nodes: stuckNodeMs takes a whole number of milliseconds above 0/);
  });
});

/** A connection holding the start of a request, never finished: whichever node takes it keeps it open. */
function halfRequest(): Promise<{ ended: () => boolean; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let ended = false;
    socket.once('close', () => (ended = true));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n');
      resolve({ ended: () => ended, close: () => socket.destroy() });
    });
    socket.once('error', reject);
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the server a test before started (all of them have run by then, unless some run alone). */
async function stopServer(): Promise<void> {
  if (server === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

describe('mosaic serve --nodes 2, a node stopped for good', () => {
  it('kills a node that answers nothing for the bound, ends its connections and serves on a new node', async () => {
    // The first server is stopped by now, unless this test runs alone.
    if (server!.exitCode === null) {
      server!.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    // The bound shortened to 2 s for the test (60 s as served).
    const started = await serve(['--nodes', '2'], { MOSAIC_TEST_STUCK_NODE_MS: '2000' });
    ({ server, base, said } = started);
    const nodes = nodePids();
    expect(nodes).toHaveLength(2);
    const stuck = nodes[0]!;
    // One connection taken by each node, waiting for the rest of its request.
    const open = [await halfRequest(), await halfRequest()];
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(stuck, 'SIGSTOP');
      // Requests go on being answered, by the other node once the stopped one stalls.
      for (let i = 0; i < 4; i++) expect((await call('GET', '/api/v1/health')).status).toBe(200);
      expect(said()).toContain(`serving node ${stuck} took no connection for 0.75 s`);
      await expect.poll(() => alive(stuck), { timeout: 10_000, interval: 100 }).toBe(false);
      expect(said()).toContain(`serving node ${stuck} has answered nothing for 2 s; killing it`);
      // The connection it had taken ends; the other node's stays open.
      await expect.poll(() => open.map((c) => c.ended()).sort(), { timeout: 2_000 }).toEqual([false, true]);
      // A new node serves beside the other.
      await expect.poll(async () => {
        const seen = new Set<unknown>();
        for (let i = 0; i < 4; i++) seen.add(await call('GET', '/api/v1/health').then((r) => r.node, () => undefined));
        return seen.size;
      }, { timeout: 30_000, interval: 200 }).toBe(2);
      expect(nodePids()).toHaveLength(2);
      expect(nodePids()).not.toContain(stuck);
    } finally {
      for (const connection of open) connection.close();
      if (alive(stuck)) {
        process.kill(stuck, 'SIGCONT');
        process.kill(stuck, 'SIGKILL');
      }
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server!.once('exit', resolve));
      }
    }
  }, 60_000);
});

describe('mosaic serve --nodes 2, a node stopped while no connection comes', () => {
  it('finds it stalled without a request, kills it after the bound and serves on a new node', async () => {
    await stopServer();
    const started = await serve(['--nodes', '2'], { MOSAIC_TEST_STUCK_NODE_MS: '2000' });
    ({ server, base, said } = started);
    const nodes = nodePids();
    expect(nodes).toHaveLength(2);
    const stuck = nodes[0]!;
    try {
      // Not a request is sent: the primary's pings alone find it.
      process.kill(stuck, 'SIGSTOP');
      await expect.poll(() => alive(stuck), { timeout: 20_000, interval: 100 }).toBe(false);
      expect(said()).toMatch(new RegExp(`serving node ${stuck} answered no ping for \\d+(\\.\\d+)? s; it is handed none until it answers`));
      expect(said()).toContain(`serving node ${stuck} has answered nothing for 2 s; killing it`);
      expect(said()).toContain('a serving node stopped (SIGKILL); starting another');
      await expect.poll(() => nodePids().length, { timeout: 30_000, interval: 200 }).toBe(2);
      expect(nodePids()).not.toContain(stuck);
      // Both nodes serve: the new one and the other.
      await expect.poll(async () => {
        const seen = new Set<unknown>();
        for (let i = 0; i < 4; i++) seen.add(await call('GET', '/api/v1/health').then((r) => r.node, () => undefined));
        return [...seen].filter((node) => node !== undefined).length;
      }, { timeout: 30_000, interval: 200 }).toBe(2);
    } finally {
      if (alive(stuck)) {
        process.kill(stuck, 'SIGCONT');
        process.kill(stuck, 'SIGKILL');
      }
      await stopServer();
    }
  }, 90_000);

  it('hands connections again to a node that answers pings again, without a request in between', async () => {
    await stopServer();
    const started = await serve(['--nodes', '2']);
    ({ server, base, said } = started);
    const nodes = nodePids();
    expect(nodes).toHaveLength(2);
    const paused = nodes[0]!;
    try {
      process.kill(paused, 'SIGSTOP');
      await expect.poll(() => said(), { timeout: 20_000, interval: 100 }).toContain(`serving node ${paused} answered no ping`);
      process.kill(paused, 'SIGCONT');
      await expect.poll(() => said(), { timeout: 20_000, interval: 100 }).toContain(`serving node ${paused} answers again`);
      // Four connections one after another go to both nodes in turn: none waits on a deadline.
      const seen = new Set<unknown>();
      for (let i = 0; i < 4; i++) seen.add((await call('GET', '/api/v1/health')).node);
      expect(seen.size).toBe(2);
      expect(said()).not.toContain('took no connection');
      expect(alive(paused)).toBe(true);
    } finally {
      if (alive(paused)) process.kill(paused, 'SIGCONT');
      await stopServer();
    }
  }, 60_000);
});

describe('mosaic serve in one process', () => {
  /** The flags the server process runs with now (Linux: /proc/PID/cmdline). */
  const flags = (): string[] => readFileSync(`/proc/${server!.pid}/cmdline`, 'utf8').split('\u0000');

  it('serves with a heap limit of its own, as the same process, and stops on SIGTERM', async () => {
    await stopServer();
    ({ server, base, said } = await serve([], { NODE_OPTIONS: '' }));
    try {
      expect(flags()).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
      expect(flags()).toContain('serve');
      expect((await call('GET', '/api/v1/health')).status).toBe(200);
    } finally {
      await stopServer();
    }
    expect(server.exitCode).toBe(0);
  }, 60_000);

  it('keeps the heap limit set in NODE_OPTIONS', async () => {
    await stopServer();
    ({ server, base, said } = await serve([], { NODE_OPTIONS: '--max-old-space-size=3072' }));
    try {
      expect(flags().filter((flag) => flag.startsWith('--max-old-space-size'))).toEqual([]);
      expect((await call('GET', '/api/v1/health')).status).toBe(200);
    } finally {
      await stopServer();
    }
    expect(server.exitCode).toBe(0);
  }, 60_000);
});

describe('mosaic serve --nodes 2 --role checkpoint', () => {
  it('serves checks from two checkpoint nodes, and nothing a full node serves', async () => {
    const started = await serve(['--nodes', '2', '--role', 'checkpoint']);
    ({ server, base } = started);
    expect(started.said()).toMatch(/2 nodes, checkpoint role/);
    const nodes = new Set<unknown>();
    for (let i = 0; i < 4; i++) {
      const health = await call('GET', '/api/v1/health');
      expect(health.json).toMatchObject({ role: 'checkpoint' });
      nodes.add(health.node);
    }
    expect(nodes.size).toBe(2);
    const token = (await call('POST', '/api/v1/auth/sign-in', { name: 'zoneCheckpoint', password: TEST_PASSWORD })).json['token'] as string;
    for (let i = 0; i < 2; i++) {
      const check = await call('POST', '/api/v1/screen', { name: 'Rachid Bouzid', birthDate: '1990-03-02' }, token);
      expect(check.status).toBe(200);
      expect(check.json['hits']).toEqual([expect.objectContaining({ subject: 'fedpol:p1', band: 'hit', alerts: [expect.objectContaining({ category: 'discreet_check', action: 'REPORT_COVERTLY' })] })]);
    }
    const elsewhere = await call('GET', '/api/v1/records/fedpol:p1', undefined, token);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json['error']).toMatchObject({ message: expect.stringMatching(/checkpoint node/) });
    server.kill('SIGTERM');
    expect(await new Promise((resolve) => server!.once('exit', resolve))).toBe(0);
  }, 60_000);

  it('takes full or checkpoint as a role', () => {
    expect(roleOf('serve', undefined)).toBe('full');
    expect(roleOf('serve', 'checkpoint')).toBe('checkpoint');
    expect(() => roleOf('serve', 'border')).toThrow(/^serve: --role takes full or checkpoint, not "border"/);
  });
});
