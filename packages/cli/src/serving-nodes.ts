/**
 * Serving on every core: `--nodes N` runs N serving nodes, each its own process (one JavaScript
 * core), on one port and one store. This process (the cluster's primary) serves nothing itself:
 * it hands incoming connections to the nodes in turn, relays their bus messages (the embedded
 * store's nodes share the sqlite file but not a message bus; PostgreSQL's have LISTEN/NOTIFY),
 * replaces a node that dies after it was serving, and stops them all on SIGINT or SIGTERM.
 *
 * Every node keeps its own projections (screening index, graph, entities; the screening index
 * alone for `--role checkpoint`) current from the store's change feed, as the nodes of a
 * national deployment do.
 */
import { AppError } from '@mosaic/model';
import { openMosaic, parseConfig, type MosaicConfig } from '@mosaic/service';
import { IPC_SERIALIZATION, relayBusMessages } from '@mosaic/store';
import cluster, { type Worker } from 'node:cluster';
import type { NodeRole } from '@mosaic/server';
import { serverAddress } from './server-runner.ts';
import { availableParallelism, totalmem } from 'node:os';

/** The configuration and role a node serves with, set by the primary for its workers. */
const NODE_CONFIG = 'MOSAIC_SERVING_NODE_CONFIG';
const NODE_ROLE = 'MOSAIC_SERVING_NODE_ROLE';

export const NODES_OPTION = { nodes: { type: 'string' } } as const;

/** `--nodes`: a whole number from 1 to 64, or `auto` (one per core). */
export function nodesOf(value: string | boolean | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new AppError('MOSAIC_INVALID_INPUT', `--nodes takes a whole number from 1 to 64, or auto (one per core), not ${JSON.stringify(value)}`);
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
 * Starts `count` nodes serving `config` and resolves with the address once every node listens;
 * rejects if a node exits before it listens. The store is opened here once first, so that the
 * nodes find it migrated and its audit key made.
 */
export async function serveOnNodes(config: MosaicConfig, count: number, role: NodeRole = 'full'): Promise<string> {
  await (await openMosaic(config)).close();
  // The worker runs `serve` whatever command started the primary (start loads the demo first).
  cluster.setupPrimary({ args: ['serve'], execArgv: nodeExecArgv(count), serialization: IPC_SERIALIZATION });
  let stopping = false;
  const listening = new Set<number>();
  let address: string | undefined;
  let ready: (url: string) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  /** Asks every node to close (each finishes its audit checkpoint and closes the store). */
  const stopNodes = (): void => {
    stopping = true;
    for (const worker of live()) worker.process.kill('SIGTERM');
  };
  const fork = (): void => {
    const worker = cluster.fork({ [NODE_CONFIG]: JSON.stringify(config), [NODE_ROLE]: role });
    worker.once('listening', (at: { port: number }) => {
      listening.add(worker.id);
      address ??= serverAddress(config.host, at.port);
      if (listening.size === count) ready(address);
    });
    worker.once('exit', (code, signal) => {
      const wasServing = listening.delete(worker.id);
      if (stopping) {
        if (live().length === 0) process.exit();
        return;
      }
      const how = signal ?? `exit code ${code}`;
      if (!wasServing) return failed(new AppError('MOSAIC_INTERNAL', `a serving node stopped before it listened (${how})`));
      console.error(`mosaic: a serving node stopped (${how}); starting another`);
      fork();
    });
  };
  const url = new Promise<string>((resolve, reject) => {
    ready = resolve;
    failed = (error) => {
      stopNodes();
      if (address === undefined) return reject(error);
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
