/**
 * Worker thread body of a record batch (record-batch.ts), in two phases:
 *
 * 1. Read the file in pieces of whole lines, parse them (record-file-pieces.ts) and post each piece's
 *    records and rejected lines to the main thread, which prepares them; then prepare them here
 *    too (this thread's copy of the batch, made in the time it would wait for the main thread).
 *    At most `window` pieces are posted and not yet taken (a counter in shared memory), so memory
 *    stays bounded; reading stops early when the main thread has its batch (a prefix of the file).
 * 2. Finish its copy of the batch as the main thread says (how many records, and the
 *    name-frequency table: `prepared`), or receive a copy of the batch (structured clone, when
 *    the main thread's batch is not the records in the order read: `records`), and compare its
 *    share of the candidate pairs (compare-share.ts) when asked.
 *
 * workerData: RecordBatchWorkerData; messages out: BatchWorkerMessage; in: BatchWorkerRequest
 * (record-batch-protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PreparedRecord } from '@mosaic/matching';
import { createBatchPreparer, type ResolvableRecord } from '@mosaic/resolution';
import { compareShare } from './compare-share.ts';
import { CONTROL, type BatchWorkerMessage, type BatchWorkerRequest, type RecordBatchWorkerData } from './record-batch-protocol.ts';
import { recordFilePieces } from './record-file-pieces.ts';

const data = workerData as RecordBatchWorkerData;
const { control } = data;
const post = (message: BatchWorkerMessage): void => parentPort?.postMessage(message);
// names are not counted: the table comes from the main thread's batch
let preparer: ReturnType<typeof createBatchPreparer> | undefined = createBatchPreparer({ frequencies: false });
/**
 * Records posted and not yet prepared here, piece by piece. Reading comes first (the main thread
 * waits for it); they are prepared while the window is full, or once the backlog holds
 * BACKLOG_RECORDS records (parsed records take more memory than prepared ones), and the rest
 * once the batch is known (then only as many as it holds), while the main thread blocks. Reading,
 * parsing, posting and preparing a record take this thread longer than preparing it takes the
 * main thread, so a small backlog made the main thread wait for every piece (at 1M, load ≈ 3.5,
 * 16 pieces: 79 s instead of 39 s to the end of reading; load ≈ 2, 100,000 records: 47 s, 250,000:
 * 42 s, peak RSS 3.74 -> 3.88 GB).
 */
const backlog: (readonly ResolvableRecord[])[] = [];
const BACKLOG_RECORDS = 250_000;
let backlogRecords = 0;
let added = 0;

/** Prepares the next `count` backlog records at most (a whole piece by default). */
function prepareNext(count = Infinity): void {
  const piece = backlog.shift() ?? [];
  backlogRecords -= piece.length;
  const take = Math.min(count, piece.length);
  for (let k = 0; k < take; k++) preparer?.add(piece[k] as ResolvableRecord);
  added += take;
}

function read(): void {
  const keep = data.keep === undefined ? undefined : new Set(data.keep);
  for (const { endOffset, ...piece } of recordFilePieces(data.path, { pieceBytes: data.pieceBytes, ...(keep ? { keep } : {}), ...(data.schema === undefined ? {} : { schema: data.schema }) })) {
    for (;;) {
      if (Atomics.load(control, CONTROL.finished) !== 0) return;
      const inFlight = Atomics.load(control, CONTROL.inFlight);
      if (inFlight < data.window && backlogRecords < BACKLOG_RECORDS) break;
      if (backlog.length > 0) prepareNext();
      else Atomics.wait(control, CONTROL.inFlight, inFlight);
    }
    Atomics.add(control, CONTROL.inFlight, 1);
    post({ kind: 'piece', piece, endOffset });
    if (piece.records.length > 0) {
      backlog.push(piece.records);
      backlogRecords += piece.records.length;
    }
  }
  post({ kind: 'read' });
}

try {
  read();
  let records: readonly PreparedRecord[] = [];
  parentPort?.on('message', (request: BatchWorkerRequest) => {
    try {
      if (request.kind === 'records') {
        preparer = undefined;
        backlog.length = 0;
        records = request.records;
        post({ kind: 'ready' });
      } else if (request.kind === 'prepared') {
        if (!preparer) throw new Error('the prepared batch was asked for twice');
        while (added < request.count && backlog.length > 0) prepareNext(request.count - added);
        backlog.length = 0;
        records = preparer.finishCopy(request.count, request.frequencies).prepared;
        preparer = undefined;
        post({ kind: 'ready' });
      } else {
        post({ kind: 'compared', compared: compareShare(records, request) });
      }
    } catch (error) {
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
}
