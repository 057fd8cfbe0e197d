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
 *  3. the prior: the probability that two records of a group drawn at random match (Splink's
 *     probability_two_random_records_match), by EM with every m and u fixed (randomPairPrior).
 *     u was estimated on random pairs, so the prior must be that of a random pair too for
 *     prior and weights to describe one population: a prior for candidate pairs on top of
 *     weights against random pairs counts the name agreement that made them candidates twice
 *     (on the demo, pairs scored 0.2-0.95 so were 0.1 % matches; BENCHMARKS.md, Resolution,
 *     "Calibration").
 * Starts from the default model, whose threshold and tfScale are kept. Also returns each
 * candidate pair's weight (prior excluded), which scoring reads.
 */
import { seededRandom } from '@mosaic/model';
import { FEATURES, defaultModel, estimateU, probabilityFromWeight, trainModel, weightFromProbability, type FeatureName, type MatchModel, type PatternCount, type PreparedRecord } from '@mosaic/matching';
import { BLOCKING_FIXED, BLOCKING_RULES, LOOSE_RULES, type BlockingRule, type CandidatePairs } from './blocking.ts';
import { largeArray } from './large-arrays.ts';
import { countPackedPatterns } from './pattern-counts.ts';
import { allocatePairComparisons, comparePairRange, unpackLevels, type PairComparisons } from './pair-comparisons.ts';
import { createPairScorer } from './pair-scorer.ts';

export interface TrainResolutionOptions extends RandomPairOptions {
  readonly start?: MatchModel;
  /**
   * The comparisons of random pairs (sampleRandomPairs), when the caller compared them (with
   * the candidates, on every thread it has); else they are drawn and compared here.
   */
  readonly random?: RandomPairComparisons;
  /** A session with fewer pairs than this does not estimate m (nor the prior). */
  readonly minSessionPairs?: number;
  /**
   * Fewer matchable records than this: the data cannot estimate u (random pairs would repeat
   * the same few pairs, matches among them), so the starting model is returned unchanged.
   */
  readonly minRecords?: number;
  readonly maxIterations?: number;
  /**
   * Upper bound on the share of candidate pairs the prior may call matches. When the data holds
   * no feature but one the starting m calls weak evidence (OFAC names only: the default m says a
   * third of true aliases share no name token), EM can explain every candidate pair as a match,
   * which merges everything; blocked pairs are mostly non-matches, so the bound is safe.
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

export interface TrainedResolutionModel extends WeighedPairs {
  readonly randomPairs: number;
  readonly sessions: readonly TrainingSession[];
}


export interface RandomPairOptions {
  /** Random pairs drawn for u (default: one per matchable record, at least MIN_RANDOM_PAIRS and at most MAX_RANDOM_PAIRS). */
  readonly randomPairs?: number;
  readonly seed?: number;
}

/** The packed comparisons of `count` random pairs. */
export interface RandomPairComparisons {
  readonly levels: Int32Array;
  readonly count: number;
}

/**
 * u of an agreement level is its share among random pairs; the strong levels are rare among
 * them (two random records of a million share a name about once in 10,000 pairs), so a fixed
 * sample measures them worse the larger the data. At a million records, 100,000 random pairs
 * left links hanging on a handful of agreeing pairs: 13 records fewer moved pairwise precision
 * from 0.865 to 0.898 and recall from 0.863 to 0.853 (BENCHMARKS.md, Resolution). One random
 * pair per record keeps the count of each level about constant as the data grows.
 */
export const MIN_RANDOM_PAIRS = 100_000;
export const MAX_RANDOM_PAIRS = 1_000_000;
/** Default of TrainResolutionOptions.minRecords: fewer matchable records than this estimate nothing, and no random pair is drawn. */
export const MIN_TRAINING_RECORDS = 1000;

/** Random pairs of records of one group (fewer than asked when most draws fail: one record, or groups of one). */
export function sampleRandomPairs(groups: readonly (string | undefined)[], { randomPairs, seed = 1 }: RandomPairOptions = {}): Pick<CandidatePairs, 'left' | 'right' | 'count'> {
  const matchable: number[] = [];
  groups.forEach((g, i) => { if (g !== undefined) matchable.push(i); });
  const wanted = matchable.length < MIN_TRAINING_RECORDS ? 0 : randomPairs ?? Math.min(MAX_RANDOM_PAIRS, Math.max(MIN_RANDOM_PAIRS, matchable.length));
  const random = seededRandom(seed);
  const left = largeArray(Int32Array, wanted);
  const right = largeArray(Int32Array, wanted);
  let count = 0;
  for (let tries = 0; count < wanted && tries < wanted * 4 && matchable.length > 1; tries++) {
    const i = matchable[Math.floor(random() * matchable.length)] as number;
    const j = matchable[Math.floor(random() * matchable.length)] as number;
    if (i === j || groups[i] !== groups[j]) continue;
    left[count] = i;
    right[count] = j;
    count++;
  }
  return { left, right, count };
}

function compareRandomPairs(records: readonly PreparedRecord[], sample: Pick<CandidatePairs, 'left' | 'right' | 'count'>): RandomPairComparisons {
  const compared = allocatePairComparisons(sample.count);
  comparePairRange(records, sample, compared, 0, sample.count);
  return { levels: compared.levels, count: sample.count };
}

/**
 * Patterns of packed vectors; features in `excluded` are set to their `missing` level, which
 * weighs nothing on either side: as Splink removes the blocking rule's comparisons from an EM
 * session, so that the E step does not read agreement forced by blocking as evidence of a match.
 */
function patternsOf(counts: ReadonlyMap<number, number>, excluded: readonly FeatureName[]): PatternCount[] {
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
  options: TrainResolutionOptions = {},
): TrainedResolutionModel {
  const { start = defaultModel(), minSessionPairs = 50, minRecords = MIN_TRAINING_RECORDS, maxIterations = 100, maxPrior = 0.6 } = options;
  const withPrior = (model: MatchModel): WeighedPairs => fitRandomPairPrior(model, groups, pairs, comparisons, { maxShare: maxPrior, maxIterations, minRecords });
  if (groups.filter((g) => g !== undefined).length < minRecords) return { ...withPrior(start), randomPairs: 0, sessions: [] };
  const random = options.random ?? compareRandomPairs(records, sampleRandomPairs(groups, options));
  const randomCounts = new Map<number, number>();
  for (let k = 0; k < random.count; k++) randomCounts.set(random.levels[k] as number, (randomCounts.get(random.levels[k] as number) ?? 0) + 1);
  const u = random.count >= 1000 ? estimateU(patternsOf(randomCounts, [])) : start.features.map((f) => [...f.u]);
  const withU: MatchModel = { ...start, features: start.features.map((f, i) => ({ ...f, u: u[i] ?? f.u })) };

  const { perRule } = countPackedPatterns(pairs, comparisons);

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
  const trained = withPrior({
    ...combined,
    trainedOn: `this data set: u from ${random.count} random pairs; m by EM per blocking rule (${sessions.map((s) => s.rule).join(', ')}); prior of a random pair: the matches EM expects among ${pairs.count} candidate pairs, over every pair`,
  });
  return { ...trained, randomPairs: random.count, sessions };
}

export interface WeighedPairs {
  /** The model with the prior of a random pair of this data. */
  readonly model: MatchModel;
  /** log2 Bayes factor of each candidate pair under `model` (prior excluded). */
  readonly weights: Float32Array;
}

/**
 * The prior of a random pair when the data is too small to estimate its own (fewer than
 * `minRecords` matchable records: a handful of records, most of them candidates of each other,
 * would put it near one half): that of the reference data the default model was trained on,
 * measured with randomPairPrior (Febrl dataset2 2e-4, 5,000 records; OFAC dev half with facts
 * 8e-4, 5,479). A link then needs about 11 bits of evidence.
 */
export const REFERENCE_PRIOR = 5e-4;

/**
 * Step 3 alone: `model`'s m and u kept, its prior that of a random pair of this data
 * (randomPairPrior), or REFERENCE_PRIOR below `minRecords` matchable records.
 */
export function fitRandomPairPrior(
  model: MatchModel, groups: readonly (string | undefined)[], pairs: CandidatePairs, comparisons: PairComparisons,
  { minRecords = MIN_TRAINING_RECORDS, ...options }: { readonly maxShare?: number; readonly maxIterations?: number; readonly minRecords?: number } = {},
): WeighedPairs {
  const scorer = createPairScorer(model);
  const weights = largeArray(Float32Array, pairs.count);
  for (let k = 0; k < pairs.count; k++) weights[k] = scorer.weight(comparisons.levels[k] as number, comparisons.tf[k] as number);
  const { matchable, total } = pairsWithin(groups);
  const prior = matchable < minRecords ? REFERENCE_PRIOR : randomPairPrior(weights, total, { start: model.prior, ...options });
  return { model: { ...model, prior }, weights };
}

/** Matchable records, and pairs of records within one group (records of different groups are never compared). */
function pairsWithin(groups: readonly (string | undefined)[]): { matchable: number; total: number } {
  const sizes = new Map<string, number>();
  let matchable = 0;
  for (const g of groups) {
    if (g === undefined) continue;
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
    matchable++;
  }
  let total = 0;
  for (const n of sizes.values()) total += (n * (n - 1)) / 2;
  return { matchable, total };
}

/** Histogram bins per bit of weight, and the weight range it covers (beyond: the end bins). */
const BINS_PER_BIT = 64;
const MAX_WEIGHT = 256;

/**
 * The probability that two records drawn at random match, given every candidate pair's weight
 * and `total` pairs in all: the matches expected among the candidates, by EM for their share
 * alone (m and u fixed, at most `maxShare`: see maxPrior), over a histogram of the weights
 * (1/64 bit), spread over every pair (blocking leaves out pairs that share no key, nearly all
 * non-matches). Splink's probability_two_random_records_match, with the expected matches from
 * the data rather than from a recall assumed for deterministic rules. EM over every pair at
 * once, the pairs blocking left out as non-matches, was closer still on the demo but has a fixed
 * point at no match at all, which it took on the OFAC names without facts. At least one match
 * in all, so that a record added later can still link when this data held none.
 */
export function randomPairPrior(weights: Float32Array, total: number, { start = 0.1, maxShare = 0.6, maxIterations = 100 }: { start?: number; maxShare?: number; maxIterations?: number } = {}): number {
  const count = weights.length;
  if (total < 1) return start;
  const floor = Math.min(0.5, 1 / total);
  if (count === 0) return floor;
  const bins = new Float64Array(2 * MAX_WEIGHT * BINS_PER_BIT + 1);
  for (let k = 0; k < count; k++) {
    const w = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, weights[k] as number));
    bins[Math.round((w + MAX_WEIGHT) * BINS_PER_BIT)]!++;
  }
  const used: number[] = [];
  bins.forEach((n, b) => { if (n > 0) used.push(b); });
  let share = Math.min(maxShare, Math.max(1e-9, start));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const logit = weightFromProbability(share);
    let expected = 0;
    for (const b of used) expected += (bins[b] as number) * probabilityFromWeight(logit + b / BINS_PER_BIT - MAX_WEIGHT);
    const next = Math.min(maxShare, Math.max(1e-9, expected / count));
    const done = Math.abs(next - share) <= 1e-6 * share;
    share = next;
    if (done) break;
  }
  return Math.min(0.5, Math.max(floor, (share * count) / total));
}
