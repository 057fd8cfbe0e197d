/**
 * Worker thread body of a record batch (record-batch.ts), in two phases:
 *
 * 1. Read the file in pieces of whole lines, parse them (record-file-pieces.ts) and post each piece's
 *    records and rejected lines to the main thread, which prepares them. At most `window` pieces
 *    are posted and not yet taken (a counter in shared memory), so memory stays bounded; reading
 *    stops early when the main thread has its batch (a prefix of the file). While the window is
 *    full, the main thread is the slower of the two: the worker then normalises the new name
 *    strings of the piece it holds and posts them with it (the main thread adopts them instead of
 *    normalising them itself), so that each thread's share follows its speed.
 * 2. Receive a copy of the prepared batch (structured clone, while the main thread blocks) and
 *    compare its share of the candidate pairs (compare-share.ts) when asked.
 *
 * workerData: RecordBatchWorkerData; messages out: BatchWorkerMessage; in: BatchWorkerRequest
 * (record-batch-protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nameStringsOf, normalizeName, type NormalizedName, type PreparedRecord } from '@mosaic/matching';
import { schemaGroup, type ResolvableRecord } from '@mosaic/resolution';
import { compareShare } from './compare-share.ts';
import { CONTROL, type BatchWorkerMessage, type BatchWorkerRequest, type RecordBatchWorkerData } from './record-batch-protocol.ts';
import { recordFilePieces } from './record-file-pieces.ts';

const data = workerData as RecordBatchWorkerData;
const { control } = data;
const post = (message: BatchWorkerMessage): void => parentPort?.postMessage(message);

/** Name strings of earlier pieces: normalised here, or left to the main thread. */
const named = new Set<string>();

/** The piece's name strings not in an earlier piece, each once. */
function newNameStrings(records: readonly ResolvableRecord[]): string[] {
  const out: string[] = [];
  for (const record of records) {
    if (schemaGroup(record.schema) === undefined) continue;
    for (const text of nameStringsOf(record)) {
      if (named.has(text)) continue;
      named.add(text);
      out.push(text);
    }
  }
  return out;
}

function read(): void {
  const keep = data.keep === undefined ? undefined : new Set(data.keep);
  for (const { endOffset, ...piece } of recordFilePieces(data.path, { pieceBytes: data.pieceBytes, ...(keep ? { keep } : {}), ...(data.schema === undefined ? {} : { schema: data.schema }) })) {
    const strings = newNameStrings(piece.records);
    const names: [string, NormalizedName][] = [];
    for (;;) {
      if (Atomics.load(control, CONTROL.finished) !== 0) return;
      const inFlight = Atomics.load(control, CONTROL.inFlight);
      if (inFlight < data.window) break;
      // the main thread is behind (the window is full): normalise the piece's new names meanwhile,
      // which it would otherwise do itself while preparing; only then wait
      const text = strings[names.length];
      if (text !== undefined) names.push([text, normalizeName(text)]);
      else Atomics.wait(control, CONTROL.inFlight, inFlight);
    }
    Atomics.add(control, CONTROL.inFlight, 1);
    post({ kind: 'piece', piece, endOffset, names });
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
