import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenWeights } from './token-weights.ts';

describe('token weights', () => {
  it('answers like a map of the best weight per token, and 0 for any other token', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ token: fc.integer({ min: 0, max: 5000 }), weight: fc.double({ min: 0.001, max: 20, noNaN: true }) }), { maxLength: 300 }),
      fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 50 }),
      (entries, others) => {
        const best = new Map<number, number>();
        for (const e of entries) best.set(e.token, Math.max(best.get(e.token) ?? 0, e.weight));
        const table = new TokenWeights(entries);
        for (const token of [...best.keys(), ...others]) expect(table.get(token)).toBe(best.get(token) ?? 0);
      },
    ));
  });
});
