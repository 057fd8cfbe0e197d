/**
 * The comparison vector of every candidate pair, computed once with the matcher's own
 * comparators (@mosaic/matching FEATURES) and kept packed: each feature's level in as few bits as its
 * levels need, all in one int32, plus the name term-frequency adjustment. EM training aggregates the packed vectors into
 * patterns; scoring looks each pattern's weight up once (pair-scorer.ts). So each pair is
 * compared exactly once however many times it is trained on and scored.
 */
import { AppError } from '@mosaic/model';
import { FEATURES, comparePreparedNames, type PreparedRecord } from '@mosaic/matching';
import type { CandidatePairs } from './blocking.ts';

/** Bits of each feature's level in the packed vector: as few as its levels need. */
const WIDTHS = FEATURES.map((f) => Math.max(1, Math.ceil(Math.log2(f.levels.length))));
const SHIFTS = WIDTHS.map((_, f) => WIDTHS.slice(0, f).reduce((a, b) => a + b, 0));
const MASKS = WIDTHS.map((w) => (1 << w) - 1);
if ((SHIFTS.at(-1) ?? 0) + (WIDTHS.at(-1) ?? 0) > 31) {
  throw new AppError('MOSAIC_INTERNAL', 'resolution: feature levels no longer fit the packed comparison vector');
}

/** Packs one level per feature (FEATURES order) into an int32. */
export function packLevels(levels: readonly number[]): number {
  let packed = 0;
  for (let f = 0; f < levels.length; f++) packed |= (levels[f] as number) << (SHIFTS[f] as number);
  return packed;
}

export interface PairComparisons {
  /** Packed levels (packLevels / unpackLevels). */
  readonly levels: Int32Array;
  /** Name term-frequency adjustment in bits (before the model's tfScale). */
  readonly tf: Float32Array;
}

/** Packed levels and tf of one prepared pair. */
export function comparePair(a: PreparedRecord, b: PreparedRecord): { packed: number; tf: number } {
  const names = comparePreparedNames(a, b);
  return { packed: names.levelIndex | otherLevels(a, b), tf: names.tf };
}

/** Packed levels of every feature but the name (FEATURES[0]). */
function otherLevels(a: PreparedRecord, b: PreparedRecord): number {
  let packed = 0;
  for (let f = 1; f < FEATURES.length; f++) packed |= (FEATURES[f] as (typeof FEATURES)[number]).compare(a, b) << (SHIFTS[f] as number);
  return packed;
}

export function compareCandidatePairs(records: readonly PreparedRecord[], pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>, onProgress?: (done: number) => void): PairComparisons {
  const comparisons = allocatePairComparisons(pairs.count);
  for (let from = 0; from < pairs.count; from += PROGRESS_STEP) {
    if (onProgress) onProgress(from);
    comparePairRange(records, pairs, comparisons, from, Math.min(pairs.count, from + PROGRESS_STEP));
  }
  return comparisons;
}

const PROGRESS_STEP = 0x10000;

/**
 * Room for the comparisons of `count` pairs, in one shared buffer: several threads may fill it
 * in, and it sets off no collection (large-arrays.ts).
 */
export function allocatePairComparisons(count: number): PairComparisons {
  const buffer = new SharedArrayBuffer(count * 8);
  return { levels: new Int32Array(buffer, 0, count), tf: new Float32Array(buffer, count * 4, count) };
}

/**
 * Compares pairs [from, to) into `out`: the one loop every thread that compares runs (a pair's
 * result depends on the two prepared records alone, so any split of the pairs gives the same
 * comparisons).
 */
export function comparePairRange(records: readonly PreparedRecord[], pairs: Pick<CandidatePairs, 'left' | 'right'>, out: PairComparisons, from: number, to: number): void {
  const { levels, tf } = out;
  for (let k = from; k < to; k++) {
    // comparePair without its result object (ten million pairs at a million records)
    const a = records[pairs.left[k] as number] as PreparedRecord;
    const b = records[pairs.right[k] as number] as PreparedRecord;
    const names = comparePreparedNames(a, b);
    levels[k] = names.levelIndex | otherLevels(a, b);
    tf[k] = names.tf;
  }
}

export function unpackLevels(packed: number): number[] {
  return FEATURES.map((_, f) => (packed >>> (SHIFTS[f] as number)) & (MASKS[f] as number));
}
