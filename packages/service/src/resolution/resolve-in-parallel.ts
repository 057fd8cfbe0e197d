/**
 * Batch resolution of a prepared batch with the compare stage on two threads
 * (parallel-pair-comparer.ts); the same run as resolvePrepared otherwise, and the same results.
 * A small batch is resolved in this thread alone: a worker and a copy of the records cost more
 * than they save there. The block stage's time includes handing the records to the worker.
 */
import { resolvePrepared, resolvePreparedWith, type PreparedBatch, type ResolutionRun, type ResolveOptions } from '@mosaic/resolution';
import { startParallelPairComparer, type ParallelPairComparerOptions } from './parallel-pair-comparer.ts';

export interface ResolveInParallelOptions extends ResolveOptions, ParallelPairComparerOptions {
  /** Batches of fewer records are resolved in this thread alone. */
  readonly parallelFrom?: number;
}

export async function resolveInParallel(batch: PreparedBatch, { parallelFrom = 20_000, step, ...options }: ResolveInParallelOptions = {}): Promise<ResolutionRun> {
  if (batch.prepared.length < parallelFrom) return resolvePrepared(batch, options);
  const started = performance.now();
  const comparer = startParallelPairComparer(batch.prepared, step === undefined ? {} : { step });
  // copying the records for the worker (structured clone, in this thread) counts as blocking
  const handOverMs = Math.round(performance.now() - started);
  try {
    const run = await resolvePreparedWith(batch, comparer.compare, options);
    return { ...run, stats: { ...run.stats, ms: { ...run.stats.ms, block: run.stats.ms.block + handOverMs } } };
  } finally {
    await comparer.close();
  }
}
