/**
 * The files a command is given: one that is missing or cannot be read, or a JSON option file
 * that is not JSON, is an ordinary mistake, said in one line naming the option, the file and
 * the reason (exit 2, as any invalid input), never a stack trace.
 */
import { AppError } from '@mosaic/model';
import { readFile, stat } from 'node:fs/promises';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
};

/** Why a file could not be read, for an error Node raised on it; undefined for any other error. */
export function fileProblem(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return reason !== undefined && typeof path === 'string' ? `${path}: ${reason}` : undefined;
}

function unreadable(command: string, option: string, error: unknown): AppError {
  const reason = fileProblem(error);
  if (reason === undefined) throw error;
  return new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${reason}`);
}

/** Each named file exists and is a file; `option` is how the command line named it (`--in`, `FILE`). */
export async function requireFiles(command: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [option, path] of Object.entries(files)) {
    let isFile: boolean;
    try {
      isFile = (await stat(path)).isFile();
    } catch (error) {
      throw unreadable(command, option, error);
    }
    if (!isFile) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${path}: ${REASONS['EISDIR']}`);
  }
}

export async function readInputFile(command: string, option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(command, option, error);
  }
}

export async function readJsonFile(command: string, option: string, path: string): Promise<unknown> {
  const text = await readInputFile(command, option, path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${path}: not JSON (${(error as Error).message})`);
  }
}
