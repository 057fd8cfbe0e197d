/**
 * One-off comparison of two entity records with a model (default: the shipped model), for
 * `mosaic compare`: the calibrated probability, the decision at the model's threshold and the
 * per-feature explanation (levels and weights in bits, never the compared values).
 */
import { defaultModel, scorePair, type MatchModel, type NameFrequencies, type ScoreResult } from '@mosaic/matching';
import type { ResolvableRecord } from './resolve-records.ts';

export type CompareRecord = Pick<ResolvableRecord, 'schema' | 'properties'>;

/** `frequencies`: the name-token table of the data the model scored (a resolution's), so that the name weight carries the same adjustment. */
export function compareRecords(a: CompareRecord, b: CompareRecord, model: MatchModel = defaultModel(), frequencies?: NameFrequencies): ScoreResult {
  return scorePair(model, a, b, frequencies ? { frequencies } : {});
}
