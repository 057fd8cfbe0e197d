/**
 * Names written in Arabic script inside a report written in another script ("… met عبد السلام
 * الزروالي in Brussels …"). The name finder reads capitalised words, and Arabic script has no
 * capitals, so such a name was not found at all. A run of one to five Arabic-script words with
 * text of another script (or the report's edge) on both sides is taken as a person when it
 * reads as one:
 *
 * - it opens on a compound or kunya head and goes on (عبد, أبو, أم, بن: "Abd al-Salam", "Abu
 *   Muhammad"), or
 * - its first word, of three letters or more, is written as a given name of the gazetteer is
 *   (@mosaic/matching's written frames: محمد fits Mohamed, يوسف fits Youssef).
 *
 * A longer run is a sentence of Arabic text, not a name, and is left alone; so is a run that
 * opens on any other word, and a run whose nearest letters on both sides are Arabic script too
 * (a clause of an Arabic report: "محمد كان هناك", Muhammad was there). The name is kept as written: matching reads the script.
 *
 * A report written in Arabic script is not read for names, which would need a reading of Arabic
 * sentences; but a form's name field in it, a line "الاسم: محمد عبد السلام" (Name: …), gives the
 * person, and `mostlyArabic` tells the extractor to warn the reader that nothing else was read.
 */
import { fitsWrittenFrame, normalizeName, type NameToken } from '@mosaic/matching';
import { GIVEN_NAMES } from './data/given-names.ts';
import { span, type Span } from './span.ts';

/** One to five Arabic-script words, not inside a longer Arabic-script stretch. */
const RUN = /(?<![\p{Script=Arabic}\p{M}][\s\u200c]*)[\p{Script=Arabic}\p{M}]+(?:[ \u00a0][\p{Script=Arabic}\p{M}]+){0,4}(?![\s\u200c]*[\p{Script=Arabic}\p{M}])/gu;
/** Heads that open a compound name or a kunya: Abd (servant of), Abu / Umm (father / mother of), Bin (son of). */
const HEADS = new Set(['عبد', 'أبو', 'ابو', 'أم', 'ام', 'بن']);
const TATWEEL_AND_MARKS = /[\u0640\p{M}]/gu;
/** How far to look for the letters around a run. */
const REACH = 40;

let givenTokens: readonly NameToken[] | undefined;

/** The gazetteer's given names as name tokens (each carries the frame its Latin spelling implies). */
function givenNameTokens(): readonly NameToken[] {
  givenTokens ??= [...new Set(GIVEN_NAMES)].flatMap((name) => normalizeName(name).core.slice(0, 1));
  return givenTokens;
}

function readsAsGivenName(word: string): boolean {
  const token = normalizeName(word).core[0];
  return token !== undefined && givenNameTokens().some((given) => fitsWrittenFrame(token, given));
}

const LAST_LETTER = /\p{L}(?=\P{L}*$)/u;
const FIRST_LETTER = /\p{L}/u;
const ARABIC = /\p{Script=Arabic}/u;

/** The nearest letter before or after the run (within a short reach) is of another script: a report in another language. */
function amidOtherScript(text: string, start: number, end: number): boolean {
  const before = LAST_LETTER.exec(text.slice(Math.max(0, start - REACH), start))?.[0];
  const after = FIRST_LETTER.exec(text.slice(end, end + REACH))?.[0];
  return [before, after].some((letter) => letter !== undefined && !ARABIC.test(letter));
}

/** A line "الاسم: …" (name, full name) whose value is one to five Arabic-script words. */
const NAME_FIELD = /^[ \t]*(?:الاسم(?: الكامل)?|الإسم|اسم)[ \t]*[:：][ \t]*([\p{Script=Arabic}\p{M}]+(?:[ \u00a0][\p{Script=Arabic}\p{M}]+){0,4})[ \t]*$/gmu;

/** Whether most of the text's letters are of Arabic script: a report written in Arabic. */
export function mostlyArabic(text: string): boolean {
  if (!ARABIC.test(text)) return false;
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return arabic * 2 > letters;
}

export function findScriptNames(text: string, isFree: (start: number, end: number) => boolean): Span[] {
  const out: Span[] = [];
  if (!ARABIC.test(text)) return out;
  for (const m of text.matchAll(NAME_FIELD)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].lastIndexOf(name);
    if (isFree(start, start + name.length)) out.push(span('person', start, start + name.length, name, name.replace(TATWEEL_AND_MARKS, '')));
  }
  for (const m of text.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!isFree(start, end)) continue;
    if (!amidOtherScript(text, start, end)) continue;
    const words = m[0].split(/[ \u00a0]/);
    const first = (words[0] ?? '').replace(TATWEEL_AND_MARKS, '');
    const named = HEADS.has(first) ? words.length > 1 : first.length >= 3 && readsAsGivenName(first);
    if (!named) continue;
    out.push(span('person', start, end, m[0], m[0].replace(TATWEEL_AND_MARKS, '')));
  }
  return out;
}
