/**
 * Serving on every core: `--nodes N` runs N serving nodes, each its own process (one JavaScript
 * core), on one port and one store. This process (the cluster's primary) serves nothing itself:
 * it listens and hands incoming connections to the nodes in turn, relays their bus messages (the
 * embedded store's nodes share the sqlite file but not a message bus; PostgreSQL's have
 * LISTEN/NOTIFY), replaces a node that dies after it was serving, and stops them all on SIGINT or
 * SIGTERM.
 *
 * The primary hands connections on itself rather than through node:cluster's round robin: that
 * keeps its copy of a connection until the node says it took it, and a node that dies first
 * (killed while busy or stopped) never says so, so the connection stayed open and unanswered for
 * as long as the primary ran. Here the primary closes its copy of every connection a node had
 * not taken when it dies, and the client sees the connection end.
 *
 * A node stopped but alive (SIGSTOP, or its event loop blocked) neither takes a connection nor
 * dies. Each connection is handed with a deadline: a node takes it only before then and refuses
 * it once it comes to it later; one not taken shortly after the deadline is handed to another
 * node (it was not read: nothing was lost), and the node that let it wait is handed nothing more
 * until it says anything again (of a connection, or answering a ping), which it does as soon as
 * it runs. The common path costs nothing more than before: no message beyond "taken", a timer
 * in the primary.
 *
 * A node can stop while no connection comes (a quiet night): the primary pings every node every
 * PING_EVERY_MS, and a node that has not answered by the next ping is stalled as one that lets a
 * connection wait is, before any connection pays for it. A ping costs a message each way every
 * two seconds per node, nothing per connection.
 *
 * A node stalled for good (stopped and never resumed, an endless loop) would leave the deployment
 * a node short for ever, and the connections it had taken waiting: one that has said nothing for
 * STUCK_NODE_MS since it stalled is killed, its connections end, and it is replaced as a node
 * that dies is.
 *
 * Every node keeps its own projections (screening index, graph, entities; the screening index
 * alone for `--role checkpoint`) current from the store's change feed, as the nodes of a
 * national deployment do.
 */
import { AppError } from '@mosaic/model';
import { openMosaic, parseConfig, type MosaicConfig } from '@mosaic/service';
import { IPC_SERIALIZATION, relayBusMessages } from '@mosaic/store';
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import { createServer, Socket, type AddressInfo } from 'node:net';
import type { NodeRole } from '@mosaic/server';
import { isAddressInUse, portInUse } from './port-in-use.ts';
import { serverAddress } from './server-runner.ts';
import { availableParallelism, totalmem } from 'node:os';

/** The configuration and role a node serves with, set by the primary for its workers. */
const NODE_CONFIG = 'MOSAIC_SERVING_NODE_CONFIG';
const NODE_ROLE = 'MOSAIC_SERVING_NODE_ROLE';

/**
 * What the primary and its nodes say of connections: one handed on (with it), one taken, one
 * refused (it came after its deadline), one moved off a stalled node closed, a node ready to
 * take them; and of the nodes' liveness: a ping, and a node's answer.
 */
const CONNECTION = 'mosaic.connection';
const TAKEN = 'mosaic.taken';
const REFUSED = 'mosaic.refused';
const CLOSED = 'mosaic.closed';
const SERVING = 'mosaic.serving';
const PING = 'mosaic.ping';
const PONG = 'mosaic.pong';

interface ConnectionMessage {
  readonly tag: typeof CONNECTION | typeof TAKEN | typeof REFUSED | typeof CLOSED;
  readonly id: number;
}

interface HandedConnection extends ConnectionMessage {
  /** The time (monotonicMs) after which the node refuses the connection: the primary may have handed it to another. */
  readonly until: number;
  /** Handed before to a node that stalled: the node says when it closes it (CLOSED). */
  readonly moved: boolean;
}

/**
 * A node takes a connection handed to it within this many milliseconds or refuses it; the
 * primary hands it to another node MOVE_AFTER_MS later still, once it has read what the node
 * said before the deadline. A node that runs takes one in well under a millisecond; a long
 * garbage collection or a blocked event loop only costs it its turn.
 */
const TAKE_WITHIN_MS = 500;
const MOVE_AFTER_MS = 250;

/**
 * A node that stalled and has said nothing for this many milliseconds since is killed (SIGKILL)
 * and replaced. A minute is far beyond a long garbage collection or a busy moment (seconds), after
 * which the node answers and is handed connections again; a node silent that long serves no one.
 */
export const STUCK_NODE_MS = 60_000;

/**
 * The primary pings each serving node this often; a node that has not answered a ping by the
 * next is stalled. A node's event loop answers in well under a millisecond, so only a node
 * stopped or blocked for seconds misses one: it is handed nothing until it answers, as a node
 * that lets a connection pass its deadline (a stricter bound).
 */
const PING_EVERY_MS = 2_000;

/**
 * Milliseconds on the system's monotonic clock (CLOCK_MONOTONIC on Linux), the same in the
 * primary and its nodes and never set back, unlike the time of day.
 */
const monotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

const isMessage = (message: unknown, tag: string): message is ConnectionMessage =>
  typeof message === 'object' && message !== null && (message as { tag?: unknown }).tag === tag;

export const NODES_OPTION = { nodes: { type: 'string' } } as const;

/** `--nodes`: a whole number from 1 to 64, or `auto` (one per core). */
export function nodesOf(command: string, value: string | boolean | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new AppError('MOSAIC_INVALID_INPUT', `${command}: --nodes takes a whole number from 1 to 64, or auto (one per core), not ${JSON.stringify(value)}`);
  }
  return n;
}

/** A node's heap is never given less than this (MB). */
const MIN_NODE_HEAP_MB = 1024;

/** Whether a heap limit is set: among the flags this process started with, or in NODE_OPTIONS. */
export function heapLimitSet(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => flag.startsWith('--max-old-space-size'));
}

/**
 * The V8 flags a node starts with: this process's own, and a heap limit of three quarters of
 * the machine's memory shared among the nodes, unless a limit is set already (flags or
 * NODE_OPTIONS). Node's default (about 4.5 GB on a 24 GB machine) is too small for a node
 * holding a million-person list: it answers, but spends its time collecting garbage.
 */
export function nodeExecArgv(count: number, execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? '', memoryBytes = totalmem()): string[] {
  if (heapLimitSet(execArgv, nodeOptions)) return [...execArgv];
  const heapMb = Math.max(MIN_NODE_HEAP_MB, Math.floor((memoryBytes * 0.75) / count / 2 ** 20));
  return [...execArgv, `--max-old-space-size=${heapMb}`];
}

/** The configuration and role this process serves with when it is one of the primary's nodes; undefined otherwise. */
export function servingNode(): { readonly config: MosaicConfig; readonly role: NodeRole } | undefined {
  const raw = process.env[NODE_CONFIG];
  if (!cluster.isWorker || raw === undefined) return undefined;
  return { config: parseConfig(JSON.parse(raw) as MosaicConfig, process.cwd()), role: process.env[NODE_ROLE] === 'checkpoint' ? 'checkpoint' : 'full' };
}

/**
 * A node's side: `server` serves the connections the primary hands it, each said taken as it
 * arrives (before anything is read from it), and the primary is told the node serves. One that
 * arrives after its deadline (the node was stopped or busy) is refused and its copy closed
 * unread: the primary has handed it to another node.
 */
export function takeHandedConnections(server: Server): void {
  process.on('message', (message: unknown, socket: unknown) => {
    if (isMessage(message, PING)) return void process.send?.({ tag: PONG });
    if (!isMessage(message, CONNECTION) || !(socket instanceof Socket)) return;
    const { id, until, moved } = message as HandedConnection;
    // The socket was made as the message came, and reads nothing before the next turn of the
    // event loop: closed here, not a byte of the connection is lost to the node it goes to.
    if (monotonicMs() > until) {
      socket.destroy();
      process.send?.({ tag: REFUSED, id });
      return;
    }
    process.send?.({ tag: TAKEN, id });
    if (moved) socket.once('close', () => process.send?.({ tag: CLOSED, id }));
    server.emit('connection', socket);
  });
  // The server tracks its connections (headersTimeout, requestTimeout, idle ones closed) from
  // its 'listening', which node:cluster gave a node's server as it listened through the primary.
  server.emit('listening');
  process.send?.({ tag: SERVING });
}

/** How the primary watches its nodes: `stuckNodeMs`, how long a stalled node may say nothing before it is killed (shortened by tests alone). */
export interface ServeOnNodesOptions {
  readonly stuckNodeMs?: number;
}

/**
 * Starts `count` nodes serving `config` and resolves with the address once this process listens
 * and every node serves; rejects if the port is taken or a node exits before it serves. The store
 * is opened here once first, so that the nodes find it migrated and its audit key made.
 */
export async function serveOnNodes(config: MosaicConfig, count: number, role: NodeRole = 'full', { stuckNodeMs = STUCK_NODE_MS }: ServeOnNodesOptions = {}): Promise<string> {
  if (!Number.isInteger(stuckNodeMs) || stuckNodeMs < 1) {
    throw new AppError('MOSAIC_INVALID_INPUT', `serving nodes: stuckNodeMs takes a whole number of milliseconds above 0, not ${JSON.stringify(stuckNodeMs)}`);
  }
  await (await openMosaic(config)).close();
  // The worker runs `serve` whatever command started the primary (start loads the demo first).
  cluster.setupPrimary({ args: ['serve'], execArgv: nodeExecArgv(count), serialization: IPC_SERIALIZATION });
  let stopping = false;
  /** The nodes that serve, handed connections in turn. */
  const serving: Worker[] = [];
  let turn = 0;
  /** Nodes that let a connection pass its deadline, handed none until they say anything of one again. */
  const stalled = new Set<Worker>();
  /** The timer of each stalled node that kills it if it stays silent for stuckNodeMs. */
  const stuckTimers = new Map<Worker, ReturnType<typeof setTimeout>>();
  /** A stalled node that said nothing for stuckNodeMs: killed, its 'exit' ends its connections and starts another (also while stopping: it would never exit on SIGTERM). */
  const killStuck = (worker: Worker): void => {
    stuckTimers.delete(worker);
    if (!stalled.has(worker) || worker.isDead()) return;
    console.error(`mosaic: serving node ${worker.process.pid} has answered nothing for ${stuckNodeMs / 1000} s; killing it`);
    worker.process.kill('SIGKILL');
  };
  const unwatch = (worker: Worker): void => {
    clearTimeout(stuckTimers.get(worker));
    stuckTimers.delete(worker);
  };
  /** A node let a connection pass its deadline or a ping go unanswered (`why`): handed nothing until it answers, killed if it stays silent for stuckNodeMs. */
  const stall = (worker: Worker, why: string): void => {
    if (stalled.has(worker)) return;
    stalled.add(worker);
    console.error(`mosaic: serving node ${worker.process.pid} ${why}; it is handed none until it answers`);
    stuckTimers.set(worker, setTimeout(() => killStuck(worker), stuckNodeMs));
  };
  /** The serving nodes pinged that have not answered yet. */
  const pinged = new Set<Worker>();
  /** A node that has not answered the last ping is stalled (said once); one that has is pinged again. */
  const ping = (): void => {
    for (const worker of serving) {
      // One that closed its channel is exiting: its 'exit' is heard.
      if (!worker.isConnected()) continue;
      if (pinged.has(worker)) stall(worker, `answered no ping for ${PING_EVERY_MS / 1000} s`);
      else {
        pinged.add(worker);
        // A channel closing meanwhile fails the send: the node is exiting, its 'exit' is heard.
        worker.send({ tag: PING }, () => undefined);
      }
    }
  };
  /** Connections handed to a node that has not said it took them yet, by number: one a node at most. */
  const handed = new Map<number, { readonly worker: Worker; readonly socket: Socket; readonly timer: ReturnType<typeof setTimeout> }>();
  /** Connections come while every node had one to take (or none served), handed on as one takes it. */
  const waiting: Socket[] = [];
  /**
   * Connections handed to another node after a node stalled, by the number the stalled node got
   * them under: its copy waits unread in its queue until it runs and refuses it. Until then that
   * copy holds the connection open when the node serving it closes its own, so this process
   * keeps its copy of one taken (`kept`) and ends it once the node serving it says it closed.
   */
  const queued = new Map<number, { readonly worker: Worker; readonly socket: Socket }>();
  const kept = new Map<number, { readonly worker: Worker; readonly socket: Socket }>();
  let connections = 0;
  const isQueued = (socket: Socket): boolean => [...queued.values()].some((q) => q.socket === socket);
  /** Ends this process's copy (the client sees the connection end, whoever else holds a copy), then closes it. */
  const end = (socket: Socket): void => void socket.end(() => socket.destroy());
  /** A node took connection `id`: this process's copy is closed, or kept while a stalled node still holds one. */
  const taken = (id: number): void => {
    const connection = handed.get(id);
    if (connection === undefined) return;
    clearTimeout(connection.timer);
    handed.delete(id);
    if (isQueued(connection.socket)) kept.set(id, connection);
    else connection.socket.destroy();
  };
  /** A stalled node refused connection `id` (or died): its copy is gone, and this process's copy is kept no more once a node took it. */
  const unqueue = (id: number): void => {
    const socket = queued.get(id)?.socket;
    queued.delete(id);
    if (socket === undefined || isQueued(socket)) return;
    for (const [keptId, connection] of kept) {
      if (connection.socket !== socket) continue;
      kept.delete(keptId);
      socket.destroy();
    }
  };
  /** The next node in turn that is neither stalled nor has a connection still to take: a node busy or stopped is handed no more meanwhile. */
  const nextFree = (): Worker | undefined => {
    const holding = new Set([...handed.values()].map((h) => h.worker));
    for (let i = 0; i < serving.length; i++) {
      const worker = serving[(turn + i) % serving.length]!;
      if (holding.has(worker) || stalled.has(worker)) continue;
      turn = (turn + i + 1) % serving.length;
      return worker;
    }
    return undefined;
  };
  const handOn = (socket: Socket): void => {
    const worker = nextFree();
    if (worker === undefined) return void waiting.push(socket);
    const id = connections++;
    // Checked after this turn's input is read (setImmediate), so that a "taken" sent before the deadline is heard first.
    const timer = setTimeout(() => setImmediate(() => moveOff(id)), TAKE_WITHIN_MS + MOVE_AFTER_MS);
    handed.set(id, { worker, socket, timer });
    const message: HandedConnection = { tag: CONNECTION, id, until: monotonicMs() + TAKE_WITHIN_MS, moved: isQueued(socket) };
    worker.send(message, socket, { keepOpen: true }, (error) => {
      if (error && handed.has(id)) {
        clearTimeout(timer);
        handed.delete(id);
        socket.destroy();
      }
    });
  };
  /** Connection `id` was not taken in time: its node is stalled, and the connection, unread, goes to another. */
  const moveOff = (id: number): void => {
    const connection = handed.get(id);
    if (connection === undefined) return;
    handed.delete(id);
    queued.set(id, connection);
    stall(connection.worker, `took no connection for ${(TAKE_WITHIN_MS + MOVE_AFTER_MS) / 1000} s`);
    handOn(connection.socket);
  };
  const handOnWaiting = (): void => {
    for (const socket of waiting.splice(0)) handOn(socket);
  };
  /** A node said something of a connection or answered a ping: it runs, and is handed connections again. */
  const answered = (worker: Worker): void => {
    unwatch(worker);
    if (stalled.delete(worker)) console.error(`mosaic: serving node ${worker.process.pid} answers again; it is handed connections again`);
  };
  // Paused: nothing is read here, the node reads the connection from its start.
  const server = createServer({ pauseOnConnect: true }, handOn);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(isAddressInUse(error) ? portInUse(config.port) : error));
    server.listen(config.port, config.host, resolve);
  });
  // A connection that fails as it is accepted is the client's loss alone.
  server.on('error', (error) => console.error(`mosaic: a connection could not be accepted (${error.message})`));
  const address = serverAddress(config.host, (server.address() as AddressInfo).port);
  let ready: (url: string) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  let started = false;
  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  /** Stops taking connections and asks every node to close (each finishes its audit checkpoint and closes the store). */
  const stopNodes = (): void => {
    stopping = true;
    server.close();
    for (const socket of waiting.splice(0)) socket.destroy();
    for (const worker of live()) worker.process.kill('SIGTERM');
  };
  const fork = (): void => {
    const worker = cluster.fork({ [NODE_CONFIG]: JSON.stringify(config), [NODE_ROLE]: role });
    worker.on('message', (message: unknown) => {
      if (isMessage(message, PONG)) {
        pinged.delete(worker);
        answered(worker);
        return handOnWaiting();
      }
      if (isMessage(message, TAKEN) || isMessage(message, REFUSED)) {
        if (message.tag === REFUSED) unqueue(message.id);
        // Taken though it had been handed to another: the node came to it in time, but its word
        // reached this process more than MOVE_AFTER_MS after the deadline; two nodes may read it.
        else if (queued.delete(message.id)) console.error(`mosaic: serving node ${worker.process.pid} took a connection after it was handed to another`);
        else taken(message.id);
        answered(worker);
        return handOnWaiting();
      }
      if (isMessage(message, CLOSED)) {
        const connection = kept.get(message.id);
        kept.delete(message.id);
        if (connection !== undefined) end(connection.socket);
        return;
      }
      if (!isMessage(message, SERVING) || stopping) return;
      serving.push(worker);
      handOnWaiting();
      if (serving.length === count) ready(address);
    });
    worker.once('exit', (code, signal) => {
      const at = serving.indexOf(worker);
      if (at >= 0) serving.splice(at, 1);
      stalled.delete(worker);
      pinged.delete(worker);
      unwatch(worker);
      // Its connections not taken are closed (the client sees the end), its copies of those moved off it are gone with it.
      for (const [id, connection] of handed) {
        if (connection.worker !== worker) continue;
        clearTimeout(connection.timer);
        handed.delete(id);
        end(connection.socket);
      }
      for (const [id, connection] of queued) if (connection.worker === worker) unqueue(id);
      for (const [id, connection] of kept) {
        if (connection.worker !== worker) continue;
        kept.delete(id);
        end(connection.socket);
      }
      if (stopping) {
        if (live().length === 0) process.exit();
        return;
      }
      handOnWaiting();
      const how = signal ?? `exit code ${code}`;
      if (at < 0) return failed(new AppError('MOSAIC_INTERNAL', `a serving node stopped before it served (${how})`));
      console.error(`mosaic: a serving node stopped (${how}); starting another`);
      fork();
    });
  };
  const url = new Promise<string>((resolve, reject) => {
    ready = (at) => {
      started = true;
      resolve(at);
    };
    failed = (error) => {
      stopNodes();
      if (!started) return reject(error);
      // A replacement that cannot start: stop serving rather than run short of nodes unseen.
      console.error(`mosaic: ${error.message}; stopping`);
      process.exitCode = 1;
    };
  });
  const stop = (): void => {
    if (stopping) return;
    stopNodes();
    if (live().length === 0) process.exit();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const relay = relayBusMessages(() => live().map((w) => w.process));
  cluster.on('message', (worker, message: unknown) => void relay(message, worker.process));
  // The nodes' exits, not the pings, keep this process running.
  setInterval(ping, PING_EVERY_MS).unref();
  for (let i = 0; i < count; i++) fork();
  return url;
}
