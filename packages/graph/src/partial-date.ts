/**
 * ISO 8601 partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the sources give them, packed into one
 * integer YYYYMMDD with 00 for a missing month or day, so 5M edges keep their time spans in two
 * Int32Arrays. 0 means "no date". A partial date covers an interval: "2015" runs from 20150000
 * to 20151231, which is what time-window filters compare.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The packed code of a partial date, or undefined when the text is not one. */
export function encodePartialDate(text: string): number | undefined {
  const match = PARTIAL_DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 0 : Number(match[2]);
  const day = match[3] === undefined ? 0 : Number(match[3]);
  if (year < 1 || month > 12 || (match[2] !== undefined && month < 1)) return undefined;
  if (match[3] !== undefined && (day < 1 || day > daysIn(year, month))) return undefined;
  return year * 10000 + month * 100 + day;
}

export function decodePartialDate(code: number): string {
  const year = Math.floor(code / 10000);
  const month = Math.floor(code / 100) % 100;
  const day = code % 100;
  const y = String(year).padStart(4, '0');
  if (month === 0) return y;
  const m = String(month).padStart(2, '0');
  if (day === 0) return `${y}-${m}`;
  return `${y}-${m}-${String(day).padStart(2, '0')}`;
}

/** First day the partial date can mean. */
export function lowerBound(code: number): number {
  return code;
}

/** Last day the partial date can mean (months are given 31 days: only order matters). */
export function upperBound(code: number): number {
  const month = Math.floor(code / 100) % 100;
  if (month === 0) return code + 1231;
  if (code % 100 === 0) return code + 31;
  return code;
}

function daysIn(year: number, month: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 onto 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
