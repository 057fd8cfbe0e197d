/**
 * Comparing candidate pairs on two threads: each thread takes ranges of pairs from a counter in
 * shared memory until none are left and compares them with @mosaic/resolution's comparePairRange
 * into one shared buffer. The thread that finishes first does more; any split gives the same
 * comparisons, since a pair's depends on its two prepared records alone (and both threads hold
 * the same prepared records).
 */
import type { PreparedRecord } from '@mosaic/matching';
import { allocatePairComparisons, comparePairRange, type CandidatePairs, type PairComparisons } from '@mosaic/resolution';

/** What both threads compare from: pairs and results in shared memory. */
export interface CompareRequest {
  readonly kind: 'compare';
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly out: PairComparisons;
  /** [0]: the next pair not yet taken; [1]: pairs compared. */
  readonly progress: Int32Array;
  readonly count: number;
  /** Pairs taken at a time. */
  readonly step: number;
}

export function compareRequest(pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>, step: number): CompareRequest {
  return {
    kind: 'compare', left: inSharedMemory(pairs.left, pairs.count), right: inSharedMemory(pairs.right, pairs.count), out: allocatePairComparisons(pairs.count),
    progress: new Int32Array(new SharedArrayBuffer(8)), count: pairs.count, step,
  };
}

/** Compares ranges of the request's pairs until none are left; returns how many this thread did. */
export function compareShare(records: readonly PreparedRecord[], { left, right, out, progress, count, step }: CompareRequest, onProgress?: (done: number) => void): number {
  let compared = 0;
  let reported = 0;
  for (let from = Atomics.add(progress, 0, step); from < count; from = Atomics.add(progress, 0, step)) {
    const to = Math.min(count, from + step);
    comparePairRange(records, { left, right }, out, from, to);
    compared += to - from;
    Atomics.add(progress, 1, to - from);
    if (onProgress && from - reported >= 0x10000) onProgress((reported = from));
  }
  return compared;
}

/** The first `count` values in shared memory: those of blocking already are (large-arrays.ts), others are copied. */
function inSharedMemory(values: Int32Array, count: number): Int32Array {
  if (values.buffer instanceof SharedArrayBuffer) return values.subarray(0, count);
  const copy = new Int32Array(new SharedArrayBuffer(count * 4));
  copy.set(values.subarray(0, count));
  return copy;
}
