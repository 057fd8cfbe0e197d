import { describe, expect, it } from 'vitest';
import { COGNATE_SIMILARITY, compareNames, tokenSimilarity } from './compare-names.ts';
import { GIVEN_NAME_COGNATES } from './given-name-cognates.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { normalizeName, type NameToken } from './normalize-name.ts';

const given = (name: string): NameToken => normalizeName(`${name} Tkachuk`).core[0] as NameToken;

describe('given-name cognates', () => {
  it.each([
    ['Mykola Petrenko', 'Nikolai Petrenko'],
    ['Uladzimir Tkachuk', 'Volodymyr Tkachuk'],
    ['Siarhei Tkachuk', 'Serhiy Tkachuk'],
    ['Butrus Haddad', 'Pedro Haddad'],
    ['Jurj Haddad', 'George Haddad'],
    // spellings of a listed form join its group: Yussuf (Yusuf), Volodimir (Volodymyr)
    ['Yussuf Haddad', 'Giuseppe Haddad'],
    ['Volodimir Tkachuk', 'Uladzimir Tkachuk'],
    // a word written in Arabic script, by what the script writes of it (its transliteration is "yusf")
    ['يوسف حداد', 'Joseph Haddad'],
    ['PETRENKO, Mykola Ivanovych', 'PETRENKO, Nikolai Ivanovych'],
  ])('make %s and %s one name in two languages (fuzzy, not phonetic)', (a, b) => {
    expect(compareNames(a, b).level).toBe('fuzzy');
  });

  it('align at COGNATE_SIMILARITY: a name made of a cognate alone is fuzzyLow', () => {
    expect(tokenSimilarity(given('Mykola'), given('Nikolai'))).toBe(COGNATE_SIMILARITY);
    expect(compareNames('Mykola', 'Nikolai').level).toBe('fuzzyLow');
  });

  it('keep names of different groups apart', () => {
    expect(compareNames('Mykola Petrenko', 'Mikhail Petrenko').level).toBe('partial');
    // one origin, two names in one language: Yuri and Georgy, Yahya and Yuhanna
    expect(tokenSimilarity(given('Yuri'), given('Georgy'))).toBe(jaroWinkler('yuri', 'georgy'));
    expect(tokenSimilarity(given('Yahya'), given('Yuhanna'))).toBeLessThan(COGNATE_SIMILARITY);
  });

  it('read given names only: a surname is its family\'s', () => {
    expect(normalizeName('Ivan Petrenko').core.map((t) => t.cognates === '')).toEqual([false, true]);
    expect(compareNames('Petro Mykola', 'Petro Nikolai').level).toBe('partial');
    expect(compareNames('MYKOLA, Taras', 'NIKOLAI, Taras').level).toBe('partial');
  });

  it('let a spelling join a group only when it spells a listed form: not a woman\'s form, another name on the same consonants, or a one-consonant key', () => {
    for (const name of ['Petra', 'Jeanne', 'Louise', 'Salim', 'Salma', 'Alia', 'Zaher', 'Jan', 'Jin']) expect(given(name).cognates).toBe('');
    expect(given('Mikola').cognates).toBe(given('Nikolai').cognates);
  });

  it('list each form once, folded', () => {
    const forms = GIVEN_NAME_COGNATES.flatMap((g) => [...g.forms, ...(g.arabic ?? [])]);
    expect(new Set(forms).size).toBe(forms.length);
    for (const form of forms) expect(form).toMatch(/^[a-z]+$/);
  });
});
