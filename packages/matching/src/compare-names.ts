/**
 * Name comparator with discrete levels for Fellegi-Sunter scoring. Token order is free (Arabic,
 * Hungarian, Chinese and "SURNAME, Given" orders all occur); particles and honorifics take no
 * part (see normalize-name.ts). Compounds are aligned first: a token that reads as two adjacent
 * tokens of the other name written together (Hamidreza ~ Hamid Reza, Malakutipur ~ Malekouti
 * Pour) counts as one aligned token, and the two count as one. The other core tokens are then
 * aligned greedily by similarity (Jaro-Winkler on the folded text, lifted when the phonetic keys
 * agree and the spelling agrees too: close Jaro-Winkler, or the same vowel slots on long tokens,
 * so that Mohamed / Mahmoud stay apart; a compound against its stem on the other side, "Abd
 * al-Karim" / "Karim", at STEM_SIMILARITY when the stem opens on the other's first sound (not
 * Abdeslam / Islam); a word written in Arabic script against a Latin
 * spelling that fits what the script writes of it, written-frame.ts, at FRAME_SIMILARITY; two
 * given names that are one name in two languages' forms, Mykola / Nikolai, Yusuf / Giuseppe,
 * given-name-cognates.ts, at COGNATE_SIMILARITY), and the level is read from how many tokens
 * aligned on each side:
 *
 *   exact      same core tokens (order free)
 *   phonetic   same number of tokens, every one equal or phonetic-equal
 *   fuzzy      every token on both sides aligned, mean similarity >= 0.92 (Jaro-Winkler band)
 *   fuzzyLow   every token on both sides aligned, lower similarity
 *   subset     every token of the shorter name aligned (>= 2), the longer has more (middle names)
 *   initials   unaligned tokens are compatible with the other side's initials (J. Smith)
 *   overlap    >= 2 tokens aligned, both sides have tokens the other lacks; or the shorter name
 *              fully aligned with one of its tokens only in the second (lower) pass
 *   single     one token aligned and one name has only that token
 *   partial    one token aligned, both sides have others ("Mohammad Hasan" vs "Mohammad Ali")
 *   none       nothing aligned
 *   missing    a side has no name
 *
 * A match that rests on a weak alias (kunya only) is capped at `single`.
 *
 * Term-frequency adjustment (name-frequencies.ts): with per-token adjustments, `tf` is the sum
 * over the aligned tokens of the adjustment of each agreement, at every level where tokens
 * aligned; two tokens aligned by similarity count at the more common of the two (the smaller
 * adjustment; Splink takes the larger term frequency). The level says how much of the names
 * agree, `tf` says how telling the agreeing tokens are: sharing only "Mohammad" (`partial`) is
 * weaker evidence than sharing only a rare surname.
 */
import { jaroWinkler } from './jaro-winkler.ts';
import { vowelsAgree } from './phonetic-key.ts';
import { framesAgree, latinFrame } from './written-frame.ts';
import { shareCognates } from './given-name-cognates.ts';
import { tokenTfWeight, type NameFrequencies } from './name-frequencies.ts';
import { ALIKE_CH, ALIKE_G, ALIKE_GHAYN, ALIKE_H, ALIKE_J, ALIKE_QAF, normalizeName, type NameJoin, type NameToken, type NormalizedName } from './normalize-name.ts';

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
  /** The agreements behind `tf`, one per aligned token; only when asked for (explanations). */
  readonly agreements?: readonly TokenAgreement[];
}

/** One aligned token: positions among each name's core tokens (two for a compound written apart). */
export interface TokenAgreement {
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** Term-frequency adjustment of this agreement in bits (before the model's tfScale). */
  readonly bits: number;
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
/** Similarity given to phonetic-equal tokens whose spelling is also close. */
const PHONETIC_SIMILARITY = 0.95;
/**
 * A Latin spelling that fits what Arabic script writes of the word (written-frame.ts: every
 * consonant and every long vowel in place, Mohamed ~ محمد) agrees on more than a phonetic key
 * (consonants only, which محمد shares with Mahmoud), so it ranks just above one. Only adds: a
 * spelling that does not fit is compared as before (Amed, Brahim, Gamal are spellings too).
 */
export const FRAME_SIMILARITY = 0.97;
/**
 * Phonetic-equal tokens are lifted only when the spelling agrees too: Jaro-Winkler >= 0.8, or
 * the same vowel slots (skeleton) with >= 0.68 on tokens of six letters or more. The consonant
 * key alone collides on different names (Mohamed / Mahmoud, Omar / Amir, Samir / Somar).
 */
const PHONETIC_MIN_JW = 0.8;
const SKELETON_MIN_JW = 0.68;
const SKELETON_MIN_LENGTH = 6;
/**
 * Shorter tokens with the same skeleton are lifted when every vowel slot is compatible too
 * (vowelsAgree: Kassem / Qasim, Seif / Sayf, Walid / Valed, not Omar / Amir), provided the
 * key has two letters or more: one-consonant names (Li / Le, Su / So) are too short to tell a
 * variant from another name.
 */
const VOWEL_LIFT_MIN_KEY = 2;
const FUZZY_BAND = 0.92;
/** A token aligned with two adjacent tokens written apart on the other side (Hamidreza ~ Hamid Reza). */
const COMPOUND_THRESHOLD = 0.92;

const LEVEL_INDEX: Readonly<Record<NameLevel, number>> = Object.fromEntries(NAME_LEVELS.map((l, i) => [l, i])) as Record<NameLevel, number>;
export const MISSING_NAME: NameComparison = { level: 'missing', levelIndex: LEVEL_INDEX.missing, similarity: 0, aligned: 0, tf: 0 };
const NONE: NameComparison = { level: 'none', levelIndex: LEVEL_INDEX.none, similarity: 0, aligned: 0, tf: 0 };

/** Second-pass pairs must start alike (first phonetic class): Kovar is not Novak; nor, after one head, Abd al-Hamid Abd al-Majid. */
function sameOnset(a: NameToken, b: NameToken): boolean {
  return a.phonetic[0] === b.phonetic[0] && !onOtherNames(a, b);
}

interface Spelled { readonly text: string; readonly phonetic: string; readonly skeleton: string; readonly vowels: string }

/**
 * Phonetic keys drop vowels and "h", so a name and a longer one with a syllable more share a
 * key (Gang / Guanghua, Ming / Mingguo): past this length difference, unless the shorter is at
 * least LIFT_MIN_LENGTH_RATIO of the longer, equal keys lift nothing.
 */
const LIFT_MAX_LENGTH_DIFFERENCE = 2;
const LIFT_MIN_LENGTH_RATIO = 0.75;

function comparableLengths(a: string, b: string): boolean {
  const short = Math.min(a.length, b.length);
  const long = Math.max(a.length, b.length);
  return long - short <= LIFT_MAX_LENGTH_DIFFERENCE || short >= LIFT_MIN_LENGTH_RATIO * long;
}

/**
 * The vowel classes (vowelClasses) of the vowel just before a token's last consonant (Mahmoud:
 * ou; Mohammad: a; Karima: i, its final a standing after it); 0 where a consonant stands there
 * instead (Moustfa) or there is none.
 */
function closedNucleus(t: Spelled): number {
  const open = t.skeleton.endsWith('*');
  const closed = open ? t.skeleton.length - 1 : t.skeleton.length;
  if (closed < 2 || t.skeleton[closed - 2] !== '*') return 0;
  return t.vowels.charCodeAt(t.vowels.length - (open ? 2 : 1)) - 48;
}

/**
 * Two names with the same consonants, their vowels in other places and another vowel before the
 * last consonant: Arabic builds names of one root on patterns told apart by just these (Mahmoud
 * and Mohammad, Mahmoudi and Mohammadi), so they are two names, not two spellings of one, however
 * many letters they share. A spelling that drops or adds a vowel keeps that one (Fatima / Fatma,
 * Mohamed / Mhamed). Names with their vowels in the same places are left to the letters: there a
 * vowel of another class is as often one name's spelling in another language (Uzbek Bakhtiyor /
 * Bakhtiyar) as another name (Hamid / Hamad).
 */
function otherNameOfSameConsonants(a: Spelled, b: Spelled): boolean {
  if (a.skeleton === b.skeleton) return false;
  const x = closedNucleus(a);
  const y = closedNucleus(b);
  return x !== 0 && y !== 0 && (x & y) === 0;
}

function phoneticSimilarity(a: Spelled, b: Spelled, jw: number): number {
  if (a.phonetic !== b.phonetic || !comparableLengths(a.text, b.text)) return jw;
  if (jw >= PHONETIC_MIN_JW) return otherNameOfSameConsonants(a, b) ? jw : Math.max(jw, PHONETIC_SIMILARITY);
  if (a.skeleton === b.skeleton && jw >= SKELETON_MIN_JW && Math.min(a.text.length, b.text.length) >= SKELETON_MIN_LENGTH) return PHONETIC_SIMILARITY;
  if (a.skeleton === b.skeleton && a.phonetic.length >= VOWEL_LIFT_MIN_KEY && vowelsAgree(a.vowels, b.vowels)) return PHONETIC_SIMILARITY;
  return jw;
}

/**
 * A compound against its stem on the other side ("Abd al-Karim" / "Karim", "Abu Mahdi" /
 * "Mahdi"): related names, not one name, so at most this (aligned, but not `phonetic`).
 */
export const STEM_SIMILARITY = 0.92;

/**
 * Two given names that are forms of one name in two languages (given-name-cognates.ts: Mykola /
 * Nikolai, Yusuf / Joseph, Butrus / Pedro). Above ALIGN_THRESHOLD, so they align in the first
 * pass, whatever their first sounds (the second pass asks for one onset, which Mykola / Nikolai
 * and Jurj / George lack); below PHONETIC_SIMILARITY, as they are not one spelling: a name
 * holding one is never `phonetic`. Below FUZZY_BAND and STEM_SIMILARITY too: a table's
 * equivalence is coarser than a spelling's (two people named Juan and John are likelier than two
 * named Yusuf and Youssef), so a name made of a cognate alone is `fuzzyLow`; one with its other
 * parts equal still reaches `fuzzy` (Mykola Petrenko / Nikolai Petrenko: mean 0.95).
 */
export const COGNATE_SIMILARITY = 0.9;

/** What reading a token another way costs a spelling that still differs otherwise: without its attached article, or with letters read alike (Qasir / Ghassir). */
const REREAD_PENALTY = 0.02;

/** The shortest forms read alike (alikeSimilarity) still compared as respellings when they differ. */
const ALIKE_MIN_LENGTH = 4;

/**
 * How two tokens compare read in the forms where the letters transliterations write for one
 * another are written one way (NameToken.alike, hAsG); -1 where no such reading applies.
 * `alike` is read where either token writes a ghayn (Persian names write q or gh for both it and
 * qaf), one a qaf and the other a g (said g in Libya, Sudan and the Gulf), or one ch (or zh) and
 * the other j (Korean and Thai romanizations); `hAsG` where one writes an h and the other a g
 * (Belarusian and Ukrainian against Russian), unless either is a word written in Arabic script.
 * Not for a qaf against a k alone, which the phonetic key already reads alike, and where reading
 * "qu" as k would bring Spanish and French names nearer others (Enrique / Erik); nor for a g
 * against a k (Gamal / Kamal are two names). Equal forms are phonetic-equal; others a respelling
 * at most, and only of a word long enough to tell one (Chol / Jo: "jol" / "jo").
 */
function alikeSimilarity(a: NameToken, b: NameToken): number {
  const x = a.alikeWrites;
  const y = b.alikeWrites;
  let best = -1;
  if (((x | y) & ALIKE_GHAYN) !== 0 || across(x, y, ALIKE_QAF, ALIKE_G) || across(x, y, ALIKE_CH, ALIKE_J)) best = formSimilarity(a.alike, b.alike);
  // a word written in Arabic script writes a true h (its frame decides against a Latin spelling: حمزة is not Gamal)
  if (across(x, y, ALIKE_H, ALIKE_G) && a.frame === undefined && b.frame === undefined) best = Math.max(best, formSimilarity(a.hAsG, b.hAsG));
  return best;
}

function formSimilarity(p: string, q: string): number {
  if (p === q) return PHONETIC_SIMILARITY;
  return Math.min(p.length, q.length) >= ALIKE_MIN_LENGTH ? jaroWinkler(p, q) - REREAD_PENALTY : -1;
}

/** One of two `alikeWrites` has the bit `one` and the other the bit `other`. */
function across(x: number, y: number, one: number, other: number): boolean {
  return ((x & one) !== 0 && (y & other) !== 0) || ((y & one) !== 0 && (x & other) !== 0);
}

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  let jw = jaroWinkler(a.text, b.text);
  // a word written in Arabic script against a Latin spelling: read against what the script writes
  if (a.frame !== b.frame && fitsWrittenFrame(a, b)) return Math.max(jw, FRAME_SIMILARITY);
  if (onOtherNames(a, b)) return jaroWinkler(a.stem, b.stem);
  // an article written attached ("Elmabruk", "Alasad") against the bare name
  if (a.bare !== a.text || b.bare !== b.text) {
    const bare = jaroWinkler(a.bare, b.bare) - REREAD_PENALTY;
    if (a.barePhonetic === b.barePhonetic && bare >= PHONETIC_MIN_JW) return Math.max(jw, PHONETIC_SIMILARITY);
    jw = Math.max(jw, bare);
  }
  // letters that transliterations write for one another, read alike (Qasem / Ghasem, Qaddafi / Gaddafi, Chong / Jong, Henadz / Gennadi)
  if ((a.alikeWrites | b.alikeWrites) !== 0) {
    const alike = alikeSimilarity(a, b);
    if (alike >= PHONETIC_SIMILARITY) return Math.max(jw, alike);
    jw = Math.max(jw, alike);
  }
  const lifted = phoneticSimilarity(a, b, jw);
  // a compound head on one side only, its name opening on the other's first sound
  if ((a.stem !== a.text) !== (b.stem !== b.text) && stemOpensAlike(a, b)) return Math.max(lifted, STEM_SIMILARITY * (a.stem === b.stem ? 1 : jaroWinkler(a.stem, b.stem)));
  // one given name in two languages' forms (Mykola / Nikolai, Yusuf / Giuseppe)
  if (lifted < COGNATE_SIMILARITY && shareCognates(a.cognates, b.cognates)) return COGNATE_SIMILARITY;
  return lifted;
}

/**
 * A compound's name and a plain token open on one sound (Abd al-Qadir / Kadir, Abu Omar / Umar):
 * one name with and without its head. Abdeslam / Islam share letters, not a name: "slam" opens
 * on s, Islam on a vowel.
 */
function stemOpensAlike(a: NameToken, b: NameToken): boolean {
  const [compound, plain] = a.stem !== a.text ? [a, b] : [b, a];
  return compound.stemOnset === plain.skeleton.charAt(0);
}

/**
 * Two compounds on one head built on names that start differently ("Abd al-Karim" / "Abd
 * al-Rahim", "Abd al-Hamid" / "Abd al-Majid", "Abu Shaheed" / "Abu Omar"): different names,
 * compared by those names alone. Read whole, the head's shared letters and Jaro-Winkler's prefix
 * bonus make them look like respellings (0.91 for the first two). Respellings of one name keep
 * its first sound (Abdul Rahim / Abdulrheem, Abd al-Munim / Abd al-Menhem) and are compared whole,
 * as before; so is a slip at the head's edge, which leaves one name the end of the other
 * (Abdlekader / Abdelkader: "lekader" / "kader"; Abdiahman / Abdirahman: "hman" / "rahman").
 */
function onOtherNames(a: NameToken, b: NameToken): boolean {
  if (a.stemOnset === b.stemOnset || a.stemOnset === '' || b.stemOnset === '') return false;
  const head = a.text.length - a.stem.length;
  if (b.text.length - b.stem.length !== head) return false;
  for (let i = 0; i < head; i++) if (a.text.charCodeAt(i) !== b.text.charCodeAt(i)) return false;
  return !a.stem.endsWith(b.stem) && !b.stem.endsWith(a.stem);
}

/** One token written in Arabic script (NameToken.frame), the other not, and its spelling fits the written frame. */
export function fitsWrittenFrame(a: NameToken, b: NameToken): boolean {
  if (a.frame === b.frame || (a.frame !== undefined && b.frame !== undefined)) return false;
  const [written, other] = a.frame === undefined ? [b, a] : [a, b];
  const latin = latinFrame(other.skeleton, other.vowels);
  return latin !== undefined && framesAgree(written.frame as string, latin);
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

/** Bits of the core tokens a join covers. */
function joinMask(j: NameJoin): number {
  return (j.first >= 0 ? 1 << j.first : 0) | (j.second >= 0 ? 1 << j.second : 0);
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** A token can read as a join only when it starts alike and is about as long (the compound step's first test). */
const MAX_COMPOUND_LENGTH_GAP = 3;

/** `first`: the char code the join starts with (no one-letter strings on the hot path). */
function mayReadAs(t: NameToken, first: number, length: number): boolean {
  return Math.abs(t.text.length - length) <= MAX_COMPOUND_LENGTH_GAP && t.text.charCodeAt(0) === first;
}

/**
 * Whether `listed`'s joins (adjacent parts written as one word) can change its comparison with
 * `query`: some core token of the query starts like an adjacent pair of listed tokens and is
 * about as long as the two together. When not, the listed name compares the same without its
 * joins, so an index that holds names without them (memory) need not build them.
 */
export function joinsCanMatter(query: NormalizedName, listed: NormalizedName): boolean {
  const tokens = listed.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const x = tokens[i] as NameToken;
    const y = tokens[i + 1] as NameToken;
    const first = x.text.charCodeAt(0);
    const length = x.text.length + y.text.length;
    for (const t of query.core) if (mayReadAs(t, first, length)) return true;
  }
  return false;
}

/**
 * Compound step: a core token of one name that reads as two adjacent tokens of the other
 * written together, better than as either of them alone. Returns the similarity, 0 if none.
 * Callers have checked mayReadAs, the cheap test most pairs fail.
 */
function compoundSimilarity(t: NameToken, j: NameJoin, other: readonly NameToken[]): number {
  const s = t.text === j.text ? 1 : phoneticSimilarity(t, j, jaroWinkler(t.text, j.text));
  if (s < COMPOUND_THRESHOLD) return 0;
  const first = j.first >= 0 ? tokenSimilarity(t, other[j.first] as NameToken) : 0;
  const second = j.second >= 0 ? tokenSimilarity(t, other[j.second] as NameToken) : 0;
  return s > Math.max(first, second) ? s : 0;
}

interface Alignment { usedA: number; usedB: number; aligned: number; simSum: number; allPhonetic: boolean; tf: number; mergedA: number; mergedB: number; agreements: TokenAgreement[] | undefined }

function indicesOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; mask >> i !== 0; i++) if (mask & (1 << i)) out.push(i);
  return out;
}

/** Aligns compounds first (each side's joins against the other's tokens), best first. */
function alignCompounds(a: NormalizedName, b: NormalizedName, na: number, nb: number, state: Alignment, tfA?: ArrayLike<number>, tfB?: ArrayLike<number>): void {
  if (a.joins.length === 0 && b.joins.length === 0) return;
  for (;;) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    let joinOnB = true;
    for (let i = 0; i < na; i++) {
      if (state.usedA & (1 << i)) continue;
      const t = a.core[i] as NameToken;
      for (let k = 0; k < b.joins.length; k++) {
        const j = b.joins[k] as NameJoin;
        if (!mayReadAs(t, j.text.charCodeAt(0), j.text.length)) continue;
        const mask = joinMask(j);
        if (mask === 0 || mask >= 1 << nb || (state.usedB & mask) !== 0) continue;
        const s = compoundSimilarity(t, j, b.core);
        if (s > best) { best = s; bi = i; bj = k; joinOnB = true; }
      }
    }
    for (let i = 0; i < nb; i++) {
      if (state.usedB & (1 << i)) continue;
      const t = b.core[i] as NameToken;
      for (let k = 0; k < a.joins.length; k++) {
        const j = a.joins[k] as NameJoin;
        if (!mayReadAs(t, j.text.charCodeAt(0), j.text.length)) continue;
        const mask = joinMask(j);
        if (mask === 0 || mask >= 1 << na || (state.usedA & mask) !== 0) continue;
        const s = compoundSimilarity(t, j, a.core);
        if (s > best) { best = s; bi = k; bj = i; joinOnB = false; }
      }
    }
    if (best === 0) return;
    if (joinOnB) {
      const mask = joinMask(b.joins[bj] as NameJoin);
      state.usedA |= 1 << bi;
      state.usedB |= mask;
      state.mergedB += popcount(mask) - 1;
      if (tfA && tfB) {
        const bits = Math.min(tfA[bi] as number, sumOver(tfB, mask));
        state.tf += bits;
        state.agreements?.push({ a: [bi], b: indicesOf(mask), bits });
      }
    } else {
      const mask = joinMask(a.joins[bi] as NameJoin);
      state.usedA |= mask;
      state.usedB |= 1 << bj;
      state.mergedA += popcount(mask) - 1;
      if (tfA && tfB) {
        const bits = Math.min(sumOver(tfA, mask), tfB[bj] as number);
        state.tf += bits;
        state.agreements?.push({ a: indicesOf(mask), b: [bj], bits });
      }
    }
    state.aligned++;
    state.simSum += best;
    if (best < PHONETIC_SIMILARITY) state.allPhonetic = false;
  }
}

const FRESH: Alignment = Object.freeze({ usedA: 0, usedB: 0, aligned: 0, simSum: 0, allPhonetic: true, tf: 0, mergedA: 0, mergedB: 0, agreements: undefined });
/** The alignment state of a comparison that explains nothing, reused (one allocation less on every candidate pair). */
const scratch: Alignment = { ...FRESH };

function sumOver(tf: ArrayLike<number>, mask: number): number {
  let s = 0;
  for (let i = 0; mask >> i !== 0; i++) if (mask & (1 << i)) s += tf[i] as number;
  return s;
}

/**
 * The comparator on normalised names; tfA/tfB are per-core-token adjustments precomputed by
 * `prepare` (or by compareNames) so that the hot path does no map lookups. `explain` adds the
 * per-token agreements (allocates; not for the hot path).
 */
export function compareNormalizedNames(a: NormalizedName, b: NormalizedName, tfA?: ArrayLike<number>, tfB?: ArrayLike<number>, explain = false): NameComparison {
  const ca = a.core;
  const cb = b.core;
  const na = Math.min(ca.length, MAX_TOKENS);
  const nb = Math.min(cb.length, MAX_TOKENS);
  if (na === 0 || nb === 0) return initialsOnly(a, b);
  const weak = a.weak || b.weak;
  if (a.key === b.key) {
    const same = result(weak ? 'single' : 'exact', 1, na, sumTf(ca.length, tfA, tfB));
    return explain && tfA && tfB ? { ...same, agreements: sameKeyAgreements(ca, cb, tfA, tfB) } : same;
  }

  const state: Alignment = explain ? { ...FRESH, agreements: [] } : Object.assign(scratch, FRESH);
  alignCompounds(a, b, na, nb, state, tfA, tfB);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) simBuffer[i * MAX_TOKENS + j] = (state.usedA & (1 << i)) || (state.usedB & (1 << j)) ? 0 : tokenSimilarity(ca[i] as NameToken, cb[j] as NameToken);
  }
  // Greedy alignment, best pair first (optimal for the small, well-separated matrices names give).
  let threshold = ALIGN_THRESHOLD;
  let weakPairs = 0;
  for (;;) {
    let best = threshold - 1e-9;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < na; i++) {
      if (state.usedA & (1 << i)) continue;
      for (let j = 0; j < nb; j++) {
        if (state.usedB & (1 << j)) continue;
        const s = simBuffer[i * MAX_TOKENS + j] as number;
        if (s > best && (threshold === ALIGN_THRESHOLD || sameOnset(ca[i] as NameToken, cb[j] as NameToken))) { best = s; bi = i; bj = j; }
      }
    }
    if (bi < 0) {
      if (threshold === ALIGN_THRESHOLD && state.aligned > 0) { threshold = SECOND_PASS_THRESHOLD; continue; }
      break;
    }
    if (threshold !== ALIGN_THRESHOLD) weakPairs++;
    state.usedA |= 1 << bi;
    state.usedB |= 1 << bj;
    state.aligned++;
    state.simSum += best;
    if (best < PHONETIC_SIMILARITY) state.allPhonetic = false;
    if (tfA && tfB) {
      const bits = Math.min(tfA[bi] as number, tfB[bj] as number);
      state.tf += bits;
      state.agreements?.push({ a: [bi], b: [bj], bits });
    }
  }
  const aligned = state.aligned;
  if (aligned === 0) return NONE;
  // token counts once compounds count as one token
  const sizeA = na - state.mergedA;
  const sizeB = nb - state.mergedB;
  const similarity = state.simSum / aligned;
  const shorter = Math.min(sizeA, sizeB);
  const strong = aligned - weakPairs;
  let level: NameLevel;
  if (aligned === sizeA && aligned === sizeB) level = state.allPhonetic ? 'phonetic' : similarity >= FUZZY_BAND && weakPairs === 0 ? 'fuzzy' : 'fuzzyLow';
  else if (aligned === shorter && aligned >= 2 && weakPairs === 0) level = 'subset';
  else if (initialsCompatible(a, b, state.usedA, state.usedB)) level = 'initials';
  else if (strong >= 2 || (aligned === shorter && aligned >= 2 && strong >= 1)) level = 'overlap';
  else level = aligned === shorter && weakPairs === 0 ? 'single' : 'partial';
  if (weak && LEVEL_INDEX[level] < LEVEL_INDEX.single) level = 'single';
  const out = result(level, similarity, aligned, state.tf);
  return state.agreements ? { ...out, agreements: state.agreements } : out;
}

function result(level: NameLevel, similarity: number, aligned: number, tf: number): NameComparison {
  return { level, levelIndex: LEVEL_INDEX[level], similarity, aligned, tf };
}

/** Same key: pair equal tokens up (both sides sorted by text). */
function sameKeyAgreements(ca: readonly NameToken[], cb: readonly NameToken[], tfA: ArrayLike<number>, tfB: ArrayLike<number>): TokenAgreement[] {
  const order = (c: readonly NameToken[]): number[] => c.map((_, i) => i).sort((x, y) => ((c[x] as NameToken).text < (c[y] as NameToken).text ? -1 : (c[x] as NameToken).text > (c[y] as NameToken).text ? 1 : x - y));
  const oa = order(ca);
  const ob = order(cb);
  return oa.map((i, k) => {
    const j = ob[k] as number;
    return { a: [i], b: [j], bits: Math.min(tfA[i] ?? 0, tfB[j] ?? 0) };
  });
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
