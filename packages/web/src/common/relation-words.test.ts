import { readableCode } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { EDGE_TYPES } from '../api/api-types.ts';
import { relationWords } from './relation-words.ts';

describe('a relation type in words', () => {
  it('says the derived ties as an analyst would', () => {
    expect(['shared-document', 'shared-email', 'co-sighting', 'co-travel-event', 'co-travel'].map(relationWords))
      .toEqual(['Shared document', 'Shared e-mail address', 'Seen together', 'On the same trip', 'Travelled together']);
  });

  it('has words for every type of the network, none of them holding the code', () => {
    for (const type of EDGE_TYPES) {
      expect(relationWords(type)).toMatch(/^[A-Z]/);
      expect(relationWords(type).split(' ')).not.toContain(type);
    }
  });

  it('reads a type this version does not know as its code made readable', () => {
    expect(relationWords('shared-crypto-wallet')).toBe(readableCode('shared-crypto-wallet'));
    expect(relationWords('shared-crypto-wallet')).toBe('Shared crypto wallet');
  });
});
