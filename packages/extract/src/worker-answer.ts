/**
 * A worker thread started for one piece of work: its one message is the answer, then it is
 * stopped. Given a memory limit, the worker is stopped once it holds more: its heap is capped
 * (resourceLimits, V8's own stop) and, since buffers live outside the heap (a PDF's decoded
 * streams), its heap and external memory together are watched (Worker.getHeapStatistics) every
 * `WATCH_MS`. Given a time limit, it is stopped once that has passed without an answer.
 */
import { Worker } from 'node:worker_threads';

const MB = 1024 * 1024;
const WATCH_MS = 100;

/** A worker stopped for the memory it took. */
export class WorkerMemoryError extends Error {
  override readonly name = 'WorkerMemoryError';
  readonly limitMb: number;
  constructor(what: string, limitMb: number) {
    super(`the ${what} worker was stopped: it took more than ${limitMb} MB of memory`);
    this.limitMb = limitMb;
  }
}

/** A worker stopped for the time it took. */
export class WorkerTimeoutError extends Error {
  override readonly name = 'WorkerTimeoutError';
  readonly limitMs: number;
  constructor(what: string, limitMs: number) {
    super(`the ${what} worker was stopped: it took more than ${limitMs} ms`);
    this.limitMs = limitMs;
  }
}

export interface WorkerLimits {
  /** The heap and external memory the worker may hold, in MB. */
  readonly memoryMb?: number;
  /** How long the worker may take to answer, in ms. */
  readonly timeoutMs?: number;
}

export function answerOfWorker<T>(script: URL, workerData: unknown, what: string, { memoryMb, timeoutMs }: WorkerLimits = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData, ...(memoryMb ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb } } : {}) });
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      done();
      void worker.terminate();
    };
    if (memoryMb !== undefined) {
      timers.push(setInterval(() => {
        worker.getHeapStatistics().then(({ used_heap_size: heap, external_memory: external }) => {
          if (heap + external > memoryMb * MB) settle(() => reject(new WorkerMemoryError(what, memoryMb)));
        }, () => undefined);
      }, WATCH_MS));
    }
    if (timeoutMs !== undefined) timers.push(setTimeout(() => settle(() => reject(new WorkerTimeoutError(what, timeoutMs))), timeoutMs));
    worker.once('message', (answer: T) => settle(() => resolve(answer)));
    worker.once('error', (error: Error & { code?: string }) => settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' && memoryMb !== undefined ? new WorkerMemoryError(what, memoryMb) : error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the ${what} worker stopped (exit code ${code}) before answering`))));
  });
}
