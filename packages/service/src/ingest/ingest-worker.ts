/**
 * Worker thread body for JSON Lines ingest: parses, validates and prepares pieces of the file
 * (whole lines, as bytes) with the shipped schema registry. workerData: the validation options
 * and resume point; messages in: { seq, bytes, firstLine, endOffset }; out: { seq, chunk } or
 * { seq, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { schemata, type ProvenanceDefaults } from '@mosaic/model';
import type { ReviewDates } from './review-dates.ts';
import { validateJsonPiece } from './jsonl-file-chunks.ts';

export interface IngestWorkerData {
  readonly resumeAfter: number;
  readonly defaults?: ProvenanceDefaults;
  readonly maxValues?: number;
  readonly reviewDates?: ReviewDates;
  readonly agencies?: readonly string[];
  readonly phoneCountry?: string;
}

export interface PieceRequest {
  readonly seq: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly firstLine: number;
  readonly endOffset: number;
}

const registry = schemata();
const options = workerData as IngestWorkerData;

parentPort?.on('message', ({ seq, ...piece }: PieceRequest) => {
  try {
    parentPort?.postMessage({ seq, chunk: validateJsonPiece(registry, piece, options) });
  } catch (error) {
    parentPort?.postMessage({ seq, error: error instanceof Error ? error.message : String(error) });
  }
});
