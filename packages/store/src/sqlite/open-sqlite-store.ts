/**
 * The embedded store: `<dataDir>/mosaic.sqlite` through node:sqlite, in WAL mode with
 * synchronous=NORMAL (durable at checkpoints, never corrupt; the SQLite-recommended setting
 * for WAL), foreign keys on and a busy timeout so a second process waits instead of failing
 * (a transaction waits for the write lock on a timer, the event loop free: waiting-sqlite-dialect.ts).
 * A long-running writer (a server, an ingest) checkpoints the WAL from a worker thread.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { AppError } from '@mosaic/model';
import type { Database } from '../database.ts';
import type { MessageBus } from '../message-bus.ts';
import { createKyselyStore } from '../kysely-store.ts';
import { makeDataFolder } from '../make-data-folder.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Store } from '../store.ts';
import { createSqliteDatabaseAdapter } from './sqlite-database-adapter.ts';
import { createSqliteRecordWriter } from './sqlite-record-writer.ts';
import { sqliteStoreDialect } from './sqlite-store-dialect.ts';
import { WaitingSqliteDialect } from './waiting-sqlite-dialect.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export const SQLITE_FILE_NAME = 'mosaic.sqlite';

export interface SqliteStoreOptions {
  readonly dataDir: string;
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
  /** Checkpoint the WAL from a worker thread (wal-checkpointer.ts) instead of on commits: for long-running writers. */
  readonly backgroundCheckpoints?: boolean;
  /** The bus shared with the other nodes on this file (ipc-message-bus.ts); alone, one within this process. */
  readonly bus?: MessageBus;
}

export async function openSqliteStore({ dataDir, busyTimeoutMs = 5_000, now, backgroundCheckpoints = false, bus }: SqliteStoreOptions): Promise<Store> {
  const file = join(dataDir, SQLITE_FILE_NAME);
  makeDataFolder(dataDir);
  let raw: DatabaseSync;
  try {
    raw = new DatabaseSync(file, { enableForeignKeyConstraints: true });
    raw.exec(`pragma busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    raw.exec('pragma journal_mode = WAL');
    raw.exec('pragma synchronous = NORMAL');
    raw.exec('pragma foreign_keys = ON');
  } catch (error) {
    throw new AppError('MOSAIC_STORE_UNAVAILABLE', `store: cannot open sqlite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  const adapter = createSqliteDatabaseAdapter(raw, { busyTimeoutMs });
  const db = new Kysely<Database>({ dialect: new WaitingSqliteDialect({ database: adapter }, busyTimeoutMs) });
  try {
    await migrateToLatest(db, { dialect: 'sqlite' });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let checkpointer: WalCheckpointer | undefined;
  if (backgroundCheckpoints) {
    raw.exec(`pragma wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    checkpointer = startWalCheckpointer(file);
  }
  return createKyselyStore(db, {
    dialect: sqliteStoreDialect, recordWriter: createSqliteRecordWriter(adapter), ...(now === undefined ? {} : { now }),
    ...(checkpointer ? { onClose: () => checkpointer.stop() } : {}), ...(bus === undefined ? {} : { bus }),
  });
}
