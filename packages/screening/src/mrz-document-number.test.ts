import { describe, expect, it } from 'vitest';
import { mrzCheckDigit, mrzDocumentNumber } from './mrz-document-number.ts';

// the specimens of ICAO Doc 9303 (Utopia, UTO): fictional documents
describe('mrzDocumentNumber', () => {
  it('reads the number of a passport (TD3) or TD2 document\'s second line, of an identity card\'s (TD1) first line', () => {
    expect(mrzDocumentNumber('L898902C36UTO7408122F1204159ZE184226B<<<<<10')).toBe('L898902C3');
    expect(mrzDocumentNumber('l898902c36uto7408122f1204159ze184226b<<<<<10 ')).toBe('L898902C3');
    expect(mrzDocumentNumber('D231458907UTO7408122F1204159<<<<<<<6')).toBe('D23145890');
    expect(mrzDocumentNumber('I<UTOD231458907<<<<<<<<<<<<<<<')).toBe('D23145890');
  });

  it('reads a number of more than nine characters on into the optional data, to its check digit', () => {
    expect(mrzDocumentNumber('I<UTOD23145890<7349<<<<<<<<<<<')).toBe('D23145890734');
  });

  it('takes for a line only one whose check digits agree, holding the filler', () => {
    expect(mrzDocumentNumber('L898902C37UTO7408122F1204159ZE184226B<<<<<10')).toBeUndefined();
    expect(mrzDocumentNumber('L898902C36UTO7408122F1204159ZE184226B<<<<<11')).toBeUndefined();
    expect(mrzDocumentNumber('I<UTOD231458906<<<<<<<<<<<<<<<')).toBeUndefined();
    expect(mrzDocumentNumber('L898902C3')).toBeUndefined();
    expect(mrzDocumentNumber('BD843099<')).toBeUndefined();
  });

  it('computes the check digit with weights 7, 3, 1', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
  });
});
