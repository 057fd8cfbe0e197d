/**
 * Extraction off the calling thread: a serving node answers checkpoint checks on its one
 * JavaScript thread, and reading a long report for entities holds that thread about a second per
 * megabyte. A text longer than `IN_THREAD_CHARACTERS` is read in a worker thread started for it
 * (its start, about 0.2 s with the gazetteer, is paid only by long reports); a shorter one here,
 * where it takes a few tens of milliseconds at most.
 */
import { extract } from './extract.ts';
import type { ExtractOptions, ExtractResult } from './types.ts';
import { answerOfWorker } from './worker-answer.ts';

export const IN_THREAD_CHARACTERS = 64 * 1024;

export interface ExtractWorkerData {
  readonly text: string;
  readonly options: ExtractOptions;
}

export function extractOffThread(text: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  if (text.length <= IN_THREAD_CHARACTERS) return Promise.resolve(extract(text, options));
  const data: ExtractWorkerData = { text, options };
  return answerOfWorker(new URL('./extract-worker.ts', import.meta.url), data, 'extraction');
}
