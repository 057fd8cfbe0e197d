/**
 * Whether two sets of dates of birth are so far apart that they name different people, as a
 * checkpoint reads them. The matcher's `mismatch` level (compareDates) covers a date three
 * years off as well as one forty years off; at a checkpoint the first is weak evidence against
 * (a year estimated from an age, a date partly mistyped) and the second near-proof of a
 * namesake: a father and son sharing a name, the commonest namesakes of all, are a generation
 * apart. The matcher's levels stay as they are (its Fellegi–Sunter weights are estimated on
 * them); screening asks this on `mismatch` only.
 */
import type { PartialDate } from '@mosaic/matching';

/**
 * Years apart from which, with no typing slip to explain it, two dates are taken for two people:
 * a generation, as a father and son are apart. Not less, because one person's recorded dates
 * stray far: on the OFAC list an entry's alternative dates of birth (one person as different
 * sources put it) lie up to 14 years apart on the dev half and 15 on the test half, once a typing
 * slip is set aside (bench/screen-ofac.ts, `heldOutBirthDates`); an estimated age strays too.
 * Anything nearer stays a plain mismatch, weak evidence against.
 */
export const DISTANT_YEARS = 20;

/**
 * True when every pair of dates, one from each side, is DISTANT_YEARS or more apart and the two
 * years are not one keystroke apart; false when a side has no date. A year with one digit
 * mistyped (1952 / 1982) or two neighbouring digits swapped (1952 / 1925) may be decades off
 * and still be the same person's: a missed subject costs more than a second look, so such a
 * pair stays a plain mismatch.
 */
export function distantBirthDates(a: readonly PartialDate[], b: readonly PartialDate[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const x of a) for (const y of b) if (!distantYears(x.year, y.year)) return false;
  return true;
}

/**
 * The first pair of years, one from each side, that differ by one keystroke (1985 / 1958,
 * 1985 / 1955): what a plain mismatch may owe to a typing slip, for the officer to read; undefined
 * when no pair does. Asked of the hits shown only, never while scoring.
 */
export function typingSlipYears(a: readonly PartialDate[], b: readonly PartialDate[]): { readonly a: number; readonly b: number } | undefined {
  for (const x of a) for (const y of b) if (x.year !== y.year && oneKeystrokeApart(String(x.year), String(y.year))) return { a: x.year, b: y.year };
  return undefined;
}

function distantYears(x: number, y: number): boolean {
  return Math.abs(x - y) >= DISTANT_YEARS && !oneKeystrokeApart(String(x), String(y));
}

/** One digit substituted, or two neighbouring digits swapped (Damerau's single errors of the same length). */
function oneKeystrokeApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differing: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing.push(i);
  if (differing.length === 1) return true;
  const [i, j] = differing;
  return differing.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}
