/**
 * Dates in the formats reports use: "13 November 2015", "November 13, 2015", "13/11/2015",
 * "13.11.2015", "2015-11-13", "November 2015", years after a temporal preposition and year
 * ranges "(2015–2018)"; month names in English, French, Dutch, German ("14. November 2015", the
 * day with its full stop), Spanish, Italian and Russian ("5 мая 2016 года": the genitive after a
 * day, the nominative and prepositional before a year);
 * each day of a list sharing a month ("6 and 7 June 2006", "6–8 June", "June 6 and 7, 2006", see
 * listed-days.ts). Numeric dates are read day first (European usage) unless the first
 * number cannot be a day. Values are ISO 8601, as precise as the text: "2015-11-13", "2015-11", "2015".
 */
import { daysListed, daysListedBefore, DAYS_BEFORE_LAST, type ListedDay } from './listed-days.ts';
import { closesAbbreviation, splitSentences, type Sentence } from './sentences.ts';
import { Occupancy, span, type Span } from './span.ts';

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'janvier', 'januari', 'januar', 'enero', 'gennaio', 'января', 'январь', 'январе'],
  ['february', 'feb', 'février', 'fevrier', 'februari', 'februar', 'febrero', 'febbraio', 'февраля', 'февраль', 'феврале'],
  ['march', 'mar', 'mars', 'maart', 'märz', 'marzo', 'марта', 'март', 'марте'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'апреля', 'апрель', 'апреле'],
  ['may', 'mai', 'mei', 'mayo', 'maggio', 'мая', 'май', 'мае'],
  ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'июня', 'июнь', 'июне'],
  ['july', 'jul', 'juillet', 'juli', 'julio', 'luglio', 'июля', 'июль', 'июле'],
  ['august', 'aug', 'août', 'aout', 'augustus', 'agosto', 'августа', 'август', 'августе'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'сентября', 'сентябрь', 'сентябре'],
  ['october', 'oct', 'octobre', 'oktober', 'octubre', 'ottobre', 'октября', 'октябрь', 'октябре'],
  ['november', 'nov', 'novembre', 'noviembre', 'ноября', 'ноябрь', 'ноябре'],
  ['december', 'dec', 'décembre', 'decembre', 'dezember', 'diciembre', 'dicembre', 'декабря', 'декабрь', 'декабре'],
];
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
/**
 * The month names German writes, where a day is written with a full stop ("14. November 2015"):
 * before any other month name a full stop after a number ends it ("Room 14. Mars 2015").
 */
const GERMAN_MONTHS: ReadonlySet<string> = new Set(['januar', 'jan', 'februar', 'feb', 'märz', 'april', 'apr', 'mai', 'juni', 'jun', 'juli', 'jul',
  'august', 'aug', 'september', 'sep', 'sept', 'oktober', 'november', 'nov', 'dezember']);
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const YEAR = '((?:19|20)\\d{2})';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const DAY_MONTH_YEAR = new RegExp(`${B}(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?${E}`, 'giu');
// one pass for "June 6, 2006" and "June 6 and 7, 2006": a pass of its own for the lists took a
// quarter more of the date finder's time on the reports
const MONTH_DAY_YEAR = new RegExp(`${B}${MONTH}\\s+(${DAYS_BEFORE_LAST})?(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*|\\s+)${YEAR}${E}`, 'giu');
const MONTH_YEAR = new RegExp(`${B}${MONTH}\\s+${YEAR}${E}`, 'giu');
const ISO = new RegExp(`${B}${YEAR}-(\\d{2})-(\\d{2})${E}`, 'gu');
const NUMERIC = /(?<![\p{L}\p{N}./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2}|\d{2})(?![\p{L}\p{N}]|[./-]\d)/gu;
const YEAR_RANGE = new RegExp(`${B}${YEAR}\\s?[–-]\\s?${YEAR}${E}`, 'gu');
const BARE_YEAR = new RegExp(`(?:\\b(?:in|since|until|till|by|from|to|during|of|early|late|mid|before|after|around|circa|summer|spring|autumn|fall|winter|born|between|and)[\\s-]+)${YEAR}${E}`, 'giu');

const pad = (n: number) => String(n).padStart(2, '0');

function valid(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function monthOf(word: string | undefined): number {
  return MONTHS[(word ?? '').toLowerCase()] ?? 0;
}

/** A month written as a month's name is: capitalised, as in English, or in Russian, which writes it in lower case. */
function namedMonth(word: string | undefined): boolean {
  return /^(?:\p{Lu}|\p{Script=Cyrillic})/u.test(word ?? '');
}

/** The bare days of a list ("6" in "6 and 7 June 2006") and the dated day that ends it. */
interface List {
  readonly days: readonly Span[];
  readonly last: Span;
}

/**
 * Finds dates; `isFree` tells which stretches other finders already took, `sentences` are the
 * text's (splitSentences, which is run on the text when they are not given and a day and month
 * without a year, or a list over a line break, is found): a day and month does not look beyond
 * its sentence for its year, nor a list for its days.
 */
export function findDates(text: string, isFree: (start: number, end: number) => boolean, sentences?: readonly Sentence[]): Span[] {
  const out: Span[] = [];
  // marked character by character: a list of taken stretches, searched for every date, made a
  // report of many dates quadratic (2 MB: seconds)
  const taken = new Occupancy(text.length);
  const free = (s: number, e: number) => isFree(s, e) && taken.isFree(s, e);
  const add = (start: number, end: number, iso: string): Span | undefined => {
    if (!free(start, end)) return undefined;
    taken.take(start, end);
    const found = span('date', start, end, iso, iso, { date: [iso] });
    out.push(found);
    return found;
  };
  let split: readonly Sentence[] | undefined;
  const sentencesOfText = () => (split ??= sentences ?? splitSentences(text));
  // a list's separators hold no full stop, so only a line break can end its sentence inside it
  const inOneSentence = (from: number, to: number) => !text.slice(from, to).includes('\n') || sameSentence(sentencesOfText(), from, to);
  const partial: Span[] = [];
  const lists: List[] = [];
  for (const m of text.matchAll(ISO)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(d, mo)) add(m.index, m.index + m[0].length, `${y}-${pad(mo)}-${pad(d)}`);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const d = Number(m[1]);
    const mo = monthOf(m[2]);
    if (!valid(d, mo)) continue;
    // "14. November 2015": German's full stop after the day, before a German month name only
    if (/^\d+\./.test(m[0]) && !GERMAN_MONTHS.has((m[2] ?? '').toLowerCase())) continue;
    const yearless = m[3] === undefined;
    // "3 may" in running text is too weak: a lower-case month needs a year. A capitalised one is a
    // month's name, abbreviated too ("on 7 Apr"), which left untaken would be read as the first
    // word of the name after it ("On 7 Apr Anna Peeters called": a person "Apr Anna Peeters")
    if (yearless && !namedMonth(m[2])) continue;
    const iso = yearless ? `--${pad(mo)}-${pad(d)}` : `${m[3]}-${pad(mo)}-${pad(d)}`;
    // MONTH's full stop is an abbreviation's ("6 Sept. 2016"): after a month written in full
    // ("on 6 June.") it ends the sentence, as splitSentences reads it, and is no part of the date
    const trimmed = m[0].endsWith('.') && !closesAbbreviation(m[2] ?? '') ? m[0].length - 1 : m[0].length;
    const found = add(m.index, m.index + trimmed, iso);
    if (found === undefined) continue;
    // the full stop of an abbreviated month, where splitSentences never ends a sentence, may end
    // one before a capital ("on 6 Jun. He left on 7 July 2006"): no year is borrowed over it
    const end = m.index + m[0].length;
    const mayEndSentence = trimmed === m[0].length && m[0].endsWith('.') && /^\s+\p{Lu}/u.test(text.slice(end, end + 3));
    if (yearless && !mayEndSentence) partial.push(found);
    const days = daysListedBefore(text, m.index, d);
    const first = days[0];
    // "June 6 and 7 July 2006" lists no days of July: its 6 is June's
    if (first === undefined || afterMonth(text, first.start) || !inOneSentence(first.start, m.index)) continue;
    lists.push({ days: days.flatMap((day) => add(day.start, day.end, dayOf(iso, day)) ?? []), last: found });
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const mo = monthOf(m[1]);
    const d = Number(m[3]);
    if (!valid(d, mo) || !/^\p{Lu}/u.test(m[1] ?? '')) continue;
    const iso = (day: number) => `${m[4]}-${pad(mo)}-${pad(day)}`;
    if (m[2] === undefined) {
      add(m.index, m.index + m[0].length, iso(d));
      continue;
    }
    // the days before the last follow the month's name, which holds no digit
    const listAt = m.index + m[0].indexOf(m[2], (m[1] ?? '').length);
    const lastAt = listAt + m[2].length;
    const [first, ...others] = daysListed(m[2], listAt, d);
    if (first === undefined || !inOneSentence(m.index, lastAt)) continue;
    // the month belongs to the first day, the year to the last: "June 6", "7, 2006"
    add(m.index, first.end, iso(first.day));
    for (const day of others) add(day.start, day.end, iso(day.day));
    add(lastAt, m.index + m[0].length, iso(d));
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const mo = monthOf(m[1]);
    if (mo > 0 && namedMonth(m[1])) add(m.index, m.index + m[0].length, `${m[2]}-${pad(mo)}`);
  }
  for (const m of text.matchAll(NUMERIC)) {
    let d = Number(m[1]);
    let mo = Number(m[3]);
    if (!valid(d, mo) && valid(mo, d)) [d, mo] = [mo, d];
    if (!valid(d, mo)) continue;
    const y = (m[4] ?? '').length === 2 ? `${Number(m[4]) > 40 ? '19' : '20'}${m[4]}` : (m[4] ?? '');
    add(m.index, m.index + m[0].length, `${y}-${pad(mo)}-${pad(d)}`);
  }
  for (const m of text.matchAll(YEAR_RANGE)) {
    const second = m.index + m[0].length - 4;
    add(m.index, m.index + 4, m[1] ?? '');
    add(second, second + 4, m[2] ?? '');
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const start = m.index + m[0].length - 4;
    add(start, start + 4, m[1] ?? '');
  }
  // A day and month without a year borrow it from the next full date ("1 June to 31 August 2021"),
  // looked for among the dates within 40 characters after it and in its sentence ("on 6 June. Seen
  // on 7 July 2006" says nothing of the year of 6 June), in the text's order: filtering every date
  // found for each partial one made a text of many dates quadratic (2 MB: seconds). The partial
  // dates come in the text's order, so their sentences are found in one pass over the sentences.
  out.sort((a, b) => a.start - b.start);
  const bounds = partial.length === 0 ? [] : sentencesOfText();
  let sentence = 0;
  for (const p of partial) {
    while (sentence < bounds.length && (bounds[sentence] as Sentence).end <= p.start) sentence++;
    const sentenceEnd = bounds[sentence]?.end ?? text.length;
    let next: Span | undefined;
    for (let i = firstAfter(out, p.end); i < out.length; i++) {
      const o = out[i] as Span;
      if (o.start - p.end >= 40 || o.start >= sentenceEnd) break;
      if (/^\d{4}/.test(o.key)) {
        next = o;
        break;
      }
    }
    if (next !== undefined) rekey(p, `${next.key.slice(0, 4)}${p.key.slice(1)}`);
  }
  // a list's days take the year its last day has, its own or borrowed
  for (const { days, last } of lists) for (const day of days) rekey(day, `${last.key.slice(0, -2)}${day.key.slice(-2)}`);
  return out;
}

function rekey(date: Span, iso: string): void {
  date.key = iso;
  date.name = iso;
  date.props['date'] = [iso];
}

/** The date of `day` in the month (and year) of the date `iso` of the list's last day. */
const dayOf = (iso: string, day: ListedDay) => `${iso.slice(0, -2)}${pad(day.day)}`;

/** Whether the word before `at` names a month ("June 6"). */
function afterMonth(text: string, at: number): boolean {
  return monthOf(/(\p{L}+)\.?\s+$/u.exec(text.slice(Math.max(0, at - 16), at))?.[1]) > 0;
}

/** Whether `from` and `to` lie in one of `sentences` (in the text's order). */
function sameSentence(sentences: readonly Sentence[], from: number, to: number): boolean {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sentences[middle] as Sentence).end <= from) low = middle + 1;
    else high = middle;
  }
  const sentence = sentences[low];
  return sentence !== undefined && sentence.start <= from && to < sentence.end;
}

/** The index of the first of `spans` (in the text's order) that starts after `end`. */
function firstAfter(spans: readonly Span[], end: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as Span).start > end) high = middle;
    else low = middle + 1;
  }
  return low;
}
