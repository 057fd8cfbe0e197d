/**
 * Listen, and close cleanly (final audit checkpoint, store closed) on SIGINT/SIGTERM.
 */
import { buildApp } from '@mosaic/server';
import { scheduleRetentionSweep, startProjections, type Mosaic } from '@mosaic/service';

/** The address to print for a server listening on `host` and `port` (loopback as localhost). */
export function serverAddress(host: string, port: number): string {
  return `http://${host === '127.0.0.1' || host === '::1' ? 'localhost' : host}:${port}`;
}

export async function startServer(mosaic: Mosaic): Promise<string> {
  const projections = await startProjections(mosaic);
  const app = await buildApp({ mosaic, projections });
  await app.listen({ port: mosaic.config.port, host: mosaic.config.host });
  const port = (app.server.address() as { port: number } | null)?.port ?? mosaic.config.port;
  // The erasure sweep runs at start and every six hours; it prints counts only.
  const sweep = scheduleRetentionSweep(mosaic, {
    onSweep: (summary) => { if (summary.erased > 0 || summary.held > 0) console.error(`retention sweep: ${JSON.stringify(summary)}`); },
    onError: (error) => console.error(`retention sweep failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  let closing = false;
  const stop = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    sweep.stop();
    projections.stop();
    await app.close();
    await mosaic.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return serverAddress(mosaic.config.host, port);
}
