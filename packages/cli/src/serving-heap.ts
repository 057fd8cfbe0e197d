/**
 * The heap of one serving process (`mosaic serve` or `mosaic start` without `--nodes`). Node's
 * default limit (about 4.5 GB on a 24 GB machine) is too small for a million-person list: the
 * process answers, but spends its time collecting garbage. V8 fixes the limit as the process
 * starts (`v8.setFlagsFromString` afterwards leaves it as it was), so a process with no limit
 * set (flags or NODE_OPTIONS) starts the command again at once with the limit nodeExecArgv gives
 * one node alone (three quarters of the machine's memory). It does so in place (process.execve):
 * the process keeps its id, standard streams and environment, so a process manager's signals
 * reach the server and its exit code is the command's, with no process in between to relay them.
 */
import cluster from 'node:cluster';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { heapLimitSet, nodeExecArgv } from './serving-nodes.ts';

/** The files a process runs as the mosaic command: the bin shim, or main.ts itself. */
const COMMAND_FILES = [fileURLToPath(new URL('../bin/mosaic.js', import.meta.url)), fileURLToPath(new URL('main.ts', import.meta.url))];

/** True when this process was started as the mosaic command, by whatever link to its file. */
function runsAsCommand(script: string | undefined): boolean {
  if (script === undefined) return false;
  try {
    return COMMAND_FILES.includes(realpathSync(script));
  } catch {
    return false;
  }
}

/**
 * Starts this command again with the serving heap unless a heap limit is set; returns only when
 * it does not. Called first thing, before anything is opened or written. Left as it is: a process
 * not started as the mosaic command (a test running a command's `run` in its own process: it
 * would be replaced), one with an IPC channel to its parent (execve keeps only the standard
 * streams), a cluster's node (given its heap by the primary), and Windows (no execve: set
 * `--max-old-space-size` in NODE_OPTIONS).
 */
export function restartWithServingHeap(): void {
  if (heapLimitSet() || process.execve === undefined || !cluster.isPrimary || process.channel !== undefined) return;
  if (!runsAsCommand(process.argv[1])) return;
  process.execve(process.execPath, [process.execPath, ...nodeExecArgv(1), ...process.argv.slice(1)]);
}
