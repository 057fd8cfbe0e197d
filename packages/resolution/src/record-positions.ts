/**
 * Lookups a serving node makes for one record at a time (a correction, a deletion, a judgement):
 * a record's position in the state by its id, and the pass's candidate pairs that hold it. At a
 * million records, scanning the ids and the eight million pairs for them made a correction take
 * 22–24 ms (median; 0.3–0.4 ms with these lookups: BENCHMARKS.md, Resolution, "Corrections and
 * judgements at a million records"). Each lookup is kept with the array it reads: `ids` only
 * grows between full passes (incremental resolution appends) and a full pass makes new arrays,
 * so a kept lookup is either extended or never asked again. Built on first use, or ahead of it
 * a step at a time (`preparingLookups`), as a serving node does after a pass so that no event
 * waits for them.
 */
import type { RecordId } from '@mosaic/model';
import type { CandidatePairs } from './blocking.ts';
import { largeArray } from './large-arrays.ts';

/**
 * Positions by id in an open-addressing table (position + 1; 0: empty), probed linearly from a
 * hash of the id, at most half full: a flat array outside the collector's heap, where a Map of
 * the ids would be a table in it that every full collection traces. It and the index by right
 * record are large arrays (large-arrays.ts), which do not count towards the trigger of a full
 * collection: right after a pass, the heap such a collection marks is at its largest.
 */
interface Positions {
  readonly slots: Int32Array;
  /** ids[0 .. covered) are in `slots`. */
  covered: number;
}

const positions = new WeakMap<readonly RecordId[], Positions>();

/** Ids entered into the table per step of preparingLookups. */
const ID_STEP = 4096;
/** Pairs read per step of preparingLookups. */
const PAIR_STEP = 1 << 16;

/** FNV-1a over the id's UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < id.length; c++) h = Math.imul(h ^ id.charCodeAt(c), 0x01000193);
  return h >>> 0;
}

/** The table of `ids`, made anew (empty) when there is none or the ids outgrew it. */
function positionsOf(ids: readonly RecordId[]): Positions {
  const known = positions.get(ids);
  if (known && known.slots.length >= 2 * ids.length) return known;
  // a quarter full at most when made, so that ids appended later rarely make it again
  const made = { slots: largeArray(Int32Array, 2 ** Math.ceil(Math.log2(Math.max(16, 4 * ids.length)))), covered: 0 };
  positions.set(ids, made);
  return made;
}

/** Enters ids[covered .. upTo) into the table (a repeated id keeps its first position). */
function enter(ids: readonly RecordId[], known: Positions, upTo: number): void {
  const { slots } = known;
  const mask = slots.length - 1;
  for (; known.covered < upTo; known.covered++) {
    const id = ids[known.covered] as RecordId;
    let h = hashOf(id) & mask;
    while (slots[h] !== 0 && ids[(slots[h] as number) - 1] !== id) h = (h + 1) & mask;
    if (slots[h] === 0) slots[h] = known.covered + 1;
  }
}

/** The position of `id` in `ids` (the first, as indexOf gives it), -1 when absent. */
export function positionOf(ids: readonly RecordId[], id: RecordId): number {
  const known = positionsOf(ids);
  enter(ids, known, ids.length);
  const { slots } = known;
  const mask = slots.length - 1;
  for (let h = hashOf(id) & mask; slots[h] !== 0; h = (h + 1) & mask) {
    if (ids[(slots[h] as number) - 1] === id) return (slots[h] as number) - 1;
  }
  return -1;
}

interface ByRight {
  /** Pair positions grouped by their right record: those of record r at order[start[r] .. start[r + 1]). */
  readonly start: Int32Array;
  readonly order: Int32Array;
}

const byRight = new WeakMap<Int32Array, ByRight>();

/**
 * Positions of the candidate pairs that hold record `i`, in ascending order. Pairs come sorted by
 * left record, then right (blocking.ts), so `i`'s pairs as the left one are a run found by binary
 * search; its pairs as the right one are read from an index by right record, built once per pass.
 */
export function pairsOf(pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>, i: number): number[] {
  const out: number[] = [];
  // as the right record, i pairs with records before it, whose pairs come first
  const index = byRight.get(pairs.right) ?? finish(indexingByRight(pairs));
  if (i + 1 < index.start.length) {
    for (let x = index.start[i] as number; x < (index.start[i + 1] as number); x++) out.push(index.order[x] as number);
  }
  let lo = 0;
  let hi = pairs.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pairs.left[mid] as number) < i) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < pairs.count && pairs.left[k] === i; k++) out.push(k);
  return out;
}

/**
 * Builds the index by right record (a counting sort of the pair positions), a step at a time. The
 * loops are plain functions over a range of pairs: the same loops in the generator's body ran
 * two to four times slower (8.2M pairs: 132–218 ms against 59–65 ms in a micro-benchmark).
 */
function* indexingByRight(pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>): Generator<void, ByRight> {
  const { right, count } = pairs;
  let records = 0;
  for (let k = 0; k < count; k += PAIR_STEP) {
    records = Math.max(records, largestIn(right, k, Math.min(count, k + PAIR_STEP)) + 1);
    yield;
  }
  const start = largeArray(Int32Array, records + 1);
  for (let k = 0; k < count; k += PAIR_STEP) {
    countRights(right, start, k, Math.min(count, k + PAIR_STEP));
    yield;
  }
  for (let r = 1; r <= records; r++) start[r]! += start[r - 1] as number;
  const next = largeArray(Int32Array, records);
  next.set(start.subarray(0, records));
  const order = largeArray(Int32Array, count);
  for (let k = 0; k < count; k += PAIR_STEP) {
    placePairs(right, next, order, k, Math.min(count, k + PAIR_STEP));
    yield;
  }
  const index = { start, order };
  byRight.set(right, index);
  return index;
}

function largestIn(values: Int32Array, from: number, to: number): number {
  let largest = -1;
  for (let k = from; k < to; k++) largest = Math.max(largest, values[k] as number);
  return largest;
}

/** start[r + 1] counts the pairs of right record r. */
function countRights(right: Int32Array, start: Int32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) start[(right[k] as number) + 1]!++;
}

/** Each pair's position at its right record's next free place. */
function placePairs(right: Int32Array, next: Int32Array, order: Int32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) order[next[right[k] as number]!++] = k;
}

function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Builds both lookups for a pass's state ahead of the first event that needs them, a step at a
 * time: the caller may give the event loop a turn at each.
 */
export function* preparingLookups(state: { readonly ids: readonly RecordId[]; readonly pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'> }): Generator<void, void> {
  const known = positionsOf(state.ids);
  while (known.covered < state.ids.length) {
    enter(state.ids, known, Math.min(state.ids.length, known.covered + ID_STEP));
    yield;
  }
  if (!byRight.has(state.pairs.right)) yield* indexingByRight(state.pairs);
}
