import { describe, expect, it } from 'vitest';
import { reportsQueryOf } from './reports-screen.tsx';

describe('the reports search an entry keeps', () => {
  it('is its words, anything else asking none', () => {
    expect(reportsQueryOf('bakery')).toBe('bakery');
    expect(reportsQueryOf({ query: 'bakery' })).toBe('');
    expect(reportsQueryOf(undefined)).toBe('');
  });
});
