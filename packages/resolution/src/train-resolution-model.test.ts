import { defaultModel, prepare } from '@mosaic/matching';
import { describe, expect, it } from 'vitest';
import { blockRecords } from './blocking.ts';
import { compareCandidatePairs } from './pair-comparisons.ts';
import { person } from './test-fixtures.ts';
import { seededRandom } from '@mosaic/model';
import { trainResolutionModel } from './train-resolution-model.ts';

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
  it('keeps the starting model when the data is too small to train on', () => {
    const records = fictionalPeople(10).map((r) => prepare(r));
    const groups = records.map(() => 'person');
    const { pairs } = blockRecords(records, groups);
    expect(trainResolutionModel(records, groups, pairs, compareCandidatePairs(records, pairs)).model).toBe(defaultModel());
  });
});
