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
 * What listen refused, other than a port in use, said naming the setting: a host name that does
 * not resolve, an address that is none of this machine's, a port only root may bind. Undefined
 * for anything else.
 */
function listenProblem(error: unknown, host: string, port: number): AppError | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const named = `host ${JSON.stringify(host)}`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new AppError('MOSAIC_INVALID_CONFIG', `${named} is no name this machine can resolve (choose another with --host or MOSAIC_HOST)`);
    case 'EADDRNOTAVAIL':
      return new AppError('MOSAIC_INVALID_CONFIG', `${named} is not an address of this machine (choose another with --host or MOSAIC_HOST)`);
    case 'EACCES':
      return new AppError('MOSAIC_INVALID_CONFIG', `port ${port} needs privileges this process lacks, as ports below 1024 do (choose another with --port or MOSAIC_PORT)`);
    default:
      return undefined;
  }
}

/**
 * Resolves when `port` on `host` can be bound now (port 0 always can, on an address of this
 * machine), else rejects with portInUse, or naming the host or port listen refused. Another
 * process may still take the port before the server listens: startServer tells that the same way.
 */
export async function ensurePortFree(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(isAddressInUse(error) ? portInUse(port) : (listenProblem(error, host, port) ?? error)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
