/**
 * The bare days of a list that shares one month and year: "6" in "between 6 and 7 June 2006",
 * "6" and "7" in "6, 7 and 8 June 2006", "6" in "6–8 June 2006" and "from 6 to 8 June 2006",
 * "7" in "June 6, 7 and 8, 2006". Only the list's last day (first, month first) carries the
 * month and year, so a finder of day-month dates alone reads 6 June as no date at all.
 *
 * A number is a day of the list only where every element is a day (1 to 31), the days rise (the
 * text cannot mean "28 June" by "from 28 to 3 June": 28 is May's), and the list stands alone: a
 * number written against a comma, full stop, colon, slash or dash ("2,6", "1.6 and 7 June") is a
 * decimal or a code, and the whole list is left. A range's ends are its days; the days between are
 * not written, so no mention could hold them.
 */

export interface ListedDay {
  readonly start: number;
  readonly end: number;
  readonly day: number;
}

/** "and", "or" and "to" in the languages whose month names find-dates.ts reads, a comma, a dash. */
const SEPARATOR = String.raw`(?:\s*,\s+(?:(?:and|or)\s+)?|\s+(?:and|or|to|till|until|through|et|ou|au|en|tot|und|oder|bis)\s+|\s*[–-]\s*)`;
const ORDINAL = '(?:st|nd|rd|th|er)?';

/** One element of the list, the last before `at`: a day and the separator after it. */
const ELEMENT_BEFORE = new RegExp(String.raw`((\d{1,2})${ORDINAL})${SEPARATOR}$`, 'iu');
/** A list's elements, in order, when it is read forwards (month first). */
const ELEMENT = new RegExp(String.raw`(?<![\p{L}\p{N}])(\d{1,2})${ORDINAL}(?!\p{N})`, 'giu');

/** The text after a month's name in "June 6, 7 and 8, 2006": the days before the last. */
export const DAYS_BEFORE_LAST = String.raw`(?:\d{1,2}${ORDINAL}${SEPARATOR})+`;

/** More than a list's element and separator are written in ("31st until "), so a number is seen whole. */
const LONGEST_ELEMENT = 24;

const isDay = (day: number) => day >= 1 && day <= 31;

/** Whether a list may begin after `before`, the character before its first day. */
const standsAlone = (before: string) => !/[.,:/–-]/.test(before);

/**
 * The bare days listed immediately before the dated day `lastDay` that starts at `at`, in the
 * text's order; none unless the whole list is one of days.
 */
export function daysListedBefore(text: string, at: number, lastDay: number): ListedDay[] {
  const days: ListedDay[] = [];
  let cursor = at;
  let next = lastDay;
  for (;;) {
    const m = ELEMENT_BEFORE.exec(text.slice(Math.max(0, cursor - LONGEST_ELEMENT), cursor));
    if (m === null) break;
    const start = cursor - m[0].length;
    // the end of a longer number or of a code ("2006 and 6–8 July", "A6"), before the list
    if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) break;
    const day = Number(m[2]);
    if (!isDay(day) || day >= next) return [];
    days.unshift({ start, end: start + (m[1] ?? '').length, day });
    cursor = start;
    next = day;
  }
  return days.length > 0 && standsAlone(text[cursor - 1] ?? '') ? days : [];
}

/**
 * The days of `list` (the days before the last of a month-first list, as DAYS_BEFORE_LAST
 * matched it, starting at `offset` in the text) and the last day; none unless they are a list of
 * rising days.
 */
export function daysListed(list: string, offset: number, lastDay: number): ListedDay[] {
  const days: ListedDay[] = [];
  for (const m of list.matchAll(ELEMENT)) {
    const day = Number(m[1]);
    if (!isDay(day) || day <= (days.at(-1)?.day ?? 0)) return [];
    days.push({ start: offset + m.index, end: offset + m.index + m[0].length, day });
  }
  return isDay(lastDay) && lastDay > (days.at(-1)?.day ?? 0) ? days : [];
}
