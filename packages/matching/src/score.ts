/**
 * Scoring a pair: sum of level weights (log2 Bayes factor), plus the term-frequency adjustment
 * of the name feature, plus the prior, to a calibrated probability (Fellegi & Sunter 1969;
 * Splink's "match weight"). Every feature's contribution is returned for explanation; with a
 * frequency table (PrepareOptions.frequencies) the name entry lists each agreeing token by
 * position with its frequency and adjustment (Winkler 1989; Splink's tf adjustments), the
 * adjustment scaled by the model's tfScale and capped at TF_CAP bits in total.
 */
import { compareNormalizedNames, type NameComparison, type TokenAgreement } from './compare-names.ts';
import { FEATURES, bestNamePair, comparePreparedNames, type ComparisonVector, type FeatureName } from './features.ts';
import { levelWeights, probabilityFromWeight, weightFromProbability, type MatchModel } from './match-model.ts';
import { prepare, type MatchableRecord, type PrepareOptions, type PreparedName, type PreparedRecord } from './prepare.ts';

export interface Explanation {
  readonly feature: FeatureName;
  readonly level: string;
  /** Contribution in bits (log2 Bayes factor). */
  readonly weight: number;
  /** Numbers only (similarity, tokens aligned, tf bits); never the compared values. */
  readonly detail?: string;
  /** Name feature with a frequency table: the agreeing tokens and what each one weighed. */
  readonly tokens?: readonly ExplainedToken[];
}

/**
 * One agreeing name token, told by position, never by value: the index of the name among the
 * record's prepared names (`PreparedRecord.names`), and of the token among that name's core
 * tokens (`NormalizedName.core`, given names first; two positions for a compound written
 * apart), all 0-based. A reader who may read both records is shown the words instead
 * (withExplainedWords, explained-words.ts).
 */
export interface ExplainedToken {
  readonly nameA: number;
  readonly nameB: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
  /**
   * Relative frequency of the token in the table (the more common side; a compound written apart
   * counts as the product of its parts): Splink's u for agreeing on this value.
   */
  readonly frequency: number;
  /** Its frequency adjustment in bits, after the model's tfScale (before the name cap). */
  readonly weight: number;
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

function sideFrequency(name: PreparedName, positions: readonly number[]): number {
  let f = 1;
  for (const i of positions) f *= name.frequency?.[i] ?? 0;
  return f;
}

const signed = (x: number): string => (x > 0 ? `+${round2(x)}` : `${round2(x)}`);

/**
 * How a name entry's detail tells an aligned token, by position, 1-based: "a1.2~b1.2" (name 1 of
 * a, its core token 2, against name 1 of b, its token 2), "a1.2+3~b1.2" for a compound written apart.
 */
export function tokenPositions(t: ExplainedToken): string {
  return `a${t.nameA + 1}.${t.a.map((i) => i + 1).join('+')}~b${t.nameB + 1}.${t.b.map((i) => i + 1).join('+')}`;
}

/** The name entry of an explanation: level weight plus frequency adjustment, token by token. */
function explainName(model: MatchModel, levelWeights: Float64Array, a: PreparedRecord, b: PreparedRecord): Explanation {
  const best = bestNamePair(a, b);
  const names: NameComparison = best.comparison;
  const tf = nameTf(model, names.tf);
  const weight = (levelWeights[names.levelIndex] as number) + tf;
  const detail = `similarity ${round2(names.similarity)}, ${names.aligned} token(s) aligned`;
  const x = a.names[best.a];
  const y = b.names[best.b];
  if (!x?.tf || !y?.tf || names.aligned === 0) return { feature: 'name', level: names.level, weight, detail };
  const agreements: readonly TokenAgreement[] = compareNormalizedNames(x.name, y.name, x.tf, y.tf, true).agreements ?? [];
  const tokens: ExplainedToken[] = agreements.map((t) => ({
    nameA: best.a,
    nameB: best.b,
    a: t.a,
    b: t.b,
    frequency: Math.max(sideFrequency(x, t.a), sideFrequency(y, t.b)),
    weight: t.bits * model.tfScale,
  }));
  const capped = tf !== names.tf * model.tfScale ? ', capped' : '';
  const parts = tokens.map((t) => `${tokenPositions(t)} at frequency ${t.frequency.toPrecision(2)}: ${signed(t.weight)}`);
  return { feature: 'name', level: names.level, weight, detail: `${detail}, frequency adjustment ${signed(tf)} bits${capped} (${parts.join('; ')})`, tokens };
}

export function comparePrepared(model: MatchModel, a: PreparedRecord, b: PreparedRecord): ScoreResult {
  const w = levelWeights(model);
  const explain: Explanation[] = [];
  const nameEntry = explainName(model, w[0] as Float64Array, a, b);
  explain.push(nameEntry);
  let total = nameEntry.weight;
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
