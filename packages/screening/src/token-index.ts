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
 * - the token without an attached article ("Elmabruk" ~ "Mabruk");
 * - the stem of a compound ("Abdelkarim" ~ "Karim", "Abu Mahdi" ~ "Mahdi"), both ways;
 * - the query token written with the letters transliterations write for one another
 *   (respellingsOf: Ghasem ~ Qasem, Gaddafi ~ Qadhafi, Chung ~ Jung), looked up as above.
 *
 * Posting lists are kept in slot order: candidate generation may read only the start of a
 * list (name-candidates.ts), and then meets names that tie on weight in the order the ranking
 * breaks ties, lowest slot first, whatever order entries were added, removed and re-added in
 * (a slot freed by a removal is reused). An update moves the rest of each affected list by one
 * and needs no rebuild; a new slot, the usual case, goes at the end.
 */
import { fitsWrittenFrame, FRAME_SIMILARITY, jaroWinkler, phoneticKey, respellingsOf, STEM_SIMILARITY, tokenSimilarity, type NameToken } from '@mosaic/matching';
import { HashedMultimap, hashSkipping } from './hashed-multimap.ts';

/** Tokens shorter than this get no deletion keys: three-letter neighbourhoods match everything. */
const MIN_DELETION_LENGTH = 4;
/** Most query spellings whose vocabulary search is remembered at once. */
const LOOKUP_MEMO_LIMIT = 20_000;
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
/** The first position in the sorted `list` whose value is not below `slot`. */
function lowerBound(list: readonly number[], slot: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: number[], slot: number): void {
  if (list.length === 0 || (list[list.length - 1] as number) < slot) list.push(slot);
  else list.splice(lowerBound(list, slot), 0, slot);
}

/**
 * Occurrence counts by token text, read as a term-frequency table (NameFrequencies.counts): a
 * view over the index's own per-token counters, so a million-name list keeps no second map
 * from every distinct text to its count.
 */
class TokenCounts implements ReadonlyMap<string, number> {
  readonly #ids: ReadonlyMap<string, number>;
  readonly #of: (id: number) => number;
  readonly #texts: () => readonly string[];
  readonly #size: () => number;

  constructor(ids: ReadonlyMap<string, number>, of: (id: number) => number, texts: () => readonly string[], size: () => number) {
    this.#ids = ids;
    this.#of = of;
    this.#texts = texts;
    this.#size = size;
  }

  get size(): number {
    return this.#size();
  }

  get(text: string): number | undefined {
    const id = this.#ids.get(text);
    const n = id === undefined ? 0 : this.#of(id);
    return n > 0 ? n : undefined;
  }

  has(text: string): boolean {
    return this.get(text) !== undefined;
  }

  *entries(): MapIterator<[string, number]> {
    const texts = this.#texts();
    for (let id = 0; id < texts.length; id++) {
      const n = this.#of(id);
      if (n > 0) yield [texts[id] as string, n];
    }
  }

  *keys(): MapIterator<string> {
    for (const [text] of this.entries()) yield text;
  }

  *values(): MapIterator<number> {
    for (const [, n] of this.entries()) yield n;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(visit: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [text, n] of this.entries()) visit(n, text, this);
  }
}

export class TokenIndex {
  readonly #ids = new Map<string, number>();
  readonly #text: string[] = [];
  readonly #postings: number[][] = [];
  /** The first token object filed under each text, handed out again for that text and kind. */
  readonly #canonical: (NameToken | undefined)[] = [];
  readonly #byPhonetic = new Map<string, number[]>();
  /** Deletion neighbourhoods by hash: millions of keys, so no strings are kept (see hashed-multimap.ts). */
  readonly #byDeletion = new HashedMultimap();
  /**
   * Vocabulary searches by query spelling (lookup), forgotten whenever a new token is filed:
   * all that was found (`near`), and those of them with a posting list (`live`) as of `at`.
   */
  readonly #lookups = new Map<string, { readonly near: TokenMatch[]; live: TokenMatch[]; at: number }>();
  /** How many times a token's posting list became empty or stopped being so: a lookup's `live` older than that is filtered again. */
  #emptiedOrRefilled = 0;
  /** Occurrences of each token as a core part of a listed name, by token id. */
  #occurrences = new Int32Array(1024);
  #counted = 0;
  /** Occurrence counts by token text and Σ c·log2(c + 0.5), for live term frequencies. */
  readonly counts: ReadonlyMap<string, number> = new TokenCounts(this.#ids, (id) => this.#occurrences[id] ?? 0, () => this.#text, () => this.#counted);
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
    this.#lookups.clear();
    this.#ids.set(text, id);
    this.#text.push(text);
    this.#postings.push([]);
    this.#canonical.push(undefined);
    if (id >= this.#occurrences.length) {
      const grown = new Int32Array(this.#occurrences.length * 2);
      grown.set(this.#occurrences);
      this.#occurrences = grown;
    }
    const sameSound = this.#byPhonetic.get(phonetic);
    if (sameSound === undefined) this.#byPhonetic.set(phonetic, [id]);
    else sameSound.push(id);
    for (const h of deletionHashes(text)) this.#byDeletion.add(h, id);
    return id;
  }

  #count(id: number, delta: 1 | -1): void {
    const before = this.#occurrences[id] as number;
    const after = before + delta;
    if (before > 0) this.#entropyTerm -= before * Math.log2(before + 0.5);
    if (after > 0) this.#entropyTerm += after * Math.log2(after + 0.5);
    if (before === 0 && after > 0) this.#counted++;
    else if (before > 0 && after === 0) this.#counted--;
    this.#occurrences[id] = after;
    this.#total += delta;
  }

  /**
   * The token object the index holds for this core token's text and kind (the one given when
   * the text was first seen), so that names share one object per distinct token; undefined
   * when the text is held under another kind.
   */
  canonical(token: NameToken): NameToken | undefined {
    const id = this.#idOf(token.text, token.phonetic);
    const known = this.#canonical[id];
    if (known === undefined) {
      this.#canonical[id] = token;
      return token;
    }
    return known.kind === token.kind ? known : undefined;
  }

  /**
   * Posts a name slot under each core token, its article-free form and (with `stems`) its stem,
   * once per distinct text. A weak alias ("Abu Karel") goes without stems: it can never be more
   * than a single-part match, and a large list has one on many entries, which would lengthen
   * the posting lists of the common given names it is built on.
   */
  add(slot: number, core: readonly NameToken[], stems = true): readonly number[] {
    const posted: number[] = [];
    const post = (text: string, phonetic: string): number => {
      const id = this.#idOf(text, phonetic);
      if (!posted.includes(id)) {
        posted.push(id);
        const list = this.#postings[id] as number[];
        if (list.length === 0) this.#emptiedOrRefilled++;
        insertSorted(list, slot);
      }
      return id;
    };
    for (const t of core) {
      this.#count(post(t.text, t.phonetic), 1);
      if (t.bare !== t.text) post(t.bare, t.barePhonetic);
      if (stems && t.stem !== t.text) post(t.stem, phoneticKey(t.stem));
    }
    return posted;
  }

  /** Undoes `add` (with the same `stems`). */
  remove(slot: number, core: readonly NameToken[], stems = true): void {
    const removed: number[] = [];
    const unpost = (text: string): number | undefined => {
      const id = this.#ids.get(text);
      if (id === undefined || removed.includes(id)) return id;
      removed.push(id);
      const list = this.#postings[id] as number[];
      const at = lowerBound(list, slot);
      if (list[at] === slot) list.splice(at, 1);
      if (list.length === 0) this.#emptiedOrRefilled++;
      return id;
    };
    for (const t of core) {
      const id = unpost(t.text);
      if (id !== undefined) this.#count(id, -1);
      if (t.bare !== t.text) unpost(t.bare);
      if (stems && t.stem !== t.text) unpost(t.stem);
    }
  }

  /** The id of a token text, if it was ever filed. */
  tokenId(text: string): number | undefined {
    return this.#ids.get(text);
  }

  postings(token: number): readonly number[] {
    return this.#postings[token] ?? [];
  }

  text(token: number): string {
    return this.#text[token] ?? '';
  }

  /**
   * Listed tokens close to a query token: exact, article-free, phonetic class, one edit; the
   * same for its stem. Query names repeat (a checkpoint sees "Mohamed" all day), so the
   * vocabulary search is remembered per spelling until the vocabulary grows; tokens whose lists
   * are empty now are left out, filtered again only once a list has emptied or filled since, so
   * that removals and re-additions need no forgetting and a repeated spelling costs no pass.
   */
  lookup(query: NameToken): readonly TokenMatch[] {
    const key = `${query.text} ${query.bare} ${query.phonetic} ${query.stem} ${query.frame ?? ''}`;
    let found = this.#lookups.get(key);
    if (found === undefined) {
      const near = this.#search(query);
      found = { near, live: this.#live(near), at: this.#emptiedOrRefilled };
      if (this.#lookups.size >= LOOKUP_MEMO_LIMIT) this.#lookups.clear();
      this.#lookups.set(key, found);
    } else if (found.at !== this.#emptiedOrRefilled) {
      found.live = this.#live(found.near);
      found.at = this.#emptiedOrRefilled;
    }
    return found.live;
  }

  #live(near: readonly TokenMatch[]): TokenMatch[] {
    return near.filter((m) => (this.#postings[m.token] as number[]).length > 0);
  }

  #search(query: NameToken): TokenMatch[] {
    const found = new Map<number, number>();
    const consider = (id: number, similarity: number): void => {
      const previous = found.get(id);
      if (previous === undefined || similarity > previous) found.set(id, similarity);
    };
    if (query.bare !== query.text) {
      const bare = this.#ids.get(query.bare);
      if (bare !== undefined) consider(bare, 0.98);
    }
    this.#close(query.text, query.phonetic, 1, consider, query);
    // a compound's stem ("abuabbas" -> "abbas"), misspelt or not, against names written without the head
    if (query.stem !== query.text) this.#close(query.stem, phoneticKey(query.stem), STEM_SIMILARITY, consider);
    // the query written with the letters transliterations write for one another (Ghasem ->
    // qasem, Gaddafi -> qaddafi, Chung -> jung): what they find, kept as the comparator scores it
    for (const respelled of respellingsOf(query.text)) {
      this.#close(respelled, phoneticKey(respelled), 1, (id) => {
        const listed = this.#canonical[id];
        const similarity = listed ? tokenSimilarity(query, listed) : jaroWinkler(query.text, this.#text[id] as string);
        if (similarity >= MIN_FUZZY_SIMILARITY) consider(id, similarity);
      });
    }
    return [...found].map(([token, similarity]) => ({ token, similarity }));
  }

  /**
   * Tokens equal to `text`, of its phonetic class or one edit away, with their similarity times
   * `scale`. With `token` (the query token itself), a token of the class in the other script
   * is also kept when the Latin spelling fits the Arabic-script word's written frame
   * (compare-names.ts: Mohammed ~ محمد, whose transliteration the spelling alone is far from).
   */
  #close(text: string, phonetic: string, scale: number, consider: (id: number, similarity: number) => void, token?: NameToken): void {
    const exact = this.#ids.get(text);
    if (exact !== undefined) consider(exact, scale);
    // A hash chain may hold tokens filed under other keys: each is measured once and kept only if close.
    const measured = new Set<number>();
    for (const id of this.#byPhonetic.get(phonetic) ?? []) {
      if (id === exact) continue;
      measured.add(id);
      const jw = jaroWinkler(text, this.#text[id] as string);
      const listed = token && this.#canonical[id];
      if (listed && listed.frame !== token.frame && fitsWrittenFrame(token, listed)) consider(id, scale * Math.max(jw, FRAME_SIMILARITY));
      else if (jw >= MIN_PHONETIC_SIMILARITY) consider(id, scale * Math.max(jw, 0.95));
    }
    const near = (id: number): void => {
      if (id === exact || measured.has(id)) return;
      measured.add(id);
      const jw = jaroWinkler(text, this.#text[id] as string);
      if (jw >= MIN_FUZZY_SIMILARITY) consider(id, scale * jw);
    };
    for (const h of deletionHashes(text)) this.#byDeletion.forEach(h, near);
  }
}
