/**
 * One-off comparison of two entity records with a model (default: the shipped model), for
 * `mosaic compare`: the calibrated probability, the decision at the model's threshold and the
 * per-feature explanation (levels and weights in bits, never the compared values).
 */
import { defaultModel, scorePair, type MatchModel, type ScoreResult } from '@mosaic/matching';
import type { ResolvableRecord } from './resolve-records.ts';

export type CompareRecord = Pick<ResolvableRecord, 'schema' | 'properties'>;

export function compareRecords(a: CompareRecord, b: CompareRecord, model: MatchModel = defaultModel()): ScoreResult {
  return scorePair(model, a, b);
}
