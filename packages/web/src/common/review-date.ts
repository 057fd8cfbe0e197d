/**
 * Whether a review date has gone by, and how that is said: one test and one word for every
 * screen that shows one (an alert's review date, a value's provenance). A date reached today is
 * not yet overdue. "Today" is the officer's own day, in the browser's time zone: the UTC day
 * (`toISOString()`) is a day off on either side of midnight away from Greenwich.
 */

/** The day of `now` in the browser's time zone, as an ISO day (YYYY-MM-DD). */
export function localDay(now: Date = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** `reviewDate` and `today` are ISO days: an ISO day's order is its text's. */
export function reviewOverdue(reviewDate: string, today: string): boolean {
  return reviewDate !== '' && reviewDate < today;
}

/** The review date as shown: "2026-01-01 (overdue)" once gone by, said and not only coloured. */
export function reviewDateText(reviewDate: string, today: string): string {
  return reviewOverdue(reviewDate, today) ? `${reviewDate} (overdue)` : reviewDate;
}
