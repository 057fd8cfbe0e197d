/**
 * PostgreSQL refusing or ending connections (restarted, failing over, shut down, a database that
 * takes none) is the store's MOSAIC_STORE_UNAVAILABLE, as the store promises (store.ts), which
 * the API answers 503: a client and a load balancer can tell "try again shortly" from a defect,
 * where the driver's own error was an unexpected one, 500 "internal error". The pool hands Kysely
 * clients whose connection and queries fail so; the pool itself reconnects once PostgreSQL takes
 * connections again, so the node serves again without a restart.
 */
import { AppError } from '@mosaic/model';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** The socket's errors: nothing listens, the connection was cut, the host is not reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
/** SQLSTATEs: shutting down (an operator's, a crash's), starting up, too many connections. Class 08 (connection exception) too. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What the driver says of a connection it lost or could not make in time (no code). */
const DRIVER_MESSAGES = [/^Connection terminated/, /is not queryable/, /timeout exceeded when trying to connect/];

/** Whether `error` says PostgreSQL cannot be reached now, rather than that a query is wrong. */
export function isConnectionFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return true;
    // 55000 is also other things; this one is a database that takes no connections (ALLOW_CONNECTIONS false)
    if (code === '55000' && error.message.includes('not currently accepting connections')) return true;
  }
  return DRIVER_MESSAGES.some((message) => message.test(error.message));
}

/** A connection failure as the store's error (its code, never the host or the database, which a client has no need of); anything else as it is. */
function asUnavailable(error: unknown): unknown {
  if (!isConnectionFailure(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new AppError('MOSAIC_STORE_UNAVAILABLE', `the store cannot be reached: PostgreSQL refused or ended the connection${typeof code === 'string' ? ` (${code})` : ''}; try again shortly`);
}

/** `pool` for Kysely's PostgresDialect, its connection and query failures MOSAIC_STORE_UNAVAILABLE. */
export function unavailableAsStoreError(pool: pg.Pool): PostgresPool {
  // one wrapper per client: Kysely keeps a connection per client object
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const known = wrapped.get(client);
    if (known) return known;
    const query = ((...args: Parameters<pg.PoolClient['query']>) => {
      const result = (client.query as (...a: unknown[]) => unknown)(...args);
      return result instanceof Promise ? result.catch((error: unknown) => { throw asUnavailable(error); }) : result;
    }) as PostgresPoolClient['query'];
    const own: PostgresPoolClient = { query, release: () => client.release() };
    wrapped.set(client, own);
    return own;
  };
  return {
    async connect() {
      try {
        return wrap(await pool.connect());
      } catch (error) {
        throw asUnavailable(error);
      }
    },
    end: () => pool.end(),
  };
}
