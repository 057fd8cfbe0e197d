/**
 * Seeded pseudo-random numbers, so that a seed alone fixes every byte of the demo data.
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, PractRand-clean,
 * period >= 2^32), seeded through splitmix32 so that neighbouring seeds give unrelated streams.
 * Math.random is never used.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index drawn from cumulative weights (as built by `cumulative`). */
  weighted(cumulativeWeights: readonly number[]): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** `stream` selects an independent sequence for the same seed (one per chunk of the demo). */
export function createRng(seed: number, stream = 0): Rng {
  const init = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 0x100000000) ^ Math.imul(stream, 0x27d4eb2f));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up as recommended for sfc32.
  for (let i = 0; i < 12; i++) next32();
  const next = (): number => next32() / 0x100000000;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('demo/rng: pick from an empty list');
      return item;
    },
    weighted(cumulativeWeights) {
      const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
      const x = next() * total;
      let lo = 0;
      let hi = cumulativeWeights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulativeWeights[mid] ?? 0) > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Running sums of weights, the form `Rng.weighted` draws from. */
export function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    out.push(sum);
  }
  return out;
}

/** Zipf-like weights 1/(rank+1)^s: a few very common names, a long tail. */
export function zipfWeights(count: number, exponent = 1): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / Math.pow(rank + 1, exponent));
}
