import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { FEATURES, comparisonVector } from './features.ts';
import { probabilityFromWeight, validateModel } from './match-model.ts';
import { buildNameFrequencies, tokenFrequency } from './name-frequencies.ts';
import { prepare } from './prepare.ts';
import { comparePrepared, pairWeight, scorePair, scoreVector } from './score.ts';
import { startingModel } from './starting-model.ts';
import { countPatterns, estimateU, trainModel } from './train-em.ts';

const person = (props: Record<string, string[]>) => ({ schema: 'Person', properties: props });

describe('scoring', () => {
  const model = defaultModel();
  it('ships a valid default model', () => {
    expect(validateModel(JSON.parse(JSON.stringify(model)))).toBeTruthy();
    expect(() => validateModel({ ...model, prior: 2 })).toThrow();
  });
  it('matches a transliterated record and explains every feature', () => {
    const a = person({ name: ['Abd al-Salam MARWANI'], birthDate: ['1989-09-15'], nationality: ['be'], passportNumber: ['EH123456'] });
    const b = person({ name: ['Abdeslam Marouani'], birthDate: ['1989-09-15'], nationality: ['BE'], passportNumber: ['EH-123456'] });
    const r = scorePair(model, a, b);
    expect(r.match).toBe(true);
    expect(r.explain.map((e) => e.feature)).toEqual(FEATURES.map((f) => f.name));
    expect(r.probability).toBeCloseTo(probabilityFromWeight(Math.log2(model.prior / (1 - model.prior)) + r.weight), 10);
    expect(pairWeight(model, prepare(a), prepare(b))).toBeCloseTo(r.weight, 10);
  });
  it('does not match different people', () => {
    const a = person({ name: ['Tomas Kovar'], birthDate: ['1970-01-02'], gender: ['male'] });
    const b = person({ name: ['Greta Lindqvist'], birthDate: ['1991-07-30'], gender: ['female'] });
    expect(scorePair(model, a, b).match).toBe(false);
  });
  it('never lowers the score when one feature improves (monotone in levels)', () => {
    const vector = fc.tuple(...FEATURES.map((f) => fc.integer({ min: 0, max: f.levels.length - 2 })));
    fc.assert(fc.property(vector, fc.integer({ min: 0, max: FEATURES.length - 1 }), (v, f) => {
      const better = [...v];
      better[f] = Math.max(0, (v[f] ?? 0) - 1);
      // m and u are stored to 6 significant digits, hence the small tolerance
      return scoreVector(model, better).weight >= scoreVector(model, v).weight - 1e-4;
    }));
  });
  it('explains the frequency adjustment token by token, by position and never by value', () => {
    const names = ['Ivo Zoltarek', 'Mirek Zoltarek', ...Array.from({ length: 30 }, (_, i) => `Karel Novak${String.fromCharCode(97 + (i % 26))}${i}`)];
    const frequencies = buildNameFrequencies(names);
    const a = prepare(person({ name: ['Karel Zoltarek'] }), { frequencies });
    const b = prepare(person({ name: ['Ivo Dvorsky', 'ZOLTAREK, Karel Jan'] }), { frequencies });
    const r = comparePrepared(model, a, b);
    const name = r.explain[0];
    expect(name?.level).toBe('subset');
    expect(name?.tokens).toHaveLength(2);
    // the agreement is with b's second name; "karel" is core token 0 of both, "zoltarek" token 1 of a and 2 of b
    const byA = [...(name?.tokens ?? [])].sort((x, y) => (x.a[0] ?? 0) - (y.a[0] ?? 0));
    expect(byA.map((t) => [t.nameA, t.nameB, t.a, t.b])).toEqual([[0, 1, [0], [0]], [0, 1, [1], [2]]]);
    expect(byA[0]?.frequency).toBeCloseTo(tokenFrequency(frequencies, 'karel'), 12);
    expect(byA[0]?.weight).toBeLessThan(0);
    expect(byA[1]?.weight).toBeGreaterThan(0);
    const levelWeight = comparePrepared(model, prepare(person({ name: ['Karel Zoltarek'] })), prepare(person({ name: ['Ivo Dvorsky', 'ZOLTAREK, Karel Jan'] })))?.explain[0]?.weight ?? 0;
    expect(name?.weight).toBeCloseTo(levelWeight + (byA[0]?.weight ?? 0) + (byA[1]?.weight ?? 0), 9);
    expect(name?.detail).toMatch(/frequency adjustment [+-]\d/);
    expect(name?.detail?.toLowerCase()).not.toMatch(/karel|zoltarek|dvorsky/);
    expect(scorePair(model, person({ name: ['Karel Zoltarek'] }), person({ name: ['Karel Zoltarek'] })).explain[0]?.tokens).toBeUndefined();
  });
  it('is symmetric', () => {
    const a = prepare(person({ name: ['Nadia Benali', 'Nadia Ben Ali'], birthDate: ['1985'] }));
    const b = prepare(person({ name: ['BENALLI, Nadja'], birthDate: ['1985-03-01'] }));
    expect(comparePrepared(model, a, b).weight).toBeCloseTo(comparePrepared(model, b, a).weight, 12);
  });
});

describe('EM training', () => {
  it('recovers m and the prior from unlabelled synthetic vectors', () => {
    // Fictional population: matches agree on most features, non-matches rarely.
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const draw = (probs: readonly number[]): number => {
      let r = random();
      for (let i = 0; i < probs.length; i++) { r -= probs[i] ?? 0; if (r <= 0) return i; }
      return probs.length - 1;
    };
    const mTrue = FEATURES.map((f) => f.levels.map((_, l) => (l === 0 ? 0.85 : l === f.levels.length - 1 ? 0 : 0.15 / (f.levels.length - 2))));
    const uTrue = FEATURES.map((f) => f.levels.map((_, l) => (l === f.levels.length - 2 ? 0.9 : l === f.levels.length - 1 ? 0 : 0.1 / (f.levels.length - 2))));
    const vectors: number[][] = [];
    const randomPairs: number[][] = [];
    for (let i = 0; i < 20000; i++) {
      const match = random() < 0.3;
      vectors.push(FEATURES.map((_, f) => draw((match ? mTrue : uTrue)[f] ?? [])));
      randomPairs.push(FEATURES.map((_, f) => draw(uTrue[f] ?? [])));
    }
    const u = estimateU(countPatterns(randomPairs));
    const { model, converged } = trainModel(countPatterns(vectors), { start: startingModel(), u });
    expect(converged).toBe(true);
    expect(model.prior).toBeGreaterThan(0.27);
    expect(model.prior).toBeLessThan(0.33);
    expect(model.features[0]?.m[0]).toBeGreaterThan(0.8);
    expect(model.features[0]?.m[0]).toBeLessThan(0.9);
  });
  it('builds comparison vectors of one level per feature', () => {
    const v = comparisonVector(prepare(person({ name: ['Tomas Kovar'] })), prepare(person({ name: ['Tomas Kovar'], phone: ['+32475123456'] })));
    expect(v).toHaveLength(FEATURES.length);
    expect(v[0]).toBe(0);
    expect(v[4]).toBe(FEATURES[4]?.levels.length === undefined ? -1 : FEATURES[4].levels.length - 1);
  });
});
