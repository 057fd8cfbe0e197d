/**
 * A watchlist entry: one subject to screen against (a resolved entity or a single record),
 * with the identifying facts a checkpoint can compare (names and aliases, dates of birth,
 * nationalities, gender, document numbers, vehicle plates, phone numbers, e-mail addresses) and
 * the alerts it carries. Religion, ethnicity and similar characteristics have no field here on purpose: they
 * are never screening features (DESIGN.md, principle 2).
 */
import type { AgencyId, EntityId, RecordId } from '@mosaic/model';
import type { Alert, OwnerDesk } from './alert.ts';

export type SubjectId = EntityId | RecordId;

/** `weakAlias`: a kunya or nickname that alone should never make a hit (FtM weakAlias). */
export const NAME_KINDS = ['name', 'alias', 'weakAlias'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export interface WatchlistName {
  readonly value: string;
  readonly kind: NameKind;
}

export interface WatchlistEntry {
  readonly id: SubjectId;
  readonly schema: string;
  readonly names: readonly WatchlistName[];
  readonly birthDates?: readonly string[];
  /** ISO 3166-1 alpha-2 codes or English country names. */
  readonly nationalities?: readonly string[];
  readonly genders?: readonly string[];
  /** Identity documents and other personal numbers (passport, id card, registration). */
  readonly documents?: readonly string[];
  readonly plates?: readonly string[];
  readonly phones?: readonly string[];
  readonly emails?: readonly string[];
  readonly alerts?: readonly Alert[];
  /** Who holds the information; shown in a pointer when the entry itself may not be seen. */
  readonly owner?: { readonly agency: AgencyId; readonly desk?: OwnerDesk };
}

/** A FollowTheMoney-style entity as read from JSON Lines. */
export interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Readonly<Record<string, readonly string[]>>;
}

export type EntryConversion = { readonly ok: true; readonly entry: WatchlistEntry } | { readonly ok: false; readonly reason: string };

const DOCUMENT_PROPERTIES = ['idNumber', 'passportNumber', 'taxNumber', 'socialSecurityNumber', 'licenseNumber', 'innCode'] as const;
/** Schemata whose registrationNumber is a vehicle plate rather than a personal number. */
const VEHICLE_SCHEMATA: ReadonlySet<string> = new Set(['Vehicle']);

/** The kinds of identifier an entry holds, each looked up exactly (documents and plates also as OCR misreads them). */
export const IDENTIFIER_FIELDS = ['documents', 'plates', 'phones', 'emails'] as const;
export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number];

/**
 * Records that are an identifier themselves (FtM's Phone, Email, Identification and Passport),
 * and the property holding it: a phone record's number is a phone number as a person's `phone` is.
 */
const OWN_IDENTIFIER: Readonly<Record<string, { readonly field: IdentifierField; readonly property: string }>> = {
  Phone: { field: 'phones', property: 'number' },
  Email: { field: 'emails', property: 'address' },
  Identification: { field: 'documents', property: 'number' },
  Passport: { field: 'documents', property: 'number' },
};

const propertiesBySchema = new Map<string, Readonly<Record<IdentifierField, readonly string[]>>>();

/** The properties of a record of this schema read as each kind of identifier (worked out once per schema: every entry of a list asks). */
export function identifierProperties(schema: string): Readonly<Record<IdentifierField, readonly string[]>> {
  let known = propertiesBySchema.get(schema);
  if (known === undefined) propertiesBySchema.set(schema, (known = identifierPropertiesOf(schema)));
  return known;
}

function identifierPropertiesOf(schema: string): Readonly<Record<IdentifierField, readonly string[]>> {
  const vehicle = VEHICLE_SCHEMATA.has(schema);
  const own = OWN_IDENTIFIER[schema];
  const withOwn = (field: IdentifierField, properties: readonly string[]): readonly string[] => (own?.field === field ? [...properties, own.property] : properties);
  return {
    documents: withOwn('documents', vehicle ? DOCUMENT_PROPERTIES : [...DOCUMENT_PROPERTIES, 'registrationNumber']),
    plates: withOwn('plates', vehicle ? ['registrationNumber'] : []),
    phones: withOwn('phones', ['phone']),
    emails: withOwn('emails', ['email']),
  };
}

export interface EntryOptions {
  /**
   * Only the identifiers, without names, dates of birth, nationalities or gender: an entry for
   * looking up who holds a number, not for screening a person.
   */
  readonly identifiersOnly?: boolean;
  /** The kinds of identifier read (default all). */
  readonly identifiers?: readonly IdentifierField[];
}

function strings(properties: FtmEntity['properties'], keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const values = properties[key];
    if (!Array.isArray(values)) continue;
    for (const v of values) if (typeof v === 'string' && v.trim() !== '') out.push(v);
  }
  return out;
}

/** Parses one line's object into an entry; an unusable line is returned as a reason, not thrown. */
export function entryFromFtm(input: unknown, toId: (raw: string) => SubjectId, { identifiersOnly = false, identifiers = IDENTIFIER_FIELDS }: EntryOptions = {}): EntryConversion {
  if (typeof input !== 'object' || input === null) return { ok: false, reason: 'not an object' };
  const e = input as Partial<FtmEntity>;
  if (typeof e.id !== 'string' || e.id.trim() === '') return { ok: false, reason: 'id missing' };
  if (typeof e.schema !== 'string' || e.schema === '') return { ok: false, reason: 'schema missing' };
  if (typeof e.properties !== 'object' || e.properties === null) return { ok: false, reason: 'properties missing' };
  const p = e.properties;
  const names: WatchlistName[] = identifiersOnly ? [] : [
    ...strings(p, ['name']).map((value) => ({ value, kind: 'name' as const })),
    ...strings(p, ['alias', 'previousName']).map((value) => ({ value, kind: 'alias' as const })),
    ...strings(p, ['weakAlias']).map((value) => ({ value, kind: 'weakAlias' as const })),
  ];
  const first = strings(p, ['firstName'])[0];
  const last = strings(p, ['lastName'])[0];
  if (!identifiersOnly && first !== undefined && last !== undefined) names.push({ value: `${last}, ${[first, ...strings(p, ['middleName'])].join(' ')}`, kind: names.length === 0 ? 'name' : 'alias' });
  const held = identifierProperties(e.schema);
  const read = (field: IdentifierField): string[] => (identifiers.includes(field) ? strings(p, held[field]) : []);
  const entry: WatchlistEntry = {
    id: toId(e.id),
    schema: e.schema,
    names,
    ...(identifiersOnly ? {} : { birthDates: strings(p, ['birthDate']), nationalities: strings(p, ['nationality', 'citizenship']), genders: strings(p, ['gender']) }),
    documents: read('documents'),
    plates: read('plates'),
    phones: read('phones'),
    emails: read('emails'),
  };
  if (names.length === 0 && IDENTIFIER_FIELDS.every((field) => entry[field]?.length === 0)) {
    return { ok: false, reason: 'nothing to screen on (no name, document, plate, phone or e-mail)' };
  }
  return { ok: true, entry };
}
