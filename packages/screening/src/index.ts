/**
 * @mosaic/screening — checkpoint screening: an in-memory watchlist index kept current entry by
 * entry, query validation, scoring with @mosaic/matching's comparators, and the alerts whose
 * action codes tell the officer what to do on a hit.
 */

// Alerts (Schengen Information System categories) and their actions
export { ALERT_CATEGORIES, ACTION_CODES, ALERT_ACTIONS, AlertId, alertAction, isAlertCategory, isAlertActive, activeAlerts, validateAlert } from './alert.ts';
export type { Alert, AlertCategory, ActionCode, AlertAction, AlertSubject, OwnerDesk, AlertValidation } from './alert.ts';

// Watchlist entries
export { NAME_KINDS, entryFromFtm, identifierProperties, IDENTIFIER_FIELDS } from './watchlist-entry.ts';
export type { WatchlistEntry, WatchlistName, NameKind, SubjectId, FtmEntity, EntryConversion, EntryOptions, IdentifierField } from './watchlist-entry.ts';
export { indexedIdentifiers } from './indexed-identifiers.ts';

// The index
export { createScreeningIndex, addEntry, removeEntry, ScreeningIndex } from './screening-index.ts';
export type { ScreeningIndexOptions, ScreeningIndexStats, FrequencySource } from './screening-index.ts';

// Remembered per-entry visibility of one caller profile
export { VisibilityMemo } from './visibility-memo.ts';

// Queries
export { validateQuery, QUERY_FIELDS, QUERY_LIMITS } from './screening-query.ts';
export { mrzNationality } from './mrz-nationality.ts';
export type { ScreeningQuery, PreparedQuery, QueryValidation, QueryField } from './screening-query.ts';

// Screening and scoring
export { screen, screenPrepared, scoreName } from './screen.ts';
export type {
  ScreenOptions, Visibility, ScreeningOutcome, ScreeningHit, ScreeningPointer, MatchExplanation, BirthDateExplanation, NameExplanation,
  NamePartExplanation, AlertView,
} from './screen.ts';
export { BANDS, DEFAULT_THRESHOLDS, nameScore, bandOf, dateAdjustment } from './score-match.ts';
export type { Band, ScreeningThresholds, FactAdjustment } from './score-match.ts';
