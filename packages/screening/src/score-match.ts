/**
 * From comparisons to a screening score in [0, 1] and a band. The name comparison is the
 * matcher's (compareNormalizedNames: level, mean token similarity, tokens aligned, frequency
 * bits); this file only says how much each outcome is worth at a checkpoint, where a missed
 * subject costs more than a second look, but a stream of false hits teaches officers to
 * ignore the screen:
 *
 * - the level sets the base (exact > phonetic > fuzzy > subset > ... > partial);
 * - spelling distance within the level lowers it;
 * - name parts on either side that found no partner lower it (a query "Miguel Rodriguez"
 *   against "Miguel Angel Rodriguez Orejuela" is a possible match, not a hit);
 * - agreement on a rare name part raises it and on a very common one lowers it (Winkler's
 *   frequency adjustment, computed by the matcher);
 * - date of birth, nationality and gender move it up or down: a matching date of birth is
 *   strong evidence for, a differing one evidence against, and one a generation away with no
 *   typing slip to explain it (`distant`, distant-birth-dates.ts) near-proof of a namesake;
 * - an exact document number or plate makes a hit whatever the name says.
 *
 * The constants were set on the OFAC dev half (bench/screen-ofac.ts) and are checked on the test half.
 */
import { COUNTRY_LEVELS, DATE_LEVELS, GENDER_LEVELS, type NameComparison, type NameLevel } from '@mosaic/matching';

export const BANDS = ['hit', 'possible', 'none'] as const;
export type Band = (typeof BANDS)[number];

export interface ScreeningThresholds {
  /** At or above: a hit (the officer acts on the alert after confirming identity). */
  readonly hit: number;
  /** At or above: a possible match (the officer checks further before acting). */
  readonly possible: number;
}

export const DEFAULT_THRESHOLDS: ScreeningThresholds = Object.freeze({ hit: 0.9, possible: 0.75 });

const LEVEL_BASE: Readonly<Record<NameLevel, number>> = {
  exact: 1,
  phonetic: 0.97,
  fuzzy: 0.95,
  fuzzyLow: 0.88,
  subset: 0.92,
  initials: 0.84,
  overlap: 0.8,
  single: 0.66,
  partial: 0.56,
  none: 0,
  missing: 0,
};
/** Score lost per unit of spelling distance (1 - mean similarity of aligned parts). */
const SPELLING_PENALTY = 0.6;
/** Score lost per name part, on either side, that found no partner (at most four counted). */
const UNMATCHED_PART_PENALTY = 0.045;
const MAX_UNMATCHED_COUNTED = 4;
/** Score per bit of frequency adjustment, and the cap on the bits counted. */
const FREQUENCY_STEP = 0.012;
const FREQUENCY_CAP_BITS = 5;

/** Score of the name comparison alone; `queryParts`/`listedParts`: core token counts. */
export function nameScore(comparison: NameComparison, queryParts: number, listedParts: number): number {
  const level = comparison.level;
  if (level === 'none' || level === 'missing') return 0;
  if (level === 'exact') return clamp01(1 + frequencyBonus(comparison.tf, true));
  let score = LEVEL_BASE[level] - SPELLING_PENALTY * (1 - comparison.similarity);
  const unmatched = Math.max(0, queryParts - comparison.aligned) + Math.max(0, listedParts - comparison.aligned);
  score -= UNMATCHED_PART_PENALTY * Math.min(unmatched, MAX_UNMATCHED_COUNTED);
  return clamp01(score + frequencyBonus(comparison.tf, false));
}

/** Rare agreement lifts, common agreement lowers; an exact match is only ever lowered. */
function frequencyBonus(tf: number, exact: boolean): number {
  const bits = Math.max(-FREQUENCY_CAP_BITS, Math.min(FREQUENCY_CAP_BITS, tf));
  const bonus = FREQUENCY_STEP * bits;
  return exact ? Math.min(0, bonus) : bonus;
}

/** Adjustments by DATE_LEVELS index: exact, yearMonth, swapped, year, near, mismatch, missing. */
const DATE_ADJUSTMENT: readonly number[] = [0.06, 0.03, 0.03, 0, -0.06, -0.18, 0];
const MISMATCH = DATE_LEVELS.indexOf('mismatch');
/**
 * A `mismatch` whose dates are a generation apart: screening's own grade, not a matcher level.
 * Enough to put an exact name, with a shared nationality (1 + 0.02), below the possible
 * threshold (0.75): the officer is not sent to check a person who cannot be the subject. A
 * document number still makes a hit, a shared phone or mailbox still a possible match.
 */
const DISTANT_ADJUSTMENT = -0.3;
/** COUNTRY_LEVELS: exact, mismatch, missing. Nationalities change and accumulate: weak evidence. */
const COUNTRY_ADJUSTMENT: readonly number[] = [0.02, -0.04, 0];
/** GENDER_LEVELS: exact, mismatch, missing. */
const GENDER_ADJUSTMENT: readonly number[] = [0, -0.12, 0];

export interface FactAdjustment {
  /** The matcher's level (DATE_LEVELS, COUNTRY_LEVELS, GENDER_LEVELS); for a date of birth also `distant`. */
  readonly level: string;
  readonly adjustment: number;
}

/**
 * `distant`: whether the dates are a generation apart (distantBirthDates), asked on `mismatch`
 * only: every candidate a check scores comes here, and few dates differ.
 */
export function dateAdjustment(level: number, distant: () => boolean = () => false): FactAdjustment {
  if (level === MISMATCH && distant()) return { level: 'distant', adjustment: DISTANT_ADJUSTMENT };
  return { level: DATE_LEVELS[level] ?? 'missing', adjustment: DATE_ADJUSTMENT[level] ?? 0 };
}

export function countryAdjustment(level: number): FactAdjustment {
  return { level: COUNTRY_LEVELS[level] ?? 'missing', adjustment: COUNTRY_ADJUSTMENT[level] ?? 0 };
}

export function genderAdjustment(level: number): FactAdjustment {
  return { level: GENDER_LEVELS[level] ?? 'missing', adjustment: GENDER_ADJUSTMENT[level] ?? 0 };
}

export function bandOf(score: number, thresholds: ScreeningThresholds): Band {
  if (score >= thresholds.hit) return 'hit';
  return score >= thresholds.possible ? 'possible' : 'none';
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
