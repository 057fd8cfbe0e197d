/**
 * String id -> integer slot, by open addressing with linear probing over one Int32Array
 * (Knuth, TAOCP vol. 3, 6.4, algorithm L; deletions leave tombstones). A JS Map of 5M entries
 * rehashes all of them in one go when it grows, a pause of seconds in the middle of an
 * incremental update; here the table is sized once from the caller's capacity hint and grows
 * only past it. The keys themselves stay where the graph keeps them (`keyAt`), so the index
 * holds no strings of its own.
 */
const EMPTY = -1;
const TOMBSTONE = -2;

/** FNV-1a over UTF-16 code units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class IdIndex {
  readonly #keyAt: (slot: number) => string | undefined;
  #table: Int32Array;
  #mask: number;
  #size = 0;
  #tombstones = 0;

  constructor(capacity: number, keyAt: (slot: number) => string | undefined) {
    this.#keyAt = keyAt;
    let length = 16;
    while (length < capacity * 2) length *= 2;
    this.#table = new Int32Array(length).fill(EMPTY);
    this.#mask = length - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** The slot stored for key, or -1. */
  get(key: string): number {
    const table = this.#table;
    for (let i = hash(key) & this.#mask; ; i = (i + 1) & this.#mask) {
      const slot = table[i]!;
      if (slot === EMPTY) return -1;
      if (slot !== TOMBSTONE && this.#keyAt(slot) === key) return slot;
    }
  }

  /** Stores slot under key; the key must not be present and keyAt(slot) must already return it. */
  set(key: string, slot: number): void {
    if ((this.#size + this.#tombstones + 1) * 2 > this.#table.length) this.#rehash();
    const table = this.#table;
    for (let i = hash(key) & this.#mask; ; i = (i + 1) & this.#mask) {
      const current = table[i]!;
      if (current === EMPTY || current === TOMBSTONE) {
        if (current === TOMBSTONE) this.#tombstones--;
        table[i] = slot;
        this.#size++;
        return;
      }
    }
  }

  /** Removes key (call before keyAt stops returning it); false when absent. */
  delete(key: string): boolean {
    const table = this.#table;
    for (let i = hash(key) & this.#mask; ; i = (i + 1) & this.#mask) {
      const slot = table[i]!;
      if (slot === EMPTY) return false;
      if (slot !== TOMBSTONE && this.#keyAt(slot) === key) {
        table[i] = TOMBSTONE;
        this.#size--;
        this.#tombstones++;
        return true;
      }
    }
  }

  #rehash(): void {
    const old = this.#table;
    let length = old.length;
    // grow only when live keys need it; otherwise the rehash just clears tombstones
    while ((this.#size + 1) * 4 > length) length *= 2;
    this.#table = new Int32Array(length).fill(EMPTY);
    this.#mask = length - 1;
    this.#tombstones = 0;
    for (const slot of old) {
      if (slot < 0) continue;
      for (let i = hash(this.#keyAt(slot)!) & this.#mask; ; i = (i + 1) & this.#mask) {
        if (this.#table[i] === EMPTY) {
          this.#table[i] = slot;
          break;
        }
      }
    }
  }
}
