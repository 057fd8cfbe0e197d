/**
 * The key file's folder is made as the store's is (makeDataFolder): one under /proc is refused at
 * once, where a recursive mkdir retried for ever (on PostgreSQL no sqlite store makes it first).
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadOrCreateAuditKeys } from './audit-keys-file.ts';

it.runIf(process.platform === 'linux')('refuses a data folder that cannot be made, under /proc, at once', () => {
  expect(() => loadOrCreateAuditKeys('/proc/mosaic-test/data')).toThrow(expect.objectContaining({
    code: 'MOSAIC_STORE_UNAVAILABLE', message: 'store: data folder /proc/mosaic-test/data: the folder /proc/mosaic-test cannot be made there (ENOENT)',
  }));
  expect(existsSync('/proc/mosaic-test')).toBe(false);
});
