/**
 * Name comparator with discrete levels for Fellegi-Sunter scoring. Token order is free (Arabic,
 * Hungarian, Chinese and "SURNAME, Given" orders all occur); particles and honorifics take no
 * part (see normalize-name.ts). Core tokens are aligned greedily by similarity (Jaro-Winkler on
 * the folded text, lifted when the phonetic keys agree), then the level is read from how many
 * tokens aligned on each side:
 *
 *   exact      same core tokens (order free)
 *   phonetic   same number of tokens, every one equal or phonetic-equal
 *   fuzzy      every token on both sides aligned, mean similarity >= 0.92 (Jaro-Winkler band)
 *   fuzzyLow   every token on both sides aligned, lower similarity
 *   subset     every token of the shorter name aligned (>= 2), the longer has more (middle names)
 *   initials   unaligned tokens are compatible with the other side's initials (J. Smith)
 *   overlap    >= 2 tokens aligned, both sides have tokens the other lacks
 *   single     one token aligned and one name has only that token
 *   partial    one token aligned, both sides have others ("Mohammad Hasan" vs "Mohammad Ali")
 *   none       nothing aligned
 *   missing    a side has no name
 *
 * A match that rests on a weak alias (kunya only) is capped at `single`.
 */
import { jaroWinkler } from './jaro-winkler.ts';
import { tokenTfWeight, type NameFrequencies } from './name-frequencies.ts';
import { normalizeName, type NameToken, type NormalizedName } from './normalize-name.ts';

export const NAME_LEVELS = ['exact', 'phonetic', 'fuzzy', 'fuzzyLow', 'subset', 'initials', 'overlap', 'single', 'partial', 'none', 'missing'] as const;
export type NameLevel = (typeof NAME_LEVELS)[number];

export interface NameComparison {
  readonly level: NameLevel;
  /** Index of `level` in NAME_LEVELS. */
  readonly levelIndex: number;
  /** Mean similarity of aligned tokens, 0 when none. */
  readonly similarity: number;
  /** Aligned token count. */
  readonly aligned: number;
  /** Term-frequency adjustment in bits (0 without frequencies or without agreement). */
  readonly tf: number;
}

export interface CompareNamesOptions {
  readonly frequencies?: NameFrequencies;
}

/** Tokens whose similarity reaches this are aligned. */
export const ALIGN_THRESHOLD = 0.84;
/**
 * Second pass: once the clear pairs are aligned, leftover tokens may align at this lower
 * similarity (Lidziya ~ Lydia, Hryhoryavich ~ Grigoriyevich); such a name lands at most in
 * `fuzzyLow`, never in `fuzzy`.
 */
export const SECOND_PASS_THRESHOLD = 0.72;
/** Similarity given to phonetic-equal tokens whose spelling is already close. */
const PHONETIC_SIMILARITY = 0.95;
const PHONETIC_MIN_JW = 0.7;
const FUZZY_BAND = 0.92;

const LEVEL_INDEX: Readonly<Record<NameLevel, number>> = Object.fromEntries(NAME_LEVELS.map((l, i) => [l, i])) as Record<NameLevel, number>;
export const MISSING_NAME: NameComparison = { level: 'missing', levelIndex: LEVEL_INDEX.missing, similarity: 0, aligned: 0, tf: 0 };
const NONE: NameComparison = { level: 'none', levelIndex: LEVEL_INDEX.none, similarity: 0, aligned: 0, tf: 0 };

/** Second-pass pairs must start alike (first phonetic class): Kovar is not Novak. */
function sameOnset(a: NameToken, b: NameToken): boolean {
  return a.phonetic[0] === b.phonetic[0];
}

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  let jw = jaroWinkler(a.text, b.text);
  // an article written attached ("Elmabruk", "Alasad") against the bare name
  if (a.bare !== a.text || b.bare !== b.text) jw = Math.max(jw, jaroWinkler(a.bare, b.bare) - 0.02);
  if (a.phonetic === b.phonetic && jw >= PHONETIC_MIN_JW) return Math.max(jw, PHONETIC_SIMILARITY);
  return jw;
}

/** Name-only comparison, used by screening. Takes raw strings or normalised names. */
export function compareNames(a: string | NormalizedName, b: string | NormalizedName, options: CompareNamesOptions = {}): NameComparison {
  const na = typeof a === 'string' ? normalizeName(a) : a;
  const nb = typeof b === 'string' ? normalizeName(b) : b;
  const tfA = options.frequencies ? na.core.map((t) => tokenTfWeight(options.frequencies, t.text)) : undefined;
  const tfB = options.frequencies ? nb.core.map((t) => tokenTfWeight(options.frequencies, t.text)) : undefined;
  return compareNormalizedNames(na, nb, tfA, tfB);
}

const MAX_TOKENS = 8;
const simBuffer = new Float64Array(MAX_TOKENS * MAX_TOKENS);

/**
 * The comparator on normalised names; tfA/tfB are per-core-token adjustments precomputed by
 * `prepare` (or by compareNames) so that the hot path does no map lookups.
 */
export function compareNormalizedNames(a: NormalizedName, b: NormalizedName, tfA?: ArrayLike<number>, tfB?: ArrayLike<number>): NameComparison {
  const ca = a.core;
  const cb = b.core;
  const na = Math.min(ca.length, MAX_TOKENS);
  const nb = Math.min(cb.length, MAX_TOKENS);
  if (na === 0 || nb === 0) return initialsOnly(a, b);
  const weak = a.weak || b.weak;
  if (a.key === b.key) return result(weak ? 'single' : 'exact', 1, na, sumTf(ca.length, tfA, tfB));

  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) simBuffer[i * MAX_TOKENS + j] = tokenSimilarity(ca[i] as NameToken, cb[j] as NameToken);
  }
  // Greedy alignment, best pair first (optimal for the small, well-separated matrices names give).
  let usedA = 0;
  let usedB = 0;
  let aligned = 0;
  let simSum = 0;
  let allPhonetic = true;
  let tf = 0;
  let threshold = ALIGN_THRESHOLD;
  let weakPairs = 0;
  for (;;) {
    let best = threshold - 1e-9;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < na; i++) {
      if (usedA & (1 << i)) continue;
      for (let j = 0; j < nb; j++) {
        if (usedB & (1 << j)) continue;
        const s = simBuffer[i * MAX_TOKENS + j] as number;
        if (s > best && (threshold === ALIGN_THRESHOLD || sameOnset(ca[i] as NameToken, cb[j] as NameToken))) { best = s; bi = i; bj = j; }
      }
    }
    if (bi < 0) {
      if (threshold === ALIGN_THRESHOLD && aligned > 0) { threshold = SECOND_PASS_THRESHOLD; continue; }
      break;
    }
    if (threshold !== ALIGN_THRESHOLD) weakPairs++;
    usedA |= 1 << bi;
    usedB |= 1 << bj;
    aligned++;
    simSum += best;
    if (best < PHONETIC_SIMILARITY) allPhonetic = false;
    if (tfA && tfB) tf += Math.min(tfA[bi] as number, tfB[bj] as number);
  }
  if (aligned === 0) return NONE;
  const similarity = simSum / aligned;
  const shorter = Math.min(na, nb);
  let level: NameLevel;
  if (aligned === na && aligned === nb) level = allPhonetic ? 'phonetic' : similarity >= FUZZY_BAND && weakPairs === 0 ? 'fuzzy' : 'fuzzyLow';
  else if (aligned === shorter && aligned >= 2 && weakPairs === 0) level = 'subset';
  else if (initialsCompatible(a, b, usedA, usedB)) level = 'initials';
  else if (aligned - weakPairs >= 2) level = 'overlap';
  else level = aligned === shorter && weakPairs === 0 ? 'single' : 'partial';
  if (weak && LEVEL_INDEX[level] < LEVEL_INDEX.single) level = 'single';
  return result(level, similarity, aligned, LEVEL_INDEX[level] <= LEVEL_INDEX.subset ? tf : 0);
}

function result(level: NameLevel, similarity: number, aligned: number, tf: number): NameComparison {
  return { level, levelIndex: LEVEL_INDEX[level], similarity, aligned, tf };
}

function sumTf(n: number, tfA: ArrayLike<number> | undefined, tfB: ArrayLike<number> | undefined): number {
  if (!tfA || !tfB) return 0;
  // Same key: tokens are equal as multisets; sorted order lines them up only up to order, so
  // take each side's sum and keep the smaller (the conservative choice, as Splink takes the
  // larger of the two term frequencies).
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) { sa += tfA[i] ?? 0; sb += tfB[i] ?? 0; }
  return Math.min(sa, sb);
}

/**
 * Unaligned core tokens on each side are all explained by initials on the other side
 * ("J Smith" ~ "John Smith", "Smith J. R." ~ "John Robert Smith"), with at least one token aligned
 * (or both names made only of initials and equal).
 */
function initialsCompatible(a: NormalizedName, b: NormalizedName, usedA: number, usedB: number): boolean {
  const ia = initialsOf(a);
  const ib = initialsOf(b);
  if (ia.length === 0 && ib.length === 0) return false;
  return unalignedCovered(a, usedA, ib) && unalignedCovered(b, usedB, ia) && (ia.length > 0 || ib.length > 0);
}

function initialsOf(n: NormalizedName): string {
  let s = '';
  for (const t of n.tokens) if (t.kind === 'initial') s += t.text;
  return s;
}

function unalignedCovered(n: NormalizedName, used: number, otherInitials: string): boolean {
  for (let i = 0; i < n.core.length && i < MAX_TOKENS; i++) {
    if (used & (1 << i)) continue;
    const first = (n.core[i] as NameToken).text[0] ?? '';
    if (!otherInitials.includes(first)) return false;
  }
  return true;
}

function initialsOnly(a: NormalizedName, b: NormalizedName): NameComparison {
  if (a.tokens.length === 0 || b.tokens.length === 0) return MISSING_NAME;
  if (a.core.length === 0 || b.core.length === 0) {
    return a.initials !== '' && a.initials === b.initials ? result('initials', 0, 0, 0) : NONE;
  }
  return NONE;
}
