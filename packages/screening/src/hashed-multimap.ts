/**
 * A multimap from strings to small integers that keeps no strings: keys are reduced to a 32-bit
 * FNV-1a hash (Fowler, Noll, Vo) and values are chained in typed arrays. Two keys with the same
 * hash share a chain, so a lookup can return values filed under another key: it is a candidate
 * filter, for callers that check every value they get (the token index keeps a one-deletion
 * neighbour only after measuring its spelling similarity). What it saves is memory and garbage:
 * a million-name watchlist has millions of deletion keys, which as a Map of strings to arrays
 * cost gigabytes, and here cost two Int32 per value and two per table slot.
 */

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text` with the unit at `skip` left out (-1: none). */
export function hashSkipping(text: string, skip: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

export class HashedMultimap {
  #tableHash = new Uint32Array(1 << 12);
  #tableHead = new Int32Array(1 << 12).fill(EMPTY);
  #keys = 0;
  #nodeValue = new Int32Array(1 << 12);
  #nodeNext = new Int32Array(1 << 12);
  #nodes = 0;

  get size(): number {
    return this.#nodes;
  }

  /** Files `value` under the hash `h`. The caller adds a (key, value) pair once. */
  add(h: number, value: number): void {
    if ((this.#keys + 1) * 2 > this.#tableHead.length) this.#growTable();
    const at = this.#find(h);
    if (this.#tableHead[at] === EMPTY) {
      this.#tableHash[at] = h;
      this.#keys++;
    }
    if (this.#nodes === this.#nodeValue.length) this.#growNodes();
    const node = this.#nodes++;
    this.#nodeValue[node] = value;
    this.#nodeNext[node] = this.#tableHead[at] as number;
    this.#tableHead[at] = node;
  }

  /** Calls `visit` with every value filed under the hash `h` (and any key sharing it). */
  forEach(h: number, visit: (value: number) => void): void {
    for (let node = this.#tableHead[this.#find(h)] as number; node !== EMPTY; node = this.#nodeNext[node] as number) visit(this.#nodeValue[node] as number);
  }

  /** Linear probing: the slot holding `h`, or the empty slot where it would go. */
  #find(h: number): number {
    const mask = this.#tableHead.length - 1;
    let at = h & mask;
    while (this.#tableHead[at] !== EMPTY && this.#tableHash[at] !== h) at = (at + 1) & mask;
    return at;
  }

  #growTable(): void {
    const oldHash = this.#tableHash;
    const oldHead = this.#tableHead;
    this.#tableHash = new Uint32Array(oldHead.length * 2);
    this.#tableHead = new Int32Array(oldHead.length * 2).fill(EMPTY);
    for (let i = 0; i < oldHead.length; i++) {
      if (oldHead[i] === EMPTY) continue;
      const at = this.#find(oldHash[i] as number);
      this.#tableHash[at] = oldHash[i] as number;
      this.#tableHead[at] = oldHead[i] as number;
    }
  }

  #growNodes(): void {
    const value = new Int32Array(this.#nodeValue.length * 2);
    value.set(this.#nodeValue);
    this.#nodeValue = value;
    const next = new Int32Array(this.#nodeNext.length * 2);
    next.set(this.#nodeNext);
    this.#nodeNext = next;
  }
}
