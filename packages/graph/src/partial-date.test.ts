import { describe, expect, it } from 'vitest';
import { decodePartialDate, encodePartialDate, lowerBound, upperBound } from './partial-date.ts';

describe('partial dates', () => {
  it('round-trips years, months and days', () => {
    for (const text of ['2015', '2015-11', '2015-11-13', '0999-01-01', '2016-02-29']) {
      expect(decodePartialDate(encodePartialDate(text)!)).toBe(text);
    }
  });

  it('rejects what is not a date', () => {
    for (const text of ['15', '2015-13', '2015-00', '2015-02-30', '2015-11-00', '2015/11/13', '0000', '']) {
      expect(encodePartialDate(text), text).toBeUndefined();
    }
  });

  it('gives a partial date the interval it covers', () => {
    const year = encodePartialDate('2015')!;
    const month = encodePartialDate('2015-11')!;
    const day = encodePartialDate('2015-11-13')!;
    expect(lowerBound(year)).toBeLessThan(lowerBound(day));
    expect(upperBound(year)).toBeGreaterThan(upperBound(encodePartialDate('2015-12-31')!) - 1);
    expect(upperBound(month)).toBeGreaterThan(day);
    expect(lowerBound(month)).toBeLessThan(day);
    expect(upperBound(day)).toBe(day);
  });
});
