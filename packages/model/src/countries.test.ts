import { describe, expect, it } from 'vitest';
import { countryName } from './countries.ts';

describe('countryName', () => {
  it('names a country by its code, in either case', () => {
    expect(countryName('be')).toBe('Belgium');
    expect(countryName('MA')).toBe('Morocco');
    expect(countryName('tr')).toBe('Türkiye');
  });

  it('gives back a value that is no region code as it is', () => {
    expect(countryName('Belgium')).toBe('Belgium');
    expect(countryName('')).toBe('');
  });
});
