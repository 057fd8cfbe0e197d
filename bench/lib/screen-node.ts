/**
 * One serving node of the screening benchmark: a checkpoint node as `mosaic serve --role
 * checkpoint` runs it (the screening projection kept current from the store, the notification
 * keeper, and the checkpoint node's routes). `bench/screen-http.ts`
 * runs one in its own process on the embedded store, or several as cluster workers (nodes
 * share the port, the primary hands connections out in turn): on the embedded store, as
 * `mosaic serve --nodes N` runs them (their bus relayed by the primary), or on one PostgreSQL
 * store (the national deployment of DESIGN.md).
 *
 * As a cluster worker it reads MOSAIC_BENCH_NODE (JSON: dataDir, databaseUrl, databaseSchema,
 * port), reports { ready, indexMs } when it listens, answers 'cpu' with its CPU milliseconds so
 * far (and its resident memory), and closes on 'stop'. 'profile-start' starts a CPU profile and
 * { profile: FILE } (JSON) writes it there (for `--profile DIR`: where the measured window's time goes).
 */
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildApp } from '@mosaic/server';
import { createIpcMessageBus } from '@mosaic/store';
import { openMosaic, parseConfig, startCheckpointProjections, type Mosaic } from '@mosaic/service';

export interface ScreeningNode {
  readonly port: number;
  readonly indexMs: number;
  stop(): Promise<void>;
}

export interface NodeSettings {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly databaseSchema?: string;
  readonly port: number;
}

/** A CPU profile of this process between start() and stop(file) (Chrome's .cpuprofile format). */
export function cpuProfiler(): { start(): Promise<void>; stop(file: string): Promise<void> } {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A checkpoint node: the watchlist alone in memory (not the graph or entities). */
export async function startScreeningNode(mosaic: Mosaic, port: number): Promise<ScreeningNode> {
  const started = performance.now();
  const checkpoint = await startCheckpointProjections(mosaic);
  const indexMs = performance.now() - started;
  const app = await buildApp({ mosaic, checkpoint });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    port: (app.server.address() as { port: number }).port,
    indexMs,
    async stop() {
      await checkpoint.notifications.idle();
      checkpoint.stop();
      await app.close();
    },
  };
}

if (cluster.isWorker) {
  const settings = JSON.parse(process.env['MOSAIC_BENCH_NODE'] ?? '{}') as NodeSettings;
  // as `mosaic serve --nodes N` opens each node (serve.ts): the WAL checkpointed from a worker
  // thread, not in the commit of whichever check crosses sqlite's threshold
  const mosaic = await openMosaic(parseConfig({
    dataDir: settings.dataDir,
    ...(settings.databaseUrl !== undefined ? { databaseUrl: settings.databaseUrl } : {}),
    ...(settings.databaseSchema !== undefined ? { databaseSchema: settings.databaseSchema } : {}),
  }, settings.dataDir), settings.databaseUrl === undefined ? { backgroundCheckpoints: true, bus: createIpcMessageBus() } : {});
  const node = await startScreeningNode(mosaic, settings.port);
  const profiler = cpuProfiler();
  process.on('message', (message: unknown) => {
    if (message === 'profile-start') void profiler.start().then(() => process.send?.({ profiling: true }));
    if (typeof message === 'object' && message !== null && 'profile' in message) void profiler.stop(String(message.profile)).then(() => process.send?.({ profiled: true }));
    if (message === 'cpu') process.send?.({ cpu: cpuMs(), rssMb: Math.round(process.memoryUsage().rss / 1e6) });
    if (message === 'stop') void node.stop().then(() => mosaic.close()).then(() => process.exit(0));
  });
  process.send?.({ ready: true, indexMs: node.indexMs });
}
