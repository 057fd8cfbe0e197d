import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressTokens, compareAddresses } from './compare-addresses.ts';
import { compareDates, DATE_LEVELS, parseDate, type PartialDate } from './compare-dates.ts';
import { compareIdentifiers, confusableForm, IDENTIFIER_LEVELS, normalizeIdentifier, withinOneEdit } from './compare-identifiers.ts';
import { compareNames, compareNormalizedNames, joinsCanMatter, tokenSimilarity } from './compare-names.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { normalizeName, withJoins, type NameToken } from './normalize-name.ts';
import { comparePhones, normalizePhone, PHONE_LEVELS } from './compare-phones.ts';
import { comparePlaces, normalizePlace, PLACE_LEVELS } from './compare-places.ts';
import { buildNameFrequencies } from './name-frequencies.ts';

describe('compareNames', () => {
  it.each([
    ['KOVAR, Tomas', 'Tomas Kovar', 'exact'],
    ['Abd al-Salam Marwani', 'Abdeslam Marouani', 'phonetic'],
    ['Youssef al-Belgiki', 'Yusuf Belgiki', 'phonetic'],
    ['Tomasz Kovarik', 'Tomas Kovarig', 'fuzzy'],
    ['Tomas Ilja Kovar', 'Tomas Kovar', 'subset'],
    ['J. Kovar', 'Jan Kovar', 'initials'],
    ['Tomas Ilja Kovar', 'Tomas Petr Kovar', 'overlap'],
    ['Tomas Kovar', 'Tomas Novak', 'partial'],
    ['Tomas Kovar', 'Greta Lindqvist', 'none'],
    ['', 'Greta Lindqvist', 'missing'],
  ])('%s vs %s -> %s', (a, b, level) => expect(compareNames(a, b).level).toBe(level));
  it('aligns a token with two adjacent tokens written apart (compounds)', () => {
    expect(compareNames('Karimreza Tabani', 'Karim Reza Tabani').level).toBe('phonetic');
    expect(compareNames('ZAROVI MALEKPOUR, Selim', 'Selim Zarovi Malek Pour').level).toBe('phonetic');
    expect(compareNames('Yong-Sok Pahk', 'Yongsok Pahk').level).toBe('phonetic');
    // a compound never aligns when one of its parts alone is the better reading
    expect(compareNames('Karim Tabani', 'Karim Reza Tabani').level).toBe('subset');
  });
  it('lifts phonetic-equal tokens only when the spelling agrees too', () => {
    expect(compareNames('Selim Obaidi', 'Selim Ubaydi').level).toBe('phonetic');
    expect(compareNames('Selim Omairi', 'Selim Umayri').level).toBe('phonetic');
    // same consonant classes, different names (vowel slots differ)
    expect(['phonetic', 'fuzzy']).not.toContain(compareNames('Mohamed Tabani', 'Mahmoud Tabani').level);
    expect(['phonetic', 'fuzzy']).not.toContain(compareNames('Omar Tabani', 'Amir Tabani').level);
    // the same consonants, the vowels elsewhere and another in the closed last syllable: Mahmoud and Mohammad are two names
    expect(['phonetic', 'fuzzy']).not.toContain(compareNames('Mohammad Tabani', 'Mahmoud Tabani').level);
    expect(['phonetic', 'fuzzy']).not.toContain(compareNames('Mohammad el-Dleimi', 'Mahmoud Al-Dulaimi').level);
    // while a spelling that drops a vowel, or puts another one in the same places, is one name
    expect(compareNames('Fatima Tabani', 'Fatma Tabani').level).toBe('phonetic');
    expect(compareNames('Mohamed Tabani', 'Mhamed Tabani').level).toBe('phonetic');
    expect(compareNames('Yusuf Tabani', 'Yousef Tabani').level).toBe('phonetic');
    expect(compareNames('Mahmoud Tabani', 'Mahmud Tabani').level).toBe('phonetic');
    expect(compareNames('Mohamud Tabani', 'Mahmoud Tabani').level).toBe('phonetic');
    // short tokens, same skeleton, vowels of one class in every slot: a respelling
    expect(compareNames('Kassem Tabani', 'Qasim Tabani').level).toBe('phonetic');
    expect(compareNames('Seif Tabani', 'Sayf Tabani').level).toBe('phonetic');
    expect(compareNames('Walid Tabani', 'Valed Tabani').level).toBe('phonetic');
    // the same with a vowel of another class (a against o/u), or one consonant only: not lifted
    expect(compareNames('Samir Tabani', 'Somar Tabani').level).not.toBe('phonetic');
    expect(compareNames('Han Tabani', 'Hun Tabani').level).not.toBe('phonetic');
    expect(compareNames('Li Tabani', 'Le Tabani').level).not.toBe('phonetic');
    // same key, a syllable more: not a respelling
    expect(compareNames('Gang Tabani', 'Guanghua Tabani').level).not.toBe('phonetic');
    expect(compareNames('Ming Tabani', 'Mingguo Tabani').level).not.toBe('phonetic');
  });
  it('relates a compound to its stem when the head moved or was left out', () => {
    // reordered: the head attached to the neighbouring word
    const moved = compareNames('Abd Tabani al-Karim', 'Abd al-Karim Tabani');
    expect(moved.aligned).toBe(2);
    expect(moved.level).toBe('fuzzy');
    expect(compareNames('Abu Tabani Mahdi', 'Abu Mahdi Tabani').aligned).toBe(2);
    // related names, never read as one spelling
    expect(compareNames('Karim Tabani', 'Abd al-Karim Tabani').level).toBe('fuzzy');
    expect(compareNames('Abu Mahdi', 'Mahdi').level).toBe('single');
    // a compound's name against a plain name that opens on another sound: letters shared, not a name
    expect(compareNames('Abdeslam Tabani', 'Islam Tabani').level).toBe('fuzzyLow');
    expect(compareNames('Abdeslam', 'Islam Saidov').level).toBe('none');
  });
  it('tells apart two compounds on one head built on different names, and keeps their respellings', () => {
    expect(compareNames('Abd al-Karim Tabani', 'Abd al-Rahim Tabani').level).toBe('partial');
    expect(compareNames('Abdelhamid Tabani', 'Abdelmajid Tabani').level).toBe('partial');
    expect(compareNames('Abu Shaheed al-Belgiki', 'Abu Omar al-Belgiki').aligned).toBe(1);
    // one name respelled keeps its first sound
    expect(compareNames('Abdul Rahim Tabani', 'Abdulrheem Tabani').level).toBe('phonetic');
    expect(compareNames('Abd al-Munim Tabani', 'Abd al-Menhem Tabani').aligned).toBe(2);
    expect(compareNames('Abu Dawud', 'Abou Daoud').aligned).toBe(1);
    // a slip at the head's edge leaves one name the end of the other
    expect(compareNames('Abdlekader Tabani', 'Abdelkader Tabani').aligned).toBe(2);
    expect(compareNames('Abddeslam Tabani', 'Abdeslam Tabani').aligned).toBe(2);
  });
  it.each([
    // Persian: q or gh for both qaf and ghayn
    ['Qasem Tabani', 'Ghasem Tabani', 'phonetic'],
    ['Gholamreza Tabani', 'Qolamreza Tabani', 'phonetic'],
    ['Sadeq Tabani', 'Sadegh Tabani', 'phonetic'],
    // Libya, Sudan, the Gulf: g for a qaf
    ['Qasim Tabani', 'Gasim Tabani', 'phonetic'],
    ['Muammar Qadhafi', 'Muammar Gaddafi', 'fuzzy'],
    // Korean: ch or j for one consonant (McCune-Reischauer, Revised Romanization)
    ['Kim Jung Jong', 'Kim Chung Chong', 'phonetic'],
    ['Chang Myong-Chin', 'Jang Myong-Jin', 'phonetic'],
    // Belarusian and Ukrainian h for Russian g
    ['Hryhoriy Tabanko', 'Grigory Tabanko', 'fuzzy'],
    ['Heorhiy Tabanko', 'Georgy Tabanko', 'phonetic'],
    ['Volha Tabanko', 'Olga Tabanko', 'fuzzy'],
    // alike but spelled otherwise too: a respelling, not one spelling
    ['Qasir Tabani', 'Ghassir Tabani', 'fuzzy'],
    // a qaf is not any other consonant; a word written in Arabic script writes a true h
    ['Qasem Tabani', 'Hashem Tabani', 'partial'],
    ['حمزة', 'Gamal', 'none'],
  ])('reads the letters transliterations write for one another alike: %s vs %s -> %s', (a, b, level) => expect(compareNames(a, b).level).toBe(level));
  it('reads them alike only where they stand for one another, and as a respelling only on words long enough to tell one', () => {
    // Chol / Jo: "jol" / "jo"
    expect(compareNames('Yong Chol Tabani', 'Yong Jo Tabani').level).not.toBe('fuzzy');
    const token = (name: string) => normalizeName(name).core[0] as NameToken;
    expect(tokenSimilarity(token('Ghasem'), token('Qasem'))).toBeGreaterThan(jaroWinkler('ghasem', 'qasem'));
    // a g against a k (Gamal, Kamal: two names), or "qu" against a k (Enrique, Erik), is compared as written
    expect(tokenSimilarity(token('Gamal'), token('Kamal'))).toBe(jaroWinkler('gamal', 'kamal'));
    expect(tokenSimilarity(token('Enrique'), token('Erik'))).toBe(jaroWinkler('enrique', 'erik'));
  });
  it('caps a kunya-only alias', () => {
    expect(compareNames('Abu Tariq', 'Abu Tariq').level).toBe('single');
  });
  it('gives rare agreeing tokens a positive and common ones a negative adjustment', () => {
    const frequencies = buildNameFrequencies([...Array.from({ length: 50 }, (_, i) => `Mohamed X${i}`), 'Zoltar Quenby']);
    expect(compareNames('Zoltar Quenby', 'Zoltar Quenby', { frequencies }).tf).toBeGreaterThan(0);
    expect(compareNames('Mohamed', 'Mohamed', { frequencies }).tf).toBeLessThan(0);
  });
  it('is symmetric in its level', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const name = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(fc.property(name, name, (a, b) => compareNames(a, b).level === compareNames(b, a).level));
  });
});

describe('joinsCanMatter', () => {
  it('finds a query part that reads as two listed parts written together', () => {
    const listed = normalizeName('Hamid Reza Tehrani', { joins: false });
    expect(joinsCanMatter(normalizeName('Hamidreza Tehrani'), listed)).toBe(true);
    expect(joinsCanMatter(normalizeName('Karim Tehrani'), listed)).toBe(false);
  });

  it('when it says no, the listed name compares the same without its joins as with them', () => {
    const word = fc.stringMatching(/^[a-e]{1,5}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    let unaffected = 0;
    fc.assert(fc.property(name, name, (q, l) => {
      const query = normalizeName(q);
      const held = normalizeName(l, { joins: false });
      if (joinsCanMatter(query, held)) return;
      unaffected++;
      expect(compareNormalizedNames(query, held)).toEqual(compareNormalizedNames(query, withJoins(held)));
    }), { numRuns: 2000 });
    expect(unaffected).toBeGreaterThan(100);
  });
});

describe('dates', () => {
  const level = (a: string, b: string): string => DATE_LEVELS[compareDates([parseDate(a) as PartialDate], [parseDate(b) as PartialDate])] ?? '';
  it.each([
    ['1989-09-15', '1989-09-15', 'exact'], ['1989-09-15', '1989-09', 'yearMonth'], ['1989-09-15', '1989-09-03', 'year'], ['1989-09-05', '1989-05-09', 'swapped'],
    ['1989-09-15', '1989', 'year'], ['1989', '1990', 'near'], ['1989-09', '1995-09', 'mismatch'], ['15 Sep 1989', '1989-09-15', 'exact'],
    ['1988-12-06', '1987-12-06', 'near'], ['1988-12-06', '1987-03-21', 'mismatch'], ['1988-12-06', '1987', 'near'],
    ['1988-12-06', '1988-03-21', 'mismatch'], ['1988-12-06', '1988-03-06', 'year'], ['1988-01-01', '1988-12-06', 'year'],
    ['1988-01-01', '1987-12-06', 'near'], ['1988-01-01', '1988-01-01', 'exact'], ['1988-01-01', '1988', 'year'],
  ])('%s vs %s -> %s', (a, b, expected) => expect(level(a, b)).toBe(expected));
  it('is missing without a date and rejects garbage', () => {
    expect(DATE_LEVELS[compareDates([], [{ year: 1989 }])]).toBe('missing');
    expect(parseDate('unknown')).toBeUndefined();
  });
});

describe('identifiers', () => {
  const level = (a: string, b: string): string => IDENTIFIER_LEVELS[compareIdentifiers([normalizeIdentifier(a)], [normalizeIdentifier(b)])] ?? '';
  it.each([
    ['AB-123 456', 'ab123456', 'exact'], ['AB0I2345', 'ABO12345', 'confusable'], ['AB123456', 'AB123465', 'oneEdit'],
    ['AB123456', 'AB12345', 'oneEdit'], ['AB123456', 'XY987654', 'mismatch'], ['A1', 'A2', 'mismatch'],
  ])('%s vs %s -> %s', (a, b, expected) => expect(level(a, b)).toBe(expected));
  it('maps confusable characters to one form', () => {
    expect(confusableForm('ABO12S45')).toBe('A8012545');
    expect(confusableForm('QDILZG')).toBe('001126');
    expect(confusableForm('91061412345')).toBe('91061412345');
  });
  it('one-edit is symmetric', () => {
    const id = fc.stringMatching(/^[AB1]{0,6}$/);
    fc.assert(fc.property(id, id, (a, b) => withinOneEdit(a, b) === withinOneEdit(b, a)));
  });
});

describe('phones and addresses', () => {
  it('compares E.164 digits and the last nine digits', () => {
    const p = (a: string, b: string): string => PHONE_LEVELS[comparePhones([normalizePhone(a)], [normalizePhone(b)])] ?? '';
    expect(p('+32 475 12 34 56', '0032475123456')).toBe('exact');
    expect(p('+32 475 12 34 56', '0475 12 34 56')).toBe('lastNine');
    expect(p('+32 475 12 34 56', '+32 476 99 88 77')).toBe('mismatch');
  });
  it('scores address token overlap', () => {
    expect(compareAddresses([addressTokens('12 Rue Haute')], [addressTokens('12, rue Haute, 1000 Bruxelles')])).toBe(0);
    expect(compareAddresses([addressTokens('12 Rue Haute')], [addressTokens('7 Avenue Louise')])).toBe(3);
  });
});

describe('places of birth', () => {
  const level = (a: readonly string[], b: readonly string[]): string => PLACE_LEVELS[comparePlaces(a.map(normalizePlace), b.map(normalizePlace))] ?? '';
  it.each([
    [['Saint-Denis'], ['SAINT DENIS'], 'exact'], [['Sarajevo'], ['Sarajevo, BiH'], 'similar'], [['Schaerbeek'], ['Schaarbeek'], 'similar'],
    [['Oran'], ['Namur'], 'mismatch'], [['Oran', 'Namur'], ['namur'], 'exact'], [[], ['Namur'], 'missing'], [['  '], ['Namur'], 'missing'],
  ] as const)('%j vs %j -> %s', (a, b, expected) => expect(level(a.filter((x) => normalizePlace(x) !== ''), b)).toBe(expected));
});
