import { describe, expect, it } from 'vitest';
import { parseDate, type PartialDate } from '@mosaic/matching';
import { DISTANT_YEARS, distantBirthDates, typingSlipYears } from './distant-birth-dates.ts';

const dates = (...raw: string[]): PartialDate[] => raw.map((r) => parseDate(r) as PartialDate);

describe('distantBirthDates', () => {
  it('takes dates a generation apart for two people', () => {
    expect(distantBirthDates(dates('1985-07-02'), dates('1952-03-14'))).toBe(true);
    expect(distantBirthDates(dates('1961'), dates('1994-11-30'))).toBe(true);
  });

  it(`leaves dates fewer than ${DISTANT_YEARS} years apart a plain mismatch`, () => {
    expect(distantBirthDates(dates('1957-08-30'), dates('1952-03-14'))).toBe(false);
    expect(distantBirthDates(dates(`${1952 + DISTANT_YEARS - 1}-01-20`), dates('1952-03-14'))).toBe(false);
    expect(distantBirthDates(dates(`${1952 + DISTANT_YEARS + 1}-01-20`), dates('1952-03-14'))).toBe(true);
  });

  it('explains a year one keystroke off as a typing slip, however far apart', () => {
    expect(distantBirthDates(dates('1925-03-14'), dates('1952-03-14'))).toBe(false);
    expect(distantBirthDates(dates('1982-03-14'), dates('1952-03-14'))).toBe(false);
    expect(distantBirthDates(dates('1905'), dates('1950'))).toBe(false);
    // two digits changed that are not a swap of neighbours
    expect(distantBirthDates(dates('1987'), dates('1952'))).toBe(true);
    expect(distantBirthDates(dates('1925'), dates('1592'))).toBe(true);
  });

  it('needs every pair apart, and a date on both sides', () => {
    expect(distantBirthDates(dates('1985-07-02'), dates('1952-03-14', '1984'))).toBe(false);
    expect(distantBirthDates(dates('1985-07-02'), [])).toBe(false);
    expect(distantBirthDates([], dates('1952'))).toBe(false);
  });
});

describe('typingSlipYears', () => {
  it('finds the years one keystroke apart: two neighbouring digits swapped, or one mistyped', () => {
    expect(typingSlipYears(dates('1985-07-02'), dates('1958-07-02'))).toEqual({ a: 1985, b: 1958 });
    expect(typingSlipYears(dates('1985'), dates('1955-01-01'))).toEqual({ a: 1985, b: 1955 });
    expect(typingSlipYears(dates('1985'), dates('1952', '1988'))).toEqual({ a: 1985, b: 1988 });
  });

  it('finds none between years further apart than a keystroke, the same year, or without a date', () => {
    expect(typingSlipYears(dates('1987'), dates('1952'))).toBeUndefined();
    expect(typingSlipYears(dates('1985-07-02'), dates('1985-03-01'))).toBeUndefined();
    expect(typingSlipYears(dates('1985'), [])).toBeUndefined();
  });
});
