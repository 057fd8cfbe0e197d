/**
 * Human judgements on pairs of records. A judgement is the last word on its pair: `same` forces
 * the two records into one entity, `not_same` keeps them apart for good, `unsure` leaves the
 * pair to the automatic decision (DESIGN.md principle 2: the system proposes, a person confirms;
 * principle 4: every automated merge is reversible by a judgement that then sticks).
 * Who and when are part of the judgement, so that the store keeps the full history.
 */
import type { RecordId, UserId } from '@mosaic/model';

export const VERDICTS = ['same', 'not_same', 'unsure'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Judgement {
  readonly a: RecordId;
  readonly b: RecordId;
  readonly verdict: Verdict;
  readonly by: UserId;
  /** ISO 8601 instant. */
  readonly at: string;
  /** Free text from the reviewer (never logged). */
  readonly note?: string;
}

/** Order-free key of a pair of record ids. */
export function pairKey(a: RecordId | string, b: RecordId | string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * The judgement in force for each pair: the latest by `at` (ties: the later one in the list),
 * from a history that may hold several judgements of the same pair.
 */
export function latestJudgements(history: Iterable<Judgement>): Map<string, Judgement> {
  const out = new Map<string, Judgement>();
  for (const j of history) {
    if (j.a === j.b) continue;
    const key = pairKey(j.a, j.b);
    const previous = out.get(key);
    if (!previous || previous.at <= j.at) out.set(key, j);
  }
  return out;
}
