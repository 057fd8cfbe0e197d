import { describe, expect, it } from 'vitest';
import { findAddresses } from './find-addresses.ts';
import { findEmails, findPhones, toE164 } from './find-contacts.ts';
import { findDocuments, findPlates } from './find-identifiers.ts';
import { findMoney } from './find-money.ts';

const all = () => true;

describe('contacts', () => {
  it('finds e-mail addresses, lower-cased', () => {
    expect(findEmails('write to Jan.Peeters@Example.be today').map((s) => s.key)).toEqual(['jan.peeters@example.be']);
  });
  it('normalises international numbers to E.164 and keeps national ones as digits', () => {
    const t = 'call +33 (0)1 53 71 53 71, 0032 475 12 34 56 or 0486 12 34 56, not 114 or 2023';
    expect(findPhones(t, all).map((s) => s.key)).toEqual(['+33153715371', '+32475123456', '0486123456']);
  });
  it('reads national numbers as the report\'s country numbers them, and keeps the digits of one its plan has not', () => {
    const t = 'gsm 0486 12 34 56, office 02 512 34 56, and 0999 99 99 99';
    expect(findPhones(t, all, 'be').map((s) => s.key)).toEqual(['+32486123456', '+3225123456', '0999999999']);
    expect(findPhones('mobile 06 12 34 56 78', all, 'FR').map((s) => s.props['number'])).toEqual([['+33612345678']]);
    expect(findPhones('gsm 0486 12 34 56', all).map((s) => s.key)).toEqual(['0486123456']);
  });
  it('takes a prefix and one long group ("07700 900461") when cued or when the report\'s country numbers phones so', () => {
    expect(findPhones('his phone number, 07700 900461, was on a note', all).map((s) => s.key)).toEqual(['07700900461']);
    expect(findPhones('seen at 07400 123456 on the list', all, 'GB').map((s) => s.key)).toEqual(['+447400123456']);
    expect(findPhones('Berlin office 030 1234567', all, 'DE').map((s) => s.key)).toEqual(['+49301234567']);
    // not a phone in that country, and nothing says it is one
    expect(findPhones('file 0123 456789 closed', all, 'BE')).toEqual([]);
    expect(findPhones('file 0123 456789 closed', all)).toEqual([]);
  });
  it('rejects digit runs too short or long for E.164', () => {
    expect(toE164('+32 12')).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('needs a cue word for a document number and records its type', () => {
    const spans = findDocuments('Passport no. U09231847 and ticket 123456789; national register number 94.05.12-337.21.', all);
    expect(spans.map((s) => [s.key, s.props['type']?.[0]])).toEqual([
      ['U09231847', 'passport'], ['94.05.12-337.21', 'national identification number'],
    ]);
  });
  it('finds plates after registration cues only', () => {
    const t = 'a grey Peugeot 308 bearing registration plate GH-482-KT; a Ford registered LR19 KXP; room AB-12';
    expect(findPlates(t, all).map((s) => s.name)).toEqual(['GH-482-KT', 'LR19 KXP']);
  });
});

describe('money and addresses', () => {
  it('reads amounts with symbols, codes and words', () => {
    expect(findMoney('paid €12,000, EUR 36,000 and 4,500 euros and 2.5 million dollars', all).map((s) => s.key)).toEqual([
      '12000 EUR', '36000 EUR', '4500 EUR', '2500000 USD',
    ]);
  });
  it('finds street addresses of several traditions', () => {
    const t = 'at 14 rue Paul Bert, Vénissieux; at Hermannstraße 44, 12045 Berlin; on Coventry Road.';
    const spans = findAddresses(t, all);
    expect(spans.map((s) => s.name).sort()).toEqual(['14 rue Paul Bert', 'Coventry Road', 'Hermannstraße 44']);
    expect(spans.find((s) => s.name === 'Hermannstraße 44')?.props['postalCode']).toEqual(['12045']);
  });
  it('reads a postcode after the street as the town\'s, not as a house number', () => {
    const [numbered, plain] = findAddresses('at 8 Rue Longue, 4000 Liège and at Rue Verte 3, 6000 Charleroi.', all);
    expect(numbered?.name).toBe('8 Rue Longue');
    expect(numbered?.props).toMatchObject({ postalCode: ['4000'], city: ['Liège'], full: ['8 Rue Longue, 4000 Liège'] });
    expect(plain?.name).toBe('Rue Verte 3');
    expect(plain?.props['city']).toEqual(['Charleroi']);
  });
});
