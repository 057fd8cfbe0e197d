import fc from 'fast-check';
import { FEATURES, comparisonVector, prepare } from '@mosaic/matching';
import { describe, expect, it } from 'vitest';
import { comparePair, packLevels, unpackLevels } from './pair-comparisons.ts';
import { twoPeople } from './test-fixtures.ts';

describe('packed comparison vectors', () => {
  it('hold every level of every feature in one int32', () => {
    const vector = fc.tuple(...FEATURES.map((f) => fc.integer({ min: 0, max: f.levels.length - 1 })));
    fc.assert(fc.property(vector, (levels) => {
      const packed = packLevels(levels);
      expect(packed).toBeGreaterThanOrEqual(0);
      expect(packed).toBeLessThan(2 ** 31);
      expect(unpackLevels(packed)).toEqual(levels);
    }));
  });
  it('are what the matcher compares', () => {
    const [a, b] = [prepare(twoPeople[2]!), prepare(twoPeople[3]!)];
    expect(unpackLevels(comparePair(a, b).packed)).toEqual(comparisonVector(a, b));
  });
});
