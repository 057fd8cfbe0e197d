import { describe, expect, it } from 'vitest';
import { versionWords } from './version-words.ts';

describe("a record version's operation in words", () => {
  it('says the first version written was recorded, a later one changed, a deletion deleted', () => {
    expect(versionWords('put', 1)).toBe('Recorded');
    expect(versionWords('put', 3)).toBe('Changed');
    expect(versionWords('delete', 4)).toBe('Deleted');
  });

  it('reads an operation this version does not know as its code made readable', () => {
    expect(versionWords('legal_hold', 2)).toBe('Legal hold');
  });
});
