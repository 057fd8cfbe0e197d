/**
 * The message bus of a PostgreSQL store: NOTIFY on the pool, LISTEN on one dedicated connection
 * that is re-opened (and every channel listened to again) if it drops. Channel names carry the
 * store's schema, since NOTIFY is database-wide and several stores may share one database.
 */
import pg from 'pg';
import { AppError } from '@mosaic/model';
import { MAX_MESSAGE_BYTES, type MessageBus, type MessageHandler } from '../message-bus.ts';

export interface PostgresMessageBusOptions {
  readonly databaseUrl: string;
  readonly schema?: string;
  readonly pool: pg.Pool;
  /** The wait before the first attempt to listen again after the connection dropped; it doubles after each failed attempt… */
  readonly retryMs?: number;
  /** …up to this. */
  readonly maxRetryMs?: number;
}

/** An attempt to connect that hangs (an unreachable host) is given up after this, and tried again. */
const CONNECT_TIMEOUT_MS = 10_000;

export function createPostgresMessageBus({ databaseUrl, schema, pool, retryMs = 1000, maxRetryMs = 10_000 }: PostgresMessageBusOptions): MessageBus {
  const prefix = `mosaic.${schema ?? 'public'}.`;
  const handlers = new Map<string, Set<MessageHandler>>();
  const reconnectedListeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let connectedBefore = false;
  let retrying = false;
  let closed = false;

  const quoted = (channel: string): string => `"${(prefix + channel).replace(/"/g, '""')}"`;

  /** A new connection listening to every channel known by then; one that fails is ended and forgotten. */
  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      // keepAlive: a connection the network lost without a word is found dead and replaced
      const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      next.on('notification', (message) => {
        if (!message.channel.startsWith(prefix)) return;
        for (const handler of handlers.get(message.channel.slice(prefix.length)) ?? []) handler(message.payload ?? '');
      });
      // Before connecting: an 'error' nobody listens to would end the process.
      next.on('error', () => dropped(next));
      next.on('end', () => dropped(next));
      try {
        await next.connect();
        for (const channel of handlers.keys()) await next.query(`LISTEN ${quoted(channel)}`);
        if (closed) throw new Error('bus: closed while connecting');
      } catch (error) {
        await next.end().catch(() => undefined);
        throw error;
      }
      client = next;
      if (connectedBefore) for (const listener of reconnectedListeners) tell(listener);
      connectedBefore = true;
      return next;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  /** The listening connection dropped: messages sent from now until it listens again are lost, which the bus allows (reconnectedListeners read the store again). */
  const dropped = (lost: pg.Client): void => {
    if (lost !== client) return;
    client = undefined;
    void lost.end().catch(() => undefined);
    void reconnect();
  };

  /** Tries to listen again, waiting longer after each failure (PostgreSQL restarting, refusing connections), until it does or the bus is closed. */
  const reconnect = async (): Promise<void> => {
    if (retrying) return;
    retrying = true;
    for (let wait = retryMs; !closed && client === undefined; wait = Math.min(2 * wait, maxRetryMs)) {
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      if (!closed) await connect().catch(() => undefined);
    }
    retrying = false;
  };

  return {
    shared: true,
    async send(channel, payload) {
      if (Buffer.byteLength(payload) > MAX_MESSAGE_BYTES) throw new AppError('MOSAIC_INVALID_INPUT', `bus: a message on ${channel} is larger than ${MAX_MESSAGE_BYTES} bytes`);
      await pool.query('select pg_notify($1, $2)', [prefix + channel, payload]);
    },
    async listen(channel, handler) {
      const set = handlers.get(channel) ?? new Set<MessageHandler>();
      const first = set.size === 0;
      set.add(handler);
      handlers.set(channel, set);
      // A new connection listens to every channel known by then, this one included.
      if (!client) await connect();
      else if (first) await client.query(`LISTEN ${quoted(channel)}`);
      return async () => {
        set.delete(handler);
        if (set.size === 0) {
          handlers.delete(channel);
          await client?.query(`UNLISTEN ${quoted(channel)}`).catch(() => undefined);
        }
      };
    },
    onReconnected(listener) {
      reconnectedListeners.add(listener);
      return () => reconnectedListeners.delete(listener);
    },
    async close() {
      closed = true;
      handlers.clear();
      reconnectedListeners.clear();
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}

/** One listener failing must not keep the others from hearing of the reconnection, nor reach the connection's code. */
function tell(listener: () => void): void {
  try {
    listener();
  } catch {
    // the listener's own failure, its to report
  }
}
