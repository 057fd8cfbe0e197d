/**
 * What one kind of caller may see of each listed entry, remembered by entry position. A large
 * list's common name part touches thousands of entries per query, and asking the caller's
 * policy about each (an entry object, its records, their decisions: scattered objects) costs
 * more than the query itself; two compact arrays do not. A remembered answer holds while the
 * entry's version stamp in the index (`entryVersion`) is the one it was given at: any upsert or
 * removal at that position makes it be asked again.
 *
 * One memo per index and per set of policy inputs (the caller keeps one per user profile and
 * organisation snapshot). Pointer answers are not remembered: the caller learns from each
 * one which owner to name.
 */
import type { ScreeningIndex } from './screening-index.ts';

const UNKNOWN = 0;
const FULL = 1;
const HIDDEN = 2;

export class VisibilityMemo {
  readonly index: ScreeningIndex;
  #codes = new Uint8Array(0);
  #versions = new Uint32Array(0);

  constructor(index: ScreeningIndex) {
    this.index = index;
  }

  /** The remembered answer for this entry position, if its entry has not changed since. */
  known(entryIndex: number): 'full' | 'hidden' | undefined {
    if (entryIndex >= this.#codes.length || this.#versions[entryIndex] !== this.index.entryVersion[entryIndex]) return undefined;
    const code = this.#codes[entryIndex];
    return code === FULL ? 'full' : code === HIDDEN ? 'hidden' : undefined;
  }

  remember(entryIndex: number, visibility: 'full' | 'pointer' | 'hidden'): void {
    if (visibility === 'pointer') return;
    if (entryIndex >= this.#codes.length) {
      const size = Math.max(entryIndex + 1, this.index.entryVersion.length, this.#codes.length * 2);
      const codes = new Uint8Array(size);
      codes.set(this.#codes);
      this.#codes = codes;
      const versions = new Uint32Array(size);
      versions.set(this.#versions);
      this.#versions = versions;
    }
    this.#codes[entryIndex] = visibility === 'full' ? FULL : visibility === 'hidden' ? HIDDEN : UNKNOWN;
    this.#versions[entryIndex] = this.index.entryVersion[entryIndex] ?? 0;
  }
}
