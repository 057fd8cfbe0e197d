/**
 * Candidate generation for a name: which listed names are worth a full comparison. Each query
 * name part is looked up in the token index (exact, phonetic class, one edit); every listed
 * name that holds a close token gets that token's weight, its spelling similarity times its
 * inverse document frequency (Sparck Jones 1972; of the more common of the query part and the
 * listed token), so rare parts count most; a listed name longer than the query loses a little
 * weight per extra part. Name parts are
 * taken rarest first: a rare part's posting list is read in full, while the posting list of a
 * very common part ("Mohamed" in a large list) is not read at all once rarer parts have found
 * candidates; instead those candidates are probed for it. Reading stops at a fixed number of
 * postings, so no query costs more than that bound, and at most `limit` names go on to the full
 * comparison.
 *
 * A large list holds many people with one name (a million names drawn from any population
 * repeat "Wei Wang" or "Maria Garcia Lopez" dozens of times), and the name alone cannot say
 * which of them to compare: when the query gives a date of birth and more names than `limit`
 * were found, agreement on it is weighted like one more name part, by the same inverse
 * frequency (how many listed people were born that day), so that the person the date points to
 * is not cut in favour of namesakes who happen to come first.
 *
 * Entries the caller may not see are dropped the first time they are touched, before any
 * ranking or cut, so they cannot push a visible entry out of the candidate list.
 */
import type { NameToken, NormalizedName, PartialDate } from '@mosaic/matching';
import { birthDateKey, SLOT_POSTED_OVERFLOW, SLOT_POSTED_WIDTH, type ScreeningIndex } from './screening-index.ts';

export interface CandidateOptions {
  /** Most names handed to the full comparison. */
  readonly limit: number;
  /** Most posting-list elements read for one query. */
  readonly maxPostings: number;
  /** Whether the entry at this position may take part at all; every entry when absent. */
  readonly visible?: (entryIndex: number) => boolean;
  /** The query's dates of birth, if any. */
  readonly birthDates?: readonly PartialDate[];
}

export interface NameCandidates {
  /** Name slots, best first. */
  readonly slots: readonly number[];
  /** The posting bound was reached: some listed names were not considered. */
  readonly truncated: boolean;
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

interface Group {
  readonly weights: Map<number, number>;
  readonly df: number;
}

/**
 * Per-query working memory, reused. A common name part touches thousands of the million name
 * slots in random order, so what is kept per slot is one interleaved pair (query stamp, position
 * in this query's list): one cache line per posting read. Weights live in arrays indexed by
 * that position, which the query fills in order.
 */
class Scratch {
  /** [2·slot]: query stamp; [2·slot + 1]: position in `touched` (or -1: not visible). */
  slotState = new Int32Array(0);
  entryStamp = new Uint32Array(0);
  entryVisible = new Uint8Array(0);
  acc = new Float64Array(1024);
  groupStamp = new Uint32Array(1024);
  groupWeight = new Float64Array(1024);
  query = 0;
  group = 0;

  fit(slots: number, entries: number): void {
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

  /** Room for `n` positions. */
  reserve(n: number): void {
    if (this.acc.length >= n) return;
    const size = Math.max(n, this.acc.length * 2);
    const acc = new Float64Array(size);
    acc.set(this.acc);
    this.acc = acc;
    const groupStamp = new Uint32Array(size);
    groupStamp.set(this.groupStamp);
    this.groupStamp = groupStamp;
    const groupWeight = new Float64Array(size);
    groupWeight.set(this.groupWeight);
    this.groupWeight = groupWeight;
  }
}

const scratches = new WeakMap<ScreeningIndex, Scratch>();

function groupsOf(index: ScreeningIndex, name: NormalizedName): Group[] {
  const names = index.stats().names;
  const seen = new Set<string>();
  const groups: Group[] = [];
  for (const token of name.core) {
    if (seen.has(token.text)) continue;
    seen.add(token.text);
    const weights = new Map<number, number>();
    let df = 0;
    const matches = index.tokens.lookup(token);
    // an agreement is as telling as the more common of its two spellings (as the matcher's
    // term-frequency adjustment takes it): a rarer variant of a common query part weighs no more
    let queryPostings = 0;
    for (const m of matches) if (index.tokens.text(m.token) === token.text) queryPostings = index.tokens.postings(m.token).length;
    for (const m of matches) {
      const postings = index.tokens.postings(m.token).length;
      const w = m.similarity * Math.log(1 + names / (1 + Math.max(postings, queryPostings)));
      weights.set(m.token, w);
      df += postings;
    }
    if (weights.size > 0) groups.push({ weights, df });
  }
  return groups.sort((a, b) => a.df - b.df);
}

export function nameCandidates(index: ScreeningIndex, name: NormalizedName, options: CandidateOptions): NameCandidates {
  let scratch = scratches.get(index);
  if (!scratch) {
    scratch = new Scratch();
    scratches.set(index, scratch);
  }
  scratch.fit(index.slotCapacity, index.entries.length);
  const s = scratch;
  if (++s.query >= 0x7fffffff) { s.slotState.fill(0); s.entryStamp.fill(0); s.query = 1; }
  const q = s.query;
  const state = s.slotState;
  const visible = options.visible;
  const touched: number[] = [];
  let read = 0;
  let truncated = false;

  const touch = (slot: number, w: number, g: number): void => {
    let at: number;
    if (state[2 * slot] !== q) {
      state[2 * slot] = q;
      if (visible !== undefined) {
        const entry = index.slotEntry[slot] as number;
        if (s.entryStamp[entry] !== q) {
          s.entryStamp[entry] = q;
          s.entryVisible[entry] = visible(entry) ? 1 : 0;
        }
        if (s.entryVisible[entry] === 0) { state[2 * slot + 1] = -1; return; }
      }
      at = touched.length;
      state[2 * slot + 1] = at;
      touched.push(slot);
      s.reserve(at + 1);
      s.acc[at] = w;
      s.groupStamp[at] = g;
      s.groupWeight[at] = w;
      return;
    }
    at = state[2 * slot + 1] as number;
    if (at < 0) return;
    if (s.groupStamp[at] === g) {
      const previous = s.groupWeight[at] as number;
      if (w > previous) { s.acc[at] = (s.acc[at] as number) + w - previous; s.groupWeight[at] = w; }
    } else {
      s.groupStamp[at] = g;
      s.groupWeight[at] = w;
      s.acc[at] = (s.acc[at] as number) + w;
    }
  };

  for (const group of groupsOf(index, name)) {
    const g = ++s.group >= 0xffffffff ? (s.groupStamp.fill(0), (s.group = 1)) : s.group;
    const read_ = touched.length === 0 || group.df <= ALWAYS_READ || group.df <= touched.length * 2;
    if (read_) {
      outer: for (const [token, w] of group.weights) {
        for (const slot of index.tokens.postings(token)) {
          if (read++ >= options.maxPostings) { truncated = true; break outer; }
          touch(slot, w, g);
        }
      }
      if (truncated) break;
    } else {
      // probe the candidates found so far for this common part instead of reading its lists
      // (by the ids each name is posted under: a name is in a list exactly when its id is there)
      const posted = index.slotPosted;
      let texts: Map<string, number> | undefined;
      for (let i = 0; i < touched.length; i++) {
        const slot = touched[i] as number;
        const count = index.slotPostedCount[slot] as number;
        let best = 0;
        if (count !== SLOT_POSTED_OVERFLOW) {
          for (let k = slot * SLOT_POSTED_WIDTH, end = k + count; k < end; k++) {
            const w = group.weights.get(posted[k] as number);
            if (w !== undefined && w > best) best = w;
          }
        } else {
          // a name posted under more ids than are kept: the texts it was posted under (no stems for a weak alias)
          texts ??= new Map([...group.weights].map(([token, w]) => [index.tokens.text(token), w]));
          const name = index.slotName[slot] as NormalizedName;
          for (const t of name.core as readonly NameToken[]) {
            const w = texts.get(t.text) ?? (t.bare !== t.text ? texts.get(t.bare) : undefined) ?? (!name.weak && t.stem !== t.text ? texts.get(t.stem) : undefined) ?? 0;
            if (w > best) best = w;
          }
        }
        if (best > 0) touch(slot, best, g);
      }
    }
  }
  if (options.birthDates !== undefined && options.birthDates.length > 0 && touched.length > options.limit) {
    addBirthDateWeight(index, options.birthDates, touched, s, q);
  }
  penaliseExtraParts(index, name.core.length, touched, s.acc);
  return { slots: topSlots(touched, s.acc, options.limit), truncated };
}

function penaliseExtraParts(index: ScreeningIndex, queryParts: number, touched: readonly number[], acc: Float64Array): void {
  const parts = index.slotParts;
  for (let i = 0; i < touched.length; i++) {
    const extra = (parts[touched[i] as number] as number) - queryParts;
    if (extra > 0) acc[i] = (acc[i] as number) * (1 - EXTRA_PART_PENALTY * Math.min(extra, MAX_EXTRA_PARTS));
  }
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

/** The `limit` best slots by weight, best first (a bounded min-heap over positions: O(n log limit)). */
function topSlots(touched: readonly number[], acc: Float64Array, limit: number): number[] {
  let max = 0;
  for (let i = 0; i < touched.length; i++) if ((acc[i] as number) > max) max = acc[i] as number;
  const cut = max * RELATIVE_CUT;
  const heap: number[] = [];
  const slotAt = (i: number): number => touched[i] as number;
  const less = (a: number, b: number): boolean => (acc[a] as number) < (acc[b] as number) || ((acc[a] as number) === (acc[b] as number) && slotAt(a) > slotAt(b));
  for (let at = 0; at < touched.length; at++) {
    if ((acc[at] as number) < cut) continue;
    if (heap.length < limit) {
      heap.push(at);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(heap[i] as number, heap[p] as number)) break;
        [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
        i = p;
      }
    } else if (less(heap[0] as number, at)) {
      heap[0] = at;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
        if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (acc[b] as number) - (acc[a] as number) || slotAt(a) - slotAt(b)).map(slotAt);
}
