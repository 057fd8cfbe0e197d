/**
 * What one kind of caller may see of each listed entry, remembered by entry position. A large
 * list's common name part touches thousands of entries per query, and asking the caller's
 * policy about each (an entry object, its records, their decisions: scattered objects) costs
 * more than the query itself; one byte per entry does not. A remembered answer holds until the
 * entry at that position is upserted or removed: the memo reads the index's log of changed
 * positions (`changedSince`) whenever the index's version has moved, and forgets those.
 *
 * One memo per index and per set of policy inputs (the caller keeps one per user profile and
 * organisation snapshot). A pointer answer is remembered as such; screen() asks the caller again
 * about each pointer entry it returns, so the caller learns which owner to name. An answer must
 * be remembered in the same turn it was decided in, before the index can change.
 *
 * A serving node can fill the memo ahead of need (`decideAhead`, a slice at a time between
 * requests), so that checks do not pay for the first decision on each of a million entries.
 */
import type { ScreeningIndex } from './screening-index.ts';

/** Codes of `codes()`: not decided yet, and the three answers. */
export const MEMO_UNKNOWN = 0;
export const MEMO_FULL = 1;
export const MEMO_HIDDEN = 2;
export const MEMO_POINTER = 3;
const ANSWERS = [undefined, 'full', 'hidden', 'pointer'] as const;

export type MemoVisibility = 'full' | 'pointer' | 'hidden';

export class VisibilityMemo {
  readonly index: ScreeningIndex;
  #codes = new Uint8Array(0);
  /** The index version the codes are current with. */
  #synced = 0;

  constructor(index: ScreeningIndex) {
    this.index = index;
  }

  /**
   * One code per entry position (MEMO_*), current with the index and covering every position it
   * has. The array stays valid, and is updated by `remember`, until the index next changes.
   */
  codes(): Uint8Array {
    const index = this.index;
    if (this.#synced !== index.version) {
      const changed = index.changedSince(this.#synced);
      if (changed === undefined) this.#codes.fill(MEMO_UNKNOWN);
      else for (const at of changed) if (at < this.#codes.length) this.#codes[at] = MEMO_UNKNOWN;
      this.#synced = index.version;
    }
    if (this.#codes.length < index.entries.length) {
      const codes = new Uint8Array(Math.max(index.entries.length, this.#codes.length * 2, 1024));
      codes.set(this.#codes);
      this.#codes = codes;
    }
    return this.#codes;
  }

  /** The remembered answer for this entry position, if its entry has not changed since. */
  known(entryIndex: number): MemoVisibility | undefined {
    return ANSWERS[this.codes()[entryIndex] ?? MEMO_UNKNOWN];
  }

  remember(entryIndex: number, visibility: MemoVisibility): void {
    const codes = this.codes();
    if (entryIndex >= codes.length) return;
    codes[entryIndex] = visibility === 'full' ? MEMO_FULL : visibility === 'hidden' ? MEMO_HIDDEN : MEMO_POINTER;
  }

  /**
   * Asks `decide` about the listed entries from position `from` on that are not remembered,
   * until `budgetMs` has passed, and remembers the answers. Returns the position to go on from
   * (the entry count when every entry was seen). Empty positions (removed entries) are skipped.
   */
  decideAhead(decide: (entryIndex: number) => MemoVisibility, from: number, budgetMs: number): number {
    const { entries } = this.index;
    const until = performance.now() + budgetMs;
    let at = from;
    while (at < entries.length) {
      if (entries[at] !== undefined && this.known(at) === undefined) this.remember(at, decide(at));
      at++;
      if ((at & 255) === 0 && performance.now() >= until) break;
    }
    return at;
  }
}
