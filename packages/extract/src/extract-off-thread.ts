/**
 * Extraction off the calling thread: a serving node answers checkpoint checks on its one
 * JavaScript thread, and reading a long report for entities holds that thread about a second per
 * megabyte. A text longer than `IN_THREAD_CHARACTERS` is read in a worker thread started for it
 * (its start, about 0.2 s with the gazetteer, is paid only by long reports); a shorter one here,
 * where it takes a few tens of milliseconds at most.
 *
 * The worker's time and memory are bounded, as a document's reading is (read-document-off-thread.ts):
 * a text is read for entities for at most 10 s and 10 s more per million characters
 * (extractTimeoutMs), in at most 1 GB, then given up, MOSAIC_INVALID_INPUT with `details.stopped`.
 * A true report is read at about a million characters a second (10 MB of a dense report, 120,000
 * entities, in 8 s and 360 MB), and so is one sentence listing names ("Present were Ivan
 * Kowalski, Piotr Nowak, …"); the bound is for texts no rule foresaw. A text read here is short
 * enough to take a few tens of milliseconds.
 */
import { AppError } from '@mosaic/model';
import { extract } from './extract.ts';
import type { ExtractOptions, ExtractResult } from './types.ts';
import { answerOfWorker, WorkerMemoryError, WorkerTimeoutError } from './worker-answer.ts';

export const IN_THREAD_CHARACTERS = 64 * 1024;

/** The memory an extraction's worker may hold: 10 MB of a dense report takes about 360 MB. */
export const EXTRACT_WORKER_MEMORY_MB = 1024;
/** The longest an extraction's worker may take, whatever the text's length. */
export const EXTRACT_WORKER_TIMEOUT_MS = 120_000;

/** How long a text of `characters` may be read for entities: 10 s and 10 s a million characters, at most EXTRACT_WORKER_TIMEOUT_MS. */
export function extractTimeoutMs(characters: number): number {
  return Math.min(EXTRACT_WORKER_TIMEOUT_MS, Math.round(10_000 + (10_000 * characters) / 1_000_000));
}

export interface ExtractLimits {
  /** How long the worker may take, in ms (default extractTimeoutMs of the text's length). */
  readonly timeoutMs?: number;
  /** The memory the worker may hold, in MB. */
  readonly memoryMb?: number;
}

export interface ExtractWorkerData {
  readonly text: string;
  readonly options: ExtractOptions;
}

export async function extractOffThread(text: string, options: ExtractOptions = {}, { timeoutMs = extractTimeoutMs(text.length), memoryMb = EXTRACT_WORKER_MEMORY_MB }: ExtractLimits = {}): Promise<ExtractResult> {
  if (text.length <= IN_THREAD_CHARACTERS) return extract(text, options);
  const data: ExtractWorkerData = { text, options };
  return answerOfWorker<ExtractResult>(new URL('./extract-worker.ts', import.meta.url), data, 'extraction', { memoryMb, timeoutMs }).catch((error: unknown) => {
    const reason = error instanceof WorkerMemoryError ? `finding its entities needs more than ${error.limitMb} MB of memory`
      : error instanceof WorkerTimeoutError ? `finding its entities takes more than the time limit of ${Number((error.limitMs / 1000).toFixed(1))} s` : undefined;
    // `stopped`: the text was given up on at a bound; the caller names the field or file it came from
    throw reason === undefined ? error : new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { reason, stopped: true });
  });
}
