/**
 * A text with the words that matched marked, so the analyst sees why it matched: the spans the
 * server marks (a search result's `matched.marks`: the words the matcher aligned, a spelling or
 * a script variant too), and the words that fold to one of `words` (the words a full-text search
 * looked up). Whole words only: the searches look up whole words, never prefixes, so "Nur" marks
 * no "Nurlan" and "al" no "Alahmad".
 */

/** Folded as the name and report indexes fold words (name-text.ts): NFKD, marks dropped, lower case. */
export const foldWord = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a query as a full-text search looks them up. */
export const wordsOfQuery = (query: string): readonly string[] => foldWord(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

type Span = readonly [number, number];

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of `text` that fold to one of `words`, as spans. */
function spansOfWords(text: string, words: readonly string[]): Span[] {
  if (words.length === 0) return [];
  const wanted = new Set(words);
  return [...text.matchAll(WORD)].filter((m) => wanted.has(foldWord(m[0]))).map((m): Span => [m.index, m.index + m[0].length]);
}

/** The folded words `marks` cover in `text` (to mark the same words in another name of the record). */
export function markedWords(text: string, marks: readonly Span[]): readonly string[] {
  return marks.flatMap(([start, end]) => wordsOfQuery(text.slice(start, end)));
}

export function HighlightText({ text, marks = [], words = [] }: { readonly text: string; readonly marks?: readonly Span[]; readonly words?: readonly string[] }) {
  const spans = [...marks.filter(([start, end]) => start >= 0 && end <= text.length && start < end), ...spansOfWords(text, words)].sort((x, y) => x[0] - y[0]);
  if (spans.length === 0) return <>{text}</>;
  const parts: (string | Span)[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push(text.slice(at, from));
    parts.push([from, end]);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts.map((part, i) => (typeof part === 'string' ? part : <mark key={i}>{text.slice(part[0], part[1])}</mark>))}</>;
}
