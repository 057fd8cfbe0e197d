/**
 * Scoring a pair: sum of level weights (log2 Bayes factor), plus the term-frequency adjustment
 * of the name feature, plus the prior, to a calibrated probability (Fellegi & Sunter 1969;
 * Splink's "match weight"). Every feature's contribution is returned for explanation.
 */
import { FEATURES, comparePreparedNames, type ComparisonVector, type FeatureName } from './features.ts';
import { levelWeights, probabilityFromWeight, weightFromProbability, type MatchModel } from './match-model.ts';
import { prepare, type MatchableRecord, type PrepareOptions, type PreparedRecord } from './prepare.ts';

export interface Explanation {
  readonly feature: FeatureName;
  readonly level: string;
  /** Contribution in bits (log2 Bayes factor). */
  readonly weight: number;
  /** Numbers only (similarity, tokens aligned, tf bits); never the compared values. */
  readonly detail?: string;
}

export interface ScoreResult {
  readonly probability: number;
  /** Sum of feature weights, log2 Bayes factor (prior excluded). */
  readonly weight: number;
  readonly match: boolean;
  readonly explain: readonly Explanation[];
}

const TF_CAP = 6;

const round2 = (x: number): number => Math.round(x * 100) / 100;

function nameTf(model: MatchModel, tf: number): number {
  return Math.max(-TF_CAP, Math.min(TF_CAP, tf * model.tfScale));
}

/** Cheapest path: the total weight (log2 Bayes factor) of a prepared pair, no explanation. */
export function pairWeight(model: MatchModel, a: PreparedRecord, b: PreparedRecord): number {
  const w = levelWeights(model);
  const names = comparePreparedNames(a, b);
  let total = (w[0] as Float64Array)[names.levelIndex] as number;
  total += nameTf(model, names.tf);
  for (let f = 1; f < FEATURES.length; f++) total += (w[f] as Float64Array)[(FEATURES[f] as (typeof FEATURES)[number]).compare(a, b)] as number;
  return total;
}

export function comparePrepared(model: MatchModel, a: PreparedRecord, b: PreparedRecord): ScoreResult {
  const w = levelWeights(model);
  const names = comparePreparedNames(a, b);
  const explain: Explanation[] = [];
  const tf = nameTf(model, names.tf);
  const nameWeight = ((w[0] as Float64Array)[names.levelIndex] as number) + tf;
  explain.push({
    feature: 'name',
    level: names.level,
    weight: nameWeight,
    detail: `similarity ${round2(names.similarity)}, ${names.aligned} token(s) aligned${tf !== 0 ? `, frequency adjustment ${round2(tf)} bits` : ''}`,
  });
  let total = nameWeight;
  for (let f = 1; f < FEATURES.length; f++) {
    const def = FEATURES[f] as (typeof FEATURES)[number];
    const level = def.compare(a, b);
    const weight = (w[f] as Float64Array)[level] as number;
    total += weight;
    explain.push({ feature: def.name, level: def.levels[level] as string, weight });
  }
  return finish(model, total, explain);
}

/** Score a comparison vector (e.g. from stored vectors); tf is the name adjustment in bits. */
export function scoreVector(model: MatchModel, vector: ComparisonVector, tf = 0): ScoreResult {
  const w = levelWeights(model);
  const explain: Explanation[] = [];
  let total = 0;
  FEATURES.forEach((def, f) => {
    const level = vector[f] ?? def.levels.length - 1;
    const weight = ((w[f] as Float64Array)[level] as number) + (f === 0 ? nameTf(model, tf) : 0);
    total += weight;
    explain.push({ feature: def.name, level: def.levels[level] as string, weight });
  });
  return finish(model, total, explain);
}

/** Convenience for one-off comparisons (CLI `compare`): prepares both records first. */
export function scorePair(model: MatchModel, a: MatchableRecord, b: MatchableRecord, options: PrepareOptions = {}): ScoreResult {
  return comparePrepared(model, prepare(a, options), prepare(b, options));
}

function finish(model: MatchModel, total: number, explain: readonly Explanation[]): ScoreResult {
  const probability = probabilityFromWeight(weightFromProbability(model.prior) + total);
  return { probability, weight: total, match: probability >= model.threshold, explain };
}
