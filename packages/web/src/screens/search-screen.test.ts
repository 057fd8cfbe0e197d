import { describe, expect, it } from 'vitest';
import { askedSearchOf } from './search-screen.tsx';

describe('the search an entry keeps', () => {
  it('is read field by field, anything else asking none', () => {
    expect(askedSearchOf({ query: 'Saltvik', schema: 'Person', born: '1979' })).toEqual({ query: 'Saltvik', schema: 'Person', born: '1979' });
    expect(askedSearchOf({ query: 'Saltvik', schema: 7 })).toEqual({ query: 'Saltvik', schema: '', born: '' });
    expect(askedSearchOf('Saltvik')).toEqual({ query: '', schema: '', born: '' });
    expect(askedSearchOf(undefined)).toEqual({ query: '', schema: '', born: '' });
  });
});
