/**
 * A data folder is made one level at a time: one that cannot be made, under /proc, is refused
 * at once where a recursive mkdir retried for ever; one that is a file is refused naming it.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataFolder } from './make-data-folder.ts';
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-make-data-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeDataFolder', () => {
  it('makes the folders that are missing, and leaves one that is there', () => {
    const folder = join(dir, 'a', 'b', 'data');
    makeDataFolder(folder);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(() => makeDataFolder(folder)).not.toThrow();
  });

  it('refuses a path that is a file', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'a file\n');
    expect(() => makeDataFolder(file)).toThrow(expect.objectContaining({ code: 'MOSAIC_STORE_UNAVAILABLE', message: `store: data folder ${file}: is a file, not a folder` }));
  });

  it.runIf(process.platform === 'linux')('refuses a folder under /proc at once, where opening the store hung', async () => {
    await expect(openSqliteStore({ dataDir: '/proc/mosaic-test/data' })).rejects.toMatchObject({
      code: 'MOSAIC_STORE_UNAVAILABLE', message: 'store: data folder /proc/mosaic-test/data: the folder /proc/mosaic-test cannot be made there (ENOENT)',
    });
    expect(existsSync('/proc/mosaic-test')).toBe(false);
  });
});
