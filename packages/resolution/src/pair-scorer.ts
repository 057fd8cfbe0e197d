/**
 * Fast scoring of packed comparison vectors with a trained model. The weight of a pattern is
 * taken from @mosaic/matching's `scoreVector` once per distinct pattern; the name
 * term-frequency adjustment is a function of tf alone, so it is tabulated on a grid of 1/128
 * bit (an error far below any threshold's resolution) from the same function.
 */
import { probabilityFromWeight, scoreVector, weightFromProbability, type MatchModel } from '@mosaic/matching';
import { unpackLevels } from './pair-comparisons.ts';

export interface PairScorer {
  readonly model: MatchModel;
  /** log2 Bayes factor of a packed pattern with its name tf (prior excluded). */
  weight(packed: number, tf: number): number;
  /** Calibrated probability of a match for a total weight (prior included). */
  probability(weight: number): number;
}

const TF_GRID = 128;

export function createPairScorer(model: MatchModel): PairScorer {
  const patterns = new Map<number, number>();
  const tfTable = new Map<number, number>();
  const zero = unpackLevels(0);
  const base = scoreVector(model, zero, 0).weight;
  const priorLogit = weightFromProbability(model.prior);
  return {
    model,
    weight(packed, tf) {
      let w = patterns.get(packed);
      if (w === undefined) {
        w = scoreVector(model, unpackLevels(packed), 0).weight;
        patterns.set(packed, w);
      }
      if (tf === 0) return w;
      const q = Math.round(tf * TF_GRID);
      let t = tfTable.get(q);
      if (t === undefined) {
        t = scoreVector(model, zero, q / TF_GRID).weight - base;
        tfTable.set(q, t);
      }
      return w + t;
    },
    probability(weight) {
      return probabilityFromWeight(priorLogit + weight);
    },
  };
}
