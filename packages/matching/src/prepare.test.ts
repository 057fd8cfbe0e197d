import { describe, expect, it } from 'vitest';
import { FEATURES, comparePreparedNames, comparisonVector } from './features.ts';
import { buildNameFrequencies } from './name-frequencies.ts';
import { MATCHING_PROPERTIES, createPrepareCache, matchableNames, normalizeNameCached, prepare, type MatchableRecord } from './prepare.ts';

/** Fictional records written for this test. */
const records: MatchableRecord[] = [
  { schema: 'Person', properties: { name: ['Nadia Ferhat'], firstName: ['Nadia'], lastName: ['Ferhat'], birthDate: ['1984-02-11'], birthPlace: ['Oran'], nationality: ['dz'], gender: ['female'], notes: ['met at the station'] } },
  { schema: 'Person', properties: { name: ['FERHAT, Nadia'], birthDate: ['1984-02-11'], birthPlace: ['ORAN'], idNumber: ['84.02.11-123.45'], phone: ['+32 475 12 34 56'], address: ['12 Rue Haute, 1000 Bruxelles'], email: ['n@example.org'] } },
  { schema: 'Person', properties: { name: ['Nadia Ferhat'], alias: ['Umm Yusuf'], weakAlias: ['Umm Yusuf'], passportNumber: ['XK1234567'], middleName: ['Leila'], lastName: ['Ferhat'] } },
  { schema: 'Person', properties: { name: ['Piotr Zielinski'], secondName: ['Jan'], citizenship: ['pl'], addressFull: ['ul. Dluga 5, Gdansk'] } },
];

const keep = (r: MatchableRecord): MatchableRecord => ({ schema: r.schema, properties: Object.fromEntries(Object.entries(r.properties).filter(([k]) => MATCHING_PROPERTIES.has(k))) });

describe('prepare', () => {
  it('reads nothing outside MATCHING_PROPERTIES: a record cut down to them compares the same', () => {
    for (const a of records) {
      for (const b of records) expect(comparisonVector(prepare(keep(a)), prepare(keep(b)))).toEqual(comparisonVector(prepare(a), prepare(b)));
    }
    expect(MATCHING_PROPERTIES.has('notes')).toBe(false);
  });

  it('with a batch cache gives the same comparisons and shares one prepared name per distinct string', () => {
    const cache = createPrepareCache();
    const names = records.flatMap((r) => [...matchableNames(r).strong, ...matchableNames(r).weak]);
    const frequencies = buildNameFrequencies(names, (n) => normalizeNameCached(cache, n));
    const cached = records.map((r) => prepare(r, { frequencies, cache }));
    const plain = records.map((r) => prepare(r, { frequencies }));
    for (let i = 0; i < records.length; i++) {
      for (let j = 0; j < records.length; j++) expect(comparisonVector(cached[i]!, cached[j]!)).toEqual(comparisonVector(plain[i]!, plain[j]!));
    }
    expect(cached[0]!.names[0]).toBe(cached[2]!.names[0]);
    expect(plain[0]!.names[0]).not.toBe(plain[2]!.names[0]);
    expect(cached[1]!.birthPlaces[0]).toBe('oran');
  });

  it('with a batch cache shares the list of a record\'s one name, country, gender, place or date of birth', () => {
    const cache = createPrepareCache();
    const one = { name: ['Nadia Ferhat'], nationality: ['dz'], gender: ['female'], birthPlace: ['Oran'], birthDate: ['1984-02-11'] };
    const [a, b, c] = [{ ...one }, { ...one, name: ['FERHAT, Nadia'] }, { ...one, name: ['Nadia Ferhat', 'Nadia Ferhad'], nationality: ['dz', 'fr'] }]
      .map((properties) => prepare({ schema: 'Person', properties }, { cache }));
    for (const field of ['countries', 'genders', 'birthPlaces', 'birthDates'] as const) expect(b![field]).toBe(a![field]);
    expect(c!.names).not.toBe(a!.names);
    expect(c!.countries).toEqual(['dz', 'fr']);
    expect(c!.birthDates).toBe(a!.birthDates);
    // and the same values as without a cache (but for the key ids of the cache)
    const values = (records: unknown): unknown => JSON.parse(JSON.stringify(records, (key, value: unknown) => (key === 'keyId' ? undefined : value)));
    expect(values([a, b, c])).toEqual(values([one, { ...one, name: ['FERHAT, Nadia'] }, { ...one, name: ['Nadia Ferhat', 'Nadia Ferhad'], nationality: ['dz', 'fr'] }].map((properties) => prepare({ schema: 'Person', properties }))));
    expect(prepare({ schema: 'Person', properties: one }, { cache }).names).toBe(a!.names);
  });

  it('keeps one list of identifiers when none has a confusable character', () => {
    const digits = prepare({ schema: 'Person', properties: { idNumber: ['84.02.11-123.45'] } });
    expect(digits.identifiersConfusable).toBe(digits.identifiers);
    const letters = prepare({ schema: 'Person', properties: { idNumber: ['84.02.11-123.45'], passportNumber: ['SB1234567'] } });
    expect(letters.identifiers).toEqual(['84021112345', 'SB1234567']);
    expect(letters.identifiersConfusable).toEqual(['84021112345', '581234567']);
  });

  it('leaves per-token frequencies out when not explaining, and keeps the adjustments', () => {
    const frequencies = buildNameFrequencies(records.flatMap((r) => matchableNames(r).strong));
    const lean = prepare(records[0]!, { frequencies, explain: false });
    const full = prepare(records[0]!, { frequencies });
    expect(lean.names[0]!.frequency).toBeUndefined();
    expect(full.names[0]!.frequency).toHaveLength(2);
    expect(lean.names[0]!.tf).toEqual(full.names[0]!.tf);
    expect(FEATURES.map((f) => f.compare(lean, prepare(records[1]!, { frequencies, explain: false })))).toEqual(comparisonVector(full, prepare(records[1]!, { frequencies })));
  });
  it('gives equal name keys one id within a cache, and still compares names of two caches by their keys', () => {
    const one = createPrepareCache();
    const other = createPrepareCache();
    const named = (name: string): MatchableRecord => ({ schema: 'Person', properties: { name: [name] } });
    const x = prepare(named('Mira Vandersteen'), { cache: one });
    const y = prepare(named('VANDERSTEEN, Mira'), { cache: one });
    const z = prepare(named('Tomasz Wrobel'), { cache: one });
    expect(x.names[0]?.keyId).toBe(y.names[0]?.keyId);
    expect(x.names[0]?.keyId).not.toBe(z.names[0]?.keyId);
    expect(comparePreparedNames(x, y).level).toBe('exact');
    expect(comparePreparedNames(x, prepare(named('Mira Vandersteen'), { cache: other })).level).toBe('exact');
    expect(comparePreparedNames(x, prepare(named('Mira Vandersteen'))).level).toBe('exact');
    expect(comparePreparedNames(x, z).level).toBe('none');
  });
});
