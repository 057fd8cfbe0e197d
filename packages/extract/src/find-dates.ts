/**
 * Dates in the formats reports use: "13 November 2015", "November 13, 2015", "13/11/2015",
 * "13.11.2015", "2015-11-13", "November 2015", years after a temporal preposition and year
 * ranges "(2015–2018)"; month names in English, French, Dutch, German, Spanish, Italian and Russian
 * ("5 мая 2016 года": the genitive after a day, the nominative and prepositional before a year). Numeric dates are read day first (European usage) unless the first
 * number cannot be a day. Values are ISO 8601, as precise as the text: "2015-11-13", "2015-11", "2015".
 */
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
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const YEAR = '((?:19|20)\\d{2})';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const DAY_MONTH_YEAR = new RegExp(`${B}(\\d{1,2})(?:st|nd|rd|th|er)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?${E}`, 'giu');
const MONTH_DAY_YEAR = new RegExp(`${B}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*|\\s+)${YEAR}${E}`, 'giu');
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

/**
 * Finds dates; `isFree` tells which stretches other finders already took, `sentences` are the
 * text's (splitSentences, which is run on the text when they are not given and a day and month
 * without a year is found): a day and month does not look beyond its sentence for its year.
 */
export function findDates(text: string, isFree: (start: number, end: number) => boolean, sentences?: readonly Sentence[]): Span[] {
  const out: Span[] = [];
  // marked character by character: a list of taken stretches, searched for every date, made a
  // report of many dates quadratic (2 MB: seconds)
  const taken = new Occupancy(text.length);
  const free = (s: number, e: number) => isFree(s, e) && taken.isFree(s, e);
  const add = (start: number, end: number, iso: string) => {
    if (!free(start, end)) return;
    taken.take(start, end);
    out.push(span('date', start, end, iso, iso, { date: [iso] }));
  };
  const partial: Span[] = [];
  for (const m of text.matchAll(ISO)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(d, mo)) add(m.index, m.index + m[0].length, `${y}-${pad(mo)}-${pad(d)}`);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const d = Number(m[1]);
    const mo = monthOf(m[2]);
    if (!valid(d, mo)) continue;
    // "3 may" in running text is too weak; an abbreviated or lower-case month needs a year.
    if (m[3] === undefined && !namedMonth(m[2])) continue;
    const iso = m[3] === undefined ? `--${pad(mo)}-${pad(d)}` : `${m[3]}-${pad(mo)}-${pad(d)}`;
    const before = out.length;
    // MONTH's full stop is an abbreviation's ("6 Sept. 2016"): after a month written in full
    // ("on 6 June.") it ends the sentence, as splitSentences reads it, and is no part of the date
    const trimmed = m[0].endsWith('.') && !closesAbbreviation(m[2] ?? '') ? m[0].length - 1 : m[0].length;
    add(m.index, m.index + trimmed, iso);
    if (m[3] === undefined && out.length > before) partial.push(out[out.length - 1] as Span);
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const mo = monthOf(m[1]);
    const d = Number(m[2]);
    if (valid(d, mo) && /^\p{Lu}/u.test(m[1] ?? '')) add(m.index, m.index + m[0].length, `${m[3]}-${pad(mo)}-${pad(d)}`);
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
  const bounds = partial.length === 0 ? [] : (sentences ?? splitSentences(text));
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
    if (next !== undefined) {
      const iso = `${next.key.slice(0, 4)}${p.key.slice(1)}`;
      p.key = iso;
      p.name = iso;
      p.props['date'] = [iso];
    }
  }
  return out;
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
