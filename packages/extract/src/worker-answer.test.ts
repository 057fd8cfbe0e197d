import { describe, expect, it } from 'vitest';
import { answerOfWorker, WorkerMemoryError, WorkerTimeoutError } from './worker-answer.ts';

const script = (body: string): URL => new URL(`data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';\n${body}`)}`);

describe('answerOfWorker', () => {
  it('answers with the worker\'s one message', async () => {
    expect(await answerOfWorker(script('parentPort.postMessage({ text: "done" });'), undefined, 'test', { memoryMb: 256, timeoutMs: 10_000 })).toEqual({ text: 'done' });
  });

  it('stops a worker holding more than its memory in buffers outside its heap, which the heap\'s own limit does not count', async () => {
    const hoarding = script('const held = []; setInterval(() => held.push(new Uint8Array(16 * 1024 * 1024).fill(1)), 20);');
    const started = performance.now();
    await expect(answerOfWorker(hoarding, undefined, 'test', { memoryMb: 64 })).rejects.toSatisfy((error: unknown) => error instanceof WorkerMemoryError && error.limitMb === 64);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops a worker whose heap passes its memory', async () => {
    const growing = script('const held = []; setInterval(() => { for (let i = 0; i < 100_000; i++) held.push({ i, s: String(i) }); }, 1);');
    await expect(answerOfWorker(growing, undefined, 'test', { memoryMb: 32 })).rejects.toBeInstanceOf(WorkerMemoryError);
  });

  it('stops a worker that does not answer in time', async () => {
    await expect(answerOfWorker(script('setInterval(() => {}, 1000);'), undefined, 'test', { timeoutMs: 200 })).rejects.toSatisfy((error: unknown) => error instanceof WorkerTimeoutError && error.limitMs === 200);
  });
});
