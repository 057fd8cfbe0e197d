/**
 * Worker thread body for JSON Lines ingest: parses, validates and prepares pieces of the file
 * (whole lines, as bytes) with the shipped schema registry. workerData: the validation options
 * and resume point; messages in: { seq, bytes, firstLine, endOffset }; out: { seq, chunk } or
 * { seq, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { schemata, type ProvenanceDefaults } from '@mosaic/model';
import type { ReviewDates } from './review-dates.ts';
import { validateJsonLines } from './validated-chunk.ts';

export interface IngestWorkerData {
  readonly resumeAfter: number;
  readonly defaults?: ProvenanceDefaults;
  readonly maxValues?: number;
  readonly reviewDates?: ReviewDates;
}

export interface PieceRequest {
  readonly seq: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly firstLine: number;
  readonly endOffset: number;
}

const registry = schemata();
const options = workerData as IngestWorkerData;
// A byte-order mark is dropped at the start of the file only, as a streaming decoder does.
const first = new TextDecoder('utf-8');
const rest = new TextDecoder('utf-8', { ignoreBOM: true });

parentPort?.on('message', ({ seq, bytes, firstLine, endOffset }: PieceRequest) => {
  try {
    const text = (firstLine === 1 ? first : rest).decode(bytes);
    parentPort?.postMessage({ seq, chunk: validateJsonLines(registry, text, { ...options, firstLine, endOffset }) });
  } catch (error) {
    parentPort?.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
