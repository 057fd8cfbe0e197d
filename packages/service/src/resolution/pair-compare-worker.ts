/**
 * Worker thread body for comparing candidate pairs beside the main thread: it is given a copy of
 * the prepared records once (while the main thread blocks), then pair lists in shared memory,
 * and takes ranges of pairs from a shared counter with comparePairRange, the loop the main thread
 * runs too, until none are left. Messages in: PairCompareRequest; out: { kind: 'done' } after
 * each `compare`, or { kind: 'error', message }.
 */
import { parentPort } from 'node:worker_threads';
import type { PreparedRecord } from '@mosaic/matching';
import { comparePairRange, type PairComparisons } from '@mosaic/resolution';

export type PairCompareRequest =
  | { readonly kind: 'records'; readonly records: readonly PreparedRecord[] }
  | {
      readonly kind: 'compare';
      readonly left: Int32Array;
      readonly right: Int32Array;
      readonly out: PairComparisons;
      /** [0]: the next pair not yet taken by either thread. */
      readonly next: Int32Array;
      readonly count: number;
      readonly step: number;
    };

export type PairCompareReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly compared: number }
  | { readonly kind: 'error'; readonly message: string };

let records: readonly PreparedRecord[] = [];

parentPort?.on('message', (request: PairCompareRequest) => {
  try {
    if (request.kind === 'records') {
      records = request.records;
      parentPort?.postMessage({ kind: 'ready' } satisfies PairCompareReply);
      return;
    }
    const { left, right, out, next, count, step } = request;
    let compared = 0;
    for (let from = Atomics.add(next, 0, step); from < count; from = Atomics.add(next, 0, step)) {
      const to = Math.min(count, from + step);
      comparePairRange(records, { left, right }, out, from, to);
      compared += to - from;
    }
    parentPort?.postMessage({ kind: 'done', compared } satisfies PairCompareReply);
  } catch (error) {
    parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies PairCompareReply);
  }
});
