import { describe, expect, it } from 'vitest';
import { alignedWords, coreTokenSpans } from './name-marks.ts';
import { normalizeName } from './normalize-name.ts';

/** The words of `name` marked against `query`, as written. */
const marked = (query: string, name: string): string[] => alignedWords(query, name).map(([start, end]) => name.slice(start, end));

describe('coreTokenSpans', () => {
  it('places each core token on the word it is written as, a "SURNAME, Given" name reordered', () => {
    const name = 'KORKMAZ, Ahmet';
    expect(normalizeName(name).core.map((t) => t.text)).toEqual(['ahmet', 'korkmaz']);
    expect(coreTokenSpans(name).map((spans) => spans.map(([s, e]) => name.slice(s, e)))).toEqual([['Ahmet'], ['KORKMAZ']]);
  });

  it('places a compound written apart on all its words, and no token on a particle or title', () => {
    const name = 'Dr. Abdel Hamid al-Saleh';
    expect(normalizeName(name).core.map((t) => t.text)).toEqual(['abdhamid', 'saleh']);
    expect(coreTokenSpans(name).map((spans) => spans.map(([s, e]) => name.slice(s, e)))).toEqual([['Abdel', 'Hamid'], ['Saleh']]);
  });

  it('places the tokens of a name in Arabic script on its words', () => {
    const name = 'صلاح عبد السلام';
    expect(coreTokenSpans(name).map((spans) => spans.map(([s, e]) => name.slice(s, e)))).toEqual([['صلاح'], ['عبد', 'السلام']]);
  });
});

describe('alignedWords', () => {
  it('marks the word a spelling matched, not the article beside it', () => {
    expect(marked('Katibat al-Nur', 'AL-KHATIB HIBA')).toEqual(['KHATIB']);
  });

  it('marks the words of a "SURNAME, Given" name in the order written', () => {
    expect(marked('Ahmet Korkmaz', 'KORKMAZ, Ahmet')).toEqual(['KORKMAZ', 'Ahmet']);
    expect(alignedWords('Ahmet Korkmaz', 'KORKMAZ, Ahmet')).toEqual([[0, 7], [9, 14]]);
  });

  it('marks both words of a compound written apart, and one word written together', () => {
    expect(marked('Abdelhamid Saleh', 'Abdel Hamid Saleh')).toEqual(['Abdel', 'Hamid', 'Saleh']);
    expect(marked('Abdel Hamid', 'ABDELHAMID, Youssef')).toEqual(['ABDELHAMID']);
  });

  it('never marks a particle or title alone', () => {
    expect(marked('Mohammed Al-Hassan', 'Dr. Muhamad el-Hasan')).toEqual(['Muhamad', 'Hasan']);
    expect(marked('Youssef', 'Yusuf Ben Youssef')).toEqual(['Youssef']);
    expect(marked('al', 'Hiba al-Khatib')).toEqual([]);
  });

  it('marks the Arabic, Cyrillic and Greek words a Latin query matched', () => {
    expect(marked('Abdeslam', 'صلاح عبد السلام')).toEqual(['عبد', 'السلام']);
    expect(marked('Mohamed', 'محمد علي')).toEqual(['محمد']);
    expect(marked('Aleksandr Ivanov', 'Александр Иванов')).toEqual(['Александр', 'Иванов']);
    expect(marked('Giorgos Papadopoulos', 'Γιώργος Παπαδόπουλος')).toEqual(['Γιώργος', 'Παπαδόπουλος']);
  });

  it('marks nothing the matcher did not align', () => {
    expect(marked('Katibat al-Nur', 'Hiba Alahmad')).toEqual([]);
  });
});
