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

/** What the primary and its nodes say of connections: one handed on (with it), one taken, a node ready to take them. */
const CONNECTION = 'mosaic.connection';
const TAKEN = 'mosaic.taken';
const SERVING = 'mosaic.serving';

interface ConnectionMessage {
  readonly tag: typeof CONNECTION | typeof TAKEN;
  readonly id: number;
}

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

/**
 * The V8 flags a node starts with: this process's own, and a heap limit of three quarters of
 * the machine's memory shared among the nodes, unless a limit is set already (flags or
 * NODE_OPTIONS). Node's default (about 4.5 GB on a 24 GB machine) is too small for a node
 * holding a million-person list: it answers, but spends its time collecting garbage.
 */
export function nodeExecArgv(count: number, execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? '', memoryBytes = totalmem()): string[] {
  if ([...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => flag.startsWith('--max-old-space-size'))) return [...execArgv];
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
 * arrives (before anything is read from it), and the primary is told the node serves.
 */
export function takeHandedConnections(server: Server): void {
  process.on('message', (message: unknown, socket: unknown) => {
    if (!isMessage(message, CONNECTION) || !(socket instanceof Socket)) return;
    process.send?.({ tag: TAKEN, id: message.id });
    server.emit('connection', socket);
  });
  // The server tracks its connections (headersTimeout, requestTimeout, idle ones closed) from
  // its 'listening', which node:cluster gave a node's server as it listened through the primary.
  server.emit('listening');
  process.send?.({ tag: SERVING });
}
/**
 * Starts `count` nodes serving `config` and resolves with the address once this process listens
 * and every node serves; rejects if the port is taken or a node exits before it serves. The store
 * is opened here once first, so that the nodes find it migrated and its audit key made.
 */
export async function serveOnNodes(config: MosaicConfig, count: number, role: NodeRole = 'full'): Promise<string> {
  await (await openMosaic(config)).close();
  // The worker runs `serve` whatever command started the primary (start loads the demo first).
  cluster.setupPrimary({ args: ['serve'], execArgv: nodeExecArgv(count), serialization: IPC_SERIALIZATION });
  let stopping = false;
  /** The nodes that serve, handed connections in turn. */
  const serving: Worker[] = [];
  let turn = 0;
  /** Connections handed to a node that has not said it took them yet, by number: one a node at most. */
  const handed = new Map<number, { readonly worker: Worker; readonly socket: Socket }>();
  /** Connections come while every node had one to take (or none served), handed on as one takes it. */
  const waiting: Socket[] = [];
  let connections = 0;
  /** This process's copy of a connection is closed once the node took it, or died before it did. */
  const release = (id: number): void => {
    handed.get(id)?.socket.destroy();
    handed.delete(id);
  };
  /** The next node in turn with no connection still to take: a node busy or stopped is handed no more meanwhile. */
  const nextFree = (): Worker | undefined => {
    const holding = new Set([...handed.values()].map((h) => h.worker));
    for (let i = 0; i < serving.length; i++) {
      const worker = serving[(turn + i) % serving.length]!;
      if (holding.has(worker)) continue;
      turn = (turn + i + 1) % serving.length;
      return worker;
    }
    return undefined;
  };
  const handOn = (socket: Socket): void => {
    const worker = nextFree();
    if (worker === undefined) return void waiting.push(socket);
    const id = connections++;
    handed.set(id, { worker, socket });
    worker.send({ tag: CONNECTION, id }, socket, { keepOpen: true }, (error) => {
      if (error) release(id);
    });
  };
  const handOnWaiting = (): void => {
    for (const socket of waiting.splice(0)) handOn(socket);
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
      if (isMessage(message, TAKEN)) {
        release(message.id);
        return handOnWaiting();
      }
      if (!isMessage(message, SERVING) || stopping) return;
      serving.push(worker);
      handOnWaiting();
      if (serving.length === count) ready(address);
    });
    worker.once('exit', (code, signal) => {
      const at = serving.indexOf(worker);
      if (at >= 0) serving.splice(at, 1);
      for (const [id, connection] of handed) if (connection.worker === worker) release(id);
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
  for (let i = 0; i < count; i++) fork();
  return url;
}
