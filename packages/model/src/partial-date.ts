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

export function parsePartialDate(raw: string): PartialDate | undefined {
  const text = raw.trim();
  const withTime = ISO_TIME.exec(text);
  const iso = ISO.exec(withTime?.[1] ?? text);
  let parts: [number, number | undefined, number | undefined];
  if (iso) {
    parts = [Number(iso[1]), iso[2] === undefined ? undefined : Number(iso[2]), iso[3] === undefined ? undefined : Number(iso[3])];
  } else {
    // Day-first numeric dates are how European agencies write them; month-first is not accepted
    // because 03/04/1990 would be ambiguous.
    const dmy = DMY.exec(text);
    if (!dmy) return undefined;
    parts = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  }
  const [year, month, day] = parts;
  if (year < 1800 || year > 2200) return undefined;
  if (month === undefined) return { year };
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return { year, month };
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return { year, month, day };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD, read as a record's dates are ("2099-02-30" is not one): the check for full dates given at the boundary. */
export function isIsoDay(text: string): boolean {
  return ISO_DAY.test(text) && parsePartialDate(text)?.day !== undefined;
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
