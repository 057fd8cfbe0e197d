/**
 * A checkpoint query and its validation. An officer types fast and under pressure; a query that
 * cannot identify anyone (empty, one letter, only particles like "al" or "bin", control
 * characters, a pasted page of text) is refused with a reason, before any index work, so that
 * it can never crash the screen or turn into a scan of the whole watchlist.
 */
import { parsePartialDate } from '@mosaic/model';
import {
  confusableForm, normalizeEmail, normalizeGender, normalizeIdentifier, normalizeName, normalizePhone,
  type NormalizedName, type PartialDate,
} from '@mosaic/matching';
import { mrzDocumentNumber } from './mrz-document-number.ts';
import { mrzNationality } from './mrz-nationality.ts';

export interface ScreeningQuery {
  readonly name?: string;
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly gender?: string;
  readonly document?: string;
  readonly plate?: string;
  readonly phone?: string;
  readonly email?: string;
}

export const QUERY_FIELDS = ['name', 'birthDate', 'nationality', 'gender', 'document', 'plate', 'phone', 'email'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A validated query, with everything the index needs computed once. */
export interface PreparedQuery {
  readonly name: NormalizedName | undefined;
  readonly birthDates: readonly PartialDate[];
  readonly countries: readonly string[];
  readonly genders: readonly string[];
  readonly document: string | undefined;
  readonly documentConfusable: string | undefined;
  readonly plate: string | undefined;
  readonly plateConfusable: string | undefined;
  readonly phone: string | undefined;
  readonly email: string | undefined;
}

export type QueryValidation =
  | { readonly ok: true; readonly query: PreparedQuery }
  | { readonly ok: false; readonly field: QueryField | 'query'; readonly reason: string };

export const QUERY_LIMITS = Object.freeze({
  /** Longest name accepted (FtM's name type allows 300). */
  nameLength: 300,
  /** More identifying tokens than any real name carries (Arabic chains of nasab included). */
  nameTokens: 10,
  /** Letters the identifying tokens must hold together: "A" identifies nobody. */
  nameLetters: 2,
  documentLength: 40,
  plateLength: 12,
  /** E.164 allows 15 digits; a subscriber number has at least 6. */
  phoneDigits: [6, 15] as const,
  /** RFC 5321's limit on a path, which an address fits in. */
  emailLength: 254,
  otherLength: 64,
});

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;
/** A birth date far outside any living person's is a typing error, not a query. */
const YEAR_RANGE = [1880, 2100] as const;

function reject(field: QueryField | 'query', reason: string): QueryValidation {
  return { ok: false, field, reason };
}

export function validateQuery(input: unknown): QueryValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return reject('query', 'the query must be an object');
  const q = input as Record<string, unknown>;
  // Lengths and characters are checked on the raw text first: a 10 kB paste is refused
  // without being normalised.
  for (const field of QUERY_FIELDS) {
    const value = q[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return reject(field, 'must be text');
    const max = field === 'name' ? QUERY_LIMITS.nameLength : field === 'document' ? QUERY_LIMITS.documentLength * 2 : field === 'email' ? QUERY_LIMITS.emailLength : QUERY_LIMITS.otherLength;
    if (value.length > max) return reject(field, `longer than ${max} characters`);
    if (CONTROL.test(value)) return reject(field, 'contains control characters');
  }
  const text = (field: QueryField): string | undefined => {
    const value = q[field];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };

  let name: NormalizedName | undefined;
  const rawName = text('name');
  if (rawName !== undefined) {
    name = normalizeName(rawName);
    if (name.core.length === 0) return reject('name', 'no identifying name part (only particles, titles or initials)');
    // a number typed into the name ("EE8371846") is screened as a name and hits no one, silently
    if (name.core.every((t) => /\d/.test(t.text))) return reject('name', 'no letter-only name part: a document number is checked as a document, not as a name');
    if (name.core.length > QUERY_LIMITS.nameTokens) return reject('name', `more than ${QUERY_LIMITS.nameTokens} name parts`);
    const letters = name.core.reduce((n, t) => n + t.text.length, 0);
    if (letters < QUERY_LIMITS.nameLetters) return reject('name', 'too short to identify anyone');
  }

  let birthDates: PartialDate[] = [];
  const rawDate = text('birthDate');
  if (rawDate !== undefined) {
    // read as a record's date is: a real date, not 1999-99-99 taken for 1999
    const date = parsePartialDate(rawDate);
    if (!date || date.year < YEAR_RANGE[0] || date.year > YEAR_RANGE[1]) return reject('birthDate', 'not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)');
    birthDates = [date];
  }
  let countries: readonly string[] = [];
  const rawCountry = text('nationality');
  if (rawCountry !== undefined) {
    // as the document's machine-readable zone writes it too: XXA (stateless) is no nationality
    const codes = mrzNationality(rawCountry);
    if (!codes) return reject('nationality', 'not an ISO 3166 or ICAO Doc 9303 country code, or a country name');
    countries = codes;
  }
  let genders: string[] = [];
  const rawGender = text('gender');
  if (rawGender !== undefined) {
    const g = normalizeGender(rawGender);
    if (!g) return reject('gender', 'not a gender (m, f, x)');
    genders = [g];
  }
  const rawDocument = text('document');
  // a machine-readable zone line pasted whole is its document number (mrz-document-number.ts)
  const document = rawDocument === undefined ? undefined : mrzDocumentNumber(rawDocument) ?? normalizeIdentifier(rawDocument);
  if (document !== undefined && (document.length < 3 || document.length > QUERY_LIMITS.documentLength)) {
    return reject('document', `a document number has 3 to ${QUERY_LIMITS.documentLength} letters or digits`);
  }
  const rawPlate = text('plate');
  const plate = rawPlate === undefined ? undefined : normalizeIdentifier(rawPlate);
  if (plate !== undefined && (plate.length < 2 || plate.length > QUERY_LIMITS.plateLength)) {
    return reject('plate', `a plate has 2 to ${QUERY_LIMITS.plateLength} letters or digits`);
  }
  const rawPhone = text('phone');
  const phone = rawPhone === undefined ? undefined : normalizePhone(rawPhone);
  if (phone !== undefined && (phone.length < QUERY_LIMITS.phoneDigits[0] || phone.length > QUERY_LIMITS.phoneDigits[1])) {
    return reject('phone', `a phone number has ${QUERY_LIMITS.phoneDigits[0]} to ${QUERY_LIMITS.phoneDigits[1]} digits`);
  }
  const rawEmail = text('email');
  const email = rawEmail === undefined ? undefined : normalizeEmail(rawEmail);
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return reject('email', 'not an e-mail address');
  if (name === undefined && document === undefined && plate === undefined && phone === undefined && email === undefined) {
    return reject('query', 'nothing to screen: give a name, a document number, a plate or a phone number');
  }
  return {
    ok: true,
    query: {
      name, birthDates, countries, genders,
      document, documentConfusable: document === undefined ? undefined : confusableForm(document),
      plate, plateConfusable: plate === undefined ? undefined : confusableForm(plate),
      phone, email,
    },
  };
}
