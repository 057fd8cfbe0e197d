/** A worker thread started for one piece of work: its one message is the answer, then it is stopped. */
import { Worker } from 'node:worker_threads';

export function answerOfWorker<T>(script: URL, workerData: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData });
    let answered = false;
    worker.once('message', (answer: T) => {
      answered = true;
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ${what} worker stopped (exit code ${code}) before answering`));
    });
  });
}
