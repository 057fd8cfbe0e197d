/**
 * Candidate generation for a name: which listed names are worth a full comparison. Each query
 * name part is looked up in the token index (exact, phonetic class, one edit); every listed
 * name that holds a close token gets that token's weight, its spelling similarity times its
 * inverse document frequency (Sparck Jones 1972; of the more common of the query part and the
 * listed token), so rare parts count most; a part counts once per name, at its best token; a
 * listed name longer than the query loses a little weight per extra part.
 *
 * What a query reads is bounded three ways, term at a time over the posting lists:
 *
 * - Rarest part first. A rare part's lists are read in full, while the lists of a very common
 *   part ("Mohamed" in a large list) are not read at all once rarer parts have found
 *   candidates; instead those candidates are probed for it (the "continue" strategy of Moffat
 *   and Zobel 1996: no new accumulators once enough exist, the existing ones still updated).
 * - Max-score (Turtle and Flood 1995). Within a part the lists are read best weight first (the
 *   exact spelling before its phonetic and one-edit neighbours). Before reading on, the
 *   `limit`-th best weight found so far is compared with the most a name not yet found could
 *   still get: the sum, over the parts, of the best weight of the lists left unread. When no
 *   such name can beat the `limit`-th (at most tie with it), the rest of the list, and the lists
 *   after it that keep that sum down, are not read but probed on the names found, so every
 *   name found gets its full weight and no name that could enter the top `limit` is missed. A
 *   query of one common part ("Maria" and an unlisted surname) reads a few hundred postings of
 *   its exact spelling instead of 20,000 of it and its hundred neighbours.
 * - Intersection. Once no name not yet found can beat the `limit`-th through one part alone
 *   (two common given names, each in thousands of names: the `limit`-th already holds one of
 *   them at its best), a name still worth finding holds two parts, so the lists still to come
 *   are intersected through a bit set per part instead of being read name by name
 *   (findSharedNames); only the names found and the names shared are weighed.
 * - A fixed number of postings per query, so no query costs more than that bound.
 *
 * At most `limit` names go on to the full comparison.
 *
 * A large list holds many people with one name (a million names drawn from any population
 * repeat "Wei Wang" or "Maria Garcia Lopez" dozens of times), and the name alone cannot say
 * which of them to compare: when the query gives a date of birth and more names than `limit`
 * were found, agreement on it is weighted like one more name part, by the same inverse
 * frequency (how many listed people were born that day), so that the person the date points to
 * is not cut in favour of namesakes who happen to come first. The names of the few people born
 * on a query date are probed for every list left unread, so that bound holds for them too.
 *
 * Entries the caller may not see are dropped the first time they are touched, before any
 * ranking or cut, so they cannot push a visible entry out of the candidate list (nor count
 * towards the `limit`-th weight that decides what is left unread). Entries the caller gets only
 * as a pointer to their owner count once per owner, at the best of them, as the caller is shown
 * one pointer per owner: forty namesakes behind one agency's pointer pushed a listed person under
 * an arrest alert out of the candidates, and how many there are must not change what else the
 * caller is shown. Up to `limit` more of an owner's entries ranked within the candidates come
 * along uncounted, for its notices; the bounds above do not look for them.
 */
import { alikeOf, type NameToken, type NormalizedName, type PartialDate } from '@mosaic/matching';
import { birthDateKey, SLOT_POSTED_OVERFLOW, SLOT_POSTED_WIDTH, type ScreeningIndex } from './screening-index.ts';
import type { TokenMatch } from './token-index.ts';
import { TokenWeights } from './token-weights.ts';
import { MEMO_FULL, MEMO_HIDDEN, MEMO_POINTER, MEMO_UNKNOWN } from './visibility-memo.ts';

export interface CandidateOptions {
  /** Most names handed to the full comparison. */
  readonly limit: number;
  /** Most posting-list elements read for one query. */
  readonly maxPostings: number;
  /**
   * Whether the entry at this position may take part at all, and 'pointer' when it takes part as
   * a pointer to its owner (one per owner counts towards `limit`; an entry without an owner then
   * takes no part); every entry, in full, when absent.
   */
  readonly visible?: (entryIndex: number) => boolean | 'pointer';
  /**
   * What `visible` would answer, where already known: a code per entry position (MEMO_* of
   * visibility-memo.ts, MEMO_UNKNOWN where `visible` must be asked), read before asking it.
   */
  readonly visibleCodes?: Uint8Array;
  /** The query's dates of birth, if any. */
  readonly birthDates?: readonly PartialDate[];
}

export interface NameCandidates {
  /** Name slots, best first. */
  readonly slots: readonly number[];
  /** The posting bound was reached: some listed names were not considered. */
  readonly truncated: boolean;
  /** Posting-list elements read (the work the bounds above save). */
  readonly read: number;
  /** Names given a weight (found, or probed): the random reads a query made. */
  readonly found: number;
}

/** A part whose posting lists together are this short is always read in full. */
const ALWAYS_READ = 2000;
/** Candidates whose weight is below this fraction of the best are not compared. */
const RELATIVE_CUT = 0.25;
/**
 * Weight lost per listed name part beyond the query's part count (at most MAX_EXTRA_PARTS
 * counted), as a fraction: the parts a longer name has over the query cannot all have been
 * matched, and the full comparison counts them against it. Among the many names that share a
 * query's common parts ("Ali Muhammad" is in hundreds of longer names), the names that are
 * about as long as the query come first instead of whichever were listed first.
 */
const EXTRA_PART_PENALTY = 0.05;
const MAX_EXTRA_PARTS = 4;
/** Postings read between two looks at whether the rest of a list can still matter. */
const CHECK_EVERY = 128;
/**
 * People born on the query's dates whose names are probed for the lists left unread; a date
 * shared by more (a year alone) weighs little, and is counted in the bound instead.
 */
const BORN_PROBE_LIMIT = 512;

/** One posting list of a query part: a listed token close to the part, with its weight. */
interface List {
  readonly token: number;
  readonly weight: number;
  readonly postings: readonly number[];
}

/** A query part: its lists, best weight first, and their postings together. */
interface QueryPart {
  readonly lists: readonly List[];
  readonly df: number;
}

/** A list left unread from position `from` on. */
interface Unread {
  readonly list: List;
  readonly from: number;
}

/**
 * Per-query working memory, reused. A common name part touches thousands of the million name
 * slots in random order, so what is kept per slot is one interleaved pair (query stamp, position
 * in this query's list): one cache line per posting read. Weights live in arrays indexed by
 * that position, which the query fills in order: the total, the length factor, and the weight
 * of each query part (`parts` per position).
 */
class Scratch {
  /** [2·slot]: query stamp; [2·slot + 1]: position in `touched` (or -1: not visible). */
  slotState = new Int32Array(0);
  entryStamp = new Uint32Array(0);
  /** What `visible` answered this query, per entry (a MEMO_* code). */
  entryVisible = new Uint8Array(0);
  acc = new Float64Array(1024);
  factor = new Float64Array(1024);
  /** Per position: 0, or the number of the owner whose pointer it is (1 up, to `owners` of this query). */
  owner = new Int32Array(1024);
  /** How many owners of pointer entries this query found, numbered from 1 as found. */
  owners = 0;
  /** Per owner code of the index (ScreeningIndex.slotOwner): the query that numbered it, and its number then. */
  ownerStamp = new Uint32Array(0);
  ownerNumber = new Int32Array(0);
  /** Positions that count towards the limit: each full entry's names, and one per pointer owner. */
  counted = 0;
  partWeight = new Float64Array(4096);
  /** Room for the selection of the `limit`-th weight. */
  select = new Float64Array(1024);
  /** One bit per slot and query part, all clear between queries (see findSharedNames). */
  partBits: Uint32Array[] = [];
  query = 0;

  fit(slots: number, entries: number, owners: number): void {
    if (this.ownerStamp.length <= owners) {
      this.ownerStamp = new Uint32Array(owners + 16);
      this.ownerNumber = new Int32Array(owners + 16);
    }
    if (this.partBits.length > 0 && (this.partBits[0] as Uint32Array).length * 32 < slots) this.partBits = [];
    if (this.slotState.length < 2 * slots) {
      const n = Math.max(slots, this.slotState.length, 1024);
      this.slotState = new Int32Array(2 * n);
    }
    if (this.entryStamp.length < entries) {
      const n = Math.max(entries, this.entryStamp.length * 2, 1024);
      this.entryStamp = new Uint32Array(n);
      this.entryVisible = new Uint8Array(n);
    }
  }

  /** The bit sets of the first `parts` query parts, sized for `slots`. */
  bits(parts: number, slots: number): Uint32Array[] {
    while (this.partBits.length < parts) this.partBits.push(new Uint32Array(Math.ceil(Math.max(slots, 1024) / 32)));
    return this.partBits;
  }

  /** Room for `n` positions of `parts` parts. */
  reserve(n: number, parts: number): void {
    if (this.acc.length < n) {
      const size = Math.max(n, this.acc.length * 2);
      this.acc = grown(this.acc, size);
      this.factor = grown(this.factor, size);
      const owner = new Int32Array(size);
      owner.set(this.owner);
      this.owner = owner;
      this.select = new Float64Array(size);
    }
    if (this.partWeight.length < n * parts) this.partWeight = grown(this.partWeight, Math.max(n * parts, this.partWeight.length * 2));
  }
}

function grown(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

const scratches = new WeakMap<ScreeningIndex, Scratch>();

/**
 * Query parts by spelling, for as long as the index does not change (the weights read its
 * counts): a checkpoint asks for the same common names all day, and a common part has a hundred
 * close spellings to weigh and sort.
 */
interface PartMemo {
  readonly version: number;
  readonly parts: Map<string, QueryPart | null>;
}
const PART_MEMO_LIMIT = 4096;
const partMemos = new WeakMap<ScreeningIndex, PartMemo>();

function queryPart(index: ScreeningIndex, token: NameToken, names: number, compounds: readonly NameToken[]): QueryPart | null {
  const matches = withCompounds(index, token, compounds);
  if (matches.length === 0) return null;
  // an agreement is as telling as the more common of its two spellings (as the matcher's
  // term-frequency adjustment takes it): a rarer variant of a common query part weighs no more
  const exact = index.tokens.tokenId(token.text);
  const queryPostings = exact === undefined ? 0 : index.tokens.postings(exact).length;
  const lists: List[] = [];
  let df = 0;
  for (const m of matches) {
    const postings = index.tokens.postings(m.token);
    lists.push({ token: m.token, weight: m.similarity * Math.log(1 + names / (1 + Math.max(postings.length, queryPostings))), postings });
    df += postings.length;
  }
  return { lists: lists.sort((a, b) => b.weight - a.weight || a.postings.length - b.postings.length), df };
}

/**
 * The listed tokens close to a query part, and to the words it makes with a particle next to it
 * ("Ben Salah", "بن صالح" against "Bensalah"; "El Amrani" against "Elamrani"), each at its best:
 * a listed name that writes the two as one word then weighs for the part as the full comparison
 * will align it (compare-names.ts, compound step).
 */
function withCompounds(index: ScreeningIndex, token: NameToken, compounds: readonly NameToken[]): readonly TokenMatch[] {
  const matches = index.tokens.lookup(token);
  if (compounds.length === 0) return matches;
  const best = new Map<number, number>();
  for (const m of matches) best.set(m.token, m.similarity);
  for (const compound of compounds) {
    for (const m of index.tokens.lookup(compound)) if (m.similarity > (best.get(m.token) ?? 0)) best.set(m.token, m.similarity);
  }
  return [...best].map(([id, similarity]) => ({ token: id, similarity }));
}

/** The query's words joined with a particle next to a core token, as tokens to look up, by the core token's index. */
function particleCompounds(name: NormalizedName): Map<number, NameToken[]> {
  const out = new Map<number, NameToken[]>();
  for (const j of name.joins) {
    if ((j.first < 0) === (j.second < 0)) continue; // two core parts, or none
    const part = j.first < 0 ? j.second : j.first;
    const core = name.core[part];
    if (!core) continue;
    const compound: NameToken = { ...core, text: j.text, phonetic: j.phonetic, skeleton: j.skeleton, vowels: j.vowels, bare: j.text, barePhonetic: j.phonetic, stem: j.text, stemOnset: '', frame: undefined, ...alikeOf(j.text), cognates: '' };
    out.set(part, [...(out.get(part) ?? []), compound]);
  }
  return out;
}

/** The query's parts (each distinct core token once, with its particle compounds), rarest first. */
function queryParts(index: ScreeningIndex, name: NormalizedName): QueryPart[] {
  let memo = partMemos.get(index);
  if (memo === undefined || memo.version !== index.version) {
    memo = { version: index.version, parts: new Map() };
    partMemos.set(index, memo);
  }
  const names = index.stats().names;
  const seen = new Set<string>();
  const parts: QueryPart[] = [];
  const compounds = particleCompounds(name);
  for (const [i, token] of name.core.entries()) {
    if (seen.has(token.text)) continue;
    seen.add(token.text);
    const joined = compounds.get(i) ?? [];
    const key = `${token.text} ${token.bare} ${token.phonetic} ${token.stem} ${token.frame ?? ''} ${joined.map((c) => c.text).join(' ')}`;
    let part = memo.parts.get(key);
    if (part === undefined) {
      part = queryPart(index, token, names, joined);
      if (memo.parts.size >= PART_MEMO_LIMIT) memo.parts.clear();
      memo.parts.set(key, part);
    }
    if (part !== null) parts.push(part);
  }
  return parts.sort((a, b) => a.df - b.df);
}

/** How much a query date can add to a name (the best of its dates), and how many people share those dates. */
function dateWeight(index: ScreeningIndex, dates: readonly PartialDate[]): { readonly weight: number; readonly born: number } {
  const entries = index.stats().entries;
  let weight = 0;
  let born = 0;
  for (const date of dates) {
    const n = index.birthDates.get(birthDateKey(date))?.length ?? 0;
    if (n === 0) continue;
    weight = Math.max(weight, Math.log(1 + entries / (1 + n)));
    born += n;
  }
  return { weight, born };
}

/** The name slots of the people born on the query's dates. */
function bornSlots(index: ScreeningIndex, dates: readonly PartialDate[]): number[] {
  const slots: number[] = [];
  for (const date of dates) {
    for (const entry of index.birthDates.get(birthDateKey(date)) ?? []) for (const slot of index.entries[entry]?.slots ?? []) slots.push(slot);
  }
  return slots;
}

export function nameCandidates(index: ScreeningIndex, name: NormalizedName, options: CandidateOptions): NameCandidates {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = new Scratch();
    scratches.set(index, scratch);
  }
  scratch.fit(index.slotCapacity, index.entries.length, index.ownerCodeCount);
  const s = scratch;
  if (++s.query >= 0x7fffffff) { s.slotState.fill(0); s.entryStamp.fill(0); s.ownerStamp.fill(0); s.query = 1; }
  const q = s.query;
  s.owners = 0;
  s.counted = 0;
  const state = s.slotState;
  const visible = options.visible;
  const codes = options.visibleCodes;
  const limit = options.limit;
  const parts = queryParts(index, name);
  const stride = parts.length;
  const queryLength = name.core.length;
  const slotParts = index.slotParts;
  const touched: number[] = [];
  let read = 0;
  let truncated = false;

  const slotOwner = index.slotOwner;
  /** The number of the owner of the pointer entry of this slot (0: it has none), numbering a new owner. */
  const ownerOf = (slot: number): number => {
    const code = slotOwner[slot] as number;
    if (code === 0) return 0;
    if (s.ownerStamp[code] !== q) {
      s.ownerStamp[code] = q;
      s.ownerNumber[code] = ++s.owners;
      s.counted++;
    }
    return s.ownerNumber[code] as number;
  };
  /** Gives the name at `slot` weight `w` for query part `part` (a part counts once, at its best). */
  const touch = (slot: number, w: number, part: number): void => {
    let at: number;
    if (state[2 * slot] !== q) {
      state[2 * slot] = q;
      let owner = 0;
      if (visible !== undefined) {
        const entry = index.slotEntry[slot] as number;
        let code = codes === undefined ? MEMO_UNKNOWN : codes[entry] as number;
        if (code === MEMO_UNKNOWN) {
          if (s.entryStamp[entry] !== q) {
            s.entryStamp[entry] = q;
            const answer = visible(entry);
            s.entryVisible[entry] = answer === 'pointer' ? MEMO_POINTER : answer ? MEMO_FULL : MEMO_HIDDEN;
          }
          code = s.entryVisible[entry] as number;
        }
        if (code === MEMO_POINTER) owner = ownerOf(slot);
        if (code === MEMO_HIDDEN || (code === MEMO_POINTER && owner === 0)) { state[2 * slot + 1] = -1; return; }
      }
      if (owner === 0) s.counted++;
      at = touched.length;
      state[2 * slot + 1] = at;
      touched.push(slot);
      s.owner[at] = owner;
      s.acc[at] = w;
      const extra = (slotParts[slot] as number) - queryLength;
      s.factor[at] = extra > 0 ? 1 - EXTRA_PART_PENALTY * Math.min(extra, MAX_EXTRA_PARTS) : 1;
      const base = at * stride;
      for (let k = 0; k < stride; k++) s.partWeight[base + k] = 0;
      s.partWeight[base + part] = w;
      return;
    }
    at = state[2 * slot + 1] as number;
    if (at < 0) return;
    const k = at * stride + part;
    const previous = s.partWeight[k] as number;
    if (w > previous) {
      s.acc[at] = (s.acc[at] as number) + w - previous;
      s.partWeight[k] = w;
    }
  };

  // Lists left unread, by part, and the best weight left unread per part and in all.
  const unread: Unread[][] = Array.from({ length: stride }, () => []);
  const unreadBest = new Float64Array(stride);
  let unreadSum = 0;
  /** Postings of the lists left unread. */
  let leftPostings = 0;
  const leave = (part: number, list: List, from: number): void => {
    (unread[part] as Unread[]).push({ list, from });
    leftPostings += list.postings.length - from;
    const best = unreadBest[part] as number;
    if (list.weight > best) {
      unreadSum += list.weight - best;
      unreadBest[part] = list.weight;
    }
  };

  const dates = options.birthDates ?? [];
  let date: { readonly weight: number; readonly born: number } | undefined;
  /** The people born on a query date, once their names are to be probed for the lists left unread. */
  let born: number[] | undefined;
  /**
   * Whether no name outside those found, holding at most `most` of the lists left unread, can
   * beat the `limit`-th. The date's weight counts too, unless the few people born that day are
   * probed (then they are, from here on).
   */
  const below = (most: number): boolean => {
    date ??= dateWeight(index, dates);
    if (most + (born === undefined ? date.weight : 0) <= theta) return true;
    if (born !== undefined || most > theta || date.born > BORN_PROBE_LIMIT) return false;
    born = bornSlots(index, dates);
    return true;
  };
  let theta = -Infinity;
  let thetaRead = -Infinity;
  let bounded = false;
  /** Whether `list` may be left unread from here on: no name it alone would find could still reach the `limit`-th. */
  const canLeave = (part: number, list: List): boolean => {
    if (s.counted < limit) return false;
    const best = unreadBest[part] as number;
    const most = unreadSum - best + Math.max(best, list.weight);
    if (below(most)) return true;
    // theta only grows as lists are read: look again once a good share more has been read
    if (read - thetaRead < Math.max(CHECK_EVERY, touched.length >> 1)) return false;
    theta = kthLargest(s, touched.length, limit);
    thetaRead = read;
    return below(most);
  };

  /**
   * Whether no name not found yet can beat the `limit`-th by one part alone (whichever part,
   * the best list of it still to come, plus the date unless those born on it are probed), while
   * two or more parts have lists to come: then a name still worth finding holds two parts, and
   * the lists to come can be intersected instead of read name by name (findSharedNames), if
   * their postings are within the bound. The list being read is the `at`-th of `part`, read up
   * to `from`.
   */
  const canPair = (part: number, at: number, from: number): boolean => {
    if (s.counted < limit) return false;
    const lists = (parts[part] as QueryPart).lists;
    let open = 0;
    let most = 0;
    for (let p = 0; p < stride; p++) {
      const next = p === part ? (lists[at] as List).weight : p > part && common[p] === 0 ? ((parts[p] as QueryPart).lists[0]?.weight ?? 0) : 0;
      const best = Math.max(unreadBest[p] as number, next);
      if (best > 0) open++;
      most = Math.max(most, best);
    }
    if (open < 2) return false;
    if (!below(most)) {
      if (read - thetaRead < Math.max(CHECK_EVERY, touched.length >> 1)) return false;
      theta = kthLargest(s, touched.length, limit);
      thetaRead = read;
      if (!below(most)) return false;
    }
    let toCome = leftPostings - from;
    for (let k = at; k < lists.length; k++) toCome += (lists[k] as List).postings.length;
    for (let p = part + 1; p < stride; p++) if (common[p] === 0) toCome += (parts[p] as QueryPart).df;
    return read + toCome <= options.maxPostings;
  };
  let pairs = false;

  // A common part after rarer ones that find names (more than half as many postings) is probed
  // on those names, never read. Decided before reading, by the parts' sizes, so that its weight
  // is in the bound from the start: a list left unread by the bound is left knowing that no
  // later list will find the names it skips. (Should the rarer parts find no name the caller
  // may see, the common part is read after all: nothing was left by the bound then.)
  const common = new Uint8Array(stride);
  let rarer = 0;
  for (let part = 0; part < stride; part++) {
    const n = (parts[part] as QueryPart).df;
    if (rarer > 0 && n > ALWAYS_READ && n > rarer * 2) {
      common[part] = 1;
      for (const list of (parts[part] as QueryPart).lists) leave(part, list, 0);
    } else rarer += n;
  }
  for (let part = 0; part < stride; part++) {
    if (common[part] === 1) {
      if (touched.length > 0) continue;
      unreadSum -= unreadBest[part] as number;
      unreadBest[part] = 0;
      leftPostings -= (parts[part] as QueryPart).df;
      unread[part] = [];
    }
    const lists = (parts[part] as QueryPart).lists;
    for (let at = 0; at < lists.length; at++) {
      const list = lists[at] as List;
      if (truncated || pairs) { leave(part, list, 0); continue; }
      const postings = list.postings;
      let i = 0;
      while (i < postings.length) {
        if (canLeave(part, list)) { bounded = true; break; }
        if (canPair(part, at, i)) { pairs = true; break; }
        const end = Math.min(postings.length, i + CHECK_EVERY);
        s.reserve(touched.length + end - i, stride);
        for (; i < end; i++) {
          if (read++ >= options.maxPostings) { truncated = true; break; }
          touch(postings[i] as number, list.weight, part);
        }
        if (truncated) break;
      }
      if (i < postings.length) leave(part, list, i);
    }
  }

  if (pairs) {
    // every list left is read here: nothing is left to probe
    bounded = true;
    read += findSharedNames(index, s, { unread, touch, touched, born });
  } else if (unreadSum > 0) {
    read += addUnread(index, s, {
      touched, unread, unreadBest, stride, touch, limit, q, born, dateWeight: (date ??= dateWeight(index, dates)).weight, postings: Math.max(0, options.maxPostings - read),
    });
  }
  if (dates.length > 0 && (touched.length > limit || bounded)) addBirthDateWeight(index, dates, touched, s, q);
  for (let i = 0; i < touched.length; i++) s.acc[i] = (s.acc[i] as number) * (s.factor[i] as number);
  return { slots: topSlots(touched, s, limit), truncated, read, found: touched.length };
}

/**
 * Reads every list left unread, giving its weight to the names already found (and to the people
 * born on a query date, when they are probed) and to the names that hold lists of two or more
 * query parts; a name in one part's lists only is passed over (the caller has made sure it
 * cannot beat the `limit`-th). The lists are first read into one bit set per part (a bit per
 * slot, small enough to stay in cache), the names found into one more, then read again testing
 * those bits, so a name costs a random read only when it is found or shared, and no found name
 * needs probing. Returns the postings read (each list twice, counted once).
 */
function findSharedNames(index: ScreeningIndex, s: Scratch, o: {
  readonly unread: readonly (readonly Unread[])[];
  readonly touch: (slot: number, w: number, part: number) => void;
  readonly touched: readonly number[];
  readonly born: readonly number[] | undefined;
}): number {
  const { unread, touch } = o;
  const open: number[] = [];
  let total = 0;
  for (let part = 0; part < unread.length; part++) {
    const left = unread[part] as readonly Unread[];
    if (left.length === 0) continue;
    open.push(part);
    for (const u of left) total += u.list.postings.length - u.from;
  }
  s.reserve(o.touched.length + (o.born?.length ?? 0) + total, unread.length);
  const bits = s.bits(unread.length + 1, index.slotCapacity);
  const found = bits[unread.length] as Uint32Array;
  const flip = (set: Uint32Array, slots: readonly number[], from: number, on: boolean): void => {
    for (let i = from; i < slots.length; i++) {
      const slot = slots[i] as number;
      set[slot >>> 5] = on ? (set[slot >>> 5] as number) | (1 << (slot & 31)) : 0;
    }
  };
  const mark = (on: boolean): void => {
    for (const part of open) for (const u of unread[part] as readonly Unread[]) flip(bits[part] as Uint32Array, u.list.postings, u.from, on);
    flip(found, o.touched, 0, on);
    flip(found, o.born ?? [], 0, on);
  };
  mark(true);
  for (const part of open) {
    for (const u of unread[part] as readonly Unread[]) {
      const list = u.list.postings;
      for (let i = u.from; i < list.length; i++) {
        const slot = list[i] as number;
        const word = slot >>> 5;
        const bit = 1 << (slot & 31);
        if (((found[word] as number) & bit) !== 0) {
          touch(slot, u.list.weight, part);
          continue;
        }
        for (const other of open) {
          if (other !== part && (((bits[other] as Uint32Array)[word] as number) & bit) !== 0) {
            touch(slot, u.list.weight, part);
            break;
          }
        }
      }
    }
  }
  mark(false);
  return total;
}

/**
 * Adds the weight of the lists left unread to the names found, and first to the names of the
 * people born on a query date, without finding any other name. A name is passed over when it
 * already has the part at the best weight left unread, or when even everything it could still
 * gain (the best weight left unread of each part it lacks, and the date's) would not lift it to
 * the `limit`-th weight found: it cannot be among the candidates either way. For the others,
 * per part, whichever is cheaper: reading the rest of the part's lists for them, or probing
 * each by the ids it is posted under (a name is in a list exactly when its id is there; a
 * random read of its row, about twice a posting's). Returns the postings read.
 */
function addUnread(index: ScreeningIndex, s: Scratch, o: {
  readonly touched: readonly number[];
  readonly unread: readonly (readonly Unread[])[];
  readonly unreadBest: Float64Array;
  readonly stride: number;
  readonly touch: (slot: number, w: number, part: number) => void;
  readonly limit: number;
  readonly q: number;
  readonly born: readonly number[] | undefined;
  readonly dateWeight: number;
  /** Postings that may still be read. */
  readonly postings: number;
}): number {
  const { stride, unreadBest } = o;
  const weights: (TokenWeights | undefined)[] = [];
  const texts: (Map<string, number> | undefined)[] = [];
  const probe = (slot: number, part: number): number => {
    const byToken = (weights[part] ??= new TokenWeights((o.unread[part] as Unread[]).map((u) => u.list)));
    const count = index.slotPostedCount[slot] as number;
    let best = 0;
    if (count !== SLOT_POSTED_OVERFLOW) {
      const posted = index.slotPosted;
      for (let k = slot * SLOT_POSTED_WIDTH, end = k + count; k < end; k++) {
        const w = byToken.get(posted[k] as number);
        if (w > best) best = w;
      }
      return best;
    }
    // a name posted under more ids than are kept: the texts it was posted under (no stems for a weak alias)
    const byText = (texts[part] ??= new Map((o.unread[part] as Unread[]).map((u) => [index.tokens.text(u.list.token), u.list.weight])));
    const name = index.slotName[slot] as NormalizedName;
    for (const t of name.core as readonly NameToken[]) {
      const w = byText.get(t.text) ?? (t.bare !== t.text ? byText.get(t.bare) : undefined) ?? (!name.weak && t.stem !== t.text ? byText.get(t.stem) : undefined) ?? 0;
      if (w > best) best = w;
    }
    return best;
  };
  s.reserve(o.touched.length + (o.born?.length ?? 0), stride);
  for (const slot of o.born ?? []) {
    if (s.slotState[2 * slot] === o.q) continue;
    for (let part = 0; part < stride; part++) {
      if ((o.unread[part] as Unread[]).length === 0) continue;
      const w = probe(slot, part);
      if (w > 0) o.touch(slot, w, part);
    }
  }
  const found = o.touched.length;
  const state = s.slotState;
  const need: number[] = [];
  let read = 0;
  for (let part = 0; part < stride; part++) {
    const left = o.unread[part] as Unread[];
    if (left.length === 0) continue;
    const best = unreadBest[part] as number;
    const theta = s.counted >= o.limit ? kthLargest(s, found, o.limit) : -Infinity;
    need.length = 0;
    for (let at = 0; at < found; at++) {
      const base = at * stride;
      if ((s.partWeight[base + part] as number) >= best) continue;
      if (theta > 0) {
        // this part and the ones after it are still to come
        let most = (s.acc[at] as number) + o.dateWeight;
        for (let p = part; p < stride; p++) most += Math.max(0, (unreadBest[p] as number) - (s.partWeight[base + p] as number));
        if (most * (s.factor[at] as number) < theta) continue;
      }
      need.push(at);
    }
    if (need.length === 0) continue;
    let rest = 0;
    for (const u of left) rest += u.list.postings.length - u.from;
    if (rest <= 2 * need.length && read + rest <= o.postings) {
      read += rest;
      for (const u of left) {
        const postings = u.list.postings;
        for (let i = u.from; i < postings.length; i++) {
          const slot = postings[i] as number;
          if (state[2 * slot] === o.q && (state[2 * slot + 1] as number) >= 0) o.touch(slot, u.list.weight, part);
        }
      }
      continue;
    }
    for (const at of need) {
      const slot = o.touched[at] as number;
      const w = probe(slot, part);
      if (w > 0) o.touch(slot, w, part);
    }
  }
  return read;
}

/**
 * The k-th largest weight (length factor applied) of the first n positions that count towards
 * the limit (a pointer owner's at the best of its positions); at least k of them count.
 */
function kthLargest(s: Scratch, n: number, k: number): number {
  const v = s.select;
  if (s.owners === 0) {
    for (let i = 0; i < n; i++) v[i] = (s.acc[i] as number) * (s.factor[i] as number);
  } else {
    const best = new Float64Array(s.owners + 1);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const w = (s.acc[i] as number) * (s.factor[i] as number);
      const owner = s.owner[i] as number;
      if (owner === 0) v[m++] = w;
      else if (w > (best[owner] as number)) best[owner] = w;
    }
    for (let owner = 1; owner < best.length; owner++) v[m++] = best[owner] as number;
    n = m;
  }
  // quickselect (Hoare 1961) for the element of rank k - 1 in descending order
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = v[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((v[i] as number) > pivot) i++;
      while ((v[j] as number) < pivot) j--;
      if (i <= j) {
        const t = v[i] as number;
        v[i] = v[j] as number;
        v[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return v[want] as number;
}

function sameDate(a: PartialDate, b: PartialDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Adds to each found name whose entry was born on a query date that date's inverse frequency. */
function addBirthDateWeight(index: ScreeningIndex, dates: readonly PartialDate[], touched: readonly number[], s: Scratch, q: number): void {
  const entries = index.stats().entries;
  const given = new Set<number>();
  for (const date of dates) {
    const born = index.birthDates.get(birthDateKey(date));
    if (born === undefined) continue;
    const w = Math.log(1 + entries / (1 + born.length));
    const add = (slot: number): void => {
      if (s.slotState[2 * slot] !== q) return;
      const at = s.slotState[2 * slot + 1] as number;
      if (at < 0 || given.has(at)) return;
      given.add(at);
      s.acc[at] = (s.acc[at] as number) + w;
    };
    if (born.length <= touched.length) {
      for (const entry of born) for (const slot of (index.entries[entry]?.slots ?? [])) add(slot);
    } else {
      for (const slot of touched) {
        const e = index.entries[index.slotEntry[slot] as number];
        if (e !== undefined && e.birthDates.some((d) => sameDate(d, date))) add(slot);
      }
    }
  }
}

/** Whether position a ranks below position b: lower weight, or the same weight and a higher slot. */
function ranksBelow(acc: Float64Array, touched: readonly number[], a: number, b: number): boolean {
  const wa = acc[a] as number;
  const wb = acc[b] as number;
  return wa < wb || (wa === wb && (touched[a] as number) > (touched[b] as number));
}

/**
 * The `limit` best slots by weight that count towards it (a pointer owner's at the best of its
 * positions), then up to `limit` more slots of the owners among them that weigh no less than
 * the last of them; best first, ties to the lower slot.
 */
function topSlots(touched: readonly number[], s: Scratch, limit: number): number[] {
  const { acc, owner } = s;
  let max = 0;
  for (let i = 0; i < touched.length; i++) if ((acc[i] as number) > max) max = acc[i] as number;
  const cut = max * RELATIVE_CUT;
  if (s.owners === 0) return bestPositions(touched, acc, limit, (at) => (acc[at] as number) >= cut).map((at) => touched[at] as number);
  const best = new Int32Array(s.owners + 1).fill(-1);
  for (let at = 0; at < touched.length; at++) {
    const o = owner[at] as number;
    if (o !== 0 && ((best[o] as number) < 0 || ranksBelow(acc, touched, best[o] as number, at))) best[o] = at;
  }
  const counts = (at: number): boolean => (owner[at] as number) === 0 || best[owner[at] as number] === at;
  const counted = bestPositions(touched, acc, limit, (at) => (acc[at] as number) >= cut && counts(at));
  const pointed = new Uint8Array(best.length);
  for (const at of counted) pointed[owner[at] as number] = 1;
  const floor = counted.length < limit ? cut : acc[counted[counted.length - 1] as number] as number;
  const further = bestPositions(touched, acc, limit, (at) => !counts(at) && pointed[owner[at] as number] === 1 && (acc[at] as number) >= floor);
  return [...counted, ...further].sort((a, b) => (ranksBelow(acc, touched, a, b) ? 1 : -1)).map((at) => touched[at] as number);
}

/**
 * The `limit` best positions that `takes`, best first: a bounded min-heap over positions
 * (O(n log limit)), then an insertion sort of the few kept.
 */
function bestPositions(touched: readonly number[], acc: Float64Array, limit: number, takes: (at: number) => boolean): number[] {
  const heap: number[] = [];
  for (let at = 0; at < touched.length; at++) {
    if (!takes(at)) continue;
    if (heap.length < limit) {
      let i = heap.length;
      heap.push(at);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!ranksBelow(acc, touched, at, heap[p] as number)) break;
        heap[i] = heap[p] as number;
        i = p;
      }
      heap[i] = at;
    } else if (ranksBelow(acc, touched, heap[0] as number, at)) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const m = r < heap.length && ranksBelow(acc, touched, heap[r] as number, heap[l] as number) ? r : l;
        if (!ranksBelow(acc, touched, heap[m] as number, at)) break;
        heap[i] = heap[m] as number;
        i = m;
      }
      heap[i] = at;
    }
  }
  for (let i = 1; i < heap.length; i++) {
    const at = heap[i] as number;
    let j = i;
    for (; j > 0 && ranksBelow(acc, touched, heap[j - 1] as number, at); j--) heap[j] = heap[j - 1] as number;
    heap[j] = at;
  }
  return heap;
}
