import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.ts';
import { defaultModel } from './default-model.ts';
import { buildNameFrequencies, tokenFrequency, tokenTfWeight } from './name-frequencies.ts';
import { prepare } from './prepare.ts';
import { comparePrepared, pairWeight } from './score.ts';

// Fictional population: a common given name carried by many, a rare surname carried by two.
const POPULATION = [
  ...Array.from({ length: 40 }, (_, i) => `Karel ${['Brabec', 'Hruby', 'Smid', 'Vesely', 'Kolar'][i % 5]}${String.fromCharCode(97 + (i % 26))}ek`),
  ...Array.from({ length: 40 }, (_, i) => `${['Tomas', 'Pavel', 'Ivo', 'Lukas'][i % 4]} ${['Dvorak', 'Cerny', 'Prochazka', 'Kucera'][i % 4]}`),
  'Ivo Zoltarek',
  'Mirek Zoltarek',
];
const frequencies = buildNameFrequencies(POPULATION);
const person = (name: string) => prepare({ schema: 'Person', properties: { name: [name] } }, { frequencies });

describe('term-frequency adjustment', () => {
  it('gives a rare token a positive and a common token a negative adjustment', () => {
    expect(tokenTfWeight(frequencies, 'zoltarek')).toBeGreaterThan(0);
    expect(tokenTfWeight(frequencies, 'karel')).toBeLessThan(0);
    expect(tokenFrequency(frequencies, 'karel')).toBeCloseTo(40 / frequencies.total, 12);
    expect(tokenTfWeight(undefined, 'karel')).toBe(0);
  });

  it('is centred on the chance agreement of two token occurrences (Splink: log2 u_agree / u_token)', () => {
    // uniform table (10 tokens, 20 occurrences each): every token is as likely as a chance
    // agreement, so no adjustment beyond the +0.5 smoothing
    const uniform = buildNameFrequencies(Array.from({ length: 200 }, (_, i) => `Tok${String.fromCharCode(97 + (i % 10))}`));
    expect(uniform.chanceInformation).toBeCloseTo(Math.log2(10), 9);
    expect(Math.abs(tokenTfWeight(uniform, 'toka'))).toBeLessThan(0.05);
    // a token twice as common as a chance agreement loses one bit
    const skewed = buildNameFrequencies([...Array.from({ length: 600 }, () => 'Common'), ...Array.from({ length: 400 }, (_, i) => `Rare${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`)]);
    const u = 0.6;
    const chance = 0.6 ** 2 + 400 * (1 / 1000) ** 2;
    expect(tokenTfWeight(skewed, 'common')).toBeCloseTo(Math.log2(chance / u), 2);
    const { chanceInformation: _unused, ...shannonOnly } = frequencies;
    // tables without it (screening's live index) keep the Shannon centring
    expect(tokenTfWeight(shannonOnly, 'karel')).toBeCloseTo(-Math.log2(40.5 / (frequencies.total + 0.5)) - frequencies.meanInformation, 9);
  });

  it('scores a shared rare surname above a shared common given name at the same level', () => {
    const rare = compareNames('Ivo Zoltarek', 'Mirek Zoltarek', { frequencies });
    const common = compareNames('Karel Brabecaek', 'Karel Hrubybek', { frequencies });
    expect(rare.level).toBe('partial');
    expect(common.level).toBe('partial');
    expect(rare.tf).toBeGreaterThan(0);
    expect(common.tf).toBeLessThan(0);
    const model = defaultModel();
    const rareScore = comparePrepared(model, person('Ivo Zoltarek'), person('Mirek Zoltarek'));
    const commonScore = comparePrepared(model, person('Karel Brabecaek'), person('Karel Hrubybek'));
    expect(rareScore.probability).toBeGreaterThan(commonScore.probability);
    // without a table the two are indistinguishable
    const plain = (n: string) => prepare({ schema: 'Person', properties: { name: [n] } });
    expect(comparePrepared(model, plain('Ivo Zoltarek'), plain('Mirek Zoltarek')).weight).toBeCloseTo(comparePrepared(model, plain('Karel Brabecaek'), plain('Karel Hrubybek')).weight, 12);
  });

  it('adjusts every level where tokens agree, by the sum over aligned tokens', () => {
    const both = compareNames('Karel Zoltarek', 'Karel Zoltarek Novy', { frequencies });
    expect(both.level).toBe('subset');
    expect(both.tf).toBeCloseTo(tokenTfWeight(frequencies, 'karel') + tokenTfWeight(frequencies, 'zoltarek'), 12);
    expect(compareNames('Ivo Zoltarek', 'Pavel Dvorak', { frequencies }).tf).toBe(0);
  });

  it('keeps the hot path and the explained score equal', () => {
    const model = defaultModel();
    for (const [a, b] of [['Ivo Zoltarek', 'Mirek Zoltarek'], ['Karel Brabecaek', 'Karel Hrubybek'], ['Tomas Dvorak', 'DVORAK, Tomas']] as const) {
      expect(pairWeight(model, person(a), person(b))).toBeCloseTo(comparePrepared(model, person(a), person(b)).weight, 12);
    }
  });
});
