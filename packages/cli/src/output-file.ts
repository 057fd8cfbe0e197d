/**
 * A file a command writes once its work is done (`resolve --out`), checked before the work
 * starts: a folder that is not there, or an --out that is a folder, is said at once in one line
 * naming the option, not after minutes of resolving as the file is opened. The file itself is
 * neither made nor emptied here: a run that fails leaves an earlier file as it was. A command
 * that writes as it goes (`screen --out`) writes beside the file and renames (openReplacingFile).
 */
import { AppError } from '@mosaic/model';
import { rmSync, type WriteStream } from 'node:fs';
import { chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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

/** The files being written beside their outputs, by the output each would replace. */
const beingWritten = new Map<string, string>();
const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Ctrl-C (SIGINT) or SIGTERM while an output is being written: the file beside it is removed
 * before the process ends — it holds the results written so far (screening hits, clusters:
 * personal data) and, named after the process, would be left hidden for good — and the output
 * is said to be as it was; exit 130 (143).
 */
function stopWriting(signal: 'SIGINT' | 'SIGTERM'): void {
  for (const [temporary, target] of beingWritten) {
    rmSync(temporary, { force: true });
    console.error(`\nmosaic: stopped; ${target} is as it was`);
  }
  process.exit(SIGNAL_EXIT[signal]);
}

function writing(temporary: string, target: string): void {
  if (beingWritten.size === 0) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stopWriting);
  beingWritten.set(temporary, target);
}

function written(temporary: string): void {
  if (!beingWritten.delete(temporary) || beingWritten.size > 0) return;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stopWriting);
}

/** An output written beside its file, put in its place by commit, removed by discard. */
export interface ReplacingFile {
  readonly stream: WriteStream;
  /** Once the stream has finished: the file written takes the output's place. */
  commit(): Promise<void>;
  /** The file written is removed, the output left as it was. */
  discard(): Promise<void>;
}

/**
 * Opens a file beside `path` (a hidden `.NAME.PID.tmp` in its folder, on its file system) that
 * commit renames over it, so that a run that fails or is stopped leaves an earlier output as it
 * was, not emptied or half written. A link is followed, and the file it points to replaced with
 * its mode kept; an output that is no regular file (a pipe, a device) or is under /dev (stdout)
 * is written in place, as renaming over it would replace it. Ctrl-C or SIGTERM before commit or
 * discard removes the file beside it and ends the process (stopWriting). The errors of open are
 * thrown as they are.
 */
export async function openReplacingFile(path: string): Promise<ReplacingFile> {
  // /dev/stdout links to the file the shell redirected to, whose replacing the shell would not see
  const device = /^\/(dev|proc)\//.test(resolve(path));
  const target = device ? path : await realpath(path).catch(() => path);
  const existing = await stat(target).catch(() => undefined);
  if (device || (existing !== undefined && !existing.isFile())) {
    const stream = (await open(target, 'w')).createWriteStream({ encoding: 'utf8' });
    return { stream, commit: async () => undefined, discard: async () => void stream.destroy() };
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  // listening before the file exists: a signal as soon as it is there finds it to remove
  writing(temporary, path);
  const handle = await open(temporary, 'w').catch((error: unknown) => {
    written(temporary);
    throw error;
  });
  if (existing !== undefined) await chmod(temporary, existing.mode & 0o7777);
  const stream = handle.createWriteStream({ encoding: 'utf8' });
  return {
    stream,
    commit: async () => {
      await rename(temporary, target);
      written(temporary);
    },
    discard: async () => {
      stream.destroy();
      await rm(temporary, { force: true });
      written(temporary);
    },
  };
}
