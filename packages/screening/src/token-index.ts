/**
 * The name-token inverted index behind candidate generation. Two levels, because a watchlist
 * repeats a small vocabulary many times: each distinct core token (given name, surname, kunya,
 * as normalised by @mosaic/matching) has a posting list of the name slots that hold it, and the
 * fuzzy part of a lookup runs over the vocabulary only, never over the names:
 *
 * - phonetic class: tokens with the same `phoneticKey` (Mohamed / Muhammad / Mehmet);
 * - one-deletion neighbourhood (SymSpell, Garbe 2012): a token and every string made by
 *   deleting one of its letters, so that a query token one insertion, deletion, substitution
 *   or transposition away (Damerau 1964) shares a key with the listed token;
 * - the token without an attached article ("Elmabruk" ~ "Mabruk").
 *
 * Posting lists are unordered, so a removal is a swap with the last element: updates cost
 * the length of the affected lists and no rebuild.
 */
import { jaroWinkler, type NameToken } from '@mosaic/matching';
import { HashedMultimap, hashSkipping } from './hashed-multimap.ts';

/** Tokens shorter than this get no deletion keys: three-letter neighbourhoods match everything. */
const MIN_DELETION_LENGTH = 4;
/** A deletion-neighbour is kept only when its spelling is this close (Jaro-Winkler). */
const MIN_FUZZY_SIMILARITY = 0.8;
/** Phonetic-equal tokens need some spelling agreement too (as compare-names does). */
const MIN_PHONETIC_SIMILARITY = 0.7;

export interface TokenMatch {
  readonly token: number;
  /** Spelling similarity in [0, 1] of the query token and the listed token. */
  readonly similarity: number;
}

/**
 * Hashes of a token and of every string made by deleting one of its letters (deleting either
 * of two equal adjacent letters gives the same string, so only the first is kept).
 */
function deletionHashes(text: string): number[] {
  const hashes = [hashSkipping(text, -1)];
  if (text.length < MIN_DELETION_LENGTH) return hashes;
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && text.charCodeAt(i) === text.charCodeAt(i - 1)) continue;
    hashes.push(hashSkipping(text, i));
  }
  return hashes;
}
export class TokenIndex {
  readonly #ids = new Map<string, number>();
  readonly #text: string[] = [];
  readonly #postings: number[][] = [];
  readonly #byPhonetic = new Map<string, number[]>();
  /** Deletion neighbourhoods by hash: millions of keys, so no strings are kept (see hashed-multimap.ts). */
  readonly #byDeletion = new HashedMultimap();
  /** Occurrence counts by token text and Σ c·log2(c + 0.5), for live term frequencies. */
  readonly counts = new Map<string, number>();
  #total = 0;
  #entropyTerm = 0;

  get vocabularySize(): number {
    return this.#text.length;
  }

  get total(): number {
    return this.#total;
  }

  /** Mean information of one token occurrence, maintained incrementally (see name-frequencies.ts in matching). */
  get meanInformation(): number {
    return this.#total === 0 ? 0 : Math.log2(this.#total + 0.5) - this.#entropyTerm / this.#total;
  }

  /** A token's id, filed under its phonetic key and deletion neighbourhood the first time it is seen. */
  #idOf(text: string, phonetic: string): number {
    let id = this.#ids.get(text);
    if (id !== undefined) return id;
    id = this.#text.length;
    this.#ids.set(text, id);
    this.#text.push(text);
    this.#postings.push([]);
    const sameSound = this.#byPhonetic.get(phonetic);
    if (sameSound === undefined) this.#byPhonetic.set(phonetic, [id]);
    else sameSound.push(id);
    for (const h of deletionHashes(text)) this.#byDeletion.add(h, id);
    return id;
  }

  #count(text: string, delta: 1 | -1): void {
    const before = this.counts.get(text) ?? 0;
    const after = before + delta;
    if (before > 0) this.#entropyTerm -= before * Math.log2(before + 0.5);
    if (after > 0) {
      this.#entropyTerm += after * Math.log2(after + 0.5);
      this.counts.set(text, after);
    } else this.counts.delete(text);
    this.#total += delta;
  }

  /** Texts under which a name slot is posted, with their phonetic keys: each core token, and its article-free form. */
  static keysOf(core: readonly NameToken[]): [text: string, phonetic: string][] {
    const keys: [string, string][] = [];
    const has = (text: string): boolean => keys.some(([k]) => k === text);
    for (const t of core) {
      if (!has(t.text)) keys.push([t.text, t.phonetic]);
      if (t.bare !== t.text && !has(t.bare)) keys.push([t.bare, t.barePhonetic]);
    }
    return keys;
  }

  add(slot: number, core: readonly NameToken[]): void {
    for (const t of core) this.#count(t.text, 1);
    for (const [text, phonetic] of TokenIndex.keysOf(core)) (this.#postings[this.#idOf(text, phonetic)] as number[]).push(slot);
  }

  remove(slot: number, core: readonly NameToken[]): void {
    for (const t of core) this.#count(t.text, -1);
    for (const [key] of TokenIndex.keysOf(core)) {
      const id = this.#ids.get(key);
      if (id === undefined) continue;
      const list = this.#postings[id] as number[];
      const at = list.indexOf(slot);
      if (at < 0) continue;
      list[at] = list[list.length - 1] as number;
      list.pop();
    }
  }

  postings(token: number): readonly number[] {
    return this.#postings[token] ?? [];
  }

  text(token: number): string {
    return this.#text[token] ?? '';
  }

  /** Listed tokens close to a query token: exact, article-free, phonetic class, one edit. */
  lookup(query: NameToken): TokenMatch[] {
    const found = new Map<number, number>();
    const consider = (id: number, similarity: number): void => {
      if ((this.#postings[id] as number[]).length === 0) return;
      const previous = found.get(id);
      if (previous === undefined || similarity > previous) found.set(id, similarity);
    };
    const exact = this.#ids.get(query.text);
    if (exact !== undefined) consider(exact, 1);
    if (query.bare !== query.text) {
      const bare = this.#ids.get(query.bare);
      if (bare !== undefined) consider(bare, 0.98);
    }
    for (const id of this.#byPhonetic.get(query.phonetic) ?? []) {
      if (id === exact) continue;
      const jw = jaroWinkler(query.text, this.#text[id] as string);
      if (jw >= MIN_PHONETIC_SIMILARITY) consider(id, Math.max(jw, 0.95));
    }
    // A hash chain may hold tokens filed under other keys: each is measured once and kept only if close.
    const measured = new Set<number>();
    const near = (id: number): void => {
      if (id === exact || found.has(id) || measured.has(id)) return;
      measured.add(id);
      const jw = jaroWinkler(query.text, this.#text[id] as string);
      if (jw >= MIN_FUZZY_SIMILARITY) consider(id, jw);
    };
    for (const h of deletionHashes(query.text)) this.#byDeletion.forEach(h, near);
    return [...found].map(([token, similarity]) => ({ token, similarity }));
  }
}
