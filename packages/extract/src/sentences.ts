/**
 * Sentence boundaries for rule matching. A full stop ends a sentence unless it closes a known
 * abbreviation or an initial; a line break ends one unless the next line carries on in lower
 * case (hard-wrapped text from PDF). Relations never cross these boundaries.
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
      const next = /^[ \t]*(\S)/.exec(text.slice(end, end + 40));
      if (next?.[1] !== undefined && /\p{Ll}/u.test(next[1])) continue;
    } else if (m[0].startsWith('.')) {
      const word = /([\p{L}.°]+)$/u.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
      const after = /^\s+(\S)/.exec(text.slice(end, end + 8));
      if (after?.[1] !== undefined && /[\p{Ll},;]/u.test(after[1])) continue;
    }
    push(sentences, text, start, end);
    start = end;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function push(out: Sentence[], text: string, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}
