import { defaultModel, prepare } from '@mosaic/matching';
import { describe, expect, it } from 'vitest';
import { blockRecords } from './blocking.ts';
import { compareCandidatePairs } from './pair-comparisons.ts';
import { person } from './test-fixtures.ts';
import { seededRandom } from '@mosaic/model';
import { MAX_RANDOM_PAIRS, MIN_RANDOM_PAIRS, MIN_TRAINING_RECORDS, randomPairPrior, REFERENCE_PRIOR, sampleRandomPairs, trainResolutionModel } from './train-resolution-model.ts';

/** Fictional people from invented syllables; a third of them recorded twice with a changed day. */
function fictionalPeople(count: number) {
  const next = seededRandom(7);
  const pick = (xs: readonly string[]): string => xs[Math.floor(next() * xs.length)] as string;
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'dor', 'ni', 'bra', 'qu', 'zel'];
  const word = (): string => { const w = pick(syllables) + pick(syllables) + pick(syllables); return w[0]!.toUpperCase() + w.slice(1); };
  const out = [];
  for (let i = 0; i < count; i++) {
    const name = `${word()} ${word()}`;
    const date = `${1950 + Math.floor(next() * 50)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    out.push(person(`p${i}`, { name: [name], birthDate: [date], idNumber: [String(1e7 + Math.floor(next() * 9e7))] }));
    if (i % 3 === 0) out.push(person(`p${i}d`, { name: [name], birthDate: [date.slice(0, 8) + '15'] }));
  }
  return out;
}

describe('sampleRandomPairs', () => {
  const groupsOf = (n: number): (string | undefined)[] => Array.from({ length: n }, (_, i) => (i % 10 === 9 ? undefined : i % 2 === 0 ? 'person' : 'organization'));
  it('draws one pair per matchable record, within bounds, of two records of one group', () => {
    const groups = groupsOf(200_000);
    const sample = sampleRandomPairs(groups);
    expect(sample.count).toBe(180_000);
    for (let k = 0; k < sample.count; k += 997) {
      const [i, j] = [sample.left[k] as number, sample.right[k] as number];
      expect(i).not.toBe(j);
      expect(groups[i]).toBeDefined();
      expect(groups[i]).toBe(groups[j]);
    }
    expect(sampleRandomPairs(groupsOf(2000)).count).toBe(MIN_RANDOM_PAIRS);
    expect(sampleRandomPairs(groupsOf(2000), { randomPairs: 5000 }).count).toBe(5000);
    expect(sampleRandomPairs(groupsOf(1_200_000)).count).toBe(MAX_RANDOM_PAIRS);
  });
  it('draws none from data too small to estimate u from, and the same pairs for one seed', () => {
    expect(sampleRandomPairs(groupsOf(MIN_TRAINING_RECORDS - 1)).count).toBe(0);
    const a = sampleRandomPairs(groupsOf(5000), { seed: 3 });
    const b = sampleRandomPairs(groupsOf(5000), { seed: 3 });
    const c = sampleRandomPairs(groupsOf(5000), { seed: 4 });
    expect([...a.left.subarray(0, 100)]).toEqual([...b.left.subarray(0, 100)]);
    expect([...a.left.subarray(0, 100)]).not.toEqual([...c.left.subarray(0, 100)]);
  });
});

describe('trainResolutionModel', () => {
  it('learns from the data at hand: a birth-date mismatch counts against a match', () => {
    const records = fictionalPeople(1500).map((r) => prepare(r));
    const groups = records.map(() => 'person');
    const { pairs } = blockRecords(records, groups);
    const trained = trainResolutionModel(records, groups, pairs, compareCandidatePairs(records, pairs));
    const date = trained.model.features.find((f) => f.feature === 'birthDate');
    const weight = (level: string): number => { const l = date?.levels.indexOf(level) ?? -1; return Math.log2((date?.m[l] ?? 1) / (date?.u[l] ?? 1)); };
    expect(weight('exact')).toBeGreaterThan(5);
    expect(weight('mismatch')).toBeLessThan(0);
    expect(trained.model.prior).toBeGreaterThan(0);
    expect(trained.model.prior).toBeLessThan(1);
    expect(trained.sessions.length).toBeGreaterThan(0);
  });
  it('keeps the starting m and u, and the reference prior, when the data is too small to train on', () => {
    const records = fictionalPeople(10).map((r) => prepare(r));
    const groups = records.map(() => 'person');
    const { pairs } = blockRecords(records, groups);
    const { model } = trainResolutionModel(records, groups, pairs, compareCandidatePairs(records, pairs));
    expect(model.features).toBe(defaultModel().features);
    expect(model.prior).toBe(REFERENCE_PRIOR);
  });
  it('estimates the prior of a random pair, not of a candidate pair', () => {
    // 1,500 people, 500 of them recorded twice: 500 matches among 2,000 * 1,999 / 2 pairs
    const records = fictionalPeople(1500).map((r) => prepare(r));
    const groups = records.map(() => 'person');
    const { pairs } = blockRecords(records, groups);
    const { model } = trainResolutionModel(records, groups, pairs, compareCandidatePairs(records, pairs));
    const truth = 500 / ((records.length * (records.length - 1)) / 2);
    expect(model.prior).toBeGreaterThan(truth / 3);
    expect(model.prior).toBeLessThan(truth * 3);
  });
});

describe('randomPairPrior', () => {
  it('spreads the matches the candidates hold over every pair', () => {
    // 100 candidates: 20 far above any doubt, 80 far below; 10,000 pairs in all
    const weights = Float32Array.from({ length: 100 }, (_, k) => (k < 20 ? 40 : -40));
    expect(randomPairPrior(weights, 10_000)).toBeCloseTo(20 / 10_000, 6);
  });
  it('calls at most maxShare of the candidates matches, and at least one pair in all', () => {
    expect(randomPairPrior(Float32Array.from({ length: 100 }, () => 40), 10_000, { maxShare: 0.6 })).toBeCloseTo(60 / 10_000, 6);
    expect(randomPairPrior(Float32Array.from({ length: 100 }, () => -40), 10_000)).toBeCloseTo(1 / 10_000, 8);
  });
});
