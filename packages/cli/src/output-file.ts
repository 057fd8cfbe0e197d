/**
 * A file a command writes once its work is done (`resolve --out`), checked before the work
 * starts: a folder that is not there, or an --out that is a folder, is said at once in one line
 * naming the option, not after minutes of resolving as the file is opened. The file itself is
 * neither made nor emptied here: a run that fails leaves an earlier file as it was.
 */
import { AppError } from '@mosaic/model';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileProblem } from './input-files.ts';

export async function requireOutputFile(command: string, option: string, path: string): Promise<void> {
  const refused = (reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${path}: ${reason}`);
  const folder = dirname(resolve(path));
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch (error) {
    const { code } = error as { code?: unknown };
    if (code === 'ENOENT') throw refused(`no such folder ${folder}`);
    throw refused(fileProblem(error)?.replace(/^.*: /, '') ?? `its folder cannot be read (${String(code)})`);
  }
  if (!isFolder) throw refused('a part of the path is not a directory');
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw refused('is a directory, not a file');
}
