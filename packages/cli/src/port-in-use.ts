/**
 * A port another process holds, told in one line before the long work of a start (the demo
 * load, the indexes) rather than as listen's EADDRINUSE after it.
 */
import { AppError } from '@mosaic/model';
import { createServer } from 'node:net';

export function portInUse(port: number): AppError {
  return new AppError('MOSAIC_CONFLICT', `port ${port} is in use (choose another with --port or MOSAIC_PORT)`);
}

export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/**
 * Resolves when `port` on `host` can be bound now (port 0 always can), else rejects with
 * portInUse. Another process may still take it before the server listens: startServer tells
 * that the same way.
 */
export async function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(isAddressInUse(error) ? portInUse(port) : error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
