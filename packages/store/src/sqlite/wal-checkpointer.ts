/**
 * WAL checkpoints off the serving thread. In WAL mode SQLite copies the log back into the
 * database ("checkpoints") on the committing connection once the log passes 1,000 pages, and
 * that commit then waits for the copy and its fsync: on a busy checkpoint node, 5–20 ms every
 * few dozen commits, during which the event loop answers nothing. A worker thread with its own
 * connection checkpoints the log every `intervalMs` instead; the writer keeps a much higher
 * threshold of its own as a fallback should the worker fall behind.
 */
import { Worker } from 'node:worker_threads';
import type { CheckpointWorkerData } from './wal-checkpoint-worker.ts';

/** The writer's own checkpoint threshold (pages) while a background checkpointer runs. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const STOP_GRACE_MS = 2_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(file: string, intervalMs = 250): WalCheckpointer {
  const data: CheckpointWorkerData = { file, intervalMs };
  const worker = new Worker(new URL('./wal-checkpoint-worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 32 } });
  // It never keeps a process alive; a process that exits without closing the store loses nothing (SQLite checkpoints on the next open).
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timeout);
    },
  };
}
