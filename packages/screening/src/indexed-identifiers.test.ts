import { describe, expect, it } from 'vitest';
import { indexedIdentifiers } from './indexed-identifiers.ts';

describe('indexedIdentifiers', () => {
  it('keys each spelling of one identifier alike, once, and leaves out what tells no one apart', () => {
    expect(indexedIdentifiers({
      documents: ['ek 778.899', 'EK-778899', 'x'],
      plates: ['2-ghc-490', '2 GHC 490'],
      phones: ['+32 470 12 34 56', '0032 (470) 12-34-56', '12345'],
      emails: [' Hugo.DuBois@Example.org', 'not-an-address'],
    })).toEqual({ documents: ['EK778899'], plates: ['2GHC490'], phones: ['32470123456'], emails: ['hugo.dubois@example.org'] });
  });
});
