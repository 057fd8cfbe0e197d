/**
 * A JSON Lines file as validated chunks, in line order: this thread reads the file in pieces of
 * whole lines (cut at the last newline, lines counted so each piece knows its first line number)
 * and worker threads parse, validate and prepare them, so the thread that writes to the store
 * does little else. At most four pieces per worker are in flight, so memory stays bounded
 * whatever the file's size. With `workers: 0` the pieces are validated in this thread by the
 * same function.
 */
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AppError, schemata, type SchemaRegistry } from '@mosaic/model';
import type { IngestWorkerData, PieceRequest } from './ingest-worker.ts';
import { decodeLines, NOT_UTF8, refuseUtf16 } from './line-reader.ts';
import { validateJsonLines, type ChunkOptions, type RejectedLine, type ValidatedChunk } from './validated-chunk.ts';

export interface JsonlFileChunksOptions extends ChunkOptions {
  /** Worker threads; 0 validates in this thread. */
  readonly workers: number;
  /** Bytes read per piece (a piece grows to hold one line longer than this). */
  readonly pieceBytes?: number;
}

interface WorkerReply {
  readonly seq: number;
  readonly chunk?: ValidatedChunk;
  readonly error?: string;
}

const NEWLINE = 0x0a;
const PIECES_IN_FLIGHT = 4;

/** Pieces of whole lines with their first line number and the byte offset at their end. */
async function* filePieces(path: string, pieceBytes: number): AsyncGenerator<PieceRequest> {
  const handle = await open(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let line = 1;
    let offset = 0;
    let seq = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(carry.length + pieceBytes);
      carry.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carry.length, pieceBytes, null);
      const filled = carry.length + bytesRead;
      const eof = bytesRead === 0;
      if (seq === 0 && (filled >= 2 || eof)) refuseUtf16(buffer.subarray(0, filled));
      const cut = eof ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      if (cut === 0) {
        // No newline yet: a line longer than a piece; read on.
        carry = buffer.subarray(0, filled);
        if (eof) break;
        continue;
      }
      // A fresh copy of exactly the piece, so it can be transferred to a worker.
      const bytes = new Uint8Array(cut);
      bytes.set(buffer.subarray(0, cut));
      carry = Buffer.from(buffer.subarray(cut, filled));
      offset += cut;
      yield { seq: seq++, bytes, firstLine: line, endOffset: offset };
      if (eof) break;
      for (let at = buffer.indexOf(NEWLINE, 0); at !== -1 && at < cut; at = buffer.indexOf(NEWLINE, at + 1)) line += 1;
    }
  } finally {
    await handle.close();
  }
}

/**
 * A piece of the file validated: its lines that are not UTF-8 are rejected by number (they are
 * left blank to the JSON reader), the rest parsed and validated. In workers and in this thread.
 */
export function validateJsonPiece(registry: SchemaRegistry, { bytes, firstLine, endOffset }: Omit<PieceRequest, 'seq'>, options: ChunkOptions): ValidatedChunk {
  const { text, notUtf8 } = decodeLines(bytes, firstLine === 1, true);
  const chunk = validateJsonLines(registry, text, { ...options, firstLine, endOffset });
  if (notUtf8.length === 0) return chunk;
  const lines = notUtf8.map((index) => firstLine + index);
  const rejected: RejectedLine[] = [...chunk.rejected];
  let { resumed } = chunk;
  for (const line of lines) {
    if (line <= options.resumeAfter) resumed += 1;
    else rejected.push({ line, errors: [{ field: 'record', reason: NOT_UTF8 }] });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { ...chunk, lines: chunk.lines + lines.length, resumed, lastLine: Math.max(chunk.lastLine, ...lines), rejected };
}

export async function* jsonlFileChunks(path: string, registry: SchemaRegistry, { workers, pieceBytes = 1 << 20, ...options }: JsonlFileChunksOptions): AsyncGenerator<ValidatedChunk> {
  if (!Number.isInteger(workers) || workers < 0) throw new AppError('MOSAIC_INVALID_INPUT', 'ingest: workers must be a whole number, 0 or more');
  const pieces = filePieces(path, pieceBytes);
  // Workers load the shipped schemata themselves, and a function (reviewDateFor) cannot be
  // sent to them: any other registry, or a review-date rule, is validated in this thread.
  if (workers <= 0 || registry !== schemata() || options.reviewDateFor !== undefined) {
    for await (const piece of pieces) yield validateJsonPiece(registry, piece, options);
    return;
  }
  const { resumeAfter, defaults, maxValues, reviewDates, agencies, phoneCountry } = options;
  const data: IngestWorkerData = {
    resumeAfter, ...(defaults ? { defaults } : {}), ...(maxValues === undefined ? {} : { maxValues }), ...(reviewDates ? { reviewDates } : {}), ...(agencies ? { agencies } : {}),
    ...(phoneCountry === undefined ? {} : { phoneCountry }),
  };
  const pool = Array.from({ length: workers }, () =>
    new Worker(new URL('./ingest-worker.ts', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512 } }));
  const replies = new Map<number, WorkerReply>();
  const owner = new Map<number, Worker>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let sent = 0;
  let exhausted = false;
  const send = async (worker: Worker): Promise<void> => {
    if (exhausted) return;
    const next = await pieces.next();
    if (next.done === true) {
      exhausted = true;
      return;
    }
    owner.set(next.value.seq, worker);
    worker.postMessage(next.value, [next.value.bytes.buffer]);
    sent += 1;
  };
  for (const worker of pool) {
    worker.on('message', (reply: WorkerReply) => {
      replies.set(reply.seq, reply);
      wake?.();
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake?.();
    });
    worker.on('exit', (code) => {
      failure ??= new AppError('MOSAIC_INTERNAL', `ingest: a validation worker stopped (exit code ${code})`);
      wake?.();
    });
  }
  try {
    // Several pieces per worker, so a worker keeps validating while this thread is inside a
    // batch's transaction (a batch spans about two pieces).
    for (let k = 0; k < PIECES_IN_FLIGHT; k++) for (const worker of pool) await send(worker);
    for (let seq = 0; seq < sent; seq++) {
      let reply = replies.get(seq);
      while (reply === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        reply = replies.get(seq);
      }
      replies.delete(seq);
      if (reply.error !== undefined || reply.chunk === undefined) throw new AppError('MOSAIC_INTERNAL', `ingest: piece ${seq} failed: ${reply.error ?? 'no result'}`);
      const worker = owner.get(seq);
      owner.delete(seq);
      if (worker) await send(worker);
      yield reply.chunk;
    }
  } finally {
    await pieces.return(undefined);
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
