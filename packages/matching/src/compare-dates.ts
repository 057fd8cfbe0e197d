/**
 * Dates of birth, including partial dates ("1989", "1989-09", "1989-09-15"), compared on
 * discrete levels. Day/month swaps are a classic clerical error (US vs European order), and
 * off-by-one or two years is common when an age was converted to a year or a year was mistyped
 * (`near`: the year a year or two apart, the day and month the same or unknown on a side).
 * A level says how far two dates agree without contradiction: `yearMonth` is year and month
 * with the day unknown on a side, a day that differs agrees on the year only (`year`); two
 * parts that differ are a `mismatch`. Among namesakes (thousands share a common name at a
 * million records) a different day is what tells two people apart.
 */
export const DATE_LEVELS = ['exact', 'yearMonth', 'swapped', 'year', 'near', 'mismatch', 'missing'] as const;
export type DateLevel = (typeof DATE_LEVELS)[number];

export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /^(\d{1,2})[\s./-]+([a-z]{3})[a-z]*[\s./-]+(\d{4})$/i;
const NUMERIC_DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/;

/** ISO (possibly partial), "15 Sep 1989", "15.09.1989"; undefined when unreadable. */
export function parseDate(raw: string): PartialDate | undefined {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) return build(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    return month > 0 ? build(Number(m[3]), month, Number(m[1])) : undefined;
  }
  m = NUMERIC_DMY.exec(s);
  if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

function build(year: number, month: number | undefined, day: number | undefined): PartialDate | undefined {
  if (!(year > 0)) return undefined;
  if (month === undefined || month < 1 || month > 12) return { year };
  if (day === undefined || day < 1 || day > 31) return { year, month };
  return { year, month, day };
}

const INDEX: Readonly<Record<DateLevel, number>> = Object.fromEntries(DATE_LEVELS.map((l, i) => [l, i])) as Record<DateLevel, number>;

/**
 * 1 January stands for "day and month unknown" in many registration systems (asylum and
 * immigration records above all, where a year is all that is known): against another date it
 * counts as the year alone.
 */
function yearOnly(d: PartialDate): PartialDate {
  return d.month === 1 && d.day === 1 ? { year: d.year } : d;
}

function compareOne(x: PartialDate, y: PartialDate): DateLevel {
  if (x.year === y.year && x.month === y.month && x.day === y.day) return 'exact';
  const a = yearOnly(x);
  const b = yearOnly(y);
  // a placeholder agrees on the year at best
  if ((a !== x || b !== y) && a.year === b.year) return 'year';
  // One clerical error (a slipped year, a wrong day, a wrong month, day and month swapped)
  // keeps a date close; two full dates that differ in two places are different dates.
  const full = a.month !== undefined && a.day !== undefined && b.month !== undefined && b.day !== undefined;
  if (a.year === b.year) {
    if (a.month === undefined || b.month === undefined) return a.month === b.month ? 'exact' : 'year';
    if (a.month === b.month) {
      if (a.day === undefined || b.day === undefined) return a.day === b.day ? 'exact' : 'yearMonth';
      // yearMonth agrees as far as both sides go; a day that contradicts agrees on less
      return a.day === b.day ? 'exact' : 'year';
    }
    if (a.day !== undefined && b.day !== undefined && a.day === b.month && a.month === b.day) return 'swapped';
    return full && a.day !== b.day ? 'mismatch' : 'year';
  }
  if (Math.abs(a.year - b.year) > 2) return 'mismatch';
  return full && (a.month !== b.month || a.day !== b.day) ? 'mismatch' : 'near';
}

/** Best level over all pairs of values; `missing` when a side has none. Returns the level index. */
export function compareDates(a: readonly PartialDate[], b: readonly PartialDate[]): number {
  if (a.length === 0 || b.length === 0) return INDEX.missing;
  let best = INDEX.mismatch;
  for (const x of a) for (const y of b) best = Math.min(best, INDEX[compareOne(x, y)]);
  return best;
}
