/**
 * The records of a JSON Lines file for batch resolution, piece by piece in line order, each with
 * its rejected lines (line number and reason) and the bytes read so far. A large file is read
 * and parsed in a worker thread (record-reader-worker.ts) while this thread prepares what it
 * has been given: at a million records reading and parsing take as long as preparing, and the
 * machine has a second core. A small one is read here, by the same functions (a worker costs
 * tens of milliseconds to start).
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '@mosaic/model';
import { parseRecordLines, type RecordLines } from '@mosaic/resolution';
import { recordFilePieces } from './record-file-pieces.ts';
import type { RecordReaderData, RecordReaderMessage } from './record-reader-worker.ts';

export interface ReadRecordFileOptions {
  /** Keep only these properties (e.g. @mosaic/matching's MATCHING_PROPERTIES). */
  readonly keep?: ReadonlySet<string>;
  /** Keep only records of this schema (see parseRecordLines: other lines are not parsed). */
  readonly schema?: string;
  /** From this file size on (bytes), read and parse in a worker thread. */
  readonly workerFrom?: number;
  readonly pieceBytes?: number;
}

export interface RecordFilePiece extends RecordLines {
  /** Bytes of the file read up to the end of this piece. */
  readonly endOffset: number;
}

/** Pieces posted by the worker and not yet taken: enough to keep both threads busy, few enough to bound memory. */
const WINDOW = 8;

export async function* readRecordFile(path: string, { keep, schema, workerFrom = 32 << 20, pieceBytes = 256 << 10 }: ReadRecordFileOptions = {}): AsyncGenerator<RecordFilePiece> {
  if (statSync(path).size < workerFrom) {
    let firstLine = 1;
    for (const { text, endOffset } of recordFilePieces(path, pieceBytes)) {
      const piece = parseRecordLines(text, { firstLine, ...(keep ? { keep } : {}), ...(schema === undefined ? {} : { schema }) });
      firstLine += piece.lines;
      yield { ...piece, endOffset };
    }
    return;
  }
  const inFlight = new Int32Array(new SharedArrayBuffer(4));
  const data: RecordReaderData = { path, pieceBytes, keep: keep ? [...keep] : undefined, schema, inFlight, window: WINDOW };
  const worker = new Worker(new URL('./record-reader-worker.ts', import.meta.url), { workerData: data });
  const queue: RecordReaderMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (message: RecordReaderMessage): void => {
    queue.push(message);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ kind: 'error', message: error.message }));
  worker.on('exit', (code) => push({ kind: 'error', message: `the reader stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
      wake = null;
      const message = queue.shift() as RecordReaderMessage;
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw new AppError('MOSAIC_INTERNAL', `resolve: reading ${path} failed: ${message.message}`);
      Atomics.sub(inFlight, 0, 1);
      Atomics.notify(inFlight, 0);
      yield { ...message.piece, endOffset: message.endOffset };
    }
  } finally {
    worker.removeAllListeners();
    // a reader waiting for room wakes to be stopped (the consumer may stop early)
    Atomics.store(inFlight, 0, -WINDOW);
    Atomics.notify(inFlight, 0);
    await worker.terminate();
  }
}
