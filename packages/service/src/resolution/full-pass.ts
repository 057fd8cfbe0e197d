/**
 * A full resolution pass over a store's records that leaves the serving thread free. A pass of a
 * large store takes seconds (80,000 records: about 15 s, most of it preparing and comparing), and
 * run where requests are answered it held every check and page for as long. From `workerFrom`
 * records on, a worker thread (full-pass-worker.ts) resolves the batch while this thread
 * prepares the same records for its own index, giving the event loop a turn every few
 * milliseconds, and takes back the rest of the run's state (the name-frequency table included,
 * filled into this thread's prepared names a step at a time). Preparing is deterministic (the
 * same records in the same order give the same prepared records and name frequencies), so the
 * two halves fit together as one run. A smaller pass runs here at once: it takes well under a
 * second, less than starting a worker.
 */
import { Worker } from 'node:worker_threads';
import { MATCHING_PROPERTIES } from '@mosaic/matching';
import { AppError } from '@mosaic/model';
import { createBatchPreparer, createPairScorer, resolveRecords, type ResolutionRun, type ResolvableRecord } from '@mosaic/resolution';
import { createEventLoopYielder } from '../event-loop-yielder.ts';
import type { PassMessage, PassOptions, PassRequest } from './full-pass-protocol.ts';

/** Records per message to the worker: each is copied while this thread waits, so a few milliseconds' worth. */
const PIECE = 1000;

export interface FullPass {
  /** Resolves the records from the snapshot (as resolveRecords with these options would). */
  run(records: readonly ResolvableRecord[], options: PassOptions): Promise<ResolutionRun>;
  /** Stops the worker, if one was started. */
  close(): Promise<void>;
}

export function createFullPass({ workerFrom = 5000 }: { readonly workerFrom?: number } = {}): FullPass {
  let worker: Worker | undefined;
  let waiting: PromiseWithResolvers<Extract<PassMessage, { kind: 'resolved' }>> | undefined;

  const fail = (message: string): void => {
    waiting?.reject(new AppError('MOSAIC_INTERNAL', `resolve: the full pass failed: ${message}`));
    waiting = undefined;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const created = new Worker(new URL('./full-pass-worker.ts', import.meta.url));
    // an idle worker does not keep the process alive
    created.unref();
    created.on('message', (message: PassMessage) => {
      if (message.kind === 'error') return fail(message.message);
      waiting?.resolve(message);
      waiting = undefined;
    });
    created.on('error', (error) => fail(error.message));
    created.on('exit', (code) => {
      if (worker === created) worker = undefined;
      fail(`the worker stopped (exit code ${code})`);
    });
    worker = created;
    return created;
  };

  return {
    async run(records, options) {
      if (records.length < workerFrom) return resolveRecords(records, options);
      const thread = started();
      waiting = Promise.withResolvers();
      const result = waiting.promise;
      // a failure while the records are still being sent is reported where the result is awaited
      result.catch(() => undefined);
      const giveWay = createEventLoopYielder();
      thread.postMessage({ kind: 'begin', options } satisfies PassRequest);
      for (let from = 0; from < records.length; from += PIECE) {
        thread.postMessage({ kind: 'records', records: records.slice(from, from + PIECE).map(matchingOnly) } satisfies PassRequest);
        await giveWay();
      }
      thread.postMessage({ kind: 'end' } satisfies PassRequest);
      // meanwhile, the same records prepared here for the index that incremental resolution
      // continues from, with the worker's name-frequency table (the same records give the same)
      const preparer = createBatchPreparer();
      for (const record of records) {
        preparer.add(record);
        await giveWay();
      }
      const resolved = await result;
      const finishing = preparer.finishWith(resolved.state.frequencies);
      let step = finishing.next();
      for (; !step.done; step = finishing.next()) await giveWay();
      const batch = step.value;
      if (resolved.records !== batch.ids.length) throw new AppError('MOSAIC_INTERNAL', `resolve: the full pass resolved ${resolved.records} records of ${batch.ids.length}`);
      return {
        state: { ...resolved.state, ids: batch.ids, prepared: batch.prepared, groups: batch.groups, scorer: createPairScorer(resolved.model) },
        change: resolved.change,
        model: resolved.model,
        stats: resolved.stats,
      };
    },
    async close() {
      const thread = worker;
      worker = undefined;
      if (thread) {
        thread.removeAllListeners();
        fail('the node is shutting down');
        await thread.terminate();
      }
    },
  };
}

/** A record with only what preparing it reads (the copy to the worker is the smaller). */
function matchingOnly(record: ResolvableRecord): ResolvableRecord {
  const properties: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(record.properties)) if (MATCHING_PROPERTIES.has(name)) properties[name] = values;
  return { id: record.id, schema: record.schema, properties };
}
