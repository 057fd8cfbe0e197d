import { describe, expect, it } from 'vitest';
import { createRng, cumulative, zipfWeights } from './rng.ts';

describe('createRng', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in range and covers it', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      seen.add(rng.between(3, 6));
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(lo).toBeLessThan(0.01);
    expect(hi).toBeLessThan(1);
    expect(hi).toBeGreaterThan(0.99);
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws weighted indexes in proportion to their weights', () => {
    const rng = createRng(1);
    const weights = cumulative([1, 3, 0, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const k = rng.weighted(weights);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[2]).toBe(0);
    expect(counts[3] ?? 0).toBeGreaterThan((counts[1] ?? 0) * 1.5);
    expect(counts[1] ?? 0).toBeGreaterThan((counts[0] ?? 0) * 2);
  });

  it('gives Zipf weights that fall with rank', () => {
    const w = zipfWeights(4);
    expect(w).toEqual([1, 1 / 2, 1 / 3, 1 / 4]);
  });
});
