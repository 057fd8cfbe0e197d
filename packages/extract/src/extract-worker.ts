/** Worker thread body of extractOffThread: extracts the text it is given and answers once. */
import { parentPort, workerData } from 'node:worker_threads';
import { extract } from './extract.ts';
import type { ExtractWorkerData } from './extract-off-thread.ts';

const { text, options } = workerData as ExtractWorkerData;
parentPort?.postMessage(extract(text, options));
