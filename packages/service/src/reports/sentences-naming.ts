/**
 * Which sentences of a report hold one of an erased person's name parts as a word, outside the
 * mentions of others extraction told apart (erase-from-reports.ts): a sentence does when
 * labelNames reads one in it, its others' mentions blanked. Folding each of a 10 MB report's
 * ~140,000 sentences to read it took seconds under the audit log's lock, so a sentence is folded
 * only when it may: the text is searched once for each part's letters, in any case and with an
 * apostrophe between them (folding drops one inside a word: "O'Brien" reads "obrien"), and a
 * sentence none of whose stretch such a search reached is read as naming no one without folding.
 *
 * That holds for a sentence of ASCII alone, which foldText lowercases, strips of apostrophes and
 * breaks at anything else, and blanking only breaks words: a word it reads as a part (or a part
 * and "s") is those letters in the sentence, apostrophes aside. A sentence holding anything else
 * is folded, as before: transliteration reads a sentence as a whole (a Greek word is spelled as a
 * foreign name when another word of the sentence is foreign, a Cyrillic one as Ukrainian when the
 * sentence holds a Ukrainian letter), so no one search of the text stands for it.
 */
import { labelNames } from '../watch/erase-from-watch-labels.ts';

/** A stretch of the text, end exclusive. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** What sentencesNaming reads a report's sentences for. */
export interface NamingOptions {
  /** Folded name parts, as namingParts gives them. */
  readonly naming: ReadonlySet<string>;
  /** The mentions of others extraction told apart, in any order: blanked in a sentence before it is read. */
  readonly others: readonly TextRange[];
  /** The indexes of sentences erased whatever they hold (a mention of theirs): not read. */
  readonly taken?: ReadonlySet<number>;
}

/**
 * The indexes of `sentences` (in order, apart), other than those `taken`, holding a word of
 * `naming` once the mentions of `others` in them are blanked.
 */
export function sentencesNaming(text: string, sentences: readonly TextRange[], { naming, others, taken = new Set() }: NamingOptions): ReadonlySet<number> {
  const found = new Set<number>();
  if (naming.size === 0 || sentences.length === 0) return found;
  const candidates = new Map<number, TextRange[]>();
  for (const match of text.matchAll(reachingPattern(naming))) {
    const end = match.index + match[0].length;
    for (let at = firstEndingAfter(sentences, match.index); at < sentences.length && sentences[at]!.start < end; at++) if (!taken.has(at)) candidates.set(at, []);
  }
  // the others' mentions of the sentences read alone: a report holds as many mentions as sentences
  for (const mention of others) {
    for (let at = firstEndingAfter(sentences, mention.start); at < sentences.length && sentences[at]!.start < mention.end; at++) candidates.get(at)?.push(mention);
  }
  for (const at of [...candidates.keys()].sort((a, b) => a - b)) {
    if (labelNames(withoutMentions(text, sentences[at]!, candidates.get(at)!), naming)) found.add(at);
  }
  return found;
}

/**
 * What reaches a sentence, in one search of the text: a run of anything but ASCII, or any of
 * `parts` (folded: lowercase letters and digits) in any case, an apostrophe allowed between two of
 * its characters. A search resumes after a match, so one found overlapping another is not
 * reported; the one reported covers its start, and so reaches its sentence.
 */
function reachingPattern(parts: ReadonlySet<string>): RegExp {
  const spelled = [...parts].map((part) => [...part].map((character) => character.replace(/[^a-z0-9]/g, (c) => `\\${c}`)).join("['`]*"));
  return new RegExp(['[^\\x00-\\x7f]+', ...spelled].join('|'), 'gi');
}

/**
 * The indexes of the ranges of `sorted` (in order, apart) that `span` overlaps, found by halving:
 * a report of 10 MB holds some 100,000 sentences, and as many mentions.
 */
export function overlappingRanges(sorted: readonly TextRange[], span: TextRange): number[] {
  const found: number[] = [];
  for (let at = firstEndingAfter(sorted, span.start); at < sorted.length && sorted[at]!.start < span.end; at++) found.push(at);
  return found;
}

/** Whether `span` overlaps any of the ranges of `sorted` (in order, apart): overlappingRanges with nothing made. */
export function overlapsAny(sorted: readonly TextRange[], span: TextRange): boolean {
  const at = firstEndingAfter(sorted, span.start);
  return at < sorted.length && sorted[at]!.start < span.end;
}

/** The index of the first of `sorted` (in order, apart) ending after `offset`, found by halving. */
function firstEndingAfter(sorted: readonly TextRange[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The sentence's text with the spans of other people's mentions in it blanked: a namesake's name is theirs. */
export function withoutMentions(text: string, sentence: TextRange, mentions: readonly TextRange[]): string {
  let out = text.slice(sentence.start, sentence.end);
  for (const mention of mentions) {
    const from = Math.max(mention.start, sentence.start) - sentence.start;
    const to = Math.min(mention.end, sentence.end) - sentence.start;
    out = `${out.slice(0, from)}${' '.repeat(to - from)}${out.slice(to)}`;
  }
  return out;
}
