/**
 * Property types: how a raw value is cleaned into its canonical form, and how two clean values
 * compare by the type's own notion of equality (1 equal, 0 different, between for compatible
 * partial values). The matching package holds the richer comparators used for scoring; these
 * are the type-level rules every stored value obeys.
 */
import { toCountryCode } from './countries.ts';
import { compatibleDates, dateProblem, formatPartialDate, parsePartialDate } from './partial-date.ts';

export const PROPERTY_TYPES = [
  'name', 'date', 'country', 'phone', 'email', 'identifier', 'plate', 'text', 'string', 'entity',
  'number', 'enum', 'latitude', 'longitude',
] as const;
export type PropertyTypeName = (typeof PROPERTY_TYPES)[number];

/** A refusal's `reason` may quote the value; `reasonWithoutValue` then says the same without it (FieldError). */
export type Cleaned = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string; readonly reasonWithoutValue?: string };

export interface PropertyType {
  readonly name: PropertyTypeName;
  /** Maximum length of a clean value; longer input is refused rather than truncated. */
  readonly maxLength: number;
  clean(raw: string, options?: { readonly values?: readonly string[] }): Cleaned;
  compare(a: string, b: string): number;
}

// C0/C1 control characters other than tab and newline have no place in a stored value.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// in text of one line (an id, a purpose, a reason), not even those, nor the marks that reorder
// what is shown (bidirectional embeddings, overrides and isolates): a purpose written with a
// right-to-left override reads otherwise in the audit log than what was typed
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Whether text holds control characters: any (and the bidirectional marks), for text of one line
 * (an id, a purpose, a reason: shown on screens and kept in the audit log as given); with
 * `lineBreaks`, any but tab and line breaks, as a stored property value may hold them (notes).
 */
export function hasControlCharacters(text: string, { lineBreaks = false }: { readonly lineBreaks?: boolean } = {}): boolean {
  return (lineBreaks ? CONTROL : LINE_CONTROL).test(text);
}
const quote = (raw: string): string => JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);

const ok = (value: string): Cleaned => ({ ok: true, value });
const fail = (reason: string): Cleaned => ({ ok: false, reason });
/** A refusal that quotes the value, for whoever sent it, and says why without it, for a log. */
const failOn = (raw: string, why: string): Cleaned => ({ ok: false, reason: `${quote(raw)} ${why}`, reasonWithoutValue: why });

function basic(raw: string, maxLength: number, label: string): Cleaned {
  if (CONTROL.test(raw)) return failOn(raw, 'contains control characters');
  const value = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value === '') return fail('is empty');
  if (value.length > maxLength) return fail(`is longer than ${maxLength} characters for ${label}`);
  return ok(value);
}

const equal = (a: string, b: string): number => (a === b ? 1 : 0);

function type(name: PropertyTypeName, maxLength: number, clean: PropertyType['clean'], compare: PropertyType['compare'] = equal): PropertyType {
  return Object.freeze({ name, maxLength, clean, compare });
}

const nameType = type('name', 300, (raw) => {
  const cleaned = basic(raw, 300, 'a name');
  if (!cleaned.ok) return cleaned;
  return /\p{L}/u.test(cleaned.value) ? cleaned : failOn(raw, 'has no letters');
}, (a, b) => equal(a.toLowerCase(), b.toLowerCase()));

const dateType = type('date', 10, (raw) => {
  const parsed = parsePartialDate(raw);
  return parsed ? ok(formatPartialDate(parsed)) : failOn(raw, dateProblem(raw) ?? 'is not a date');
}, (a, b) => {
  const pa = parsePartialDate(a);
  const pb = parsePartialDate(b);
  if (!pa || !pb) return 0;
  if (a === b) return 1;
  return compatibleDates(pa, pb) ? 0.5 : 0;
});

const countryType = type('country', 2, (raw) => {
  const code = toCountryCode(raw);
  return code ? ok(code) : failOn(raw, 'is not an ISO 3166 country');
});

const phoneType = type('phone', 16, (raw) => {
  // E.164: a + and up to 15 digits. "00" is the international prefix in most of Europe.
  // "+32 (0)2 …": the bracketed trunk prefix is dialled only inside the country.
  let digits = raw.trim().replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!/^\+\d{7,15}$/.test(digits)) return failOn(raw, 'is not an international (E.164) phone number');
  return ok(digits);
});

const emailType = type('email', 254, (raw) => {
  const value = raw.trim();
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1 || /\s/.test(value) || !value.slice(at + 1).includes('.')) {
    return failOn(raw, 'is not an e-mail address');
  }
  return ok(`${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`);
}, (a, b) => equal(a.toLowerCase(), b.toLowerCase()));

function compactCode(maxLength: number, label: string): PropertyType['clean'] {
  return (raw) => {
    const value = raw.normalize('NFKC').toUpperCase().replace(/[\s\-./]/g, '');
    if (!/^[\p{Lu}\p{N}]+$/u.test(value)) return failOn(raw, `is not ${label}`);
    if (value.length < 2 || value.length > maxLength) return failOn(raw, `is not ${label} (length)`);
    return ok(value);
  };
}

const identifierType = type('identifier', 40, compactCode(40, 'an identifier'));
const plateType = type('plate', 12, compactCode(12, 'a vehicle plate'));
const textType = type('text', 100_000, (raw) => {
  if (CONTROL.test(raw)) return failOn(raw, 'contains control characters');
  const value = raw.normalize('NFC').trim();
  if (value === '') return fail('is empty');
  return value.length > 100_000 ? fail('is longer than 100000 characters') : ok(value);
});
const stringType = type('string', 1000, (raw) => basic(raw, 1000, 'a string'));
const entityType = type('entity', 200, (raw) => {
  const value = raw.trim();
  if (value === '' || /\s/.test(value) || CONTROL.test(value)) return failOn(raw, 'is not a record reference');
  return value.length > 200 ? failOn(raw, 'is too long for a record reference') : ok(value);
});

function numeric(name: 'number' | 'latitude' | 'longitude', min: number, max: number): PropertyType {
  return type(name, 32, (raw) => {
    const value = raw.trim();
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) return failOn(raw, 'is not a number');
    if (n < min || n > max) return failOn(raw, `is outside ${min}..${max}`);
    return ok(String(n));
  }, (a, b) => (Number(a) === Number(b) ? 1 : 0));
}

const enumType = type('enum', 64, (raw, options) => {
  const value = raw.trim().toLowerCase();
  const allowed = options?.values ?? [];
  return allowed.includes(value) ? ok(value) : failOn(raw, `is not one of ${allowed.join(', ')}`);
});

const TYPES: Readonly<Record<PropertyTypeName, PropertyType>> = Object.freeze({
  name: nameType,
  date: dateType,
  country: countryType,
  phone: phoneType,
  email: emailType,
  identifier: identifierType,
  plate: plateType,
  text: textType,
  string: stringType,
  entity: entityType,
  number: numeric('number', -1e15, 1e15),
  enum: enumType,
  latitude: numeric('latitude', -90, 90),
  longitude: numeric('longitude', -180, 180),
});

export function propertyType(name: PropertyTypeName): PropertyType {
  return TYPES[name];
}

export function isPropertyTypeName(name: string): name is PropertyTypeName {
  return (PROPERTY_TYPES as readonly string[]).includes(name);
}
