/**
 * The comparison vector of every candidate pair, computed once with the matcher's own
 * comparators (@mosaic/matching FEATURES) and kept packed: four bits per feature level in one
 * int32, plus the name term-frequency adjustment. EM training aggregates the packed vectors into
 * patterns; scoring looks each pattern's weight up once (pair-scorer.ts). So each pair is
 * compared exactly once however many times it is trained on and scored.
 */
import { AppError } from '@mosaic/model';
import { FEATURES, comparePreparedNames, type PreparedRecord } from '@mosaic/matching';
import type { CandidatePairs } from './blocking.ts';

const BITS = 4;
if (FEATURES.some((f) => f.levels.length > 1 << BITS) || FEATURES.length * BITS > 31) {
  throw new AppError('MOSAIC_INTERNAL', 'resolution: feature levels no longer fit the packed comparison vector');
}

export interface PairComparisons {
  /** Packed levels, feature f in bits [4f, 4f + 4). */
  readonly levels: Int32Array;
  /** Name term-frequency adjustment in bits (before the model's tfScale). */
  readonly tf: Float32Array;
}

/** Packed levels and tf of one prepared pair. */
export function comparePair(a: PreparedRecord, b: PreparedRecord): { packed: number; tf: number } {
  const names = comparePreparedNames(a, b);
  let packed = names.levelIndex;
  for (let f = 1; f < FEATURES.length; f++) packed |= (FEATURES[f] as (typeof FEATURES)[number]).compare(a, b) << (BITS * f);
  return { packed, tf: names.tf };
}

export function compareCandidatePairs(records: readonly PreparedRecord[], pairs: CandidatePairs, onProgress?: (done: number) => void): PairComparisons {
  const levels = new Int32Array(pairs.count);
  const tf = new Float32Array(pairs.count);
  for (let k = 0; k < pairs.count; k++) {
    const r = comparePair(records[pairs.left[k] as number] as PreparedRecord, records[pairs.right[k] as number] as PreparedRecord);
    levels[k] = r.packed;
    tf[k] = r.tf;
    if (onProgress && (k & 0xffff) === 0) onProgress(k);
  }
  return { levels, tf };
}

export function unpackLevels(packed: number): number[] {
  return FEATURES.map((_, f) => (packed >>> (BITS * f)) & ((1 << BITS) - 1));
}
