/**
 * Blocking: which pairs of records are worth comparing. Several rules, each a key per record
 * (standard blocking, Christen 2012, "Data Matching", ch. 4), plus a sorted neighbourhood on the
 * name key (Hernández & Stolfo 1995) that catches spelling differences no key agrees on. A
 * pair is a candidate when any rule puts both records together; the rules that did are kept
 * (a bit mask) so that EM can be run per rule with that rule's features fixed (Splink).
 *
 * Fan-out is bounded: a block larger than `maxBlockSize` does not produce its quadratic number
 * of pairs. Its members are sorted by date of birth (then record index: deterministic, never a
 * random drop), and each is paired with the `blockWindow - 1` next ones, a sorted neighbourhood
 * inside the block: records sharing a switchboard's phone number meet those born close to them.
 * An oversized block of a loose rule is namesakes (a common name: "Mohamed El Amrani" shared by
 * hundreds at a million records); there a member is paired only with those born the same day
 * (`looseWindow`). The sorted neighbourhood on names gives at most `window - 1` pairs per name.
 *
 * Keys are hashed to 26 bits and packed with the rule (3 bits) and the record index (24 bits)
 * into one float64, so the whole index is one sorted Float64Array (no per-key objects): a hash
 * collision only merges two blocks, which adds candidates and never loses one. Hence at most
 * 2^24 records per index.
 */
import { AppError } from '@mosaic/model';
import type { FeatureName, PreparedRecord } from '@mosaic/matching';
import { largeArray, largeCopy } from './large-arrays.ts';

export const BLOCKING_RULES = ['name-year', 'name-pair', 'identifier', 'phone', 'date-initial', 'name-sorted'] as const;
export type BlockingRule = (typeof BLOCKING_RULES)[number];

/** Features that agree by construction on the pairs a rule produces: EM cannot learn their m there. */
export const BLOCKING_FIXED: Readonly<Record<BlockingRule, readonly FeatureName[]>> = {
  'name-year': ['name', 'birthDate'],
  'name-pair': ['name'],
  identifier: ['identifier'],
  phone: ['phone'],
  'date-initial': ['birthDate', 'name'],
  'name-sorted': ['name'],
};

/**
 * Rules too loose to train m on: their blocks are dominated by namesakes (different people with
 * one name), and EM's two classes then split on "same country and gender" instead of "same
 * person" (seen on the demo data: a birth-date mismatch came out as weak evidence). One name
 * token and a birth year (name-year) is as loose once names are common: at 100,000 demo records
 * training on it took pairwise precision from 0.88 down to 0.80 (namesakes born the same year
 * read as matches). They still produce candidates; m is estimated on the specific rules only.
 */
export const LOOSE_RULES: readonly BlockingRule[] = ['name-pair', 'name-sorted', 'name-year'];

const RULE_INDEX: Readonly<Record<BlockingRule, number>> = Object.fromEntries(BLOCKING_RULES.map((r, i) => [r, i])) as Record<BlockingRule, number>;
const LOOSE_BITS = LOOSE_RULES.reduce((bits, r) => bits | (1 << RULE_INDEX[r]), 0);
/**
 * Rules whose key holds the full date of birth: every member of one of their blocks is born that
 * day, so a block is ordered by name (nameOrder) instead, a sorted neighbourhood on the name
 * inside the day, not stretched over the day (that would pair each record with the cap); and a
 * block is windowed as soon as it is larger than the window (at a million records a day and an
 * initial hold a dozen namesakes of the day, and all their pairs were 40 % of the candidates).
 */
const DATE_KEYED_BITS = 1 << RULE_INDEX['date-initial'];

export const MAX_INDEXED_RECORDS = 2 ** 24;
const RECORD_SPACE = 2 ** 24;
const HASH_SPACE = 2 ** 26;

export interface BlockingOptions {
  /** Blocks with more records are windowed by date of birth (counted in `cappedBlocks`). */
  readonly maxBlockSize?: number;
  /** Sorted-neighbourhood window inside a block over `maxBlockSize`. */
  readonly blockWindow?: number;
  /**
   * The same for the loose rules (LOOSE_RULES). An oversized name block is namesakes, so by
   * default (1) a member is paired only with those born the same day. A namesake born another
   * day is compared when another rule brings the two together (the sorted neighbourhood on
   * names, a date and an initial, a document, a phone). With a wider window, namesakes born
   * near each other were paired too. At a million records, most of those pairs were different
   * people who scored as one (BENCHMARKS.md, Resolution, "Namesakes born another day").
   */
  readonly looseWindow?: number;
  /** Sorted-neighbourhood window (records compared with the next window - 1). */
  readonly window?: number;
}

export const DEFAULT_BLOCKING: Required<BlockingOptions> = Object.freeze({ maxBlockSize: 20, blockWindow: 6, looseWindow: 1, window: 4 });

const NO_DATE = 2 ** 30;
const NO_NAME = 2 ** 30;

/**
 * Order of a record inside an oversized block: its earliest date of birth as a day number
 * (a year alone sits mid-year, a month alone mid-month), records without one last.
 */
export function blockOrder(record: PreparedRecord): number {
  let best = NO_DATE;
  for (const d of record.birthDates) {
    const v = d.year * 372 + (d.month === undefined ? 186 : (d.month - 1) * 31 + (d.day === undefined ? 15 : d.day - 1));
    if (v < best) best = v;
  }
  return best;
}

/**
 * FNV-1a, 32 bits, folded to 26, over the key's text (`group|part|part`): fed part by part,
 * numbers as their decimal digits, so that no key string is built (tens of millions of them at a
 * million records) and the hash is that of the joined text.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BAR = 0x7c;
const DASH = 0x2d;

function fnvText(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

const fnvChar = (h: number, c: number): number => Math.imul(h ^ c, FNV_PRIME);

/** Decimal digits of a non-negative integer, as `${n}` writes them. */
function fnvInt(h: number, n: number): number {
  let div = 1;
  while (div * 10 <= n) div *= 10;
  for (; div >= 1; div /= 10) h = fnvChar(h, 48 + (Math.floor(n / div) % 10));
  return h;
}

const packHash = (rule: number, h: number): number => rule * HASH_SPACE + ((h >>> 0) % HASH_SPACE);

/** Most tokens and names a record contributes keys for (bounded fan-out for long alias lists). */
const MAX_TOKENS = 12;
const MAX_PAIR_TOKENS = 6;

/**
 * The packed blocking keys of one record in a group (records of different groups, e.g. persons
 * and organisations, never share a key).
 */
export function blockingKeys(record: PreparedRecord, group: string): number[] {
  return Array.from(KEYS.values.subarray(0, writeBlockingKeys(record, group)));
}

/**
 * Room for one record's keys and what they are made of, reused from record to record: blocking a
 * million records allocated four sets and an array per record. Small lists searched in order
 * keep the sets' first-insertion order, so the keys come in the same order; a record with very
 * many keys (a long alias list) is looked up in a set past the first LINEAR_KEYS.
 */
const KEYS = {
  values: new Float64Array(256),
  /** values[0 .. inSet) are in `set` (only once a record has more than LINEAR_KEYS). */
  set: new Set<number>(),
  inSet: 0,
  phonetics: [] as string[],
  initials: [] as number[],
  own: [] as string[],
  years: [] as number[],
};
const LINEAR_KEYS = 64;

function addKey(count: number, key: number): number {
  const values = KEYS.values;
  if (count <= LINEAR_KEYS) {
    for (let q = 0; q < count; q++) if (values[q] === key) return count;
  } else {
    while (KEYS.inSet < count) KEYS.set.add(values[KEYS.inSet++] as number);
    if (KEYS.set.has(key)) return count;
  }
  if (count === values.length) {
    const grown = new Float64Array(count * 2);
    grown.set(values);
    KEYS.values = grown;
  }
  KEYS.values[count] = key;
  return count + 1;
}

/** blockingKeys into KEYS.values; returns how many there are. */
function writeBlockingKeys(record: PreparedRecord, group: string): number {
  const { phonetics, initials, own, years } = KEYS;
  if (KEYS.inSet > 0) {
    KEYS.set.clear();
    KEYS.inSet = 0;
  }
  phonetics.length = 0;
  initials.length = 0;
  years.length = 0;
  let count = 0;
  const base = fnvChar(fnvText(FNV_OFFSET, group), BAR);
  const namePair = RULE_INDEX['name-pair'];
  for (const { name } of record.names) {
    own.length = 0;
    for (const t of name.core) {
      if (t.text.length < 2) continue;
      if (phonetics.length < MAX_TOKENS && !phonetics.includes(t.phonetic)) phonetics.push(t.phonetic);
      if (!own.includes(t.phonetic)) own.push(t.phonetic);
      const initial = t.text.charCodeAt(0);
      if (!initials.includes(initial)) initials.push(initial);
    }
    own.sort();
    if (own.length === 1) count = addKey(count, packHash(namePair, fnvText(base, own[0] as string)));
    const n = Math.min(own.length, MAX_PAIR_TOKENS);
    for (let x = 0; x < n; x++) {
      const first = fnvChar(fnvText(base, own[x] as string), BAR);
      for (let y = x + 1; y < n; y++) count = addKey(count, packHash(namePair, fnvText(first, own[y] as string)));
    }
  }
  for (const d of record.birthDates) {
    if (!years.includes(d.year)) years.push(d.year);
    if (d.month !== undefined && d.day !== undefined) {
      const date = fnvChar(fnvInt(fnvChar(fnvInt(fnvChar(fnvInt(base, d.year), DASH), d.month), DASH), d.day), BAR);
      for (const i of initials) count = addKey(count, packHash(RULE_INDEX['date-initial'], fnvChar(date, i)));
    }
  }
  for (const p of phonetics) {
    const token = fnvChar(fnvText(base, p), BAR);
    for (const y of years) count = addKey(count, packHash(RULE_INDEX['name-year'], fnvInt(token, y)));
  }
  for (const id of record.identifiersConfusable) if (id.length >= 4) count = addKey(count, packHash(RULE_INDEX.identifier, fnvText(base, id)));
  for (const phone of record.phones) count = addKey(count, packHash(RULE_INDEX.phone, fnvText(base, phone.slice(-9))));
  return count;
}

/** Order of a record inside an oversized date-keyed block: the sortedKey of its first name. */
export function nameOrder(record: PreparedRecord): number {
  for (const { name } of record.names) if (name.core.length > 0) return sortedKey(name.key);
  return NO_NAME;
}

/** Sorted-neighbourhood key: the first six letters of the order-free name key, base 27. */
function sortedKey(key: string): number {
  let v = 0;
  for (let i = 0; i < 6; i++) {
    const c = key.charCodeAt(i) - 96;
    v = v * 27 + (c >= 1 && c <= 26 ? c : 0);
  }
  return v;
}

/**
 * The blocking index: every (key, record) entry in one sorted array, plus entries added one
 * record at a time afterwards (incremental resolution) in a map.
 */
export interface BlockIndex {
  readonly entries: Float64Array;
  readonly added: Map<number, number[]>;
  readonly maxBlockSize: number;
  readonly blockWindow: number;
  readonly looseWindow: number;
  /** blockOrder of each record by index (records added later are pushed). */
  readonly order: number[];
  /** nameOrder of each record by index, the same way. */
  readonly names: number[];
}

function lowerBound(a: Float64Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Records in the block of `key` (sorted part then added part). A block over the cap gives the
 * members nearest to `order` (a blockOrder value) instead, as the batch windows it: the window
 * less one (`looseWindow` for the loose rules), ties by record index, and every member born the
 * same day up to the cap; in a date-keyed block, the window's members nearest to `name` (a
 * nameOrder value).
 */
export function blockMembers(index: BlockIndex, key: number, order = NO_DATE, name = NO_NAME): number[] {
  const lo = lowerBound(index.entries, key * RECORD_SPACE);
  const hi = lowerBound(index.entries, (key + 1) * RECORD_SPACE);
  const added = index.added.get(key);
  const out: number[] = [];
  for (let p = lo; p < hi; p++) out.push((index.entries[p] as number) % RECORD_SPACE);
  if (added) out.push(...added);
  const dateKeyed = (DATE_KEYED_BITS & (1 << Math.floor(key / HASH_SPACE))) !== 0;
  if (out.length <= (dateKeyed ? index.blockWindow : index.maxBlockSize)) return out;
  if (dateKeyed) {
    const apart = (j: number): number => Math.abs((index.names[j] ?? NO_NAME) - name);
    out.sort((a, b) => apart(a) - apart(b) || a - b);
    return out.slice(0, index.blockWindow - 1);
  }
  const distance = (j: number): number => Math.abs((index.order[j] ?? NO_DATE) - order);
  out.sort((a, b) => distance(a) - distance(b) || a - b);
  const window = LOOSE_BITS & (1 << Math.floor(key / HASH_SPACE)) ? index.looseWindow : index.blockWindow;
  let take = window - 1;
  while (order !== NO_DATE && take < Math.min(out.length, index.maxBlockSize) && distance(out[take] as number) === 0) take++;
  return out.slice(0, take);
}

export function addToBlockIndex(index: BlockIndex, keys: readonly number[], record: number, order: number, name = NO_NAME): void {
  index.order[record] = order;
  index.names[record] = name;
  for (const k of keys) {
    const list = index.added.get(k);
    if (list) list.push(record);
    else index.added.set(k, [record]);
  }
}

export interface CandidatePairs {
  readonly count: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Bit i set: rule BLOCKING_RULES[i] produced the pair. */
  readonly rules: Uint8Array;
}

export interface BlockingStats {
  readonly keys: number;
  readonly blocks: number;
  /** Blocks larger than maxBlockSize (windowed by date of birth). */
  readonly cappedBlocks: number;
  /** Record entries in the windowed blocks. */
  readonly cappedEntries: number;
  readonly pairs: number;
  readonly pairsByRule: Readonly<Record<BlockingRule, number>>;
}

export interface BlockingResult {
  readonly pairs: CandidatePairs;
  readonly index: BlockIndex;
  readonly stats: BlockingStats;
}

/**
 * Candidate pairs in one buffer sized by an upper bound on their number (every pair a block or
 * window can give): one large allocation instead of a doubling series, and a shared one, which
 * sets off no collection of the heap that holds the prepared records (large-arrays.ts).
 */
class PairBuffer {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: Uint8Array;
  count = 0;
  constructor(capacity: number) {
    const buffer = new SharedArrayBuffer(capacity * 9);
    this.left = new Int32Array(buffer, 0, capacity);
    this.right = new Int32Array(buffer, capacity * 4, capacity);
    this.rules = new Uint8Array(buffer, capacity * 8, capacity);
  }
  push(i: number, j: number, rules: number): void {
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.rules[this.count] = rules;
    this.count++;
  }
  /** The pairs, in a buffer of their own size when the bound was loose (a quarter or more). */
  done(): CandidatePairs {
    const n = this.count;
    if (n * 1.25 >= this.left.length) return { count: n, left: this.left.subarray(0, n), right: this.right.subarray(0, n), rules: this.rules.subarray(0, n) };
    const exact = new PairBuffer(n);
    exact.left.set(this.left.subarray(0, n));
    exact.right.set(this.right.subarray(0, n));
    exact.rules.set(this.rules.subarray(0, n));
    return { count: n, left: exact.left, right: exact.right, rules: exact.rules };
  }
}

/**
 * Blocks `records` (group undefined: not matchable, never a candidate) and returns every
 * candidate pair once, i < j, in order of i.
 */
export function blockRecords(records: readonly PreparedRecord[], groups: readonly (string | undefined)[], options: BlockingOptions = {}): BlockingResult {
  const { maxBlockSize, blockWindow, looseWindow, window } = { ...DEFAULT_BLOCKING, ...options };
  const n = records.length;
  if (n > MAX_INDEXED_RECORDS) throw new AppError('MOSAIC_INVALID_INPUT', `resolution: at most ${MAX_INDEXED_RECORDS} records per batch`);
  const { keyStart, entries, positionOf } = indexKeys(records, groups);
  const total = entries.length;

  const order: number[] = new Array<number>(n);
  const names: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    order[i] = groups[i] === undefined ? NO_DATE : blockOrder(records[i] as PreparedRecord);
    names[i] = groups[i] === undefined ? NO_NAME : nameOrder(records[i] as PreparedRecord);
  }

  // Block sizes: one pass over the sorted runs; oversized blocks windowed by date of birth into
  // `windowed` (grouped by the lower record, so the main loop walks it in step with i).
  let blocks = 0;
  // upper bound on the pairs: every pair of every block under the cap, plus the windowed ones
  let bound = 0;
  let cappedBlocks = 0;
  let cappedEntries = 0;
  const windowedPairs = new PairList(n * 8);
  // End of each entry's block (-1: oversized, windowed instead), so that the main loop reads its
  // block from its own position on, without binary searches: at a million records the sorted
  // entries are hundreds of MB and each search is a string of cache misses.
  const blockEnd = largeArray(Int32Array, total);
  for (let s = 0; s < total;) {
    const key = Math.floor((entries[s] as number) / RECORD_SPACE);
    let e = s + 1;
    while (e < total && Math.floor((entries[e] as number) / RECORD_SPACE) === key) e++;
    blocks++;
    const rule = Math.floor(key / HASH_SPACE);
    const byName = (DATE_KEYED_BITS & (1 << rule)) !== 0;
    const capped = e - s > (byName ? blockWindow : maxBlockSize);
    blockEnd.fill(capped ? -1 : e, s, e);
    if (!capped) bound += ((e - s) * (e - s - 1)) / 2;
    if (capped) {
      cappedBlocks++;
      cappedEntries += e - s;
      const members: number[] = [];
      for (let x = s; x < e; x++) members.push((entries[x] as number) % RECORD_SPACE);
      members.sort(byName ? (a, b) => (names[a] as number) - (names[b] as number) || a - b : (a, b) => (order[a] as number) - (order[b] as number) || a - b);
      const width = LOOSE_BITS & (1 << rule) ? looseWindow : blockWindow;
      for (let a = 0; a < members.length; a++) {
        const i = members[a] as number;
        const o = byName ? NO_DATE : (order[i] as number);
        // the window, stretched over records born the same day (up to the cap): one name and one
        // date of birth are most likely one person, whatever the block's size
        for (let b = a + 1; b < members.length && (b < a + width || (o !== NO_DATE && order[members[b] as number] === o && b < a + maxBlockSize)); b++) {
          windowedPairs.push(i, members[b] as number, rule);
        }
      }
    }
    s = e;
  }
  sortedNeighbours(records, groups, window, windowedPairs);
  const windowed = windowedPairs.byLower(n);

  const index: BlockIndex = { entries, added: new Map(), maxBlockSize, blockWindow, looseWindow, order, names };
  const out = new PairBuffer(bound + windowed.others.length);
  const stamp = largeArray(Int32Array, n).fill(-1);
  const mask = largeArray(Uint8Array, n);
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    found.length = 0;
    for (let q = keyStart[i] as number; q < (keyStart[i + 1] as number); q++) {
      const p = positionOf[q] as number;
      const hi = blockEnd[p] as number;
      if (hi < 0) continue;
      const bit = 1 << Math.floor((entries[p] as number) / RECORD_SPACE / HASH_SPACE);
      for (let x = p + 1; x < hi; x++) {
        const j = (entries[x] as number) % RECORD_SPACE;
        if (stamp[j] !== i) { stamp[j] = i; mask[j] = 0; found.push(j); }
        mask[j] = (mask[j] as number) | bit;
      }
    }
    for (let w = windowed.start[i] as number; w < (windowed.start[i + 1] as number); w++) {
      const v = windowed.others[w] as number;
      const j = v >> 3;
      if (stamp[j] !== i) { stamp[j] = i; mask[j] = 0; found.push(j); }
      mask[j] = (mask[j] as number) | (1 << (v & 7));
    }
    sortSmall(found);
    for (const j of found) out.push(i, j, mask[j] as number);
  }
  // pairs by rule mask first (one count per pair), then by rule
  const byMask = new Float64Array(1 << BLOCKING_RULES.length);
  for (let k = 0; k < out.count; k++) byMask[out.rules[k] as number]!++;
  const pairsByRule = Object.fromEntries(BLOCKING_RULES.map((r) => [r, 0])) as Record<BlockingRule, number>;
  byMask.forEach((count, m) => BLOCKING_RULES.forEach((r, b) => { if (m & (1 << b)) pairsByRule[r] += count; }));
  return {
    pairs: out.done(),
    index,
    stats: { keys: total, blocks, cappedBlocks, cappedEntries, pairs: out.count, pairsByRule },
  };
}

/**
 * The sorted entries (key * 2^24 + record) of every record's keys, and the sorted positions of
 * record i's entries at positionOf[keyStart[i] .. keyStart[i + 1]). Entries go straight into one
 * growing typed array, sorted in place: no per-record arrays, which at a million records would be
 * promoted and traced by every major collection.
 */
function indexKeys(records: readonly PreparedRecord[], groups: readonly (string | undefined)[]): { keyStart: Int32Array; entries: Float64Array; positionOf: Int32Array } {
  const n = records.length;
  const keyStart = largeArray(Int32Array, n + 1);
  let flat = largeArray(Float64Array, Math.max(1024, n * 8));
  let total = 0;
  for (let i = 0; i < n; i++) {
    keyStart[i] = total;
    const g = groups[i];
    if (g === undefined) continue;
    const count = writeBlockingKeys(records[i] as PreparedRecord, g);
    if (total + count > flat.length) {
      const grown = largeArray(Float64Array, Math.max(flat.length * 2, total + count));
      grown.set(flat.subarray(0, total));
      flat = grown;
    }
    for (let q = 0; q < count; q++) flat[total++] = (KEYS.values[q] as number) * RECORD_SPACE + i;
  }
  keyStart[n] = total;
  const entries = (total * 2 >= flat.length ? flat.subarray(0, total) : largeCopy(flat.subarray(0, total))).sort();
  // one pass over the sorted entries: record i's keys take its slots in sorted order (the order
  // of a record's keys does not matter to blocking)
  const positionOf = largeArray(Int32Array, total);
  const cursor = largeCopy(keyStart.subarray(0, n));
  for (let p = 0; p < total; p++) {
    const i = (entries[p] as number) % RECORD_SPACE;
    positionOf[cursor[i]!++] = p;
  }
  return { keyStart, entries, positionOf };
}

/**
 * Pairs as two growing Int32Arrays, the lower record and the higher one * 8 + rule (no
 * per-record lists), grown fourfold (few large allocations: see PairBuffer).
 */
class PairList {
  #lower: Int32Array;
  #others: Int32Array;
  #count = 0;
  constructor(capacity: number) {
    this.#lower = largeArray(Int32Array, Math.max(1024, capacity));
    this.#others = largeArray(Int32Array, this.#lower.length);
  }
  push(i: number, j: number, rule: number): void {
    if (this.#count === this.#lower.length) {
      const lower = largeArray(Int32Array, this.#count * 4);
      const others = largeArray(Int32Array, this.#count * 4);
      lower.set(this.#lower);
      others.set(this.#others);
      this.#lower = lower;
      this.#others = others;
    }
    this.#lower[this.#count] = Math.min(i, j);
    this.#others[this.#count++] = Math.max(i, j) * 8 + rule;
  }
  /**
   * The pairs grouped by their lower record (a counting sort, two passes: the order inside a
   * group does not matter to blocking, which sorts each record's partners itself): record i's
   * are others[start[i] .. start[i + 1]), each the higher record * 8 + rule.
   */
  byLower(n: number): { start: Int32Array; others: Int32Array } {
    const count = this.#count;
    const start = largeArray(Int32Array, n + 1);
    for (let k = 0; k < count; k++) start[(this.#lower[k] as number) + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i] as number;
    const next = largeCopy(start.subarray(0, n));
    const others = largeArray(Int32Array, count);
    for (let k = 0; k < count; k++) others[next[this.#lower[k] as number]!++] = this.#others[k] as number;
    return { start, others };
  }
}

/** Sorts a short list of record indices in place (insertion sort: no comparator calls); a long one with the built-in sort. */
function sortSmall(values: number[]): void {
  if (values.length > 32) {
    values.sort((x, y) => x - y);
    return;
  }
  for (let a = 1; a < values.length; a++) {
    const v = values[a] as number;
    let b = a - 1;
    while (b >= 0 && (values[b] as number) > v) { values[b + 1] = values[b] as number; b--; }
    values[b + 1] = v;
  }
}

/** Sorted neighbourhood over the names of matchable records, into `out` as rule name-sorted. */
function sortedNeighbours(records: readonly PreparedRecord[], groups: readonly (string | undefined)[], window: number, out: PairList): void {
  if (window < 2) return;
  // at most three names a record, in one typed array sorted in place (no growing JS array)
  const keys = largeArray(Float64Array, records.length * 3);
  let count = 0;
  records.forEach((r, i) => {
    if (groups[i] === undefined) return;
    const first = count;
    for (let x = 0; x < Math.min(3, r.names.length); x++) {
      const { name } = r.names[x] as PreparedRecord['names'][number];
      if (name.core.length === 0) continue;
      const k = sortedKey(name.key) * RECORD_SPACE + i;
      let known = false;
      for (let q = first; q < count && !known; q++) known = keys[q] === k;
      if (!known) keys[count++] = k;
    }
  });
  const sorted = keys.subarray(0, count).sort();
  const rule = RULE_INDEX['name-sorted'];
  for (let a = 0; a < sorted.length; a++) {
    const i = (sorted[a] as number) % RECORD_SPACE;
    for (let b = a + 1; b < Math.min(sorted.length, a + window); b++) {
      const j = (sorted[b] as number) % RECORD_SPACE;
      if (i === j || groups[i] !== groups[j]) continue;
      out.push(i, j, rule);
    }
  }
}
