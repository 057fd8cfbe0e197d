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
  readonly retryMs?: number;
}

export function createPostgresMessageBus({ databaseUrl, schema, pool, retryMs = 1000 }: PostgresMessageBusOptions): MessageBus {
  const prefix = `mosaic.${schema ?? 'public'}.`;
  const handlers = new Map<string, Set<MessageHandler>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;

  const quoted = (channel: string): string => `"${(prefix + channel).replace(/"/g, '""')}"`;

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString: databaseUrl });
      next.on('notification', (message) => {
        if (!message.channel.startsWith(prefix)) return;
        for (const handler of handlers.get(message.channel.slice(prefix.length)) ?? []) handler(message.payload ?? '');
      });
      next.on('error', () => {
        // The connection dropped: listen again on a new one (messages sent meanwhile are lost,
        // which the bus allows: what must survive is in the store).
        client = undefined;
        connecting = undefined;
        if (!closed) setTimeout(() => void connect().catch(() => undefined), retryMs).unref();
      });
      await next.connect();
      for (const channel of handlers.keys()) await next.query(`LISTEN ${quoted(channel)}`);
      client = next;
      return next;
    })();
    return connecting;
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
    async close() {
      closed = true;
      handlers.clear();
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
