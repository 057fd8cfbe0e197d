/**
 * The folder a command writes its files into (`demo generate --out DIR`), made before any work
 * starts: one level at a time below the nearest folder that exists, so that a path through a
 * file, or one where no folder can be made, is said in one line naming the option. A recursive
 * mkdir is not used: on a file system that refuses new entries without saying so (procfs: an
 * --out under /proc) it retries for ever.
 */
import { AppError } from '@mosaic/model';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileProblem } from './input-files.ts';

export async function prepareOutputFolder(command: string, option: string, folder: string): Promise<void> {
  const refused = (reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${reason}`);
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(at)).isDirectory();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT' && dirname(at) !== at) {
        missing.unshift(at);
        continue;
      }
      throw refused(fileProblem(error, at) ?? `${at}: cannot be read (${String((error as { code?: unknown }).code)})`);
    }
    // an ancestor that is a file is ENOTDIR above: only the folder itself can be one
    if (!isFolder) throw refused(`${folder}: is a file, not a folder`);
    break;
  }
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (error) {
      const { code } = error as { code?: unknown };
      throw refused(`${folder}: the folder ${at} cannot be made there (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code)})`);
    }
  }
}
