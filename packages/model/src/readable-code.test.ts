import { describe, expect, it } from 'vitest';
import { readableCode } from './readable-code.ts';

describe('a code made readable', () => {
  it('splits camel case, hyphens and underscores into words, the first capitalised', () => {
    expect(['firstName', 'shared-document', 'TOP_SECRET', 'agency_admin', 'put', 'watch.lost-track'].map(readableCode))
      .toEqual(['First name', 'Shared document', 'Top secret', 'Agency admin', 'Put', 'Watch lost track']);
  });

  it('is never blank', () => {
    expect(readableCode('')).toBe('—');
    expect(readableCode('__')).toBe('__');
  });
});
