/**
 * A Fellegi-Sunter model (Fellegi & Sunter 1969): for each feature and level, m = P(level | same
 * person) and u = P(level | different persons); the match weight of a level is log2(m/u) and
 * the weights of independent features add up (a log2 Bayes factor). The prior is the
 * probability that a pair of the population the model scores is a match: in the default model,
 * a pair of names that share a token (what `mosaic compare` is given); in a model resolution
 * trained on a data set, a random pair of its records (@mosaic/resolution
 * train-resolution-model.ts); probability = sigmoid2(log2(prior/(1-prior)) + weight), as
 * Splink does.
 * The `missing` level (last) always weighs 0.
 */
import { AppError } from '@mosaic/model';
import { FEATURES, type FeatureName } from './features.ts';

export interface FeatureParameters {
  readonly feature: FeatureName;
  readonly levels: readonly string[];
  readonly m: readonly number[];
  readonly u: readonly number[];
}

export interface MatchModel {
  readonly version: 1;
  /** What the parameters were trained on (data sets and splits). */
  readonly trainedOn: string;
  readonly prior: number;
  /** Probability at or above which `match` is true. */
  readonly threshold: number;
  /** Multiplier for term-frequency adjustments of the name feature (Splink's tf weight). */
  readonly tfScale: number;
  readonly features: readonly FeatureParameters[];
}

export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}

export function weightFromProbability(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

function invalid(message: string): AppError {
  return new AppError('MOSAIC_INVALID_CONFIG', `matching: ${message}`);
}

const isProbability = (x: unknown): x is number => typeof x === 'number' && x > 0 && x <= 1;

/** Checks a parsed model (e.g. from JSON) against the feature definitions; throws AppError. */
export function validateModel(input: unknown): MatchModel {
  const m = input as Partial<MatchModel> | null;
  if (!m || m.version !== 1) throw invalid('model version must be 1');
  if (!isProbability(m.prior) || m.prior >= 1) throw invalid('prior must be in (0, 1)');
  if (!isProbability(m.threshold)) throw invalid('threshold must be in (0, 1]');
  if (typeof m.tfScale !== 'number' || m.tfScale < 0) throw invalid('tfScale must be >= 0');
  if (!Array.isArray(m.features) || m.features.length !== FEATURES.length) throw invalid(`model needs ${FEATURES.length} features`);
  FEATURES.forEach((def, i) => {
    const f = m.features?.[i];
    if (!f || f.feature !== def.name) throw invalid(`feature ${i} must be ${def.name}`);
    if (f.levels.join() !== def.levels.join()) throw invalid(`levels of ${def.name} differ from the comparator`);
    if (f.m.length !== def.levels.length || f.u.length !== def.levels.length) throw invalid(`m/u of ${def.name} need one value per level`);
    if (!f.m.every(isProbability) || !f.u.every(isProbability)) throw invalid(`m/u of ${def.name} must be probabilities`);
  });
  return m as MatchModel;
}

const weightCache = new WeakMap<MatchModel, readonly Float64Array[]>();

/** log2(m/u) per feature and level (missing = 0), computed once per model object. */
export function levelWeights(model: MatchModel): readonly Float64Array[] {
  let w = weightCache.get(model);
  if (!w) {
    w = model.features.map((f) => Float64Array.from(f.m, (m, l) => (l === f.levels.length - 1 ? 0 : Math.log2(m / (f.u[l] ?? 1)))));
    weightCache.set(model, w);
  }
  return w;
}
