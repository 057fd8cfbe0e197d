/**
 * Reading a document off the calling thread, as extraction is (extract-off-thread.ts): a PDF is
 * parsed by pdf.js, a DOCX unzipped and its XML parsed, an HTML page parsed, each in one stretch
 * that holds the thread (a 500-page PDF about a second, a DOCX of 20,000 paragraphs 0.4 s, the
 * first PDF of a process 0.1 s while pdf.js loads), and a serving node answers checkpoint checks
 * on that thread. A PDF, and a DOCX or HTML page larger than `IN_THREAD_BYTES`, is read in a
 * worker thread started for it, and so is a small DOCX whose parts unzip to more than
 * `IN_THREAD_UNZIPPED_BYTES` (16 kB of DOCX can unzip to 16 MB of XML, seconds of reading);
 * plain text, and a small DOCX or page, here. A refusal comes back as the same AppError (code,
 * message, field and reason) as readDocument's own.
 *
 * The worker's memory and time are bounded (`READ_WORKER_MEMORY_MB`, `READ_WORKER_TIMEOUT_MS`):
 * whatever a document expands to that readDocument's limits do not catch (a PDF's streams that
 * draw rather than write, decoded outside the heap), the worker is stopped there and the
 * document refused, naming `content`, rather than the process running out of memory. A PDF's
 * time is made of its size as well (pdfReadTimeoutMs): pages that all draw one stream hold no
 * text for the text limit to stop, and a file of 290 kB kept a core for the whole 2 minutes.
 * Workers read `READ_WORKERS_AT_ONCE` documents at a time in a process, the others waiting their
 * turn (worker-turns.ts): twenty such files sent at once took twenty workers, every core of the
 * node, and could ask twenty times the memory one may hold. At most `READ_WAITING_AT_MOST` wait,
 * each holding its bytes; one more is refused at once, MOSAIC_BUSY with a time to send it again
 * (the HTTP edge's 503 and Retry-After), where a flood of uploads queued without end.
 */
import { AppError, type ErrorCode } from '@mosaic/model';
import { readDocument, type ReadLimits } from './read-document.ts';
import { openZip } from './read-zip.ts';
import { answerOfWorker, WorkerMemoryError, WorkerTimeoutError } from './worker-answer.ts';
import { createTurns, NoTurnLeft } from './worker-turns.ts';
import { availableParallelism } from 'node:os';

export const IN_THREAD_BYTES = 16 * 1024;
export const IN_THREAD_UNZIPPED_BYTES = 256 * 1024;

/** The memory a document's worker may hold (heap and buffers): reading 10 MB of DOCX XML takes about 0.5 GB, 10 MB of a PDF's text less. */
export const READ_WORKER_MEMORY_MB = 1024;
/** How long a document's worker may read: 10 MB of DOCX XML, the most read, takes 10 to 20 s. */
export const READ_WORKER_TIMEOUT_MS = 120_000;

/**
 * How long a PDF's worker may read, by the file's size: 10 s and 20 s a MB, at most
 * READ_WORKER_TIMEOUT_MS. A PDF's text is read at about 2 MB a second (bench/read-documents.ts:
 * 500 pages, 2.45 MB, in 1.2 s), so a true report has forty times the time it needs, on a
 * loaded node too; a file whose pages redraw one stream is stopped in seconds, not minutes.
 */
export function pdfReadTimeoutMs(bytes: number): number {
  return Math.min(READ_WORKER_TIMEOUT_MS, Math.round(10_000 + (20_000 * bytes) / (1024 * 1024)));
}

/** Documents read in workers at once in a process: a core is left to the node's serving thread. */
export const READ_WORKERS_AT_ONCE = Math.max(1, availableParallelism() - 1);
/**
 * Documents waiting for a worker at most: four for each at work, the most read waiting no longer
 * than a few of a report's usual reading times (a second or two), and at most some 40 MB each held.
 */
export const READ_WAITING_AT_MOST = 4 * READ_WORKERS_AT_ONCE;
/** When a document refused for want of a turn may be sent again, in seconds: long enough for those waiting to be read. */
export const READ_RETRY_AFTER_S = 10;
const turns = createTurns(READ_WORKERS_AT_ONCE, { waitingAtMost: READ_WAITING_AT_MOST });

/** A turn to read a document in a worker, or MOSAIC_BUSY when as many wait as may. */
function takeTurn(): Promise<() => void> {
  return turns.take().catch((error: unknown) => {
    if (!(error instanceof NoTurnLeft)) throw error;
    throw new AppError('MOSAIC_BUSY', `extract: this node has ${error.waitingAtMost} documents waiting to be read, as many as it holds: send the document again in ${READ_RETRY_AFTER_S} s`, { retryAfter: READ_RETRY_AFTER_S });
  });
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ReadWorkerData {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly limits: ReadLimits;
}

/** What the worker answers: the text, or the error it met, as data. */
export type ReadWorkerAnswer =
  | { readonly text: string }
  | { readonly error: { readonly message: string; readonly code?: ErrorCode; readonly details?: Readonly<Record<string, unknown>> } };

function inThread(bytes: Uint8Array, mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/plain') return true;
  if (type === 'application/pdf' || bytes.byteLength > IN_THREAD_BYTES) return false;
  return type !== DOCX || unzippedBytes(bytes) <= IN_THREAD_UNZIPPED_BYTES;
}

/** What a DOCX's parts unzip to, as its entries declare (read-zip.ts holds each part to it); 0 for no archive, refused as fast here. */
function unzippedBytes(bytes: Uint8Array): number {
  try {
    return openZip(bytes, { budget: 0 }).unzippedBytes;
  } catch {
    return 0;
  }
}

export interface OffThreadLimits extends ReadLimits {
  /** The memory the worker may hold, in MB. */
  readonly workerMemoryMb?: number;
  /** How long the worker may read, in ms. */
  readonly workerTimeoutMs?: number;
}

export async function readDocumentOffThread(bytes: Uint8Array, mediaType: string, { workerMemoryMb = READ_WORKER_MEMORY_MB, workerTimeoutMs, ...limits }: OffThreadLimits = {}): Promise<string> {
  if (inThread(bytes, mediaType)) return readDocument(bytes, mediaType, limits);
  const data: ReadWorkerData = { bytes, mediaType, limits };
  const pdf = mediaType.split(';')[0]?.trim().toLowerCase() === 'application/pdf';
  const timeoutMs = workerTimeoutMs ?? (pdf ? pdfReadTimeoutMs(bytes.byteLength) : READ_WORKER_TIMEOUT_MS);
  const endTurn = await takeTurn();
  const answer = await answerOfWorker<ReadWorkerAnswer>(new URL('./read-document-worker.ts', import.meta.url), data, 'document reading', { memoryMb: workerMemoryMb, timeoutMs })
    .catch((error: unknown) => {
      const reason = error instanceof WorkerMemoryError ? `needs more than ${error.limitMb} MB of memory to be read`
        : error instanceof WorkerTimeoutError ? `takes more than ${Number((error.limitMs / 1000).toFixed(1))} s to read` : undefined;
      // `stopped`: the document was given up on at a bound, not found to be unreadable
      throw reason === undefined ? error : new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason, stopped: true });
    })
    .finally(endTurn);
  if ('text' in answer) return answer.text;
  const { message, code, details } = answer.error;
  throw code === undefined ? new Error(message) : new AppError(code, message, details);
}
