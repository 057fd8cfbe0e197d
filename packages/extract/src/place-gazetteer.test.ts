import { describe, expect, it } from 'vitest';
import { buildGazetteer, parseCountries, resolvePlace } from './place-gazetteer.ts';

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
});
