/**
 * Reading a document off the calling thread, as extraction is (extract-off-thread.ts): a PDF is
 * parsed by pdf.js, a DOCX unzipped and its XML parsed, an HTML page parsed, each in one stretch
 * that holds the thread (a 500-page PDF about a second, a DOCX of 20,000 paragraphs 0.4 s, the
 * first PDF of a process 0.1 s while pdf.js loads), and a serving node answers checkpoint checks
 * on that thread. A PDF, and a DOCX or HTML page larger than `IN_THREAD_BYTES`, is read in a
 * worker thread started for it; plain text, and a small DOCX or page, here. A refusal comes back
 * as the same AppError (code, message, field and reason) as readDocument's own.
 */
import { AppError, type ErrorCode } from '@mosaic/model';
import { readDocument } from './read-document.ts';
import { answerOfWorker } from './worker-answer.ts';

export const IN_THREAD_BYTES = 16 * 1024;

export interface ReadWorkerData {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

/** What the worker answers: the text, or the error it met, as data. */
export type ReadWorkerAnswer =
  | { readonly text: string }
  | { readonly error: { readonly message: string; readonly code?: ErrorCode; readonly details?: Readonly<Record<string, unknown>> } };

function inThread(bytes: Uint8Array, mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return false;
  return type === 'text/plain' || bytes.byteLength <= IN_THREAD_BYTES;
}

export async function readDocumentOffThread(bytes: Uint8Array, mediaType: string): Promise<string> {
  if (inThread(bytes, mediaType)) return readDocument(bytes, mediaType);
  const data: ReadWorkerData = { bytes, mediaType };
  const answer = await answerOfWorker<ReadWorkerAnswer>(new URL('./read-document-worker.ts', import.meta.url), data, 'document reading');
  if ('text' in answer) return answer.text;
  const { message, code, details } = answer.error;
  throw code === undefined ? new Error(message) : new AppError(code, message, details);
}
