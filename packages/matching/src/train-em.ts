/**
 * Unsupervised estimation of Fellegi-Sunter parameters, as pure functions over comparison
 * vectors so that any caller (resolution, the training script) can run them on its own pairs.
 *
 * - u from random pairs (Splink): almost every random pair is a non-match, so the level
 *   frequencies among random pairs estimate u directly.
 * - m and the prior by EM on blocked pairs (Fellegi & Sunter 1969; Winkler 1988, "Using the EM
 *   algorithm for weight computation in the Fellegi-Sunter model of record linkage";
 *   Jaro 1989), with u held fixed by default. Features used in the blocking rule agree by
 *   construction on blocked pairs, so their m cannot be learnt there: list them in `fixed`.
 * - Vectors are aggregated into patterns with counts first, so EM runs over a few hundred
 *   distinct patterns however many pairs there are.
 */
import { FEATURES, type ComparisonVector, type FeatureName } from './features.ts';
import type { FeatureParameters, MatchModel } from './match-model.ts';

export interface PatternCount {
  readonly levels: ComparisonVector;
  readonly count: number;
}

export function countPatterns(vectors: Iterable<ComparisonVector>): PatternCount[] {
  const counts = new Map<string, PatternCount>();
  for (const v of vectors) {
    const key = v.join(',');
    const c = counts.get(key);
    counts.set(key, { levels: c?.levels ?? [...v], count: (c?.count ?? 0) + 1 });
  }
  return [...counts.values()];
}

/** Additive smoothing so that no level gets probability 0 (log weights stay finite). */
const SMOOTHING = 0.5;

function normalise(counts: readonly number[], missing: number): number[] {
  const total = counts.reduce((s, c, l) => (l === missing ? s : s + c), 0) + SMOOTHING * missing;
  return counts.map((c, l) => (l === missing ? 1 : (c + SMOOTHING) / total));
}

/** u per feature and level from the comparison patterns of random pairs. */
export function estimateU(randomPatterns: readonly PatternCount[]): number[][] {
  return FEATURES.map((def, f) => {
    const counts = def.levels.map(() => 0);
    for (const p of randomPatterns) counts[p.levels[f] as number]! += p.count;
    return normalise(counts, def.levels.length - 1);
  });
}

export interface TrainOptions {
  /** Starting model: m, u, prior, threshold, tfScale are taken from it. */
  readonly start: MatchModel;
  /** u estimates (e.g. from estimateU); default: the start model's u. */
  readonly u?: readonly (readonly number[])[];
  /** Features whose m is not re-estimated (those in the blocking rule). */
  readonly fixed?: readonly FeatureName[];
  /** Re-estimate u as well (Winkler's full EM) instead of keeping it fixed (Splink). */
  readonly updateU?: boolean;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  readonly trainedOn?: string;
  /**
   * Keep level weights non-increasing in level order (a better level never weighs less than a
   * worse one): sampling noise in m for rare levels must not invert the comparator's order.
   */
  readonly monotone?: boolean;
}

export interface TrainResult {
  readonly model: MatchModel;
  readonly iterations: number;
  readonly converged: boolean;
  /** Expected number of matches among the patterns' pairs. */
  readonly expectedMatches: number;
}

export function trainModel(patterns: readonly PatternCount[], options: TrainOptions): TrainResult {
  const { start, fixed = [], updateU = false, maxIterations = 200, tolerance = 1e-6 } = options;
  let m = start.features.map((f) => [...f.m]);
  let u = (options.u ?? start.features.map((f) => f.u)).map((row) => [...row]);
  let prior = start.prior;
  const missing = FEATURES.map((d) => d.levels.length - 1);
  const total = patterns.reduce((s, p) => s + p.count, 0);
  let iterations = 0;
  let converged = false;
  let expectedMatches = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const mCounts = FEATURES.map((d) => d.levels.map(() => 0));
    const uCounts = FEATURES.map((d) => d.levels.map(() => 0));
    expectedMatches = 0;
    for (const p of patterns) {
      let lm = Math.log(prior);
      let lu = Math.log(1 - prior);
      for (let f = 0; f < FEATURES.length; f++) {
        const l = p.levels[f] as number;
        if (l === missing[f]) continue;
        lm += Math.log(m[f]![l]!);
        lu += Math.log(u[f]![l]!);
      }
      const posterior = 1 / (1 + Math.exp(lu - lm));
      expectedMatches += posterior * p.count;
      for (let f = 0; f < FEATURES.length; f++) {
        const l = p.levels[f] as number;
        mCounts[f]![l]! += posterior * p.count;
        uCounts[f]![l]! += (1 - posterior) * p.count;
      }
    }
    const nextM = mCounts.map((c, f) => (fixed.includes(FEATURES[f]!.name) ? m[f]! : normalise(c, missing[f]!)));
    const nextU = updateU ? uCounts.map((c, f) => normalise(c, missing[f]!)) : u;
    const nextPrior = Math.min(1 - 1e-9, Math.max(1e-9, expectedMatches / total));
    const change = Math.max(Math.abs(nextPrior - prior), ...nextM.flatMap((row, f) => row.map((x, l) => Math.abs(x - m[f]![l]!))));
    m = nextM;
    u = nextU;
    prior = nextPrior;
    converged = change < tolerance;
  }
  if (options.monotone ?? true) m = m.map((row, f) => monotoneM(row, u[f]!));
  const features: FeatureParameters[] = FEATURES.map((def, f) => ({ feature: def.name, levels: def.levels, m: m[f]!, u: u[f]! }));
  const model: MatchModel = { ...start, prior, features, trainedOn: options.trainedOn ?? start.trainedOn };
  return { model, iterations, converged, expectedMatches };
}

/** Raise m of a level whose weight log2(m/u) falls below the next (worse) level's weight. */
function monotoneM(m: readonly number[], u: readonly number[]): number[] {
  const out = [...m];
  for (let l = out.length - 3; l >= 0; l--) {
    const next = Math.log2(out[l + 1]! / u[l + 1]!);
    if (Math.log2(out[l]! / u[l]!) < next) out[l] = Math.min(1, u[l]! * Math.pow(2, next));
  }
  return out;
}
