/**
 * The files a command is given: one that is missing or cannot be read, or a JSON option file
 * that is not JSON, is an ordinary mistake, said in one line naming the option, the file and
 * the reason (for JSON, its line and column, never its text), exit 2 as any invalid input,
 * never a stack trace.
 */
import { AppError } from '@mosaic/model';
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { jsonSyntaxProblem } from './json-syntax-problem.ts';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
};

/**
 * Why a file could not be read, for an error Node raised on it; undefined for any other error.
 * `given` is the path the command was given, for the errors that do not carry one (reading a
 * folder with readFile raises EISDIR without a path).
 */
export function fileProblem(error: unknown, given?: string): string | undefined {
  const { path } = (error ?? {}) as { path?: unknown };
  const reason = fileReason(error);
  const named = typeof path === 'string' ? path : given;
  return reason !== undefined && named !== undefined ? `${named}: ${reason}` : undefined;
}

/** Why a file could not be read, without its path (`no such file`), for an error Node raised on it; undefined for any other error. */
export function fileReason(error: unknown): string | undefined {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' ? REASONS[code] : undefined;
}

function unreadable(command: string, option: string, error: unknown, path: string): AppError {
  const reason = fileProblem(error, path);
  if (reason === undefined) throw error;
  return new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${reason}`);
}

/** Each named file exists and is a file; `option` is how the command line named it (`--in`, `FILE`). */
export async function requireFiles(command: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [option, path] of Object.entries(files)) {
    const reason = await notAFile(path);
    if (reason !== undefined) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${path}: ${reason}`);
  }
}

/**
 * Why `path` is no file to read (missing, a folder, a device…), or undefined when it is one: for
 * a command given many files, which says each such one and goes on with the others.
 */
export async function notAFile(path: string): Promise<string | undefined> {
  let found: Stats;
  try {
    found = await stat(path);
  } catch (error) {
    const reason = fileReason(error);
    if (reason === undefined) throw error;
    return reason;
  }
  if (found.isFile()) return undefined;
  return found.isDirectory() ? REASONS['EISDIR'] : 'is not a file but a device, a pipe or a socket';
}

export async function readInputFile(command: string, option: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(command, option, error, path);
  }
}

/** The file's bytes (a report, which may not be text). */
export async function readInputBytes(command: string, option: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(command, option, error, path);
  }
}

/** A JSON option file's value; a UTF-8 byte-order mark (Notepad's, Excel's) is no part of its JSON. */
export async function readJsonFile(command: string, option: string, path: string): Promise<unknown> {
  const text = (await readInputFile(command, option, path)).replace(/^\uFEFF/, '');
  const problem = jsonSyntaxProblem(text);
  // the file's text is never quoted: a mapping or defaults file may hold personal data
  if (problem !== undefined) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option} ${path}: not JSON ${problem}`);
  return JSON.parse(text) as unknown;
}
