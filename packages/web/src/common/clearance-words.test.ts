import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS } from '../admin/admin-types.ts';
import { clearanceWords } from './clearance-words.ts';

describe('a clearance in words', () => {
  it('says each level in words', () => {
    expect(CLASSIFICATIONS.map(clearanceWords)).toEqual(['Unclassified', 'Restricted', 'Confidential', 'Secret', 'Top secret']);
  });

  it('reads a level this version does not know as its code made readable', () => {
    expect(clearanceWords('COSMIC_TOP_SECRET')).toBe('Cosmic top secret');
  });
});
