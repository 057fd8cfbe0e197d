/**
 * Dates as whole days since 1970-01-01 (UTC), the cheap form the generator computes with, and
 * their ISO rendering. The demo world runs from 2012 to mid-2016.
 */
const DAY_MS = 86_400_000;

export const WORLD_START = day(2012, 1, 1);
export const WORLD_END = day(2016, 6, 30);

export function day(year: number, month: number, dayOfMonth: number): number {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
}

// Rendering dates is hot (every event and review date): cache 1900-2099.
const CACHE_FROM = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
const CACHE_TO = Math.floor(Date.UTC(2100, 0, 1) / DAY_MS);
const isoCache: (string | undefined)[] = [];

export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day number of an ISO date (YYYY-MM-DD). */
export function dayOfIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The review date of a record collected on `recorded` and kept `period` days between reviews,
 * as it stands on `asOf`: its first review date if that is still to come, otherwise the next
 * one after `asOf` (each review before it kept the record for another period).
 */
export function nextReview(recorded: number, period: number, asOf: number): number {
  const first = recorded + period;
  return first > asOf ? first : recorded + (Math.floor((asOf - recorded) / period) + 1) * period;
}

export function isoDay(days: number): string {
  if (days < CACHE_FROM || days >= CACHE_TO) return new Date(days * DAY_MS).toISOString().slice(0, 10);
  const cached = isoCache[days - CACHE_FROM];
  if (cached !== undefined) return cached;
  const text = new Date(days * DAY_MS).toISOString().slice(0, 10);
  isoCache[days - CACHE_FROM] = text;
  return text;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civil(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
