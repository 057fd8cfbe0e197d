import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.ts';
import { normalizeName } from './normalize-name.ts';
import { framesAgree, latinFrame } from './written-frame.ts';

/** Whether the Latin spelling fits the written frame of the one Arabic-script word. */
function fits(arabic: string, latin: string): boolean {
  const written = normalizeName(arabic).core[0]?.frame;
  const token = normalizeName(latin).core[0];
  const frame = token && latinFrame(token.skeleton, token.vowels);
  if (written === undefined || frame === undefined) throw new Error(`no frame for ${arabic} or ${latin}`);
  return framesAgree(written, frame);
}

describe('written frames', () => {
  it('are what the script writes: consonants and long vowels', () => {
    expect(normalizeName('محمد').core[0]?.frame).toBe('MHMD|00000');
    expect(normalizeName('محمود').core[0]?.frame).toBe('MHMD|00040');
    // an ayn's vowel has no written quality
    expect(normalizeName('عمر').core[0]?.frame).toBe('MR|700');
    expect(normalizeName('Mohamed').core[0]?.frame).toBeUndefined();
  });

  it('take any short vowels where the script writes none', () => {
    for (const latin of ['Mohamed', 'Muhammad', 'Mohammed', 'Mouhamed', 'Mohamad']) expect(fits('محمد', latin)).toBe(true);
  });

  it('need every written long vowel in its place', () => {
    expect(fits('محمود', 'Mahmoud')).toBe(true);
    expect(fits('محمود', 'Mahmud')).toBe(true);
    expect(fits('محمود', 'Muhammad')).toBe(false);
    expect(fits('محمود', 'Mohamed')).toBe(false);
  });

  it('need a written vowel for a Latin name that opens or closes on one', () => {
    expect(fits('حسن', 'Hassan')).toBe(true);
    expect(fits('حسن', 'Hasni')).toBe(false);
    expect(fits('حسني', 'Hasni')).toBe(true);
    expect(fits('عمر', 'Omar')).toBe(true);
    expect(fits('عمر', 'Umar')).toBe(true);
    expect(fits('مراد', 'Amrad')).toBe(false);
  });

  it('allow a French silent e and a dropped final h', () => {
    expect(fits('كريم', 'Karime')).toBe(true);
    expect(fits('صالح', 'Saleh')).toBe(true);
    expect(fits('صالح', 'Salah')).toBe(true);
  });

  it('read y inside a word as the vowel it is in Latin', () => {
    expect(fits('حسين', 'Hussein')).toBe(true);
    expect(fits('حسين', 'Husayn')).toBe(true);
    expect(fits('أيوب', 'Ayoub')).toBe(true);
    expect(fits('يوسف', 'Youssef')).toBe(true);
  });
});

describe('compareNames across scripts', () => {
  it('matches the usual Latin spellings of an Arabic-script name the transliteration guessed apart', () => {
    expect(compareNames('محمد', 'Mohammed').level).toBe('phonetic');
    expect(compareNames('محمد', 'Muhammad').level).toBe('phonetic');
    expect(compareNames('عمر', 'Omar').level).toBe('phonetic');
    expect(compareNames('حسين', 'Hussein').level).toBe('phonetic');
    expect(compareNames('محمد بن سلمان', 'Mohammed bin Salman').level).toBe('phonetic');
    // a particle written apart against a surname written as one word, a closing ha read with its vowel
    expect(compareNames('مهدي بن صالح', 'Mehdi Bensalah').level).toBe('phonetic');
  });

  it('reads the particles of filiation written in Arabic script as particles', () => {
    expect(normalizeName('عبد الله بن محمد').tokens.map((t) => t.kind)).toEqual(['given', 'particle', 'surname']);
    expect(normalizeName('بنت محمد').tokens[0]?.text).toBe('bint');
    expect(normalizeName('ابن محمد').tokens[0]?.kind).toBe('particle');
  });
});
