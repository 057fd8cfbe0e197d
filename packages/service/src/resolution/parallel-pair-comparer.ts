/**
 * The compare stage of batch resolution on two threads: a worker thread compares candidate pairs
 * beside this one. Comparing is the largest stage at a million records (10M pairs, about 5 µs
 * each) and the machine has a second core. The worker is started with a copy of the prepared
 * records before blocking, so that copying them overlaps with blocking; both threads then take
 * ranges of pairs from a shared counter and run @mosaic/resolution's comparePairRange (one
 * matcher: the same comparators as compareCandidatePairs, and the same comparisons, since each
 * pair's depends on its two records alone), writing into one shared buffer.
 */
import { Worker } from 'node:worker_threads';
import type { PreparedRecord } from '@mosaic/matching';
import { AppError } from '@mosaic/model';
import { allocatePairComparisons, comparePairRange, type ComparePairs, type PairComparisons } from '@mosaic/resolution';
import type { PairCompareReply, PairCompareRequest } from './pair-compare-worker.ts';

export interface ParallelPairComparer {
  /** A ComparePairs for resolvePreparedWith, over the records the comparer was started with. */
  readonly compare: ComparePairs;
  /** Pairs the worker compared in the last `compare` (the rest were compared here). */
  readonly workerShare: () => number;
  /** Resolves once the worker holds its copy of the records (it joins a `compare` under way when it does). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ParallelPairComparerOptions {
  /** Pairs taken at a time by either thread. */
  readonly step?: number;
}

export function startParallelPairComparer(records: readonly PreparedRecord[], { step = 4096 }: ParallelPairComparerOptions = {}): ParallelPairComparer {
  const worker = new Worker(new URL('./pair-compare-worker.ts', import.meta.url));
  // structured cloning keeps the names shared between records (one PreparedName per distinct
  // string) shared in the copy too
  worker.postMessage({ kind: 'records', records } satisfies PairCompareRequest);
  let failure: Error | undefined;
  let waiting: ((reply: PairCompareReply) => void) | undefined;
  let lastShare = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  const fail = (message: string): void => {
    failure ??= new AppError('MOSAIC_INTERNAL', `resolution: the comparing worker failed: ${message}`);
    waiting?.({ kind: 'error', message });
  };
  worker.on('message', (reply: PairCompareReply) => {
    if (reply.kind === 'ready') markReady();
    else if (reply.kind === 'error') fail(reply.message);
    else waiting?.(reply);
  });
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`stopped (exit code ${code})`));
  const compare: ComparePairs = async (given, pairs, onProgress) => {
    if (given !== records) throw new AppError('MOSAIC_INTERNAL', 'resolution: the parallel comparer was started with other records');
    if (failure) throw failure;
    const out = allocatePairComparisons(pairs.count, true);
    const left = sharedCopy(pairs.left, pairs.count);
    const right = sharedCopy(pairs.right, pairs.count);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const done = new Promise<PairCompareReply>((resolve) => { waiting = resolve; });
    worker.postMessage({ kind: 'compare', left, right, out, next, count: pairs.count, step } satisfies PairCompareRequest);
    let reported = 0;
    for (let from = Atomics.add(next, 0, step); from < pairs.count; from = Atomics.add(next, 0, step)) {
      comparePairRange(records, { left, right }, out, from, Math.min(pairs.count, from + step));
      if (onProgress && from - reported >= 0x10000) onProgress((reported = from));
    }
    const reply = await done;
    waiting = undefined;
    if (reply.kind !== 'done') throw failure ?? new AppError('MOSAIC_INTERNAL', 'resolution: the comparing worker failed');
    lastShare = reply.compared;
    return out satisfies PairComparisons;
  };
  return {
    compare,
    workerShare: () => lastShare,
    ready,
    close: async () => {
      worker.removeAllListeners();
      await worker.terminate();
    },
  };
}

function sharedCopy(values: Int32Array, count: number): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(count * 4));
  copy.set(values.subarray(0, count));
  return copy;
}
