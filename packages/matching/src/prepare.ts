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
   * short values (countries, genders) are interned, and so are lists of one value (a record's
   * one name, country, gender, place or date of birth). At a million records most name strings
   * repeat, so this saves most of the preparation time and the memory of duplicate tokens; the
   * shared lists spare most records their own small arrays (fewer objects to collect and copy).
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
  readonly names: Map<string, CachedName>;
  readonly weakNames: Map<string, CachedName>;
  /**
   * The strong names' entries in the order their strings first occurred as a name, alias or
   * previous name (not composed from first and last names): see namesToCount.
   */
  readonly counted: CachedName[];
  readonly values: Map<string, string>;
  /** The list of one value, for each interned value. */
  readonly singles: Map<string, readonly string[]>;
  /** The parsed list of a record's one date of birth, by its text. */
  readonly dates: Map<string, readonly PartialDate[]>;
  readonly keyIds: Map<string, number>;
  /** The first key id of this cache (a multiple of KEY_ID_SPACE, one per cache). */
  readonly keyIdBase: number;
}

/** A distinct name string of a batch, its prepared form and how often it occurred as a name. */
export interface CachedName {
  readonly text: string;
  readonly prepared: PreparedName;
  occurrences: number;
  /** The names of a record that has this one only (shared by all such records). */
  alone?: readonly PreparedName[];
}

/** Key ids per cache: keyId = cache number * KEY_ID_SPACE + the key's number in the cache. */
const KEY_ID_SPACE = 2 ** 26;
let caches = 0;

/** The cache a key id comes from. */
export const keyIdCache = (keyId: number): number => Math.floor(keyId / KEY_ID_SPACE);

export function createPrepareCache(): PrepareCache {
  return { normalized: new Map(), names: new Map(), weakNames: new Map(), counted: [], values: new Map(), singles: new Map(), dates: new Map(), keyIds: new Map(), keyIdBase: (caches++ % 2 ** 26) * KEY_ID_SPACE };
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

/**
 * The name strings of a record that take part in matching (strong names first, then weak
 * aliases; first/middle/last composed as "Last, First Middle"): what `prepare` compares, and what
 * a term-frequency table of the data at hand should be built from.
 */
export function matchableNames(record: MatchableRecord): { readonly strong: readonly string[]; readonly weak: readonly string[] } {
  readFields(record);
  const { given, composed, weak } = fieldNames();
  return { strong: composed === undefined ? given : [...given, composed], weak };
}

/** "Last, First Middle" from the first first name and last name (and every middle and second name), if either is given. */
function composedName(firstNames: readonly string[] | undefined, lastNames: readonly string[] | undefined, middleNames: readonly string[] | undefined, secondNames: readonly string[] | undefined): string | undefined {
  const first = (firstNames ?? EMPTY)[0];
  const last = (lastNames ?? EMPTY)[0];
  if (first === undefined && last === undefined) return undefined;
  const middle = [...(middleNames ?? EMPTY), ...(secondNames ?? EMPTY)].join(' ');
  return `${last ?? ''}, ${[first ?? '', middle].join(' ')}`;
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

/**
 * Every property prepare reads, each at a place of its own, in the order a field reads them
 * (`read` of each field's keys): a record's own properties are visited once (a few), instead of
 * looking up each of the 24 keys in it (at a million records, a second of dictionary lookups that
 * mostly miss).
 */
const FIELD_KEYS = [...NAME_PROPERTIES, ...WEAK_NAME_PROPERTIES, ...STRUCTURED_NAME_PROPERTIES, ...COUNTRY_PROPERTIES, ...IDENTIFIER_PROPERTIES, ...OTHER_PROPERTIES] as const;
const FIELD_OF: ReadonlyMap<string, number> = new Map(FIELD_KEYS.map((k, i) => [k, i]));
const place = (key: (typeof FIELD_KEYS)[number]): number => FIELD_KEYS.indexOf(key);
const AT = {
  names: place('name'), weak: place('weakAlias'), first: place('firstName'), last: place('lastName'), middle: place('middleName'), second: place('secondName'),
  countries: place('nationality'), identifiers: place('idNumber'), birthDate: place('birthDate'), phone: place('phone'), address: place('address'),
  gender: place('gender'), birthPlace: place('birthPlace'),
} as const;

/** The values of a record's properties by FIELD_KEYS place (prepare is synchronous and not re-entered: one array serves every record). */
const fields: (readonly string[] | undefined)[] = new Array<undefined>(FIELD_KEYS.length).fill(undefined);

function readFields(record: MatchableRecord): void {
  fields.fill(undefined);
  const p = record.properties;
  for (const key in p) {
    const at = FIELD_OF.get(key);
    if (at !== undefined) fields[at] = p[key];
  }
}

/** The non-blank values of `count` places from `from`, in place order (read, over `fields`); undefined when there are none. */
function valuesAt(from: number, count = 1): string[] | undefined {
  let out: string[] | undefined;
  for (let at = from; at < from + count; at++) {
    const values = fields[at];
    if (values === undefined) continue;
    for (const v of values) if (v.trim() !== '') (out ??= []).push(v);
  }
  return out;
}

/** The name strings in `fields` (readFields): names, aliases and previous names as given, the one composed of first and last names, and weak aliases. */
function fieldNames(): { readonly given: readonly string[]; readonly composed: string | undefined; readonly weak: readonly string[] } {
  return {
    given: valuesAt(AT.names, NAME_PROPERTIES.length) ?? EMPTY,
    composed: composedName(fields[AT.first], fields[AT.last], fields[AT.middle], fields[AT.second]),
    weak: valuesAt(AT.weak) ?? EMPTY,
  };
}

/**
 * The name strings `prepare` normalises for a record (its names, aliases and previous names, the
 * name composed of its parts, its weak aliases), so that a reader can normalise them ahead of it,
 * elsewhere, for the cache (PrepareCache.normalized).
 */
export function nameStringsOf(record: MatchableRecord): string[] {
  readFields(record);
  const { given, composed, weak } = fieldNames();
  return composed === undefined ? [...given, ...weak] : [...given, composed, ...weak];
}

/**
 * The name strings behind `prepare(record).names`, one for each, in its order: the strings of
 * nameStringsOf less those that normalise to nothing and those whose key and initials an earlier
 * one has (as prepare keeps them). So a position an explanation gives (ExplainedToken.nameA) is
 * read back as the name written.
 */
export function preparedNameStrings(record: MatchableRecord): string[] {
  const kept: string[] = [];
  const seen: NormalizedName[] = [];
  for (const value of nameStringsOf(record)) {
    const n = normalizeName(value);
    if (n.tokens.length === 0 || seen.some((p) => p.key === n.key && p.initials === n.initials)) continue;
    seen.push(n);
    kept.push(value);
  }
  return kept;
}

/** Each value normalised, without the empty results and repeats (first occurrence kept), interned when a cache is given. */
function normalizedValues(values: readonly string[] | undefined, normalize: (v: string) => string | undefined, keep: (v: string) => boolean, cache?: PrepareCache): readonly string[] {
  if (values === undefined) return NONE;
  let out: string[] | undefined;
  for (const v of values) {
    const n = normalize(v);
    if (n === undefined || !keep(n) || out?.includes(n)) continue;
    (out ??= []).push(n);
  }
  if (out === undefined) return NONE;
  if (cache === undefined || out.length > 1) return interned(cache, out);
  const value = out[0] as string;
  let single = cache.singles.get(value);
  if (single === undefined) {
    cache.singles.set(value, (single = interned(cache, out)));
  }
  return single;
}

/** The parsed dates of birth, the list shared by every record with the same one date (with a cache). */
function birthDatesOf(values: readonly string[] | undefined, cache: PrepareCache | undefined): readonly PartialDate[] {
  if (values === undefined) return NONE;
  let known = values.length === 1 && cache ? cache.dates.get(values[0] as string) : undefined;
  if (known !== undefined) return known;
  const dates: PartialDate[] = [];
  for (const v of values) {
    const d = parseDate(v);
    if (d !== undefined) dates.push(d);
  }
  known = shared(dates);
  if (values.length === 1 && cache) cache.dates.set(values[0] as string, known);
  return known;
}

/** The identifiers' confusable forms: the same list when no identifier has a confusable character (most are digits). */
function confusableForms(identifiers: readonly string[]): readonly string[] {
  const forms = identifiers.map(confusableForm);
  return forms.every((form, k) => form === identifiers[k]) ? identifiers : forms;
}

const nonEmpty = (s: string): boolean => s !== '';
const phoneLength = (s: string): boolean => s.length >= 6;

/** Names sharing a key and initials count once in a record (its first such name is kept). */
function alreadyIn(names: readonly PreparedName[], n: NormalizedName): boolean {
  for (const p of names) if (p.name.key === n.key && p.name.initials === n.initials) return true;
  return false;
}

export function prepare(record: MatchableRecord, options: PrepareOptions = {}): PreparedRecord {
  readFields(record);
  const names: PreparedName[] = [];
  const cache = options.cache;
  const explain = options.explain ?? true;
  // the cache entry of the record's first name: a record of one name shares the entry's list
  let firstEntry: CachedName | undefined;
  /** `counted`: an occurrence of the string as a name, alias or previous name (see namesToCount). */
  const add = (value: string, weak: boolean, counted: boolean): void => {
    let prepared: PreparedName;
    let entry: CachedName | undefined;
    if (cache) {
      const map = weak ? cache.weakNames : cache.names;
      entry = map.get(value);
      if (entry === undefined) {
        entry = { text: value, prepared: prepareName(normalizeNameCached(cache, value), weak, options.frequencies, explain, cache), occurrences: 0 };
        map.set(value, entry);
      }
      if (counted && entry.occurrences++ === 0) cache.counted.push(entry);
      prepared = entry.prepared;
    } else {
      prepared = prepareName(normalizeName(value), weak, options.frequencies, explain, undefined);
    }
    const n = prepared.name;
    if (n.tokens.length === 0 || alreadyIn(names, n)) return;
    if (names.length === 0) firstEntry = entry;
    names.push(prepared);
  };
  const { given, composed, weak } = fieldNames();
  for (const v of given) add(v, false, true);
  if (composed !== undefined) add(composed, false, false);
  for (const v of weak) add(v, true, false);

  const identifiers = normalizedValues(valuesAt(AT.identifiers, IDENTIFIER_PROPERTIES.length), normalizeIdentifier, nonEmpty);
  const addresses: ReadonlySet<string>[] = [];
  for (const v of valuesAt(AT.address, 2) ?? EMPTY) { // address, addressFull
    const tokens = addressTokens(v);
    if (tokens.size > 0) addresses.push(tokens);
  }
  return {
    schema: record.schema,
    names: names.length === 1 && firstEntry ? (firstEntry.alone ??= names) : shared(names),
    birthDates: birthDatesOf(valuesAt(AT.birthDate), cache),
    countries: normalizedValues(valuesAt(AT.countries, COUNTRY_PROPERTIES.length), normalizeCountry, nonEmpty, cache),
    identifiers,
    identifiersConfusable: confusableForms(identifiers),
    phones: normalizedValues(valuesAt(AT.phone), normalizePhone, phoneLength),
    addresses: shared(addresses),
    genders: normalizedValues(valuesAt(AT.gender), normalizeGender, nonEmpty, cache),
    birthPlaces: normalizedValues(valuesAt(AT.birthPlace), normalizePlace, nonEmpty, cache),
  };
}

/**
 * Every name string prepared with `cache` as a name, alias or previous name, once per occurrence
 * (in the order they first occurred): what the batch's frequency table is built from.
 */
export function* namesToCount(cache: PrepareCache): Generator<string> {
  for (const { text, occurrences } of cache.counted) for (let c = 0; c < occurrences; c++) yield text;
}

/**
 * Term-frequency adjustments of every name in `cache`, once the table is complete: a batch read
 * as a stream is prepared record by record without a table (its names are shared through the
 * cache), and the table of all its names fills them in at the end, as if it had been built first.
 */
export function fillTermFrequencies(cache: PrepareCache, frequencies: NameFrequencies): void {
  for (const names of [cache.names, cache.weakNames]) for (const { prepared } of names.values()) fillName(prepared, frequencies);
}

/** fillTermFrequencies a few names at a time: it pauses (yields) after each `step` names, for a caller that lets other work run in between. */
export function* fillingTermFrequencies(cache: PrepareCache, frequencies: NameFrequencies, step = 2000): Generator<void> {
  let done = 0;
  for (const names of [cache.names, cache.weakNames]) {
    for (const { prepared } of names.values()) {
      fillName(prepared, frequencies);
      if (++done % step === 0) yield;
    }
  }
}

function fillName(prepared: PreparedName, frequencies: NameFrequencies): void {
  (prepared as { tf: readonly number[] | undefined }).tf = prepared.name.core.map((t) => tokenTfWeight(frequencies, t.text));
}

const NONE: readonly never[] = Object.freeze([]);

/** One shared empty array for every empty field: most records lack most fields. */
function shared<T>(values: readonly T[]): readonly T[] {
  return values.length === 0 ? NONE : values;
}
