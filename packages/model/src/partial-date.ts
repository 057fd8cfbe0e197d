/**
 * Partial dates: agencies often know only a year ("1989") or a month ("1989-09") of birth.
 * A partial date is kept at the precision it was given; comparisons treat the missing parts as
 * unknown, never as January or the 1st.
 */
export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The years a date is read in: a date outside them is a slip (9999-12-31, 0001-01-01), not a day of someone's life. */
export const DATE_YEARS = { first: 1800, last: 2200 } as const;

/** The parts a date is written in, or undefined when it is not written as one (range not checked). */
function partsOf(raw: string): Parts | undefined {
  const text = raw.trim();
  const withTime = ISO_TIME.exec(text);
  const iso = ISO.exec(withTime?.[1] ?? text);
  if (iso) return [Number(iso[1]), iso[2] === undefined ? undefined : Number(iso[2]), iso[3] === undefined ? undefined : Number(iso[3])];
  // Day-first numeric dates are how European agencies write them; month-first is not accepted
  // because 03/04/1990 would be ambiguous.
  const dmy = DMY.exec(text);
  return dmy ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])] : undefined;
}

type Parts = readonly [year: number, month: number | undefined, day: number | undefined];

function partsProblem([year, month, day]: Parts): string | undefined {
  if (year < DATE_YEARS.first || year > DATE_YEARS.last) return `is not a date in the years ${DATE_YEARS.first} to ${DATE_YEARS.last}`;
  if (month === undefined) return undefined;
  if (month < 1 || month > 12) return 'is not a date: it has no such month';
  if (day === undefined || (day >= 1 && day <= daysIn(year, month))) return undefined;
  return 'is not a date: its month has no such day';
}

/**
 * Why a text is not a date, in words for the person who wrote it, or undefined when it is one:
 * "is not a date in the years 1800 to 2200" for 9999-12-31, "is not a date: its month has no
 * such day" for 2023-02-30. The reason never repeats a part of the text: it is written where the
 * value may not be (a terminal, a file of refused lines), and the value may be a date of birth.
 */
export function dateProblem(raw: string): string | undefined {
  const parts = partsOf(raw);
  return parts === undefined ? 'is not a date' : partsProblem(parts);
}

export function parsePartialDate(raw: string): PartialDate | undefined {
  const parts = partsOf(raw);
  if (parts === undefined || partsProblem(parts) !== undefined) return undefined;
  const [year, month, day] = parts;
  if (month === undefined) return { year };
  if (day === undefined) return { year, month };
  return { year, month, day };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD, read as a record's dates are ("2099-02-30" is not one): the check for full dates given at the boundary. */
export function isIsoDay(text: string): boolean {
  return isoDayProblem(text) === undefined;
}

/** Why a text is not a full date YYYY-MM-DD of a real day ("must be a date YYYY-MM-DD", "is not a date in the years…"), or undefined. */
export function isoDayProblem(text: string): string | undefined {
  return ISO_DAY.test(text) ? dateProblem(text) : 'must be a date YYYY-MM-DD';
}

export function formatPartialDate(date: PartialDate): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (date.month === undefined) return String(date.year);
  if (date.day === undefined) return `${date.year}-${pad(date.month)}`;
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** True when the two dates can describe the same day: equal on every part both of them know. */
export function compatibleDates(a: PartialDate, b: PartialDate): boolean {
  if (a.year !== b.year) return false;
  if (a.month === undefined || b.month === undefined) return true;
  if (a.month !== b.month) return false;
  return a.day === undefined || b.day === undefined || a.day === b.day;
}
