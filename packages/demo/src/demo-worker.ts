/**
 * Worker thread body: generates whole chunks on request. Messages in: { persons, seed, asOf, chunk };
 * out: the chunk's DemoText, or { error } with a message.
 */
import { parentPort } from 'node:worker_threads';
import { demoChunkText } from './demo-text.ts';

interface ChunkRequest {
  readonly persons: number;
  readonly seed: number;
  readonly asOf: string;
  readonly chunk: number;
}

parentPort?.on('message', (request: ChunkRequest) => {
  try {
    parentPort?.postMessage({ chunk: request.chunk, text: demoChunkText({ persons: request.persons, seed: request.seed, asOf: request.asOf }, request.chunk) });
  } catch (error) {
    parentPort?.postMessage({ chunk: request.chunk, error: error instanceof Error ? error.message : String(error) });
  }
});
