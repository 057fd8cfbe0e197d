/**
 * One serving node of the screening benchmark: the screening projection kept current from the
 * store, the notification inbox, and the HTTP API's screening routes. `bench/screen-http.ts`
 * runs one in its own process on the embedded store, or several as cluster workers (nodes
 * share the port, the primary hands connections out in turn): on the embedded store, as
 * `mosaic serve --nodes N` runs them (their bus relayed by the primary), or on one PostgreSQL
 * store (the national deployment of DESIGN.md).
 *
 * As a cluster worker it reads MOSAIC_BENCH_NODE (JSON: dataDir, databaseUrl, databaseSchema,
 * port), reports { ready, indexMs } when it listens, answers 'cpu' with its CPU milliseconds so
 * far (and its resident memory), and closes on 'stop'.
 */
import cluster from 'node:cluster';
import { buildApp } from '@mosaic/server';
import { createIpcMessageBus } from '@mosaic/store';
import { createScreeningProjection, followChanges, keepNotifications, openMosaic, parseConfig, type Mosaic } from '@mosaic/service';
import { screeningRoutes } from '../../packages/server/src/routes/screening-routes.ts';

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

export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Only what /screen needs: the screening projection and its follower (not the graph or entities). */
export async function startScreeningNode(mosaic: Mosaic, port: number): Promise<ScreeningNode> {
  const started = performance.now();
  const screening = createScreeningProjection();
  const follower = followChanges(mosaic.store, [screening]);
  await follower.catchUp();
  follower.start(250);
  const notifications = keepNotifications(mosaic);
  const indexMs = performance.now() - started;
  const app = await buildApp({ mosaic, webRoot: null, plugins: [screeningRoutes({ screening, follower })] });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    port: (app.server.address() as { port: number }).port,
    indexMs,
    async stop() {
      follower.stop();
      await notifications.idle();
      notifications.stop();
      await app.close();
    },
  };
}

if (cluster.isWorker) {
  const settings = JSON.parse(process.env['MOSAIC_BENCH_NODE'] ?? '{}') as NodeSettings;
  const mosaic = await openMosaic(parseConfig({
    dataDir: settings.dataDir,
    ...(settings.databaseUrl !== undefined ? { databaseUrl: settings.databaseUrl } : {}),
    ...(settings.databaseSchema !== undefined ? { databaseSchema: settings.databaseSchema } : {}),
  }, settings.dataDir), settings.databaseUrl === undefined ? { bus: createIpcMessageBus() } : {});
  const node = await startScreeningNode(mosaic, settings.port);
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: cpuMs(), rssMb: Math.round(process.memoryUsage().rss / 1e6) });
    if (message === 'stop') void node.stop().then(() => mosaic.close()).then(() => process.exit(0));
  });
  process.send?.({ ready: true, indexMs: node.indexMs });
}
