/**
 * Listen, and close cleanly (final audit checkpoint, store closed) on SIGINT/SIGTERM.
 */
import { AppError } from '@mosaic/model';
import type { Server } from 'node:http';
import { buildApp, type NodeRole } from '@mosaic/server';
import { scheduleRetentionSweep, startCheckpointProjections, startProjections, type Mosaic } from '@mosaic/service';
import { isAddressInUse, portInUse } from './port-in-use.ts';
import { buildProgressOn, progressBar } from './progress.ts';

/** The address to print for a server listening on `host` and `port` (loopback as localhost). */
export function serverAddress(host: string, port: number): string {
  return `http://${host === '127.0.0.1' || host === '::1' ? 'localhost' : host}:${port}`;
}

/** `--role` of `command`: full (every area, the default) or checkpoint (sign-in, checks, alerts and notifications). */
export function roleOf(command: string, value: string | boolean | undefined): NodeRole {
  if (value === undefined || value === 'full' || value === 'checkpoint') return value ?? 'full';
  throw new AppError('MOSAIC_INVALID_INPUT', `${command}: --role takes full or checkpoint, not ${JSON.stringify(value)}`);
}

/**
 * Serves `mosaic` and resolves with its address once it listens; `takeConnections`, for one of
 * several nodes (serving-nodes.ts), serves the connections handed to it instead of listening.
 */
export async function startServer(mosaic: Mosaic, role: NodeRole = 'full', takeConnections?: (server: Server) => void): Promise<string> {
  // the indexes are built before the node listens: seconds on a large store, shown as they go
  const building = progressBar('index');
  const onBuild = buildProgressOn(building);
  const projections = role === 'full' ? await startProjections(mosaic, { onBuild }) : undefined;
  const checkpoint = role === 'checkpoint' ? await startCheckpointProjections(mosaic, { onBuild }) : undefined;
  building.stop();
  // Unexpected errors go to stderr, without their message or the URL (http-errors.ts).
  const app = await buildApp({ mosaic, errorLog: process.stderr, trustProxy: mosaic.config.trustProxy, ...(projections ? { projections } : {}), ...(checkpoint ? { checkpoint } : {}) });
  try {
    if (takeConnections) {
      await app.ready();
      takeConnections(app.server);
    } else {
      await app.listen({ port: mosaic.config.port, host: mosaic.config.host });
    }
  } catch (error) {
    // The commands check the port first (ensurePortFree); one taken since still ends the process.
    (projections ?? checkpoint)?.stop();
    await app.close();
    await mosaic.close();
    throw isAddressInUse(error) ? portInUse(mosaic.config.port) : error;
  }
  const port = (app.server.address() as { port: number } | null)?.port ?? mosaic.config.port;
  // The erasure sweep runs on full nodes, at start and every six hours; it prints counts only.
  const sweep = role === 'full' ? scheduleRetentionSweep(mosaic, {
    onSweep: ({ unreadable, ...summary }) => {
      if (summary.erased > 0 || summary.held > 0 || summary.checksErased > 0 || summary.notificationsErased > 0 || summary.auditPruned > 0 || unreadable.length > 0) console.error(`retention sweep: ${JSON.stringify({ ...summary, unreadable: unreadable.length })}`);
    },
    onError: (error) => console.error(`retention sweep failed: ${error instanceof Error ? error.message : String(error)}`),
  }) : undefined;
  let closing = false;
  const stop = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    sweep?.stop();
    (projections ?? checkpoint)?.stop();
    await app.close();
    await mosaic.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return serverAddress(mosaic.config.host, port);
}
