import { describe, expect, it } from 'vitest';
import { buildGazetteer, encodeCityLine, gazetteerFromCityData, parseCountries, placeGazetteer, prunePlaces, resolvePlace, type Place } from './place-gazetteer.ts';

const city = (name: string, country: string, population: number) => ({
  name, country, population, featureCode: 'PPL', loc: { coordinates: [1, 2] as const },
});

describe('place gazetteer', () => {
  const g = buildGazetteer([city('Springfield', 'US', 2_500_000), city('Springfield', 'AU', 20000), city('Liège', 'BE', 180000)]);

  it('finds countries by name and alias, case and accents folded', () => {
    expect(g.lookup('belgique')[0]?.country).toBe('BE');
    expect(g.lookup('The Netherlands')[0]?.kind).toBe('country');
    expect(g.lookup('LIEGE')[0]?.name).toBe('Liège');
  });
  it('maps demonyms to countries', () => {
    expect(g.demonym('Moroccan')).toBe('MA');
    expect(g.demonym('Pizza')).toBeUndefined();
  });
  it('prefers a candidate in a country the document mentions, else the most populous', () => {
    const c = g.lookup('Springfield');
    expect(resolvePlace(c, new Set())?.country).toBe('US');
    expect(resolvePlace(c, new Set(['AU']))?.country).toBe('US');
    expect(resolvePlace([city('X', 'US', 1200), city('X', 'AU', 1000)].map((p) => ({ ...p, kind: 'city' as const, latitude: 0, longitude: 0 })), new Set(['AU']))?.country).toBe('AU');
  });
  it('has a well-formed country table', () => {
    const countries = parseCountries();
    expect(countries.length).toBeGreaterThan(150);
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(Math.abs(c.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.longitude)).toBeLessThanOrEqual(180);
    }
  });
  it('drops only candidates that no set of context countries lets win', () => {
    const place = (country: string, population: number): Place => ({ name: 'X', country, kind: 'city', latitude: 0, longitude: 0, population });
    const kept = prunePlaces([place('AU', 1000), place('US', 2_500_000), place('US', 900_000), place('AU', 30_000), place('NZ', 20_000)]);
    // The second US town never beats the first; an AU town wins with the context bonus only if it
    // has more than a hundredth of the US population (30,000 does, 1,000 and NZ's 20,000 do not).
    expect(kept.map((p) => `${p.country}${p.population}`)).toEqual(['US2500000', 'AU30000']);
    const close = prunePlaces([place('US', 100_000), place('AU', 20_000), place('AU', 500)]);
    expect(close.map((p) => `${p.country}${p.population}`)).toEqual(['US100000', 'AU20000']);
    for (const ctx of [new Set<string>(), new Set(['AU']), new Set(['US', 'AU'])]) {
      const all = [place('US', 100_000), place('AU', 20_000), place('AU', 500)];
      expect(resolvePlace(close, ctx)).toEqual(resolvePlace(all, ctx));
    }
  });
  it('reads the compact city data format, keyed lines and ASCII lines alike, with exact coordinates', () => {
    const liege: Place = { name: 'Liège', country: 'BE', kind: 'city', latitude: 50.63373, longitude: 5.56749, population: 182597 };
    const leeds: Place = { name: 'Leeds', country: 'GB', kind: 'city', latitude: 53.79648, longitude: -1.54785, population: 455123 };
    const g = gazetteerFromCityData(`# header\n${encodeCityLine('liege', [liege])}\n${encodeCityLine('leeds', [leeds])}\n`);
    expect(g.lookup('LIÈGE')).toEqual([liege]);
    expect(g.lookup('leeds')).toEqual([leeds]);
    expect(g.lookup('Nowhereville')).toEqual([]);
    expect(g.lookup('Belgium')[0]?.kind).toBe('country');
  });
  it('loads the committed city data', () => {
    const g = placeGazetteer();
    expect(g.lookup('Antwerp')[0]?.country).toBe('BE');
    expect(resolvePlace(g.lookup('Tetouan'), new Set())?.country).toBe('MA');
    expect(g.lookup('Springfield').length).toBeGreaterThan(1);
  });
  it('knows Belgian and nearby towns by their English, French, Dutch and German names, each as one place under one name', () => {
    const g = placeGazetteer();
    const written = [['Antwerp', 'Antwerpen', 'Anvers'], ['Ghent', 'Gent', 'Gand'], ['Bruges', 'Brugge'], ['Leuven', 'Louvain'],
      ['Mechelen', 'Malines'], ['Kortrijk', 'Courtrai'], ['Ostend', 'Oostende', 'Ostende'], ['Mons', 'Bergen'], ['Liège', 'Liege', 'Luik', 'Lüttich'],
      ['Namur', 'Namen'], ['Tournai', 'Doornik'], ['Brussels', 'Bruxelles', 'Brussel'], ['Aalst', 'Alost'], ['Ypres', 'Ieper'], ['Arlon', 'Aarlen'],
      ['Aachen', 'Aix-la-Chapelle', 'Aken'], ['Maastricht', 'Maestricht'], ['Cologne', 'Köln', 'Keulen'], ['Dunkirk', 'Dunkerque', 'Duinkerke']];
    for (const [name, ...others] of written) {
      for (const form of [name, ...others]) expect(resolvePlace(g.lookup(form ?? ''), new Set(['BE']))?.name, form).toBe(name);
    }
    // Lille in a French report; in a Belgian one "Lille" is Belgium's own village, which "Rijsel" never means
    for (const form of ['Lille', 'Rijsel']) expect(resolvePlace(g.lookup(form), new Set(['FR']))?.name, form).toBe('Lille');
    expect(resolvePlace(g.lookup('Rijsel'), new Set(['BE']))?.country).toBe('FR');
    // Bergen is Mons where the report is Belgian, Norway's Bergen otherwise
    expect(resolvePlace(g.lookup('Bergen'), new Set())?.country).toBe('NO');
  });
  it('knows the border villages and town sections GeoNames has not, and Brussels by its French and Dutch names', () => {
    const g = placeGazetteer();
    for (const name of ['Sterpenich', 'Rekkem', 'Gosselies', 'Bruxelles', 'Brussel']) expect(g.lookup(name)[0]?.country).toBe('BE');
  });
});
