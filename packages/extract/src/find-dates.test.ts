import { describe, expect, it } from 'vitest';
import { findDates } from './find-dates.ts';
import { datesWrittenOf } from './test-documents.ts';

const all = () => true;
const found = (t: string) => findDates(t, all).map((s) => [t.slice(s.start, s.end), s.key]);

describe('findDates', () => {
  it('normalises written dates to ISO', () => {
    expect(found('on 14 March 2023 and on November 13, 2015')).toEqual([
      ['14 March 2023', '2023-03-14'], ['November 13, 2015', '2015-11-13'],
    ]);
  });
  it('reads numeric dates day first and swaps when the first number cannot be a day', () => {
    expect(found('born 12/04/1996, DOB 03.07.1988, seen 12/31/2020')).toEqual([
      ['12/04/1996', '1996-04-12'], ['03.07.1988', '1988-07-03'], ['12/31/2020', '2020-12-31'],
    ]);
  });
  it('keeps month precision and finds years after temporal prepositions and in ranges', () => {
    expect(found('in January 2022, since 2019, (2015–2018), 214 calls')).toEqual([
      ['January 2022', '2022-01'], ['2019', '2019'], ['2015', '2015'], ['2018', '2018'],
    ]);
  });
  it('borrows the year for a partial date from the end of a range', () => {
    expect(found('from 1 June to 31 August 2021')).toEqual([['1 June', '2021-06-01'], ['31 August 2021', '2021-08-31']]);
  });
  it('borrows the year for a partial date from a full date later in its sentence, not in the next', () => {
    expect(found('on 6 June and 7 July 2006')).toEqual([['6 June', '2006-06-06'], ['7 July 2006', '2006-07-07']]);
    expect(found('Youssef Haddad called on 6 June. Karim Benali was seen in Ghent on 7 July 2006')).toEqual([['6 June', '--06-06'], ['7 July 2006', '2006-07-07']]);
    expect(found('On 6 June! Seen on 7 July 2006')).toEqual([['6 June', '--06-06'], ['7 July 2006', '2006-07-07']]);
    expect(found('Called: 6 June\nSeen: 7 July 2006')).toEqual([['6 June', '--06-06'], ['7 July 2006', '2006-07-07']]);
    // a full stop the sentences do not end at (a lower-case word after it, an abbreviation) does not stop it
    expect(found('on 6 June. then on 7 July 2006')).toEqual([['6 June', '2006-06-06'], ['7 July 2006', '2006-07-07']]);
    expect(found('on 6 Jun. then on 7 July 2006')).toEqual([['6 Jun.', '2006-06-06'], ['7 July 2006', '2006-07-07']]);
    // but an abbreviated month's, before a capital, may end the sentence: no year is borrowed over it
    expect(found('on 6 Jun. He left on 7 July 2006')).toEqual([['6 Jun.', '--06-06'], ['7 July 2006', '2006-07-07']]);
  });
  it('leaves the full stop after a month out of the date unless it closes the month abbreviated', () => {
    expect(found('seen on 6 June. Seen on 7 Mars. Seen on 8 Septembre.')).toEqual([['6 June', '--06-06'], ['7 Mars', '--03-07'], ['8 Septembre', '--09-08']]);
    expect(found('seen on 6 Jun. 2006 and on 7 Sept.')).toEqual([['6 Jun. 2006', '2006-06-06'], ['7 Sept.', '--09-07']]);
  });
  it('borrows the year for each partial date of a long text of dates from the full date after it', () => {
    const dates = found(datesWrittenOf(200_000));
    expect(dates).toHaveLength(4_533);
    // "From 5 May to 5 June 2004 …" and "On 6 June …", each one sentence in six
    const partial = dates.flatMap(([written, iso], i) => (/^\d+ \p{L}+$/u.test(written ?? '') ? [[written, iso, dates[i + 1]?.[1]]] : []));
    expect(partial.slice(0, 3)).toEqual([['5 May', '2004-05-05', '2004-06-05'], ['6 June', '--06-06', '2006-07-07'], ['11 November', '2010-11-11', '2010-12-11']]);
    expect(partial.at(-1)).toEqual(['18 June', '--06-18', '2007-07-19']);
    const borrowing = partial.filter(([, iso]) => !iso?.startsWith('--'));
    expect([borrowing.length, partial.length - borrowing.length]).toEqual([647, 647]);
    expect(borrowing.filter(([, iso, next]) => iso?.slice(0, 4) !== next?.slice(0, 4))).toEqual([]);
  });
  it('makes each bare day of a list before a dated day a date of its own, with the list end\'s month and year', () => {
    expect(found('between 6 and 7 June 2006')).toEqual([['6', '2006-06-06'], ['7 June 2006', '2006-06-07']]);
    expect(found('on 6, 7 and 8 June 2006')).toEqual([['6', '2006-06-06'], ['7', '2006-06-07'], ['8 June 2006', '2006-06-08']]);
    expect(found('on 6, 7, or 9th June 2006')).toEqual([['6', '2006-06-06'], ['7', '2006-06-07'], ['9th June 2006', '2006-06-09']]);
    expect(found('on 6–8 June 2006 and 6-8 July 2006')).toEqual([
      ['6', '2006-06-06'], ['8 June 2006', '2006-06-08'], ['6', '2006-07-06'], ['8 July 2006', '2006-07-08'],
    ]);
    expect(found('from 6 to 8 June 2006')).toEqual([['6', '2006-06-06'], ['8 June 2006', '2006-06-08']]);
    expect(found('on June 6 and 7, 2006 and on June 9–11, 2006')).toEqual([
      ['June 6', '2006-06-06'], ['7, 2006', '2006-06-07'], ['June 9', '2006-06-09'], ['11, 2006', '2006-06-11'],
    ]);
    // a list without a year takes the year its end borrows, or none
    expect(found('from 6 and 7 June to 2 July 2006')).toEqual([['6', '2006-06-06'], ['7 June', '2006-06-07'], ['2 July 2006', '2006-07-02']]);
    expect(found('on 6 and 7 June. Seen on 2 July 2006')).toEqual([['6', '--06-06'], ['7 June', '--06-07'], ['2 July 2006', '2006-07-02']]);
    // over a line break only where the sentence goes on
    expect(found('Karim Benali was seen in Ghent by the harbour office on 6 and\n7 June 2006')).toEqual([['6', '2006-06-06'], ['7 June 2006', '2006-06-07']]);
    expect(found('Room: 6\n7 June 2006')).toEqual([['7 June 2006', '2006-06-07']]);
  });
  it('takes no number for a day that cannot be one of the list', () => {
    // not a day (32), a decimal or a code before it, not in order (28 May to 3 June is no "28 June")
    expect(found('32 and 7 June 2006; 2,6 and 7 June 2006; 1.6 and 7 June 2006; from 28 to 3 June 2006')).toEqual([
      ['7 June 2006', '2006-06-07'], ['7 June 2006', '2006-06-07'], ['7 June 2006', '2006-06-07'], ['3 June 2006', '2006-06-03'],
    ]);
    expect(found('June 12 and 7, 2006')).toEqual([]);
    expect(found('in 2006 and 6-8 July 2006, A6 and 7 June 2006')).toEqual([
      ['2006', '2006'], ['6', '2006-07-06'], ['8 July 2006', '2006-07-08'], ['7 June 2006', '2006-06-07'],
    ]);
    // a month first is the first day's: June 6, then 7 July
    expect(found('on June 6 and 7 July 2006')).toEqual([['7 July 2006', '2006-07-07']]);
  });
  it('takes no number of a thing named before the list for a day: a room, a flat, a platform, No. 12', () => {
    for (const thing of ['searched Room', 'Flat', 'a train at Platform', 'the car in Gate', 'a parcel, No.', 'file Nr.', 'Seats', 'parcels #']) {
      expect(found(`${thing} 12 and 14 November 2015`)).toEqual([['14 November 2015', '2015-11-14']]);
    }
    // the noun decides, not its capital: in lower case too, and in French, Dutch and German
    for (const thing of ['searched room', 'flat', 'the apartment', 'took bus', 'line', 'a train at platform', 'gate', 'seat', 'seats',
      'number', 'la chambre', 'salle', 'appartement', 'ligne', 'quai', 'voie', 'numéro', 'de kamer', 'perron', 'spoor', 'lijn',
      'nummer', 'Zimmer', 'Gleis', 'Wohnung']) {
      expect(found(`${thing} 12 and 14 November 2015`)).toEqual([['14 November 2015', '2015-11-14']]);
    }
    // what opens a date (a preposition, an article, a weekday, a conjunction) or a clause still lists days
    for (const opening of ['On', 'Between', 'the', 'The', 'on Monday', 'Friday', 'and', 'searched on', 'Le', 'Zwischen', 'Seen,', 'was seen', 'seen in Antwerp',
      // a verb opening the sentence, in capitals, is no thing's name, nor is a person's
      'Seen', 'Arrived', 'Visited', 'Observed', 'Gezien', 'Vu', 'Karim Benali called']) {
      expect(found(`${opening} 12 and 14 November 2015`)).toEqual([['12', '2015-11-12'], ['14 November 2015', '2015-11-14']]);
    }
    // a noun elided with its article ("l'appartement", "d’appartement") or abbreviated with a full stop ("Apt.", "appt.") as well
    for (const thing of ["dans l'appartement", 'dans l’appartement', "numéro d'appartement", 'Apt.', 'apt.', 'Appt.', 'Apt', 'appt']) {
      expect(found(`${thing} 12 and 14 November 2015`), thing).toEqual([['14 November 2015', '2015-11-14']]);
    }
    expect(found("aujourd'hui 12 et 14 novembre 2015")).toEqual([['12', '2015-11-12'], ['14 novembre 2015', '2015-11-14']]);
    expect(found('12 and 14 November 2015')).toEqual([['12', '2015-11-12'], ['14 November 2015', '2015-11-14']]);
    expect(found('Seen. 12 and 14 November 2015')).toEqual([['12', '2015-11-12'], ['14 November 2015', '2015-11-14']]);
  });
  it('reads a capitalised month without a year, abbreviated too, and a lower-case one only with a year of its own', () => {
    expect(found('seen on 6 Jun')).toEqual([['6 Jun', '--06-06']]);
    expect(found('seen on 6 Jun. Seen on 6 Jun 2006')).toEqual([['6 Jun.', '--06-06'], ['6 Jun 2006', '2006-06-06']]);
    expect(found('seen on 6 June')).toEqual([['6 June', '--06-06']]);
    expect(found('seen on 6 june')).toEqual([]);
    expect(found('from 6 Jun to 8 July 2006')).toEqual([['6 Jun', '2006-06-06'], ['8 July 2006', '2006-07-08']]);
    expect(found('from 6 june to 8 July 2006')).toEqual([['8 July 2006', '2006-07-08']]);
    expect(found('on 6 and 7 Jun')).toEqual([['6', '--06-06'], ['7 Jun', '--06-07']]);
  });
  it('reads a German day written with its full stop before a German month name, in a list too', () => {
    expect(found('am 14. November 2015 und am 3. März')).toEqual([['14. November 2015', '2015-11-14'], ['3. März', '--03-03']]);
    expect(found('am 12. und 14. November 2015')).toEqual([['12.', '2015-11-12'], ['14. November 2015', '2015-11-14']]);
    expect(found('am 1., 2. und 3. Dezember 2015')).toEqual([['1.', '2015-12-01'], ['2.', '2015-12-02'], ['3. Dezember 2015', '2015-12-03']]);
    // before a month name German does not write, the full stop ends the number: no day
    expect(found('Seite 14. Juin 2015')).toEqual([['Juin 2015', '2015-06']]);
    expect(found('Room 14. Mars 2015')).toEqual([['Mars 2015', '2015-03']]);
  });
  it('ignores identifiers that look like dates', () => {
    expect(found('register number 94.05.12-337.21 and card 592-1234567-89')).toEqual([]);
  });
});
