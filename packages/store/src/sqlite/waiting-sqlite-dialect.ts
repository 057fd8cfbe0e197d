/**
 * Kysely's SqliteDialect whose transactions wait for another process's write lock on a timer,
 * not inside sqlite: the adapter's `begin immediate` fails at once while the lock is held
 * elsewhere (sqlite-database-adapter.ts), and the begin is tried again every millisecond or so
 * while this process goes on with other work, until the busy timeout, when it fails as a
 * blocking wait would have.
 */
import { SqliteDialect, type DatabaseConnection, type Driver, type SqliteDialectConfig, type TransactionSettings } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { isSqliteBusy } from './sqlite-database-adapter.ts';

/** Waits between tries: short first (a commit holds the lock for about a millisecond), then longer. */
const retryDelayMs = (attempt: number): number => (attempt < 20 ? 1 : 5);

export class WaitingSqliteDialect extends SqliteDialect {
  readonly #busyTimeoutMs: number;

  constructor(config: SqliteDialectConfig, busyTimeoutMs: number) {
    super(config);
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const begin = driver.beginTransaction.bind(driver);
    const timeoutMs = this.#busyTimeoutMs;
    driver.beginTransaction = async (connection: DatabaseConnection, settings: TransactionSettings): Promise<void> => {
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        try {
          return await begin(connection, settings);
        } catch (error) {
          if (!isSqliteBusy(error) || performance.now() - started >= timeoutMs) throw error;
        }
        await sleep(retryDelayMs(attempt));
      }
    };
    return driver;
  }
}
