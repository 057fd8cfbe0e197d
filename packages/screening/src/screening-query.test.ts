import { describe, expect, it } from 'vitest';
import { validateQuery } from './screening-query.ts';

function reason(input: unknown): string {
  const r = validateQuery(input);
  return r.ok ? 'accepted' : `${r.field}: ${r.reason}`;
}

describe('validateQuery', () => {
  it('accepts a name with optional facts', () => {
    const r = validateQuery({ name: 'Karel Vandermolen', birthDate: '1980-04-02', nationality: 'BEL', gender: 'male' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.query.name?.core.length).toBe(2);
      expect(r.query.countries).toEqual(['be']);
      expect(r.query.genders).toEqual(['m']);
      expect(r.query.birthDates).toEqual([{ year: 1980, month: 4, day: 2 }]);
    }
  });

  it('accepts a document, plate or phone alone and normalises it', () => {
    const r = validateQuery({ document: 'ab 12-34o5' });
    expect(r.ok && r.query.document).toBe('AB1234O5');
    expect(r.ok && r.query.documentConfusable).toBe('A812340S'.replace('S', '5'));
    expect(validateQuery({ plate: '1-abc-234' }).ok).toBe(true);
    expect(validateQuery({ phone: '+32 475 12 34 56' }).ok).toBe(true);
  });

  it('accepts a name one of whose parts OCR misread with a digit', () => {
    expect(validateQuery({ name: 'MUSAYEVA MAL1KA' }).ok).toBe(true);
  });

  it('reads the document number of a machine-readable zone line given as the document', () => {
    const r = validateQuery({ document: 'L898902C36UTO7408122F1204159ZE184226B<<<<<10' });
    expect(r.ok && r.query.document).toBe('L898902C3');
    expect(r.ok && r.query.documentConfusable).toBe('1898902C3');
    // a number typed with a filler is still the number typed
    const typed = validateQuery({ document: 'BD843099<' });
    expect(typed.ok && typed.query.document).toBe('BD843099');
  });

  it('reads a nationality as a passport\'s machine-readable zone writes it (ICAO Doc 9303)', () => {
    const countries = (nationality: string): readonly string[] | string => {
      const r = validateQuery({ name: 'Karel Vandermolen', nationality });
      return r.ok ? r.query.countries : `${r.field}: ${r.reason}`;
    };
    expect(countries('D<<')).toEqual(['de']);
    expect(countries('D')).toEqual(['de']);
    expect(countries('GBD')).toEqual(['gb']);
    expect(countries('UNK')).toEqual(['xk']);
    expect(countries('MAR')).toEqual(['ma']);
    // stateless, refugee, unspecified and a United Nations official: no nationality to compare
    for (const code of ['XXA', 'XXB', 'XXC', 'XXX', 'UNO', 'UNA']) expect(countries(code)).toEqual([]);
  });

  it.each([
    [{}, 'query: nothing to screen'],
    [{ name: '' }, 'query: nothing to screen'],
    [{ name: '   ' }, 'query: nothing to screen'],
    [{ name: 'A' }, 'name: no identifying name part'],
    [{ name: 'al' }, 'name: no identifying name part'],
    [{ name: 'al bin el' }, 'name: no identifying name part'],
    [{ name: 'Dr. Sheikh' }, 'name: no identifying name part'],
    [{ name: 'x'.repeat(10_000) }, 'name: longer than 300'],
    [{ name: 'Karel\u0000Vandermolen' }, 'name: contains control characters'],
    [{ name: 'Karel\nVandermolen' }, 'name: contains control characters'],
    [{ name: 'a b c d e f g h i j k l'.split(' ').map((l) => l.repeat(3)).join(' ') }, 'name: more than 10'],
    [{ name: 42 }, 'name: must be text'],
    [{ name: 'EE8371846' }, 'name: no letter-only name part'],
    [{ name: '12345 678' }, 'name: no letter-only name part'],
    [{ name: 'Karel Vandermolen', birthDate: 'yesterday' }, 'birthDate: not a date'],
    [{ name: 'Karel Vandermolen', birthDate: '1492-10-12' }, 'birthDate: not a date'],
    [{ name: 'Karel Vandermolen', nationality: 'Atlantis' }, 'nationality: not an ISO'],
    [{ name: 'Karel Vandermolen', gender: 'q' }, 'gender: not a gender'],
    [{ document: '1' }, 'document: a document number has'],
    [{ phone: '12' }, 'phone: a phone number has'],
    [null, 'query: the query must be an object'],
    [['Karel'], 'query: the query must be an object'],
  ])('refuses %j with a reason', (input, expected) => {
    expect(reason(input)).toContain(expected);
  });
});
