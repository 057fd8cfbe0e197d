/** Opens the store named by the configuration: embedded sqlite under a data dir, or PostgreSQL by URL. */
import { openPostgresStore } from './postgres/open-postgres-store.ts';
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';
import type { MessageBus } from './message-bus.ts';
import type { Store } from './store.ts';

export type OpenStoreOptions =
  | { readonly dataDir: string; readonly now?: () => Date; readonly backgroundCheckpoints?: boolean; readonly bus?: MessageBus }
  | { readonly databaseUrl: string; readonly schema?: string; readonly poolSize?: number; readonly now?: () => Date };

/** Opens the store and brings its schema to the latest migration. */
export function openStore(options: OpenStoreOptions): Promise<Store> {
  return 'databaseUrl' in options ? openPostgresStore(options) : openSqliteStore(options);
}
