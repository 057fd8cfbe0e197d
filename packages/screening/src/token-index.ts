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
import { jaroWinkler, phoneticKey, type NameToken } from '@mosaic/matching';

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

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function deletionKeys(text: string): string[] {
  const keys = [text];
  if (text.length < MIN_DELETION_LENGTH) return keys;
  for (let i = 0; i < text.length; i++) {
    const key = text.slice(0, i) + text.slice(i + 1);
    if (key !== keys[keys.length - 1]) keys.push(key);
  }
  return keys;
}

export class TokenIndex {
  readonly #ids = new Map<string, number>();
  readonly #text: string[] = [];
  readonly #postings: number[][] = [];
  readonly #byPhonetic = new Map<string, number[]>();
  readonly #byDeletion = new Map<string, number[]>();
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

  #idOf(text: string): number {
    let id = this.#ids.get(text);
    if (id !== undefined) return id;
    id = this.#text.length;
    this.#ids.set(text, id);
    this.#text.push(text);
    this.#postings.push([]);
    pushTo(this.#byPhonetic, phoneticKey(text), id);
    for (const key of deletionKeys(text)) pushTo(this.#byDeletion, key, id);
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

  /** Texts under which a name slot is posted: each core token, and its article-free form. */
  static keysOf(core: readonly NameToken[]): string[] {
    const keys: string[] = [];
    for (const t of core) {
      if (!keys.includes(t.text)) keys.push(t.text);
      if (t.bare !== t.text && !keys.includes(t.bare)) keys.push(t.bare);
    }
    return keys;
  }

  add(slot: number, core: readonly NameToken[]): void {
    for (const t of core) this.#count(t.text, 1);
    for (const key of TokenIndex.keysOf(core)) (this.#postings[this.#idOf(key)] as number[]).push(slot);
  }

  remove(slot: number, core: readonly NameToken[]): void {
    for (const t of core) this.#count(t.text, -1);
    for (const key of TokenIndex.keysOf(core)) {
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
    for (const key of deletionKeys(query.text)) {
      for (const id of this.#byDeletion.get(key) ?? []) {
        if (id === exact || found.has(id)) continue;
        const jw = jaroWinkler(query.text, this.#text[id] as string);
        if (jw >= MIN_FUZZY_SIMILARITY) consider(id, jw);
      }
    }
    return [...found].map(([token, similarity]) => ({ token, similarity }));
  }
}
