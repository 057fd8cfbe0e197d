/**
 * A JSON Lines file read into a prepared batch and resolved, using the second core. Reading and
 * parsing 1.9 GB of JSON Lines takes about as long as preparing the million records in it, and
 * comparing the candidate pairs is the largest stage of all; so a worker thread
 * (record-batch-worker.ts) reads and parses the file while this thread prepares what it is given
 * (with the names the worker normalised while waiting for this thread: adopted, not normalised
 * again), then receives a copy of the prepared batch (structured clone: names shared between
 * records stay shared in the copy) while this thread blocks, and compares half of the candidate
 * pairs (compare-share.ts).
 *
 * The batch is what the caller adds (all the records, or all but some held out). A small file is
 * read in this thread and resolved in it alone, by the same functions (a worker costs tens of
 * milliseconds to start, and the copy more than it saves). Measured at 1M: BENCHMARKS.md,
 * Resolution, "Two threads".
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { PreparedRecord } from '@mosaic/matching';
import { AppError } from '@mosaic/model';
import {
  createBatchPreparer, resolvePrepared, resolvePreparedWith,
  type BatchPreparer, type ComparePairs, type PreparedBatch, type StartComparing, type ResolutionRun, type ResolvableRecord, type ResolveOptions,
} from '@mosaic/resolution';
import { compareRequest, compareShare } from './compare-share.ts';
import { CONTROL, type BatchWorkerMessage, type BatchWorkerRequest, type RecordBatchWorkerData } from './record-batch-protocol.ts';
import { recordFilePieces, type FilePiece } from './record-file-pieces.ts';

export interface RecordBatchOptions {
  /** Keep only these properties (e.g. @mosaic/matching's MATCHING_PROPERTIES). */
  readonly keep?: ReadonlySet<string>;
  /** Keep only records of this schema (see record-file-pieces.ts: other lines are not even decoded). */
  readonly schema?: string;
  /** From this file size on (bytes), use a worker thread. */
  readonly workerFrom?: number;
  readonly pieceBytes?: number;
  /** Pairs taken at a time by either comparing thread. */
  readonly compareStep?: number;
  /**
   * Start comparing only once the worker holds its copy of the batch (default false: this thread
   * starts at once and the worker joins when it is ready). For tests that the worker's share is
   * compared alike.
   */
  readonly waitForWorker?: boolean;
}

export interface RecordBatch {
  /** The file's records piece by piece, in line order, with each piece's rejected lines. Read once. */
  readonly pieces: AsyncIterable<FilePiece>;
  /** Prepares a record into the batch (each record is prepared as it is read: the parsed records are never all in memory). */
  add(record: ResolvableRecord): void;
  /**
   * Resolves the batch (resolvePrepared; its comparisons on two threads when a worker read the
   * file, and then the block stage's time includes handing the worker its copy).
   */
  resolve(options?: ResolveOptions): Promise<ResolutionRun>;
  /** Stops the worker (call it in any case, also after `resolve`). */
  close(): Promise<void>;
  /** Pairs the worker compared in `resolve` (0 without a worker). */
  readonly workerShare: () => number;
}

/** Pieces posted by the worker and not yet taken: enough to keep both threads busy, few enough to bound memory. */
const WINDOW = 8;

export function openRecordBatch(path: string, { keep, schema, workerFrom = 32 << 20, pieceBytes = 256 << 10, compareStep = 4096, waitForWorker = false }: RecordBatchOptions = {}): RecordBatch {
  let preparer: BatchPreparer | undefined = createBatchPreparer();
  /** The prepared batch; the preparer's cache (every distinct name string and key) is let go. */
  const finish = (): PreparedBatch => {
    if (!preparer) throw new AppError('MOSAIC_INTERNAL', 'resolve: a record batch is resolved once');
    const batch = preparer.finish();
    preparer = undefined;
    return batch;
  };
  const add = (record: ResolvableRecord): void => {
    if (!preparer) throw new AppError('MOSAIC_INTERNAL', 'resolve: records added after the batch was resolved');
    preparer.add(record);
  };
  if (statSync(path).size < workerFrom) {
    return {
      pieces: (async function* () {
        yield* recordFilePieces(path, { pieceBytes, ...(keep ? { keep } : {}), ...(schema === undefined ? {} : { schema }) });
      })(),
      add,
      resolve: async (options = {}) => resolvePrepared(finish(), options),
      close: async () => undefined,
      workerShare: () => 0,
    };
  }

  const control = new Int32Array(new SharedArrayBuffer(4 * 2));
  const data: RecordBatchWorkerData = { path, pieceBytes, keep: keep ? [...keep] : undefined, schema, control, window: WINDOW };
  const worker = new Worker(new URL('./record-batch-worker.ts', import.meta.url), { workerData: data });
  const queue: BatchWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | undefined;
  const ready = Promise.withResolvers<void>();
  ready.promise.catch(() => undefined);
  const push = (message: BatchWorkerMessage): void => {
    if (message.kind === 'ready') return ready.resolve();
    if (message.kind === 'error') {
      failure ??= new AppError('MOSAIC_INTERNAL', `resolve: the worker reading ${path} failed: ${message.message}`);
      ready.reject(failure);
    }
    queue.push(message);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ kind: 'error', message: error.message }));
  worker.on('exit', (code) => push({ kind: 'error', message: `it stopped (exit code ${code})` }));
  /** The next message of one of these kinds (others that come first are dropped: pieces nobody reads). */
  const next = async <K extends BatchWorkerMessage['kind']>(...kinds: K[]): Promise<Extract<BatchWorkerMessage, { kind: K }>> => {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
      wake = null;
      const message = queue.shift() as BatchWorkerMessage;
      if (failure) throw failure;
      if ((kinds as string[]).includes(message.kind)) return message as Extract<BatchWorkerMessage, { kind: K }>;
    }
  };
  const stopReading = (): void => {
    Atomics.store(control, CONTROL.finished, 1);
    Atomics.notify(control, CONTROL.inFlight);
  };
  let workerShare = 0;
  /** The worker starts on the pairs at once; the returned call has this thread take what is left and waits for the rest. */
  const startComparing: StartComparing = (records, pairs) => {
    const request = compareRequest(pairs, compareStep);
    worker.postMessage(request satisfies BatchWorkerRequest);
    return async (onProgress) => {
      if (waitForWorker) await ready.promise;
      const mine = compareShare(records, request, onProgress);
      // wait only for ranges the worker has taken (it may still be taking in its copy); the
      // counter, not the message, says when: a request that ended with this thread's last range
      // leaves the worker's "compared" for it unread, and a later request must not take that
      // message for its own
      while (Atomics.load(request.progress, 1) < pairs.count) await next('compared');
      workerShare += pairs.count - mine;
      return request.out;
    };
  };
  const comparePairs: ComparePairs = (records, pairs, onProgress) => startComparing(records, pairs)(onProgress);
  return {
    pieces: (async function* () {
      for (;;) {
        const message = await next('piece', 'read');
        if (message.kind === 'read') return;
        Atomics.sub(control, CONTROL.inFlight, 1);
        Atomics.notify(control, CONTROL.inFlight);
        preparer?.adopt(message.names);
        yield { ...message.piece, endOffset: message.endOffset };
      }
    })(),
    add,
    resolve: async (options = {}) => {
      const batch = finish();
      stopReading();
      const started = performance.now();
      worker.postMessage({ kind: 'records', records: comparedOnly(batch) } satisfies BatchWorkerRequest);
      const handOverMs = Math.round(performance.now() - started);
      const run = await resolvePreparedWith(batch, comparePairs, options, startComparing);
      return { ...run, stats: { ...run.stats, ms: { ...run.stats.ms, block: run.stats.ms.block + handOverMs } } };
    },
    close: async () => {
      worker.removeAllListeners();
      stopReading();
      await worker.terminate();
    },
    workerShare: () => workerShare,
  };
}

/**
 * The prepared records the worker needs: a record of no group (schemaGroup) is never in a pair,
 * and a file of all schemata is mostly such records (2.2M of 3.2M in the demo), so they are left
 * out of the copy as holes (the worker never reads them).
 */
function comparedOnly(batch: PreparedBatch): readonly PreparedRecord[] {
  if (!batch.groups.includes(undefined)) return batch.prepared;
  return batch.prepared.map((r, i) => (batch.groups[i] === undefined ? undefined : r)) as readonly PreparedRecord[];
}
