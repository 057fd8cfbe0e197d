import { describe, expect, it } from 'vitest';
import { clearanceWords } from './clearance-words.ts';
import { CLASSIFICATION } from './provenance.ts';

describe('a clearance in words', () => {
  it('says each level in words', () => {
    expect(CLASSIFICATION.map(clearanceWords)).toEqual(['Unclassified', 'Restricted', 'Confidential', 'Secret', 'Top secret']);
  });

  it('reads a level this version does not know as its code made readable', () => {
    expect(clearanceWords('COSMIC_TOP_SECRET')).toBe('Cosmic top secret');
  });
});
