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
    expect(found('on 6 Jun. He left on 7 July 2006')).toEqual([['6 Jun.', '2006-06-06'], ['7 July 2006', '2006-07-07']]);
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
  it('ignores identifiers that look like dates', () => {
    expect(found('register number 94.05.12-337.21 and card 592-1234567-89')).toEqual([]);
  });
});
