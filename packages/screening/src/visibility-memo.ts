/**
 * What one kind of caller may see of each listed entry, remembered by entry position. A large
 * list's common name part touches thousands of entries per query, and asking the caller's
 * policy about each (an entry object, its records, their decisions: scattered objects) costs
 * more than the query itself; two compact arrays do not. A remembered answer holds while the
 * entry's version stamp in the index (`entryVersion`) is the one it was given at: any upsert or
 * removal at that position makes it be asked again.
 *
 * One memo per index and per set of policy inputs (the caller keeps one per user profile and
 * organisation snapshot). A pointer answer is remembered as such; screen() asks the caller again
 * about each pointer entry it returns, so the caller learns which owner to name.
 *
 * A serving node can fill the memo ahead of need (`decideAhead`, a slice at a time between
 * requests), so that checks do not pay for the first decision on each of a million entries.
 */
import type { ScreeningIndex } from './screening-index.ts';

const UNKNOWN = 0;
const FULL = 1;
const HIDDEN = 2;
const POINTER = 3;
const ANSWERS = [undefined, 'full', 'hidden', 'pointer'] as const;

export type MemoVisibility = 'full' | 'pointer' | 'hidden';

export class VisibilityMemo {
  readonly index: ScreeningIndex;
  #codes = new Uint8Array(0);
  #versions = new Uint32Array(0);

  constructor(index: ScreeningIndex) {
    this.index = index;
  }

  /** The remembered answer for this entry position, if its entry has not changed since. */
  known(entryIndex: number): MemoVisibility | undefined {
    if (entryIndex >= this.#codes.length || this.#versions[entryIndex] !== this.index.entryVersion[entryIndex]) return undefined;
    return ANSWERS[this.#codes[entryIndex] as number];
  }

  remember(entryIndex: number, visibility: MemoVisibility): void {
    if (entryIndex >= this.#codes.length) {
      const size = Math.max(entryIndex + 1, this.index.entryVersion.length, this.#codes.length * 2);
      const codes = new Uint8Array(size);
      codes.set(this.#codes);
      this.#codes = codes;
      const versions = new Uint32Array(size);
      versions.set(this.#versions);
      this.#versions = versions;
    }
    this.#codes[entryIndex] = visibility === 'full' ? FULL : visibility === 'hidden' ? HIDDEN : visibility === 'pointer' ? POINTER : UNKNOWN;
    this.#versions[entryIndex] = this.index.entryVersion[entryIndex] ?? 0;
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
