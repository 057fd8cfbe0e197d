/**
 * The folder an embedded store and the audit key file are kept in, made one level at a time
 * below the nearest folder that exists. A recursive mkdir is not used: where a file system
 * refuses a new folder with ENOENT though its parent is there (procfs: a data folder under
 * /proc), Node's retries the parent and the folder for ever, in the synchronous call here with
 * the event loop blocked, so that not even SIGINT or SIGTERM ends the process.
 */
import { AppError } from '@mosaic/model';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDataFolder(dataDir: string): void {
  const folder = resolve(dataDir);
  const refused = (reason: string): AppError => new AppError('MOSAIC_STORE_UNAVAILABLE', `store: data folder ${folder}: ${reason}`);
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    let isFolder: boolean;
    try {
      isFolder = statSync(at).isDirectory();
    } catch (error) {
      const { code } = error as { code?: unknown };
      if (code === 'ENOENT' && dirname(at) !== at) {
        missing.unshift(at);
        continue;
      }
      throw refused(`${at} cannot be read (${String(code)})`);
    }
    // an ancestor that is a file is ENOTDIR above: only the folder itself can be one
    if (!isFolder) throw refused('is a file, not a folder');
    break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (error) {
      // made meanwhile by another process opening the same store
      if ((error as { code?: unknown }).code === 'EEXIST' && statSync(at, { throwIfNoEntry: false })?.isDirectory() === true) continue;
      throw refused(`the folder ${at} cannot be made there (${String((error as { code?: unknown }).code)})`);
    }
  }
}
