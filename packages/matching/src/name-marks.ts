/**
 * Where a name's core tokens are written: the comparator aligns tokens of the normalised name
 * (normalize-name.ts: folded, transliterated, reordered from "SURNAME, Given", compounds joined,
 * particles and titles set aside), and an analyst reads the name as written. Each core token is
 * mapped back to the words it comes from, as UTF-16 offsets into the name: a word of the name
 * normalised alone (so Latin, Arabic, Cyrillic and Greek words are folded and transliterated as
 * the normaliser does), or two or three adjacent words together where they make one token ("Abd
 * al-Salam", "Abu Bakr", a compound written apart). A particle or title is no core token and is
 * marked only inside a compound it belongs to ("al" in "Abd al-Salam").
 */
import { compareNormalizedNames } from './compare-names.ts';
import { normalizeName, type NormalizedName } from './normalize-name.ts';

/** [start, end) in UTF-16 code units of the name as written. */
export type WordSpan = readonly [number, number];

/** A written word: letters, digits, combining marks and the apostrophes folding drops inside words (fold-text.ts). */
const WRITTEN_WORD = /[\p{L}\p{N}\p{M}'\u2018\u2019\u02BC\u02BB\u02BF\u02BE\u0060\u00B4]+/gu;

/** The most words one core token is written as ("Abd al Salam", "Abu al Fadl"). */
const MAX_WORDS_PER_TOKEN = 3;

interface Written { readonly start: number; readonly end: number; readonly text: string; readonly tokens: readonly string[]; used: number }

/**
 * For each core token of normalizeName(name) (NormalizedName.core, in its order), the spans of
 * the words it is written as; empty for a token that cannot be placed (none is left unplaced on
 * the names the tests hold, but a transliteration that reads a word otherwise alone would be).
 */
export function coreTokenSpans(name: string, normalized: NormalizedName = normalizeName(name)): readonly (readonly WordSpan[])[] {
  const words: Written[] = [...name.matchAll(WRITTEN_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0], tokens: coreTexts(m[0]), used: 0 }));
  return normalized.core.map((token) => {
    for (let length = 1; length <= MAX_WORDS_PER_TOKEN; length++) {
      for (let i = 0; i + length <= words.length; i++) {
        const run = words.slice(i, i + length);
        // a word alone may stand for as many tokens as it folds to (a name in Chinese characters); words of a compound for it alone
        const free = length === 1 ? (run[0] as Written).used < (run[0] as Written).tokens.length : run.every((w) => w.used === 0);
        if (!free) continue;
        const texts = length === 1 ? (run[0] as Written).tokens : coreTexts(run.map((w) => w.text).join(' '));
        if (!texts.includes(token.text)) continue;
        for (const w of run) w.used = length === 1 ? w.used + 1 : w.tokens.length + 1;
        return run.map((w): WordSpan => [w.start, w.end]);
      }
    }
    return [];
  });
}

function coreTexts(written: string): readonly string[] {
  return normalizeName(written).core.map((t) => t.text);
}

/** Spans sorted by start, repeats dropped. */
function sortedSpans(spans: readonly WordSpan[]): WordSpan[] {
  const seen = new Set<string>();
  return [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1]).filter(([s, e]) => !seen.has(`${s}:${e}`) && !!seen.add(`${s}:${e}`));
}

/**
 * The words of `name` the comparator aligned with `query` (compare-names.ts, its agreements),
 * as spans of `name` as written, in order: "Katibat al-Nur" against "AL-KHATIB HIBA" marks
 * "KHATIB" (a spelling of Katibat), never the article. Empty when nothing aligned.
 */
export function alignedWords(query: string | NormalizedName, name: string): WordSpan[] {
  const q = typeof query === 'string' ? normalizeName(query) : query;
  const n = normalizeName(name);
  if (q.core.length === 0 || n.core.length === 0) return [];
  // agreements are kept only with per-token adjustments: zeros change nothing else
  const comparison = compareNormalizedNames(q, n, new Float64Array(q.core.length), new Float64Array(n.core.length), true);
  const spans = coreTokenSpans(name, n);
  return sortedSpans((comparison.agreements ?? []).flatMap((agreement) => agreement.b.flatMap((i) => spans[i] ?? [])));
}
