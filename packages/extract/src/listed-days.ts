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
 * Nor is a number a day where it numbers a thing named before the list: "room 12 and 14 November",
 * "Platform 3 and 4 May", "la chambre 12 et 14 novembre", "No. 12 and 14 November", "# 12". The
 * word before the list decides by a closed list of the nouns that number things (NUMBERED_NOUNS),
 * in English, French, Dutch and German, whatever its case: a capital does not tell a noun from a
 * verb opening a sentence ("Seen 12 and 14 November" lists days), nor a lower case a verb from a
 * noun ("searched room 12 and 14 November" does not). A noun elided with its article is looked up
 * without it ("dans l'appartement 12"). An abbreviation closed by its full stop ("No.", "Nr.",
 * "Apt.") and a number sign number a thing too. A thing named by a word outside the list
 * ("Hangar 12 and 14 November") is read as opening days, as is a person's or a place's name.
 */
import { foldKey } from './normalise.ts';
import { closesAbbreviation } from './sentences.ts';

export interface ListedDay {
  readonly start: number;
  readonly end: number;
  readonly day: number;
}

/** "and", "or" and "to" in the languages whose month names find-dates.ts reads, a comma, a dash. */
const SEPARATOR = String.raw`(?:\s*,\s+(?:(?:and|or)\s+)?|\s+(?:and|or|to|till|until|through|et|ou|au|en|tot|und|oder|bis)\s+|\s*[–-]\s*)`;
const ORDINAL = '(?:st|nd|rd|th|er)?';

/**
 * One element of the list, the last before `at`: a day and the separator after it; the day's
 * ordinal ending or, as German writes it before its month name, full stop ("am 12. und 14. November").
 */
const ELEMENT_BEFORE = new RegExp(String.raw`((\d{1,2})(?:st|nd|rd|th|er|\.)?)${SEPARATOR}$`, 'iu');
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
 * Nouns after which a number is the number of a thing (a room, a seat, a bus line), singular and
 * plural, in the languages of the month names that reports here are written in: English, French,
 * Dutch and German. Left out: nouns that also stand before a date ("visited the house 12 and 14
 * November", "booked a flight 12 and 14 November", Dutch "vond plaats 12 en 14 november"), and
 * words that are also a common verb or pronoun (French "vol", theft; Dutch "rij", drive; French
 * "nos", our).
 */
const NUMBERED_NOUNS: ReadonlySet<string> = new Set(`room rooms flat flats apartment apartments apt building buildings block
blocks cell cells lot lots section sections unit units floor floors bus buses line lines platform platforms gate gates
seat seats number numbers no nr berth berths cabin cabins locker lockers bay bays terminal terminals tram trams
row rows door doors exhibit exhibits item items page pages annex
chambre chambres salle salles appartement appartements appt bâtiment bâtiments bloc blocs cellule cellules étage étages
ligne lignes quai quais voie voies porte portes siège sièges numéro numéros bureau bureaux rangée rangées pièce
pièces annexe annexes
kamer kamers zaal zalen appartementen gebouw gebouwen blok blokken cel cellen verdieping lijn lijnen perron perrons
spoor sporen poort poorten stoel stoelen zitplaats zitplaatsen nummer nummers bijlage bijlagen
zimmer raum räume wohnung wohnungen gebäude zelle zellen linie linien bahnsteig bahnsteige gleis gleise tor sitz
sitzplatz sitzplätze nummern reihe anlage`
  .split(/\s+/).filter((w) => w.length > 0).map(foldKey));

/** The abbreviations among NUMBERED_NOUNS, which number a thing with their full stop too ("Apt. 12"). */
const NUMBERED_ABBREVIATIONS: ReadonlySet<string> = new Set(['apt', 'appt', 'no', 'nr']);

/** A French article elided before the noun: "l'appartement", "d’appartement". */
const ELIDED_ARTICLE = /^[ld]['’]/iu;

/** The word just before a list (its full stop, if any, apart), or a number sign alone. */
const BEFORE_LIST = /(?:(\p{L}[\p{L}'’]*)(\.?)|([#№°º]))[ \t]+$/u;

/**
 * Whether the list ending at `at` numbers a thing its word before names ("room", "No.", "#")
 * rather than opening on days.
 */
function numbersAThing(text: string, at: number): boolean {
  const m = BEFORE_LIST.exec(text.slice(Math.max(0, at - LONGEST_ELEMENT), at));
  if (m === null) return false;
  if (m[3] !== undefined) return true;
  const word = m[1] ?? '';
  const noun = foldKey(word.replace(ELIDED_ARTICLE, ''));
  // "No. 12", "Nr. 12" and "Apt. 12", where "Seen. 12" ends a sentence before the list
  if (m[2] === '.') return NUMBERED_ABBREVIATIONS.has(noun) || (closesAbbreviation(word) && !/^\p{Lu}$/u.test(word));
  return NUMBERED_NOUNS.has(noun);
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
