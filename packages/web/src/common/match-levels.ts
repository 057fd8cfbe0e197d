/**
 * The matcher's levels as a reader says them. The API returns the matcher's own level names
 * ("fuzzyLow", "yearMonth"), which are the model's vocabulary; an analyst or an officer reads
 * what they mean. An unknown level is shown as it came.
 */

/** Names (@mosaic/matching NAME_LEVELS). */
const NAME: Readonly<Record<string, string>> = {
  exact: 'same name',
  phonetic: 'same name, other spelling',
  fuzzy: 'close spelling',
  fuzzyLow: 'similar spelling',
  subset: 'every part of the shorter name',
  initials: 'initials fit',
  overlap: 'several parts shared',
  single: 'one-part name',
  partial: 'one part shared',
  none: 'no part shared',
  missing: 'no name',
};

const DATE: Readonly<Record<string, string>> = {
  exact: 'same date',
  yearMonth: 'same year and month',
  swapped: 'day and month swapped',
  year: 'same year',
  near: 'year off by one or two',
  mismatch: 'different',
  // screening's own grade of a mismatch (@mosaic/screening distant-birth-dates.ts)
  distant: 'twenty years or more apart, not a typing slip',
  missing: 'not given',
};

const SAME_OR_NOT: Readonly<Record<string, string>> = { exact: 'same', mismatch: 'different', missing: 'not given' };

const BY_FEATURE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  name: NAME,
  birthDate: DATE,
  country: SAME_OR_NOT,
  nationality: SAME_OR_NOT,
  gender: SAME_OR_NOT,
  identifier: { ...SAME_OR_NOT, confusable: 'same as a scanner misreads it', oneEdit: 'one character apart' },
  phone: { ...SAME_OR_NOT, lastNine: 'same last nine digits' },
  address: { high: 'mostly the same', medium: 'partly the same', low: 'little in common', mismatch: 'different', missing: 'not given' },
  birthPlace: { ...SAME_OR_NOT, similar: 'similar' },
};

/** How a feature compared, in words: levelLabel('name', 'fuzzyLow') is "similar spelling". */
export function levelLabel(feature: string, level: string): string {
  return BY_FEATURE[feature]?.[level] ?? level;
}

/** The features' names in words (review and report explanations). */
const FEATURE: Readonly<Record<string, string>> = {
  name: 'name', birthDate: 'date of birth', country: 'country', nationality: 'nationality', identifier: 'identifier',
  phone: 'phone', address: 'address', gender: 'gender', birthPlace: 'place of birth',
};

export function featureLabel(feature: string): string {
  return FEATURE[feature] ?? feature;
}
