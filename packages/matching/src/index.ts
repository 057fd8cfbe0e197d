/**
 * @mosaic/matching — the one matcher used by entity resolution, checkpoint screening and text
 * extraction. Pure functions over read-only data; the hot path is `prepare` once per record,
 * then `comparePrepared` (or `pairWeight`) per candidate pair.
 */

// Text and names
export { foldText } from './fold-text.ts';
export { transliterate } from './transliterate.ts';
export { transliterateArabic } from './arabic-transliterate.ts';
export { adoptNormalizedName, alikeOf, normalizeName, respellingsOf, withJoins } from './normalize-name.ts';
export type { NormalizedName, NameToken, NameTokenKind, NameJoin, NormalizeNameOptions } from './normalize-name.ts';
export { phoneticKey, phoneticSkeleton } from './phonetic-key.ts';
export { jaroWinkler } from './jaro-winkler.ts';
export { buildNameFrequencies, tokenTfWeight, tokenFrequency } from './name-frequencies.ts';
export type { NameFrequencies } from './name-frequencies.ts';

// Comparators with discrete levels (Fellegi–Sunter)
export { compareNames, compareNormalizedNames, fitsWrittenFrame, FRAME_SIMILARITY, joinsCanMatter, NAME_LEVELS, STEM_SIMILARITY, tokenSimilarity } from './compare-names.ts';
export type { NameLevel, NameComparison, CompareNamesOptions, TokenAgreement } from './compare-names.ts';
export { alignedWords, coreTokenSpans } from './name-marks.ts';
export type { WordSpan } from './name-marks.ts';
export { isParticleOrTitle } from './name-particles.ts';
export { parseDate, compareDates, DATE_LEVELS } from './compare-dates.ts';
export type { PartialDate, DateLevel } from './compare-dates.ts';
export { normalizeCountry, compareCountries, COUNTRY_LEVELS } from './compare-countries.ts';
export type { CountryLevel } from './compare-countries.ts';
export { normalizeIdentifier, confusableForm, withinOneEdit, compareIdentifiers, IDENTIFIER_LEVELS } from './compare-identifiers.ts';
export type { IdentifierLevel } from './compare-identifiers.ts';
export { normalizePhone, comparePhones, PHONE_LEVELS } from './compare-phones.ts';
export type { PhoneLevel } from './compare-phones.ts';
export { normalizeEmail } from './normalize-email.ts';
export { addressTokens, compareAddresses, ADDRESS_LEVELS } from './compare-addresses.ts';
export type { AddressLevel } from './compare-addresses.ts';
export { compareGenders, normalizeGender, GENDER_LEVELS } from './compare-genders.ts';
export type { GenderLevel } from './compare-genders.ts';
export { normalizePlace, comparePlaces, PLACE_LEVELS } from './compare-places.ts';
export type { PlaceLevel } from './compare-places.ts';

// Records, features, scoring
export { prepare, matchableNames, preparedNameStrings, createPrepareCache, fillTermFrequencies, fillingTermFrequencies, nameStringsOf, namesToCount, normalizeNameCached, MATCHING_PROPERTIES } from './prepare.ts';
export type { MatchableRecord, PreparedRecord, PreparedName, PrepareOptions, PrepareCache } from './prepare.ts';
export { FEATURES, FEATURE_NAMES, featureNames, comparisonVector, comparePreparedNames } from './features.ts';
export type { FeatureName, FeatureDefinition, ComparisonVector } from './features.ts';
export { validateModel, probabilityFromWeight, weightFromProbability } from './match-model.ts';
export type { MatchModel, FeatureParameters } from './match-model.ts';
export { comparePrepared, pairWeight, scorePair, scoreVector } from './score.ts';
export type { ScoreResult, Explanation, ExplainedToken } from './score.ts';
export { withExplainedWords } from './explained-words.ts';
export type { NamedToken } from './explained-words.ts';
export { estimateU, trainModel, countPatterns } from './train-em.ts';
export type { PatternCount, TrainOptions, TrainResult } from './train-em.ts';
export { defaultModel } from './default-model.ts';
export { startingModel } from './starting-model.ts';
