/**
 * How many candidate pairs have each packed comparison vector (pattern) within each blocking
 * rule: what EM training reads (one session per rule). Ten million pairs at a million records and a handful
 * of thousands of patterns, so the counts live in an open-addressing table over typed arrays (a
 * Map update per pair and rule was most of the training time) and come out as Maps in the order
 * each pattern first occurred within each rule, as counting pair by pair into Maps
 * would give them (EM sums over the patterns in that order).
 */
import { BLOCKING_RULES, type CandidatePairs } from './blocking.ts';
import type { PairComparisons } from './pair-comparisons.ts';

export interface PatternCounts {
  /** By rule, in BLOCKING_RULES order. */
  readonly perRule: Map<number, number>[];
}

const RULES = BLOCKING_RULES.length;
/** Per slot: one count per rule. */
const STRIDE = RULES;
const EMPTY = -1;

export function countPackedPatterns(pairs: Pick<CandidatePairs, 'count' | 'rules'>, comparisons: Pick<PairComparisons, 'levels'>): PatternCounts {
  let bits = 10;
  let capacity = 1 << bits;
  let keys = new Int32Array(capacity).fill(EMPTY);
  let counts = new Float64Array(capacity * STRIDE);
  /** The first pair of each slot's pattern, per rule (for the Maps' order). */
  let first = new Float64Array(capacity * STRIDE);
  let used = 0;
  const slotOf = (packed: number): number => {
    // Fibonacci hashing: the high bits of the product depend on every bit of the pattern
    let slot = Math.imul(packed, 0x9e3779b1) >>> (32 - bits);
    while (keys[slot] !== packed && keys[slot] !== EMPTY) slot = (slot + 1) & (capacity - 1);
    return slot;
  };
  for (let k = 0; k < pairs.count; k++) {
    const packed = comparisons.levels[k] as number;
    let slot = slotOf(packed);
    if (keys[slot] === EMPTY) {
      if ((used + 1) * 2 > capacity) {
        // grow fourfold and put every pattern back (keys, counts and first pairs move together)
        const old = { keys, counts, first };
        bits += 2;
        capacity = 1 << bits;
        keys = new Int32Array(capacity).fill(EMPTY);
        counts = new Float64Array(capacity * STRIDE);
        first = new Float64Array(capacity * STRIDE);
        for (let s = 0; s < old.keys.length; s++) {
          const key = old.keys[s] as number;
          if (key === EMPTY) continue;
          const to = slotOf(key);
          keys[to] = key;
          counts.set(old.counts.subarray(s * STRIDE, (s + 1) * STRIDE), to * STRIDE);
          first.set(old.first.subarray(s * STRIDE, (s + 1) * STRIDE), to * STRIDE);
        }
        slot = slotOf(packed);
      }
      keys[slot] = packed;
      used++;
    }
    const at = slot * STRIDE;
    const mask = pairs.rules[k] as number;
    for (let r = 0; r < RULES; r++) {
      if ((mask & (1 << r)) !== 0 && counts[at + r]!++ === 0) first[at + r] = k;
    }
  }
  const inOrder = (column: number): Map<number, number> => {
    const slots: number[] = [];
    for (let s = 0; s < capacity; s++) if (keys[s] !== EMPTY && (counts[s * STRIDE + column] as number) > 0) slots.push(s);
    slots.sort((x, y) => (first[x * STRIDE + column] as number) - (first[y * STRIDE + column] as number));
    return new Map(slots.map((s) => [keys[s] as number, counts[s * STRIDE + column] as number]));
  };
  return { perRule: BLOCKING_RULES.map((_, r) => inOrder(r)) };
}
