import { describe, expect, it } from 'vitest';
import { nameAgreementWords } from './name-agreement-words.ts';

const token = (weight: number, wordsA?: string[], wordsB?: string[]) => ({
  nameA: 0, nameB: 0, a: [0], b: [0], frequency: 0.001, weight, ...(wordsA ? { wordsA } : {}), ...(wordsB ? { wordsB } : {}),
});

describe('how two names agreed, in words', () => {
  it('says how many parts aligned and whether each is a rare name or a common one, without the matcher\'s numbers', () => {
    const words = nameAgreementWords({
      detail: 'similarity 0.97, 2 token(s) aligned, frequency adjustment +0.51 bits (Korkmaz ~ Korkmaz at frequency 0.0017: +0.73; Mehmet ~ Mehmet at frequency 0.02: -0.22)',
      tokens: [token(0.73, ['Korkmaz'], ['Korkmaz']), token(-0.22, ['Mehmet'], ['Mehmet'])],
    });
    expect(words).toBe('2 name parts aligned; Korkmaz: a rare name, counts more; Mehmet: a common name, counts less');
    expect(words).not.toMatch(/token|bits|frequency|\d\.\d/);
  });

  it('names a part by both spellings where they differ, and says a part of about average frequency is neither', () => {
    expect(nameAgreementWords({ tokens: [token(0.02, ['Mohammed'], ['Muhammad'])] })).toBe('1 name part aligned; Mohammed / Muhammad: neither rare nor common');
    expect(nameAgreementWords({ tokens: [token(0.4, ['Moreau'], ['MOREAU'])] })).toBe('1 name part aligned; Moreau: a rare name, counts more');
  });

  it('says a part without its words where the answer gives none', () => {
    expect(nameAgreementWords({ tokens: [token(0.51), token(0)] })).toBe('2 name parts aligned; a rare name, counts more; neither rare nor common');
  });

  it('reads the count from the detail when no frequency table gave the parts', () => {
    expect(nameAgreementWords({ detail: 'similarity 0.93, 2 token(s) aligned' })).toBe('2 name parts aligned');
    expect(nameAgreementWords({ detail: 'similarity 0.88, 1 token(s) aligned' })).toBe('1 name part aligned');
  });

  it('shows a detail in another form as it came, and nothing where there is none', () => {
    expect(nameAgreementWords({ detail: 'spelled alike' })).toBe('spelled alike');
    expect(nameAgreementWords({})).toBeUndefined();
  });
});
