/**
 * An explanation's name entry with the aligned tokens named by the words written in each
 * record's name. The matcher's explanation tells tokens by position only ("a1.2~b1.2": name 1,
 * core token 2), so that one kept never holds a name, and a record's erasure leaves none behind
 * in it (the review queue and a report's link proposals name the words as they answer). Whoever may read both records
 * is shown the words instead, named from the records as they are read then: "Korkmaz ~ Korkmaz
 * at frequency 0.0017: +0.51".
 */
import { coreTokenSpans } from './name-marks.ts';
import { preparedNameStrings, type MatchableRecord } from './prepare.ts';
import { tokenPositions, type ExplainedToken, type Explanation } from './score.ts';

/** An aligned token with the words it is written as in each name (a compound written apart: both its words). */
export interface NamedToken extends ExplainedToken {
  readonly wordsA: readonly string[];
  readonly wordsB: readonly string[];
}

/** The words at core-token positions of a name's `name`-th prepared name; undefined when the record no longer holds them. */
function wordsAt(names: readonly string[], name: number, positions: readonly number[]): string[] | undefined {
  const written = names[name];
  if (written === undefined) return undefined;
  const spans = coreTokenSpans(written);
  const words = positions.flatMap((i) => (spans[i] ?? []).map(([start, end]) => written.slice(start, end)));
  return words.length > 0 ? words : undefined;
}

/**
 * The explanation with its name entry's tokens given `wordsA`/`wordsB` and its detail naming
 * them. For a reader the policy has let read both records: `a` and `b` must be the records the
 * explanation was computed on (prepared as they are held). A token whose words cannot be read
 * back keeps its positions.
 */
export function withExplainedWords(explain: readonly Explanation[], a: MatchableRecord, b: MatchableRecord): Explanation[] {
  return explain.map((entry) => {
    if (entry.feature !== 'name' || !entry.tokens) return entry;
    const namesA = preparedNameStrings(a);
    const namesB = preparedNameStrings(b);
    const tokens = entry.tokens.map((t): ExplainedToken | NamedToken => {
      const wordsA = wordsAt(namesA, t.nameA, t.a);
      const wordsB = wordsAt(namesB, t.nameB, t.b);
      return wordsA && wordsB ? { ...t, wordsA, wordsB } : t;
    });
    // each token's positions in the detail (score.ts) given as its words; each token's are its own
    let detail = entry.detail;
    for (const t of tokens) if (detail !== undefined && 'wordsA' in t) detail = detail.replace(`${tokenPositions(t)} at `, `${t.wordsA.join(' ')} ~ ${t.wordsB.join(' ')} at `);
    return { ...entry, tokens, ...(detail === undefined ? {} : { detail }) };
  });
}
