/**
 * Gives `node:sqlite`'s DatabaseSync the better-sqlite3 shape that Kysely's SqliteDialect
 * drives (`prepare(sql)` -> `{ reader, all, run, iterate }` taking an array of parameters).
 *
 * Kysely prepares every query it runs; preparing is a large share of a small statement's cost,
 * so prepared statements are cached by SQL text (LRU). Values node:sqlite cannot bind are
 * mapped: booleans to 0/1, undefined to NULL.
 *
 * Kysely opens transactions with a plain (deferred) `begin`. A deferred transaction that reads
 * and then writes cannot wait for another process's write lock: sqlite answers SQLITE_BUSY at
 * once, busy timeout or not (https://sqlite.org/lang_transaction.html). The adapter turns it
 * into `begin immediate`, so a CLI ingest and a running server queue up instead of failing.
 *
 * That `begin immediate` never waits inside sqlite: node:sqlite is synchronous, and sqlite's busy
 * handler sleeps (1, 2, 5, 10… ms) with the whole event loop stopped while another process (a
 * second serving node, a CLI ingest) holds the write lock. The adapter runs it with no busy
 * timeout, so it fails at once with SQLITE_BUSY, and `WaitingSqliteDialect` tries it again on a
 * timer while the process goes on serving. Every other statement keeps the busy timeout.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export interface SqliteDatabaseAdapterOptions {
  /** Prepared statements kept per connection. */
  readonly cacheSize?: number;
  /** The connection's busy timeout, restored after each `begin immediate` (which runs without one). */
  readonly busyTimeoutMs?: number;
}

/** SQLITE_BUSY: another connection holds the lock (the primary result code of an extended one). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && (code & 0xff) === 5;
}

export interface SqliteDatabaseAdapter extends SqliteDatabase {
  /** The underlying connection, for the store's own hot paths (same connection, same lock). */
  readonly raw: DatabaseSync;
  /** A cached prepared statement. */
  statement(sql: string): StatementSync;
  prepare(sql: string): SqliteStatement;
}

export function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(toSqliteValue);
}

/**
 * How long the first try of a transaction's begin waits inside sqlite for another process's
 * write lock (its later tries do not wait; the caller retries on a timer, see
 * waiting-sqlite-dialect.ts). Nodes sharing a file each hold the lock for about a millisecond
 * per commit, so a wait this short usually ends with the lock, while waiting on a timer
 * instead lasts until the event loop comes round again: at 1M, two nodes, a begin that found
 * the lock held waited 6–8 ms that way, its checks' answers with it.
 */
export const FIRST_BEGIN_WAIT_MS = 2;

export function createSqliteDatabaseAdapter(raw: DatabaseSync, { cacheSize = 256, busyTimeoutMs = 5_000 }: SqliteDatabaseAdapterOptions = {}): SqliteDatabaseAdapter {
  const cache = new Map<string, { statement: StatementSync; reader: boolean }>();
  const beginImmediate = raw.prepare('begin immediate');
  /** Whether the last begin found the lock held: the caller is waiting on a timer, and tries without blocking. */
  let retrying = false;
  // sqlite applies `pragma busy_timeout` when it compiles the statement, so each is run anew.
  const begin: SqliteStatement = {
    reader: false,
    all: () => [],
    run() {
      raw.exec(`pragma busy_timeout = ${retrying ? 0 : FIRST_BEGIN_WAIT_MS}`);
      try {
        beginImmediate.run();
        retrying = false;
      } catch (error) {
        retrying = isSqliteBusy(error);
        throw error;
      } finally {
        raw.exec(`pragma busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      }
      return { changes: 0, lastInsertRowid: 0 };
    },
    iterate: () => [][Symbol.iterator](),
  };

  function cached(sql: string): { statement: StatementSync; reader: boolean } {
    const hit = cache.get(sql);
    if (hit) {
      // Re-insert to mark as most recently used.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = raw.prepare(sql);
    const entry = { statement, reader: statement.columns().length > 0 };
    cache.set(sql, entry);
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    return entry;
  }

  return {
    raw,
    statement: (sql) => cached(sql).statement,
    prepare(sql) {
      if (sql === 'begin') return begin;
      const { statement, reader } = cached(sql);
      return {
        reader,
        all: (parameters) => statement.all(...bind(parameters)),
        run(parameters) {
          const { changes, lastInsertRowid } = statement.run(...bind(parameters));
          return { changes, lastInsertRowid };
        },
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
    close() {
      cache.clear();
      if (raw.isOpen) raw.close();
    },
  };
}
