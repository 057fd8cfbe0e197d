/**
 * Worker thread body of the background WAL checkpointer (wal-checkpointer.ts): its own
 * connection to the database file, a PASSIVE checkpoint every `intervalMs` (copies what it can
 * from the WAL into the database without waiting for, or blocking, the writer), and a clean
 * close when told to stop.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointWorkerData {
  readonly file: string;
  readonly intervalMs: number;
}

const { file, intervalMs } = workerData as CheckpointWorkerData;
const db = new DatabaseSync(file);
db.exec('pragma busy_timeout = 1000');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // busy or locked: the next turn tries again; the writer's own fallback threshold still holds
  }
}, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
