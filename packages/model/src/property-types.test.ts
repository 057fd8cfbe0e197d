import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryCodes, toCountryCode } from './countries.ts';
import { PROPERTY_TYPES, propertyType } from './property-types.ts';

const clean = (type: Parameters<typeof propertyType>[0], raw: string): string | undefined => {
  const result = propertyType(type).clean(raw);
  return result.ok ? result.value : undefined;
};

describe('property types', () => {
  it('keeps partial dates at their precision', () => {
    expect(clean('date', '1989')).toBe('1989');
    expect(clean('date', '1989-09')).toBe('1989-09');
    expect(clean('date', '15/09/1989')).toBe('1989-09-15');
    expect(clean('date', '1989-02-30')).toBeUndefined();
    expect(propertyType('date').compare('1989', '1989-09-15')).toBe(0.5);
    expect(propertyType('date').compare('1988', '1989-09-15')).toBe(0);
  });

  it('cleans countries, phones, identifiers and plates to canonical forms', () => {
    expect(clean('country', 'MAR')).toBe('ma');
    expect(clean('country', 'Belgium')).toBe('be');
    expect(clean('country', 'zz')).toBeUndefined();
    expect(clean('phone', '+32 (0)2-555.12.34')).toBe('+3225551234');
    expect(clean('phone', '02 555 12 34')).toBeUndefined();
    expect(clean('phone', '+32 2 555 12 34')).toBe('+3225551234');
    expect(clean('phone', '0033 6 12 34 56 78')).toBe('+33612345678');
    expect(clean('identifier', 'ab 12-34/5')).toBe('AB12345');
    expect(clean('plate', '1-ABC-123')).toBe('1ABC123');
    expect(clean('email', 'X.Y@Example.ORG')).toBe('X.Y@example.org');
    expect(clean('latitude', '91')).toBeUndefined();
  });

  it('has a consistent alpha-2/alpha-3 table', () => {
    expect(countryCodes().length).toBe(250);
    for (const code of countryCodes()) expect(toCountryCode(code.toUpperCase())).toBe(code);
  });

  it('says why a value is refused without the value, where the reason for its sender quotes it', () => {
    const refused = ['Zq\u0007Secret', 'Zq Secret @', '-Zq Secret', `Zq${'Secret'.repeat(80)}`];
    for (const name of PROPERTY_TYPES) {
      for (const raw of refused) {
        const result = propertyType(name).clean(raw, { values: ['yes', 'no'] });
        if (result.ok) continue;
        if (result.reason.includes('Zq')) expect(result.reasonWithoutValue, `${name}: ${result.reason}`).toBeDefined();
        expect(result.reasonWithoutValue ?? result.reason).not.toContain('Zq');
      }
    }
  });

  it('says why a date is refused without a part of it: the year and month of a birth are the person\'s', () => {
    for (const raw of ['1987-02-29', '1987-13-01', '29.02.1987', '1987-04-31T10:00:00Z']) {
      const result = propertyType('date').clean(raw, {});
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toContain(raw);
      for (const part of raw.match(/\d+/g) ?? []) expect(result.reasonWithoutValue, raw).not.toContain(part);
    }
  });

  it('cleaning is idempotent and comparison symmetric for every type', () => {
    const text = fc.string({ maxLength: 40 });
    for (const name of PROPERTY_TYPES.filter((t) => t !== 'enum')) {
      fc.assert(fc.property(text, text, (a, b) => {
        const type = propertyType(name);
        const ca = type.clean(a);
        if (ca.ok) expect(type.clean(ca.value)).toEqual(ca);
        expect(type.compare(a, b)).toBe(type.compare(b, a));
      }), { numRuns: 200 });
    }
  });
});
