/** Worker thread body of readDocumentOffThread: reads the document it is given and answers once, with its text or the error met. */
import { AppError } from '@mosaic/model';
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadWorkerAnswer, ReadWorkerData } from './read-document-off-thread.ts';
import { readDocument } from './read-document.ts';

const { bytes, mediaType, limits } = workerData as ReadWorkerData;
let answer: ReadWorkerAnswer;
try {
  answer = { text: await readDocument(bytes, mediaType, limits) };
} catch (error) {
  answer = error instanceof AppError
    ? { error: { message: error.message, code: error.code, ...(error.details ? { details: error.details } : {}) } }
    : { error: { message: error instanceof Error ? error.message : String(error) } };
}
parentPort?.postMessage(answer);
