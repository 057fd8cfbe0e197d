/**
 * Worker thread body of a record batch (record-batch.ts), in two phases:
 *
 * 1. Read the file in pieces of whole lines, parse them (record-file-pieces.ts) and post each piece's
 *    records and rejected lines to the main thread, which prepares them. At most `window` pieces
 *    are posted and not yet taken (a counter in shared memory), so memory stays bounded; reading
 *    stops early when the main thread has its batch (a prefix of the file).
 * 2. Receive a copy of the prepared batch (structured clone, while the main thread blocks) and
 *    compare its share of the candidate pairs (compare-share.ts) when asked.
 *
 * workerData: RecordBatchWorkerData; messages out: BatchWorkerMessage; in: BatchWorkerRequest
 * (record-batch-protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PreparedRecord } from '@mosaic/matching';
import { compareShare } from './compare-share.ts';
import { CONTROL, type BatchWorkerMessage, type BatchWorkerRequest, type RecordBatchWorkerData } from './record-batch-protocol.ts';
import { recordFilePieces } from './record-file-pieces.ts';

const data = workerData as RecordBatchWorkerData;
const { control } = data;
const post = (message: BatchWorkerMessage): void => parentPort?.postMessage(message);

function read(): void {
  const keep = data.keep === undefined ? undefined : new Set(data.keep);
  for (const { endOffset, ...piece } of recordFilePieces(data.path, { pieceBytes: data.pieceBytes, ...(keep ? { keep } : {}), ...(data.schema === undefined ? {} : { schema: data.schema }) })) {
    for (;;) {
      if (Atomics.load(control, CONTROL.finished) !== 0) return;
      const inFlight = Atomics.load(control, CONTROL.inFlight);
      if (inFlight < data.window) break;
      Atomics.wait(control, CONTROL.inFlight, inFlight);
    }
    Atomics.add(control, CONTROL.inFlight, 1);
    post({ kind: 'piece', piece, endOffset });
  }
  post({ kind: 'read' });
}

try {
  read();
  let records: readonly PreparedRecord[] = [];
  parentPort?.on('message', (request: BatchWorkerRequest) => {
    try {
      if (request.kind === 'records') {
        records = request.records;
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
