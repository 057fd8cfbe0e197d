/**
 * Worker thread body of a full resolution pass (full-pass.ts): receives the records in pieces,
 * prepares them as they come, resolves the batch (resolvePrepared) and posts back the run's
 * state less what the main thread prepares itself (full-pass-protocol.ts). One pass at a time;
 * the thread stays for the next one.
 *
 * messages in: PassRequest; out: PassMessage.
 */
import { parentPort } from 'node:worker_threads';
import { createBatchPreparer, resolvePrepared, type BatchPreparer } from '@mosaic/resolution';
import type { PassMessage, PassOptions, PassRequest } from './full-pass-protocol.ts';

const post = (message: PassMessage): void => parentPort?.postMessage(message);

let preparer: BatchPreparer | undefined;
let options: PassOptions | undefined;

parentPort?.on('message', (request: PassRequest) => {
  try {
    if (request.kind === 'begin') {
      preparer = createBatchPreparer();
      options = request.options;
    } else if (request.kind === 'records') {
      for (const record of request.records) preparer?.add(record);
    } else {
      if (!preparer || !options) throw new Error('a pass ended that had not begun');
      const batch = preparer.finish();
      const run = resolvePrepared(batch, options);
      preparer = undefined;
      options = undefined;
      const { ids, prepared: _prepared, groups: _groups, scorer: _scorer, ...state } = run.state;
      post({ kind: 'resolved', records: ids.length, state, change: run.change, model: run.model, stats: run.stats });
    }
  } catch (error) {
    preparer = undefined;
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
