/**
 * Worker thread body for reading records to resolve: reads the file in pieces of whole lines,
 * parses them (parseRecordLines) and posts each piece's records and rejected lines to the
 * thread that prepares them. At most `window` pieces are posted and not yet taken (a counter in
 * shared memory that the reader waits on), so the worker never reads far ahead of the preparing
 * thread and memory stays bounded whatever the file's size.
 * workerData: RecordReaderData; messages out: RecordReaderMessage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseRecordLines, type RecordLines } from '@mosaic/resolution';
import { recordFilePieces } from './record-file-pieces.ts';

export interface RecordReaderData {
  readonly path: string;
  readonly pieceBytes: number;
  readonly keep: readonly string[] | undefined;
  readonly schema: string | undefined;
  /** Int32Array over a SharedArrayBuffer: [0] pieces posted and not yet taken. */
  readonly inFlight: Int32Array;
  readonly window: number;
}

export type RecordReaderMessage =
  | { readonly kind: 'piece'; readonly piece: RecordLines; readonly endOffset: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };

const data = workerData as RecordReaderData;
const keep = data.keep === undefined ? undefined : new Set(data.keep);
const post = (message: RecordReaderMessage): void => parentPort?.postMessage(message);

try {
  let firstLine = 1;
  for (const { text, endOffset } of recordFilePieces(data.path, data.pieceBytes)) {
    const piece = parseRecordLines(text, { firstLine, ...(keep ? { keep } : {}), ...(data.schema === undefined ? {} : { schema: data.schema }) });
    firstLine += piece.lines;
    for (let n = Atomics.load(data.inFlight, 0); n >= data.window; n = Atomics.load(data.inFlight, 0)) Atomics.wait(data.inFlight, 0, n);
    Atomics.add(data.inFlight, 0, 1);
    post({ kind: 'piece', piece, endOffset });
  }
  post({ kind: 'done' });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
}
