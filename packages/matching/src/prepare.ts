/**
 * Per-record precomputation: everything a comparison needs that depends on one record only
 * (normalised names, phonetic keys, term-frequency weights, parsed dates, normalised
 * identifiers and their confusable forms, phone digits, address token sets) is computed here,
 * once, so that `comparePrepared` runs on millions of pairs without re-normalising anything.
 *
 * Properties are FollowTheMoney names. Religion, ethnicity and similar properties are never read:
 * they are not matching features (DESIGN.md, principle 2).
 */
import { addressTokens } from './compare-addresses.ts';
import { normalizeCountry } from './compare-countries.ts';
import { parseDate, type PartialDate } from './compare-dates.ts';
import { normalizeGender } from './compare-genders.ts';
import { confusableForm, normalizeIdentifier } from './compare-identifiers.ts';
import { normalizePhone } from './compare-phones.ts';
import { normalizePlace } from './compare-places.ts';
import { tokenFrequency, tokenTfWeight, type NameFrequencies } from './name-frequencies.ts';
import { normalizeName, type NormalizedName } from './normalize-name.ts';

export interface MatchableRecord {
  readonly schema: string;
  readonly properties: Readonly<Record<string, readonly string[]>>;
}

export interface PreparedName {
  readonly name: NormalizedName;
  /**
   * Term-frequency adjustment per core token (bits), when frequencies were given. Plain arrays:
   * a typed array per name costs about four times the memory for two or three values.
   */
  readonly tf: readonly number[] | undefined;
  /** Relative frequency per core token in the table, when frequencies were given (explanations). */
  readonly frequency?: readonly number[];
  /**
   * An id of `name.key` within one batch (PrepareCache): two names prepared with the same cache
   * have equal keys exactly when their ids are equal (ids of different caches differ in
   * `keyIdCache`, and are not compared). A comparison reads it instead of the key string, which at
   * a million records is a few cache misses away; undefined outside a batch.
   */
  readonly keyId: number | undefined;
}

export interface PreparedRecord {
  readonly schema: string;
  readonly names: readonly PreparedName[];
  readonly birthDates: readonly PartialDate[];
  readonly countries: readonly string[];
  readonly identifiers: readonly string[];
  readonly identifiersConfusable: readonly string[];
  readonly phones: readonly string[];
  readonly addresses: readonly ReadonlySet<string>[];
  readonly genders: readonly string[];
  /** Folded places of birth. */
  readonly birthPlaces: readonly string[];
}

export interface PrepareOptions {
  readonly frequencies?: NameFrequencies;
  /**
   * Shared across the records of one batch (with the same `frequencies`): each distinct name
   * string is normalised once and its PreparedName shared by every record that carries it, and
   * short values (countries, genders) are interned. At a million records most name strings
   * repeat, so this saves most of the preparation time and the memory of duplicate tokens.
   */
  readonly cache?: PrepareCache;
  /**
   * Keep each token's relative frequency for explanations (default true). Batch resolution
   * scores without explaining and leaves them out: a tenth of a prepared record's memory.
   */
  readonly explain?: boolean;
}

export interface PrepareCache {
  /** normalizeName of each distinct string (also what a frequency table of the batch reads). */
  readonly normalized: Map<string, NormalizedName>;
  readonly names: Map<string, PreparedName>;
  readonly weakNames: Map<string, PreparedName>;
  readonly values: Map<string, string>;
  readonly keyIds: Map<string, number>;
  /** The first key id of this cache (a multiple of KEY_ID_SPACE, one per cache). */
  readonly keyIdBase: number;
}

/** Key ids per cache: keyId = cache number * KEY_ID_SPACE + the key's number in the cache. */
const KEY_ID_SPACE = 2 ** 26;
let caches = 0;

/** The cache a key id comes from. */
export const keyIdCache = (keyId: number): number => Math.floor(keyId / KEY_ID_SPACE);

export function createPrepareCache(): PrepareCache {
  return { normalized: new Map(), names: new Map(), weakNames: new Map(), values: new Map(), keyIds: new Map(), keyIdBase: (caches++ % 2 ** 26) * KEY_ID_SPACE };
}

/** normalizeName through the cache (each distinct string normalised once). */
export function normalizeNameCached(cache: PrepareCache | undefined, value: string): NormalizedName {
  if (!cache) return normalizeName(value);
  let n = cache.normalized.get(value);
  if (n === undefined) {
    n = normalizeName(value);
    cache.normalized.set(value, n);
  }
  return n;
}

function interned(cache: PrepareCache | undefined, values: string[]): string[] {
  if (!cache) return values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    const known = cache.values.get(v);
    if (known === undefined) cache.values.set(v, v);
    else values[i] = known;
  }
  return values;
}

export const NAME_PROPERTIES = ['name', 'alias', 'previousName'] as const;
export const WEAK_NAME_PROPERTIES = ['weakAlias'] as const;
export const COUNTRY_PROPERTIES = ['nationality', 'citizenship', 'country'] as const;
export const IDENTIFIER_PROPERTIES = ['idNumber', 'passportNumber', 'taxNumber', 'socialSecurityNumber', 'registrationNumber', 'innCode', 'licenseNumber'] as const;
const STRUCTURED_NAME_PROPERTIES = ['firstName', 'lastName', 'middleName', 'secondName'] as const;
const OTHER_PROPERTIES = ['birthDate', 'phone', 'address', 'addressFull', 'gender', 'birthPlace'] as const;

/**
 * Every property `prepare` reads: a reader of a large batch may keep only these (the rest,
 * notes above all, is no input to matching and would only take memory).
 */
export const MATCHING_PROPERTIES: ReadonlySet<string> = new Set([
  ...NAME_PROPERTIES, ...WEAK_NAME_PROPERTIES, ...STRUCTURED_NAME_PROPERTIES, ...COUNTRY_PROPERTIES, ...IDENTIFIER_PROPERTIES, ...OTHER_PROPERTIES,
]);

const EMPTY: readonly string[] = [];

function read(record: MatchableRecord, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of keys) for (const v of record.properties[k] ?? EMPTY) if (v.trim() !== '') out.push(v);
  return out;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The name strings of a record that take part in matching (strong names first, then weak
 * aliases; first/middle/last composed as "Last, First Middle"): what `prepare` compares, and what
 * a term-frequency table of the data at hand should be built from.
 */
export function matchableNames(record: MatchableRecord): { readonly strong: readonly string[]; readonly weak: readonly string[] } {
  const p = record.properties;
  const raw = read(record, NAME_PROPERTIES);
  const first = (p['firstName'] ?? EMPTY)[0];
  const last = (p['lastName'] ?? EMPTY)[0];
  if (first !== undefined || last !== undefined) {
    const middle = [...(p['middleName'] ?? EMPTY), ...(p['secondName'] ?? EMPTY)].join(' ');
    raw.push(`${last ?? ''}, ${[first ?? '', middle].join(' ')}`);
  }
  return { strong: raw, weak: read(record, WEAK_NAME_PROPERTIES) };
}

function prepareName(n: NormalizedName, weak: boolean, frequencies: NameFrequencies | undefined, explain: boolean, cache: PrepareCache | undefined): PreparedName {
  const name = weak && !n.weak ? { ...n, weak: true } : n;
  let keyId: number | undefined;
  if (cache) {
    keyId = cache.keyIds.get(n.key);
    if (keyId === undefined && cache.keyIds.size < KEY_ID_SPACE) cache.keyIds.set(n.key, (keyId = cache.keyIdBase + cache.keyIds.size));
  }
  if (!frequencies) return { name, tf: undefined, keyId };
  const tf = n.core.map((t) => tokenTfWeight(frequencies, t.text));
  return explain ? { name, tf, frequency: n.core.map((t) => tokenFrequency(frequencies, t.text)), keyId } : { name, tf, keyId };
}

export function prepare(record: MatchableRecord, options: PrepareOptions = {}): PreparedRecord {
  const { strong, weak: weakNames } = matchableNames(record);
  const seen = new Set<string>();
  const names: PreparedName[] = [];
  const cache = options.cache;
  const add = (value: string, weak: boolean): void => {
    const cached = cache ? (weak ? cache.weakNames : cache.names).get(value) : undefined;
    const prepared = cached ?? prepareName(normalizeNameCached(cache, value), weak, options.frequencies, options.explain ?? true, cache);
    if (cache && !cached) (weak ? cache.weakNames : cache.names).set(value, prepared);
    const n = prepared.name;
    const dedupe = n.key + '|' + n.initials;
    if (n.tokens.length === 0 || seen.has(dedupe)) return;
    seen.add(dedupe);
    names.push(prepared);
  };
  for (const v of strong) add(v, false);
  for (const v of weakNames) add(v, true);

  const identifiers = unique(read(record, IDENTIFIER_PROPERTIES).map(normalizeIdentifier).filter((s) => s !== ''));
  return {
    schema: record.schema,
    names: shared(names),
    birthDates: shared(read(record, ['birthDate']).map(parseDate).filter((d): d is PartialDate => d !== undefined)),
    countries: shared(interned(cache, unique(read(record, COUNTRY_PROPERTIES).map(normalizeCountry).filter((s) => s !== '')))),
    identifiers: shared(identifiers),
    identifiersConfusable: shared(identifiers.map(confusableForm)),
    phones: shared(unique(read(record, ['phone']).map(normalizePhone).filter((s) => s.length >= 6))),
    addresses: shared(read(record, ['address', 'addressFull']).map(addressTokens).filter((s) => s.size > 0)),
    genders: shared(interned(cache, unique(read(record, ['gender']).map(normalizeGender).filter((g): g is string => g !== undefined)))),
    birthPlaces: shared(interned(cache, unique(read(record, ['birthPlace']).map(normalizePlace).filter((s) => s !== '')))),
  };
}

/**
 * Term-frequency adjustments of every name in `cache`, once the table is complete: a batch read
 * as a stream is prepared record by record without a table (its names are shared through the
 * cache), and the table of all its names fills them in at the end, as if it had been built first.
 */
export function fillTermFrequencies(cache: PrepareCache, frequencies: NameFrequencies): void {
  for (const names of [cache.names, cache.weakNames]) {
    for (const p of names.values()) (p as { tf: readonly number[] | undefined }).tf = p.name.core.map((t) => tokenTfWeight(frequencies, t.text));
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** One shared empty array for every empty field: most records lack most fields. */
function shared<T>(values: readonly T[]): readonly T[] {
  return values.length === 0 ? NONE : values;
}
