/**
 * The features of the Fellegi-Sunter model: one comparator per property group, each with fixed
 * discrete levels (best first, `missing` last). A comparison vector is the level index of each
 * feature, in FEATURES order; it is what EM training consumes.
 */
import { ADDRESS_LEVELS, compareAddresses } from './compare-addresses.ts';
import { COUNTRY_LEVELS, compareCountries } from './compare-countries.ts';
import { DATE_LEVELS, compareDates } from './compare-dates.ts';
import { GENDER_LEVELS, compareGenders } from './compare-genders.ts';
import { IDENTIFIER_LEVELS, compareIdentifiers } from './compare-identifiers.ts';
import { MISSING_NAME, NAME_LEVELS, compareNormalizedNames, type NameComparison } from './compare-names.ts';
import { PHONE_LEVELS, comparePhones } from './compare-phones.ts';
import { PLACE_LEVELS, comparePlaces } from './compare-places.ts';
import { keyIdCache, type PreparedName, type PreparedRecord } from './prepare.ts';

export const FEATURE_NAMES = ['name', 'birthDate', 'country', 'identifier', 'phone', 'address', 'gender', 'birthPlace'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface FeatureDefinition {
  readonly name: FeatureName;
  readonly levels: readonly string[];
  /** Level index for a pair of prepared records. */
  readonly compare: (a: PreparedRecord, b: PreparedRecord) => number;
}

export type ComparisonVector = readonly number[];

/** Best name comparison over every pair of names (names, aliases, first+last) of two records. */
export function comparePreparedNames(a: PreparedRecord, b: PreparedRecord): NameComparison {
  return bestNames(a, b, undefined);
}

/**
 * The best name comparison and which names gave it (indices into `names`; -1 when a side has
 * none). Best = best level, then the larger frequency adjustment.
 */
export function bestNamePair(a: PreparedRecord, b: PreparedRecord): { readonly comparison: NameComparison; readonly a: number; readonly b: number } {
  const at = { a: -1, b: -1 };
  const comparison = bestNames(a, b, at);
  return { comparison, a: at.a, b: at.b };
}

/** bestNamePair, the indices written into `at` when given (the hot path of batch comparison allocates nothing for them). */
function bestNames(a: PreparedRecord, b: PreparedRecord, at: { a: number; b: number } | undefined): NameComparison {
  let best: NameComparison = MISSING_NAME;
  let bi = -1;
  let bj = -1;
  // Equal keys are the only way to `exact`, the best level: find them first with string
  // comparisons alone, and align tokens only when no name pair is equal (most candidate pairs
  // of a large batch share a name, so most skip the alignment).
  for (let i = 0; i < a.names.length; i++) {
    const x = a.names[i] as PreparedName;
    if (x.name.weak) continue;
    for (let j = 0; j < b.names.length; j++) {
      const y = b.names[j] as PreparedName;
      if (!sameKey(x, y) || y.name.weak || x.name.core.length === 0) continue;
      const c = compareNormalizedNames(x.name, y.name, x.tf, y.tf);
      if (bi < 0 || c.tf > best.tf) { best = c; bi = i; bj = j; }
    }
  }
  if (bi < 0) {
    search: for (let i = 0; i < a.names.length; i++) {
      const x = a.names[i] as PreparedName;
      for (let j = 0; j < b.names.length; j++) {
        const y = b.names[j] as PreparedName;
        const c = compareNormalizedNames(x.name, y.name, x.tf, y.tf);
        if (c.levelIndex < best.levelIndex || (c.levelIndex === best.levelIndex && c.tf > best.tf)) { best = c; bi = i; bj = j; }
        if (best.levelIndex === 0 && (!x.tf || !y.tf)) break search;
      }
    }
  }
  if (at) { at.a = bi; at.b = bj; }
  return best;
}

/** Equal name keys, by their ids when both come from one batch's cache (see PreparedName.keyId). */
function sameKey(x: PreparedName, y: PreparedName): boolean {
  const a = x.keyId;
  const b = y.keyId;
  if (a !== undefined && b !== undefined && keyIdCache(a) === keyIdCache(b)) return a === b;
  return x.name.key === y.name.key;
}

export const FEATURES: readonly FeatureDefinition[] = [
  { name: 'name', levels: NAME_LEVELS, compare: (a, b) => comparePreparedNames(a, b).levelIndex },
  { name: 'birthDate', levels: DATE_LEVELS, compare: (a, b) => compareDates(a.birthDates, b.birthDates) },
  { name: 'country', levels: COUNTRY_LEVELS, compare: (a, b) => compareCountries(a.countries, b.countries) },
  { name: 'identifier', levels: IDENTIFIER_LEVELS, compare: (a, b) => compareIdentifiers(a.identifiers, b.identifiers, a.identifiersConfusable, b.identifiersConfusable) },
  { name: 'phone', levels: PHONE_LEVELS, compare: (a, b) => comparePhones(a.phones, b.phones) },
  { name: 'address', levels: ADDRESS_LEVELS, compare: (a, b) => compareAddresses(a.addresses, b.addresses) },
  { name: 'gender', levels: GENDER_LEVELS, compare: (a, b) => compareGenders(a.genders, b.genders) },
  { name: 'birthPlace', levels: PLACE_LEVELS, compare: (a, b) => comparePlaces(a.birthPlaces, b.birthPlaces) },
];

export function featureNames(): readonly FeatureName[] {
  return FEATURE_NAMES;
}

/** The comparison vector of a pair (input to EM training). */
export function comparisonVector(a: PreparedRecord, b: PreparedRecord): number[] {
  return FEATURES.map((f) => f.compare(a, b));
}
