import { describe, expect, it } from 'vitest';
import { nameTokens, namesText } from './name-text.ts';

describe('nameTokens', () => {
  it('folds diacritics and case and splits on non-letters', () => {
    expect(nameTokens('Abdeslâm')).toEqual(['abdeslam']);
    expect(nameTokens('Abd al-Salâm  Ḥaddād')).toEqual(['abd', 'al', 'salam', 'haddad']);
    expect(nameTokens('ÉLODIE d’Ürsel')).toEqual(['elodie', 'd', 'ursel']);
    expect(nameTokens('عَبْد السَّلَام')).toEqual(['عبد', 'السلام']);
    expect(nameTokens(' -- ')).toEqual([]);
  });
});

describe('namesText', () => {
  it('indexes the distinct tokens of name-like properties only', () => {
    const text = namesText({ properties: { name: ['Jan Smit', 'JAN SMIT'], alias: ['Smitty'], lastName: ['Smit'], birthDate: ['1990-01-01'], motherName: ['Els Smit'] } });
    expect(text).toBe('jan smit smitty');
  });
});
