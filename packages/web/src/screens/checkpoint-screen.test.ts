import { describe, expect, it } from 'vitest';
import { keptCheckOf } from './checkpoint-screen.tsx';

describe('the check an entry keeps', () => {
  it('is its id alone, anything else keeping none', () => {
    expect(keptCheckOf('chk-20251103-a1b2')).toBe('chk-20251103-a1b2');
    expect(keptCheckOf('')).toBeUndefined();
    expect(keptCheckOf(null)).toBeUndefined();
    expect(keptCheckOf({ query: 'Jonas Verbeke' })).toBeUndefined();
    expect(keptCheckOf(undefined)).toBeUndefined();
  });
});
