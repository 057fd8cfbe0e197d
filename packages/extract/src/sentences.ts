/**
 * Sentence boundaries for rule matching. A full stop ends a sentence unless it closes a known
 * abbreviation or an initial; a line break ends one unless the sentence goes on over it, as in
 * text hard-wrapped at a width (from PDF): the next line carries on in lower case, or the line
 * is wrapped prose (continuesOver). Relations never cross these boundaries.
 */
export interface Sentence {
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nr', 'jr', 'sr', 'gen', 'col', 'lt', 'sgt', 'capt', 'insp', 'supt',
  'approx', 'e.g', 'i.e', 'etc', 'vs', 'ref', 'tel', 'art', 'para', 'fig', 'vol', 'inc', 'ltd', 'co', 'mt', 'ft',
  'av', 'bd', 'str', 'sh.p.k', 'p', 'pp', 'n°', 'cf', 'al', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'm', 'mme', 'mlle',
]);

const BOUNDARY = /[.!?]+["'”’)]*(?=\s)|\n/g;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] === '\n') {
      if (continuesOver(text, m.index)) continue;
    } else if (m[0].startsWith('.')) {
      const word = /([\p{L}.°]+)$/u.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1] ?? '';
      if (closesAbbreviation(word)) continue;
      const after = /^\s+(\S)/.exec(text.slice(end, end + 8));
      if (after?.[1] !== undefined && /[\p{Ll},;]/u.test(after[1])) continue;
    }
    push(sentences, text, start, end);
    start = end;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

/** Whether a full stop after `word` closes it, an abbreviation ("Dr", "Sept") or an initial, rather than a sentence. */
export function closesAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

/** Shorter lines are taken for headings, list items or form fields, which a line break ends. */
const WRAPPED_LINE = 40;

/**
 * Whether the sentence goes on over the line break at `at`. It does when the next line opens in
 * lower case, or when the line is wrapped prose: at least WRAPPED_LINE characters, holding a word
 * in lower case (a heading or a name alone has none), not closed by a colon or semicolon, the next
 * line not a form's field ("Date: …"), the next line opens on a word, not on a list
 * marker ("- ", "2. ") or an empty line, and the line does not stop short of the next (a heading
 * above a paragraph). A name broken
 * over two lines ("met Karim\nBennani in Antwerp") is then read as one.
 */
function continuesOver(text: string, at: number): boolean {
  const next = /^[ \t]*(\S)(\S?)/.exec(text.slice(at + 1, at + 40));
  const first = next?.[1];
  if (first === undefined) return false;
  if (/\p{Ll}/u.test(first)) return true;
  if (!/\p{L}/u.test(first) && !(/\p{N}/u.test(first) && !/[.)]/.test(next?.[2] ?? ''))) return false;
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trim();
  if (line.length < WRAPPED_LINE || /[:;]$/.test(line) || !/(?:^|\s)\p{Ll}{2,}/u.test(line)) return false;
  const nextLine = text.slice(at + 1, text.indexOf('\n', at + 1) >>> 0);
  // a form's field ("Date: …", "Place of birth: …") opens a line of its own, however long the one before
  if (FIELD.test(nextLine)) return false;
  return !stopsShort(line, nextLine.trim());
}

/** How much of the next line's length a wrapped line's own length and next word must reach. */
const FILLED = 0.85;

/**
 * Whether `line` ends well before the width the text is wrapped at, which is at least the next
 * line's length: a wrapper fills a line greedily, so a line that had room for the next line's
 * first word (with a margin, as a PDF's proportional type fits more narrow letters to a line)
 * was ended on purpose, as a heading is ("Observation note 7/2019 — Operation Larkspur").
 */
function stopsShort(line: string, nextLine: string): boolean {
  const nextWord = /^\S+/.exec(nextLine)?.[0] ?? '';
  return line.length + 1 + nextWord.length < FILLED * nextLine.length;
}

/** A line opening on a label (a capital, up to 30 characters) and a colon. */
const FIELD = /^\s*\p{Lu}[\p{L}\p{N} .'’/-]{0,30}:(?:\s|$)/u;

function push(out: Sentence[], text: string, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}
