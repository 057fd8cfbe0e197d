/**
 * How two names agreed, in a reviewer's words: how many name parts aligned and, for each, whether
 * it is a rare name that counts for more or a common one that counts for less. The matcher's
 * explanation says it in numbers ("similarity 0.93, 2 token(s) aligned, frequency adjustment
 * +0.51 bits (Korkmaz ~ Korkmaz at frequency 0.0017: +0.51)"), which the API keeps as it is for
 * the tools that read it; the level ("close spelling") already says how alike the spellings are.
 */
import type { ExplainedToken } from '../api/api-types.ts';

/** The name entry of a matcher's explanation, as GET /review answers it. */
export interface NameExplanationEntry {
  readonly detail?: string;
  readonly tokens?: readonly ExplainedToken[];
}

/**
 * A part's adjustment, in bits, below which it counts as neither rare nor common: Winkler's
 * adjustment of a name part of about average frequency is near zero either way.
 */
const NOTABLE_BITS = 0.1;

/** The matcher's count of aligned tokens, where its detail says it (score.ts: "N token(s) aligned"). */
const ALIGNED = /(\d+) token\(s\) aligned/;

function howTelling(weight: number): string {
  if (weight >= NOTABLE_BITS) return 'a rare name, counts more';
  if (weight <= -NOTABLE_BITS) return 'a common name, counts less';
  return 'neither rare nor common';
}

/** The part as each name writes it: "Korkmaz", "Mohammed / Muhammad"; undefined when the answer names no words. */
function partOf(token: ExplainedToken): string | undefined {
  if (!token.wordsA?.length || !token.wordsB?.length) return undefined;
  const a = token.wordsA.join(' ');
  const b = token.wordsB.join(' ');
  return a.toLowerCase() === b.toLowerCase() ? a : `${a} / ${b}`;
}

/**
 * "2 name parts aligned; Korkmaz: a rare name, counts more; Mehmet: a common name, counts less";
 * a part whose words the answer does not give (a reader who may not read both records) is said
 * without them. Undefined when the entry says nothing of its parts; a detail in another form than
 * the matcher's is shown as it came.
 */
export function nameAgreementWords(entry: NameExplanationEntry): string | undefined {
  const counted = entry.detail?.match(ALIGNED)?.[1];
  const aligned = entry.tokens?.length ?? (counted === undefined ? undefined : Number(counted));
  if (aligned === undefined) return entry.detail;
  const said = [`${aligned} name ${aligned === 1 ? 'part' : 'parts'} aligned`];
  for (const token of entry.tokens ?? []) {
    const part = partOf(token);
    said.push(part ? `${part}: ${howTelling(token.weight)}` : howTelling(token.weight));
  }
  return said.join('; ');
}
