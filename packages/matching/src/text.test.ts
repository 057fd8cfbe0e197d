import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { phoneticKey, phoneticSkeleton } from './phonetic-key.ts';
import { transliterate } from './transliterate.ts';

describe('foldText', () => {
  it('folds case, diacritics, apostrophes and punctuation', () => {
    expect(foldText("  JOSÉ-María O'Neil, Jr. ")).toBe('jose maria oneil jr');
    expect(foldText('Straße Łódź')).toBe('strasse lodz');
    expect(foldText('ＡＢＣ')).toBe('abc'); // NFKC full-width
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });
});

describe('transliterate', () => {
  it('handles Arabic alef forms, ta marbuta and the article', () => {
    expect(transliterate('أسامة')).toBe('asama');
    expect(transliterate('إبراهيم').startsWith('ibrahim')).toBe(true);
    expect(transliterate('الحلبي').startsWith('al-')).toBe(true);
    expect(transliterate('عبد')).toBe('abd');
  });
  it('uses any-ascii for Cyrillic and Greek', () => {
    expect(transliterate('Иван Петров')).toBe('Ivan Petrov');
    expect(transliterate('Νικόλαος')).toBe('Nikolaos');
  });
  it('leaves ASCII untouched', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ 019-,'.split('')) }), (s) => transliterate(s) === s));
  });
});

describe('phoneticKey', () => {
  it.each([
    ['mohamed', 'muhammad'], ['youssef', 'yusuf'], ['qaddafi', 'kadhafi'], ['husayn', 'hussein'], ['mehmet', 'mehmed'],
    ['chokri', 'shukri'], ['ivanov', 'iwanow'], ['oualid', 'walid'], ['fatimah', 'fatima'], ['djamel', 'jamel'],
    ['fawzi', 'fouzi'], ['mawlawi', 'moulvi'],
  ])('%s ~ %s', (a, b) => expect(phoneticKey(a)).toBe(phoneticKey(b)));
  it.each([['hassan', 'hussein'], ['yusuf', 'yasin'], ['karim', 'salim']])('%s differs from %s', (a, b) => expect(phoneticKey(a)).not.toBe(phoneticKey(b)));
});

describe('phoneticSkeleton', () => {
  it('keeps vowel slots: variants agree, names with the same consonants do not', () => {
    expect(phoneticSkeleton('obaidi')).toBe(phoneticSkeleton('ubaydi'));
    expect(phoneticSkeleton('husayn')).toBe(phoneticSkeleton('hussein'));
    expect(phoneticKey('mohamed')).toBe(phoneticKey('mahmoud'));
    expect(phoneticSkeleton('mohamed')).not.toBe(phoneticSkeleton('mahmoud'));
  });
});

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
  it('is symmetric and bounded', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
      const s = jaroWinkler(a, b);
      return s >= 0 && s <= 1 && Math.abs(s - jaroWinkler(b, a)) < 1e-12;
    }));
  });
});
