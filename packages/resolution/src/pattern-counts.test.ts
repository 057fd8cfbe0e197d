import { seededRandom } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { BLOCKING_RULES } from './blocking.ts';
import { countPackedPatterns } from './pattern-counts.ts';

/** Counting pair by pair into Maps: what the table must give, entries and order alike. */
function countedInMaps(rules: Uint8Array, levels: Int32Array): { perRule: Map<number, number>[] } {
  const perRule = BLOCKING_RULES.map(() => new Map<number, number>());
  levels.forEach((packed, k) => {
    perRule.forEach((m, r) => { if ((rules[k] as number) & (1 << r)) m.set(packed, (m.get(packed) ?? 0) + 1); });
  });
  return { perRule };
}

describe('countPackedPatterns', () => {
  it('counts each pattern per rule, in the order of first occurrence, past several growths of the table', () => {
    const random = seededRandom(5);
    const count = 50_000;
    // 3,000 patterns (the table starts at 1,024 slots), skewed as real ones are, zero included
    const levels = Int32Array.from({ length: count }, () => Math.floor(random() ** 3 * 3000) * 4097);
    const rules = Uint8Array.from({ length: count }, () => 1 + Math.floor(random() * ((1 << BLOCKING_RULES.length) - 1)));
    const counted = countPackedPatterns({ count, rules }, { levels });
    const expected = countedInMaps(rules, levels);
    expect(new Set(counted.perRule.flatMap((m) => [...m.keys()])).size).toBeGreaterThan(1500);
    counted.perRule.forEach((m, r) => expect([...m]).toEqual([...(expected.perRule[r] as Map<number, number>)]));
  });
  it('counts nothing for no pairs', () => {
    const counted = countPackedPatterns({ count: 0, rules: new Uint8Array(0) }, { levels: new Int32Array(0) });
    expect(counted.perRule.every((m) => m.size === 0)).toBe(true);
  });
});
