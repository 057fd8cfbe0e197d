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
 *
 * Nor is a number a day where it numbers a thing named before the list: "Room 12 and 14 November",
 * "Platform 3 and 4 May", "No. 12 and 14 November", "# 12". A capitalised word before the list is
 * taken for that thing's name unless it is one that opens a date or a clause (a preposition, an
 * article, a conjunction, a pronoun, a weekday: "On", "Between", "The", "Friday", "Zwischen") or a
 * place's name ("seen in Antwerp 12 and 14 November"), and so is an abbreviation closed by its
 * full stop ("No.", "Nr.") and a number sign. A word in lower case is let be: "room 12 and 14
 * November" and "seen 12 and 14 November" cannot be told apart by their words alone, and the
 * second is the more common in a report; a capitalised verb opening a sentence ("Seen 12 and 14
 * November") is taken for a thing's name, and a person's name for one too, as nothing here tells
 * them from "Room".
 */
import { STOPWORDS } from './lexicon.ts';
import { foldKey } from './normalise.ts';
import { placeGazetteer } from './place-gazetteer.ts';
import { closesAbbreviation } from './sentences.ts';

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
const standsAlone = (before: string) => !/[.,:/–#№°º-]/.test(before);

/**
 * Capitalised words that open a date in the other languages of the month names (STOPWORDS holds
 * the English and Russian ones): prepositions, articles and conjunctions before a day, weekdays.
 */
const DATE_OPENERS: ReadonlySet<string> = new Set(`le la les l du des au aux entre et ou depuis dès vers jusqu
lundi mardi mercredi jeudi vendredi samedi dimanche op tussen van vanaf tot en of de het sinds maandag dinsdag woensdag
donderdag vrijdag zaterdag zondag am im vom zum zwischen den dem der die das bis und oder seit ab montag dienstag mittwoch
donnerstag freitag samstag sonntag el los del al entre y o desde hasta il lo dal tra fra e dalle mon tue wed thu fri sat sun`
  .split(/\s+/).filter((w) => w.length > 0));

/** The word just before a list (its full stop, if any, apart), or a number sign alone. */
const BEFORE_LIST = /(?:(\p{L}[\p{L}'’]*)(\.?)|([#№°º]))[ \t]+$/u;

/**
 * Whether the list ending at `at` numbers a thing its word before names ("Room", "No.", "#")
 * rather than opening on days.
 */
function numbersAThing(text: string, at: number): boolean {
  const m = BEFORE_LIST.exec(text.slice(Math.max(0, at - LONGEST_ELEMENT), at));
  if (m === null) return false;
  if (m[3] !== undefined) return true;
  const word = m[1] ?? '';
  // "No. 12" and "Nr. 12", where "Seen. 12" ends a sentence before the list
  if (m[2] === '.') return closesAbbreviation(word) && !/^\p{Lu}$/u.test(word);
  if (!/^\p{Lu}/u.test(word)) return false;
  const key = foldKey(word);
  return !STOPWORDS.has(key) && !DATE_OPENERS.has(key) && placeGazetteer().lookup(word).length === 0;
}

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
  return days.length > 0 && standsAlone(text[cursor - 1] ?? '') && !numbersAThing(text, cursor) ? days : [];
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
