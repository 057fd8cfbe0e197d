/**
 * Fellegi-Sunter parameters for the data set at hand, Splink's recipe (Splink docs, "Estimating
 * model parameters"; Winkler 1988 for EM in record linkage):
 *  1. u from random pairs: nearly every random pair is a non-match, so level frequencies among
 *     random pairs of the data estimate u.
 *  2. m by EM on the blocked pairs, one session per blocking rule, with u held and the rule's
 *     own features left out of the session (they agree by construction on its pairs, so their m
 *     cannot be learnt there, and their agreement is no evidence there). Loose rules (LOOSE_RULES) hold no session. A feature's m is the mean over the
 *     sessions that could estimate it; a feature no
 *     session could estimate keeps the starting model's m.
 *  3. the prior (probability that a candidate pair is a match) by EM with every m and u fixed
 *     over all candidate pairs, so that probabilities are calibrated for candidate pairs.
 * Starts from the default model, whose threshold and tfScale are kept.
 */
import { seededRandom } from '@mosaic/model';
import { FEATURES, comparisonVector, countPatterns, defaultModel, estimateU, trainModel, type FeatureName, type MatchModel, type PatternCount, type PreparedRecord } from '@mosaic/matching';
import { BLOCKING_FIXED, BLOCKING_RULES, LOOSE_RULES, type BlockingRule, type CandidatePairs } from './blocking.ts';
import { countPackedPatterns } from './pattern-counts.ts';
import { unpackLevels, type PairComparisons } from './pair-comparisons.ts';

export interface TrainResolutionOptions {
  readonly start?: MatchModel;
  /** Random pairs drawn for u. */
  readonly randomPairs?: number;
  readonly seed?: number;
  /** A session with fewer pairs than this does not estimate m (nor the prior). */
  readonly minSessionPairs?: number;
  /**
   * Fewer matchable records than this: the data cannot estimate u (random pairs would repeat
   * the same few pairs, matches among them), so the starting model is returned unchanged.
   */
  readonly minRecords?: number;
  readonly maxIterations?: number;
  /**
   * Upper bound on the estimated prior. When the data holds no feature but one the starting m
   * calls weak evidence (OFAC names only: the default m says a third of true aliases share no
   * name token), EM can explain every candidate pair as a match and the prior runs to 1, which
   * merges everything; blocked pairs are mostly non-matches, so the bound is safe.
   */
  readonly maxPrior?: number;
}

export interface TrainingSession {
  readonly rule: BlockingRule;
  readonly pairs: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly expectedMatches: number;
}

export interface TrainedResolutionModel {
  readonly model: MatchModel;
  readonly randomPairs: number;
  readonly sessions: readonly TrainingSession[];
}


/**
 * Patterns of packed vectors; features in `excluded` are set to their `missing` level, which
 * weighs nothing on either side: as Splink removes the blocking rule's comparisons from an EM
 * session, so that the E step does not read agreement forced by blocking as evidence of a match.
 */
function patternsOf(counts: ReadonlyMap<number, number>, excluded: readonly FeatureName[] = []): PatternCount[] {
  const drop = FEATURES.map((d) => excluded.includes(d.name));
  const merged = new Map<string, PatternCount>();
  for (const [packed, count] of counts) {
    const levels = unpackLevels(packed).map((l, f) => (drop[f] ? (FEATURES[f] as (typeof FEATURES)[number]).levels.length - 1 : l));
    const key = levels.join(',');
    const previous = merged.get(key);
    merged.set(key, { levels, count: (previous?.count ?? 0) + count });
  }
  return [...merged.values()];
}

export function trainResolutionModel(
  records: readonly PreparedRecord[],
  groups: readonly (string | undefined)[],
  pairs: CandidatePairs,
  comparisons: PairComparisons,
  { start = defaultModel(), randomPairs = 100_000, seed = 1, minSessionPairs = 50, minRecords = 1000, maxIterations = 100, maxPrior = 0.6 }: TrainResolutionOptions = {},
): TrainedResolutionModel {
  const matchable: number[] = [];
  groups.forEach((g, i) => { if (g !== undefined) matchable.push(i); });
  if (matchable.length < minRecords) return { model: start, randomPairs: 0, sessions: [] };
  const random = seededRandom(seed);
  const vectors: number[][] = [];
  {
    for (let k = 0, tries = 0; k < randomPairs && tries < randomPairs * 4; tries++) {
      const i = matchable[Math.floor(random() * matchable.length)] as number;
      const j = matchable[Math.floor(random() * matchable.length)] as number;
      if (i === j || groups[i] !== groups[j]) continue;
      vectors.push(comparisonVector(records[i] as PreparedRecord, records[j] as PreparedRecord));
      k++;
    }
  }
  const u = vectors.length >= 1000 ? estimateU(countPatterns(vectors)) : start.features.map((f) => [...f.u]);
  const withU: MatchModel = { ...start, features: start.features.map((f, i) => ({ ...f, u: u[i] ?? f.u })) };

  const { all, perRule } = countPackedPatterns(pairs, comparisons);

  const sessions: TrainingSession[] = [];
  const mSums = FEATURES.map((d) => d.levels.map(() => 0));
  const mCounts = FEATURES.map(() => 0);
  BLOCKING_RULES.forEach((rule, r) => {
    const counts = perRule[r] as Map<number, number>;
    let n = 0;
    for (const c of counts.values()) n += c;
    if (n < minSessionPairs || LOOSE_RULES.includes(rule)) return;
    const fixed = BLOCKING_FIXED[rule];
    const result = trainModel(patternsOf(counts, fixed), { start: withU, fixed, maxIterations });
    sessions.push({ rule, pairs: n, iterations: result.iterations, converged: result.converged, expectedMatches: result.expectedMatches });
    FEATURES.forEach((def, f) => {
      if (fixed.includes(def.name)) return;
      const m = result.model.features[f]?.m ?? [];
      m.forEach((x, l) => { (mSums[f] as number[])[l]! += x; });
      mCounts[f]!++;
    });
  });
  const combined: MatchModel = {
    ...withU,
    features: withU.features.map((p, f) => {
      const c = mCounts[f] as number;
      return c === 0 ? p : { ...p, m: (mSums[f] as number[]).map((s) => s / c) };
    }),
  };
  const everyFeature = FEATURES.map((d) => d.name);
  const prior = pairs.count >= minSessionPairs ? trainModel(patternsOf(all), { start: combined, fixed: everyFeature, maxIterations }).model.prior : combined.prior;
  const model: MatchModel = {
    ...combined,
    prior: Math.min(prior, maxPrior),
    trainedOn: `this data set: u from ${vectors.length} random pairs; m by EM per blocking rule (${sessions.map((s) => s.rule).join(', ')}); prior by EM on ${pairs.count} candidate pairs`,
  };
  return { model, randomPairs: vectors.length, sessions };
}
