/**
 * Extraction off the calling thread: a serving node answers checkpoint checks on its one
 * JavaScript thread, and reading a long report for entities holds that thread about a second per
 * megabyte. A text longer than `IN_THREAD_CHARACTERS` is read in a worker thread started for it
 * (its start, about 0.2 s with the gazetteer, is paid only by long reports); a shorter one here,
 * where it takes a few tens of milliseconds at most.
 */
import { Worker } from 'node:worker_threads';
import { extract } from './extract.ts';
import type { ExtractOptions, ExtractResult } from './types.ts';

export const IN_THREAD_CHARACTERS = 64 * 1024;

export interface ExtractWorkerData {
  readonly text: string;
  readonly options: ExtractOptions;
}

export function extractOffThread(text: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  if (text.length <= IN_THREAD_CHARACTERS) return Promise.resolve(extract(text, options));
  return new Promise((resolve, reject) => {
    const data: ExtractWorkerData = { text, options };
    const worker = new Worker(new URL('./extract-worker.ts', import.meta.url), { workerData: data });
    let answered = false;
    worker.once('message', (result: ExtractResult) => {
      answered = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the extraction worker stopped (exit code ${code}) before answering`));
    });
  });
}
