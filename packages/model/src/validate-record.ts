/**
 * Validation of one incoming record (FollowTheMoney-style JSON plus provenance). Every problem
 * is reported with the field it concerns; nothing is silently dropped or repaired beyond the
 * property type's own cleaning (case, spacing, canonical formats).
 */
import { toCountryCode } from './countries.ts';
import { AgencyId, recordIdOf } from './ids.ts';
import { dateProblem, parsePartialDate } from './partial-date.ts';
import { hasControlCharacters, propertyType, type Cleaned } from './property-types.ts';
import {
  CLASSIFICATION, CREDIBILITY, HANDLING, NATURE, RELIABILITY, SUBJECT_CATEGORY, TLP,
  type Credibility, type Marking, type Provenance, type SubjectCategory,
} from './provenance.ts';
import type { EntityRecord } from './record.ts';
import type { SchemaRegistry } from './schema.ts';

export interface FieldError {
  readonly field: string;
  /** Why, as whoever sent the value is told: it may quote the value. */
  readonly reason: string;
  /**
   * The same without the value, where `reason` quotes one. A refused value is personal data (a
   * name, a date of birth), and personal data goes into no log but the audit log: what a
   * terminal or a log is given (formatFieldError) names the field and the reason only.
   */
  readonly reasonWithoutValue?: string;
}

/** A field's refusal that quotes the value refused (FieldError). */
export function valueError(field: string, value: unknown, why: string): FieldError {
  return { field, reason: `${JSON.stringify(value)} ${why}`, reasonWithoutValue: why };
}

/** A property type's refusal of a field's value as the field's error. */
export function refusalOf(field: string, { reason, reasonWithoutValue }: Extract<Cleaned, { ok: false }>): FieldError {
  return reasonWithoutValue === undefined ? { field, reason } : { field, reason, reasonWithoutValue };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields a record, its provenance and its marking are made of; anything else is a slip, refused rather than dropped. */
const RECORD_FIELDS = ['id', 'schema', 'properties', 'provenance'] as const;
const PROVENANCE_FIELDS = ['agency', 'source', 'sourceRecordId', 'reliability', 'credibility', 'marking', 'handling', 'category', 'nature', 'legalBasis', 'reviewDate'] as const;
const MARKING_FIELDS = ['tlp', 'classification', 'releasability', 'needToKnow'] as const;

const spelling = (key: string): string => key.toLowerCase().replace(/[\s_.-]/g, '');

/**
 * The keys of an object that are none of its fields, each as an error naming it (`at` + key) and
 * the field meant where only case or separators differ: a marking's `need_to_know` dropped in
 * silence would let the whole agency read a record meant for one team.
 */
function unknownFields(given: Readonly<Record<string, unknown>>, fields: readonly string[], at: string, what: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(given)) {
    if (fields.includes(key)) continue;
    const meant = fields.find((field) => spelling(field) === spelling(key));
    errors.push({ field: `${at}${key}`, reason: meant ? `is not a field of ${what}: did you mean ${meant}?` : `is not a field of ${what} (${fields.join(', ')})` });
  }
  return errors;
}

/**
 * What is wrong with provenance given for every record of a batch (`--defaults`, a CSV mapping's
 * `provenance`): a field it does not have, or a marking that is not an object. `at` names where
 * it was given.
 */
export function provenanceDefaultsErrors(raw: unknown, at: string): FieldError[] {
  if (!isObject(raw)) return [{ field: at, reason: 'must be an object' }];
  const errors = unknownFields(raw, PROVENANCE_FIELDS.filter((f) => f !== 'sourceRecordId'), `${at}.`, 'provenance');
  const marking = raw['marking'];
  if (marking !== undefined && !isObject(marking)) errors.push({ field: `${at}.marking`, reason: 'must be an object' });
  else if (marking !== undefined) errors.push(...unknownFields(marking, MARKING_FIELDS, `${at}.marking.`, 'a marking'));
  // The values given, held to what a record's provenance takes: a bad one would otherwise be
  // found on every line it fills, the same errors repeated for the whole file.
  // (a field left null or undefined gives no value: the lines' own are needed)
  const valued = (o: Record<string, unknown>, fields: readonly string[]): string[] => Object.keys(o).filter((f) => fields.includes(f) && o[f] !== undefined && o[f] !== null);
  const given = new Set([
    ...valued(raw, PROVENANCE_FIELDS.filter((f) => f !== 'marking' && f !== 'sourceRecordId')).map((f) => `provenance.${f}`),
    ...(isObject(marking) ? valued(marking, MARKING_FIELDS).map((f) => `provenance.marking.${f}`) : []),
  ]);
  const checked: FieldError[] = [];
  provenanceOf(raw, 'defaults', {}, checked);
  for (const error of checked) if (given.has(error.field)) errors.push({ ...error, field: `${at}${error.field.slice('provenance'.length)}` });
  return errors;
}

/** The provenance fields a CSV column may give (not the marking, an object). */
export const PROVENANCE_COLUMN_FIELDS: readonly string[] = PROVENANCE_FIELDS.filter((f) => f !== 'marking');

export type Validated = { readonly ok: true; readonly record: EntityRecord } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Provenance fields a batch may supply for every record that does not carry its own. */
export type ProvenanceDefaults = Partial<Omit<Provenance, 'marking' | 'sourceRecordId'>> & { readonly marking?: Partial<Marking> };

export interface ValidateOptions {
  readonly defaults?: ProvenanceDefaults;
  /** Review date for a record that has none, from the retention rules of its category (and of its agency). */
  readonly reviewDateFor?: (category: SubjectCategory, agency: AgencyId) => string;
  /** At most this many values per property; more is refused as absurd input. */
  readonly maxValues?: number;
  /** The agencies of the deployment: a releasability entry naming another is refused. Unset, only the form is checked. */
  readonly agencies?: readonly string[];
  /**
   * The need-to-know groups of the deployment and their agencies: a needToKnow entry naming no
   * group of the record's own agency is refused (a slip would restrict the record to no one, and
   * another agency's group is not the owner's to admit readers through). Ids are compared as
   * stored, case and all. Unset, only the form is checked.
   */
  readonly groups?: readonly { readonly id: string; readonly agency: string }[];
}

const AGENCY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Why an entry of a marking's releasability names no one (not ALL, a two-letter ISO country or an agency), or undefined. */
function recipientProblem(raw: string, agencies: readonly string[] | undefined): string | undefined {
  const to = raw.trim();
  if (to.toUpperCase() === 'ALL') return undefined;
  const lower = to.toLowerCase();
  if (lower.length === 2 && toCountryCode(lower) === lower) return undefined;
  if (agencies === undefined ? AGENCY_ID.test(lower) : agencies.includes(lower)) return undefined;
  return 'is not ALL, a two-letter ISO country code or an agency of this deployment';
}

/** The ids of one agency's groups, indexed once per groups array (an upload validates many lines against one). */
const groupIndexes = new WeakMap<readonly { readonly id: string; readonly agency: string }[], ReadonlyMap<string, ReadonlySet<string>>>();
function groupsOf(groups: readonly { readonly id: string; readonly agency: string }[], agency: string): ReadonlySet<string> {
  let index = groupIndexes.get(groups);
  if (index === undefined) {
    const byAgency = new Map<string, Set<string>>();
    for (const g of groups) byAgency.set(g.agency, (byAgency.get(g.agency) ?? new Set()).add(g.id));
    index = byAgency;
    groupIndexes.set(groups, index);
  }
  return index.get(agency) ?? NO_GROUPS;
}
const NO_GROUPS: ReadonlySet<string> = new Set();

function oneOf<T extends string | number>(scale: readonly T[], value: unknown, field: string, errors: FieldError[], normalise: (v: string) => string = (v) => v): T | undefined {
  if (value === undefined || value === null || value === '') {
    errors.push({ field, reason: 'is required' });
    return undefined;
  }
  const text = normalise(String(value).trim());
  const found = scale.find((option) => String(option) === text);
  if (found === undefined) errors.push(valueError(field, value, `is not one of ${scale.join(', ')}`));
  return found;
}

const CATEGORY_ALIASES: Readonly<Record<string, SubjectCategory>> = { associate: 'contact', 'contact/associate': 'contact', convict: 'convicted' };

const categorySpelling = (v: string): string => CATEGORY_ALIASES[v.toLowerCase()] ?? v.toLowerCase();

/** The data-subject category a value names as a record's provenance takes it (case and aliases such as `associate` read), or undefined. */
export function subjectCategoryOf(value: unknown): SubjectCategory | undefined {
  if (typeof value !== 'string') return undefined;
  const text = categorySpelling(value.trim());
  return SUBJECT_CATEGORY.find((category) => category === text);
}

function provenanceOf(raw: unknown, recordId: unknown, options: ValidateOptions, errors: FieldError[]): Provenance | undefined {
  if (raw !== undefined && !isObject(raw)) {
    errors.push({ field: 'provenance', reason: 'must be an object' });
    return undefined;
  }
  const given = raw ?? {};
  errors.push(...unknownFields(given, PROVENANCE_FIELDS, 'provenance.', 'provenance'));
  const defaults = options.defaults ?? {};
  const pick = (key: string): unknown => given[key] ?? (defaults as Record<string, unknown>)[key];
  const at = (key: string): string => `provenance.${key}`;

  const agencyRaw = pick('agency');
  if (typeof agencyRaw !== 'string' || !AGENCY_ID.test(agencyRaw)) {
    errors.push(agencyRaw === undefined ? { field: at('agency'), reason: 'is required' } : valueError(at('agency'), agencyRaw, 'is not an agency id (lowercase letters, digits, - and _)'));
  }
  const source = pick('source');
  if (typeof source !== 'string' || source.trim() === '') errors.push({ field: at('source'), reason: 'is required' });
  else if (hasControlCharacters(source)) errors.push({ field: at('source'), reason: 'contains control characters' });
  const reliability = oneOf(RELIABILITY, pick('reliability'), at('reliability'), errors, (v) => v.toUpperCase());
  const credibility = oneOf(CREDIBILITY.map(String), pick('credibility'), at('credibility'), errors);
  const handling = oneOf(HANDLING, pick('handling'), at('handling'), errors, (v) => v.toUpperCase());
  const category = oneOf(SUBJECT_CATEGORY, pick('category'), at('category'), errors, categorySpelling);
  const nature = oneOf(NATURE, pick('nature') ?? 'fact', at('nature'), errors, (v) => v.toLowerCase());
  const legalBasis = pick('legalBasis');
  if (typeof legalBasis !== 'string' || legalBasis.trim() === '') errors.push({ field: at('legalBasis'), reason: 'is required' });
  else if (hasControlCharacters(legalBasis)) errors.push({ field: at('legalBasis'), reason: 'contains control characters' });

  const markingRaw = given['marking'] ?? {};
  if (!isObject(markingRaw)) errors.push({ field: at('marking'), reason: 'must be an object' });
  else errors.push(...unknownFields(markingRaw, MARKING_FIELDS, 'provenance.marking.', 'a marking'));
  const marking = { ...(defaults.marking ?? {}), ...(isObject(markingRaw) ? markingRaw : {}) } as Record<string, unknown>;
  const tlp = oneOf(TLP, marking['tlp'], at('marking.tlp'), errors, (v) => v.toUpperCase().replace(/^TLP:/, '').replace('WHITE', 'CLEAR'));
  const classification = oneOf(CLASSIFICATION, marking['classification'] ?? 'UNCLASSIFIED', at('marking.classification'), errors, (v) => v.toUpperCase().replace(/[\s-]/g, '_'));
  const releasability = marking['releasability'] ?? [];
  if (!Array.isArray(releasability) || !releasability.every((r) => typeof r === 'string')) {
    errors.push({ field: at('marking.releasability'), reason: 'must be a list of agency ids or country codes' });
  } else {
    // a mistyped recipient would silently never receive the record
    for (const to of releasability as string[]) {
      const problem = recipientProblem(to, options.agencies);
      if (problem !== undefined) errors.push(valueError(at('marking.releasability'), to, problem));
    }
  }
  const needToKnow = marking['needToKnow'] ?? [];
  if (!Array.isArray(needToKnow) || !needToKnow.every((g) => typeof g === 'string' && /^[a-z0-9][a-z0-9_.-]{0,99}$/i.test(g.trim()))) {
    errors.push({ field: at('marking.needToKnow'), reason: 'must be a list of need-to-know group ids' });
  } else if (options.groups !== undefined && typeof agencyRaw === 'string') {
    const own = groupsOf(options.groups, agencyRaw);
    for (const group of needToKnow as string[]) {
      if (!own.has(group.trim())) errors.push(valueError(at('marking.needToKnow'), group, `is not a need-to-know group of ${agencyRaw}`));
    }
  }

  let reviewDate = pick('reviewDate');
  if (reviewDate === undefined && category !== undefined && typeof agencyRaw === 'string' && options.reviewDateFor) reviewDate = options.reviewDateFor(category, AgencyId(agencyRaw));
  const parsedReview = typeof reviewDate === 'string' ? parsePartialDate(reviewDate) : undefined;
  // Without a category there is no rule to date the review by: the category's own error says why.
  const undatable = reviewDate === undefined && options.reviewDateFor !== undefined && category === undefined;
  if (parsedReview?.day === undefined && !undatable) {
    errors.push(reviewDate === undefined ? { field: at('reviewDate'), reason: 'is required' } : valueError(at('reviewDate'), reviewDate, (typeof reviewDate === 'string' ? dateProblem(reviewDate) : undefined) ?? 'is not a full date (YYYY-MM-DD)'));
  }

  const givenSource = given['sourceRecordId'];
  const sourceProblem = givenSource === undefined ? undefined : recordIdProblem(givenSource);
  if (sourceProblem !== undefined) errors.push(valueError(at('sourceRecordId'), givenSource, sourceProblem));
  const sourceRecordId = typeof agencyRaw === 'string' && AGENCY_ID.test(agencyRaw) && typeof recordId === 'string' && recordIdProblem(recordId) === undefined && sourceProblem === undefined
    ? sourceRecordIdOf(recordId, agencyRaw, givenSource as string | undefined, errors) : undefined;
  if (errors.length > 0 || sourceRecordId === undefined || reliability === undefined || credibility === undefined || handling === undefined || category === undefined
    || nature === undefined || tlp === undefined || classification === undefined) return undefined;
  return Object.freeze({
    agency: AgencyId(String(agencyRaw)),
    source: String(source).trim(),
    sourceRecordId,
    reliability,
    credibility: Number(credibility) as Credibility,
    marking: Object.freeze({
      tlp, classification, releasability: Object.freeze([...(releasability as string[])].map((r) => (r.trim().toUpperCase() === 'ALL' ? 'ALL' : r.trim().toLowerCase()))),
      ...((needToKnow as string[]).length > 0 ? { needToKnow: Object.freeze([...new Set((needToKnow as string[]).map((g) => g.trim()))].sort()) } : {}),
    }),
    handling,
    category,
    nature,
    legalBasis: String(legalBasis).trim(),
    reviewDate: String(reviewDate),
  });
}

/**
 * The source record id of a line whose `id` is valid, or undefined with the error saying why the
 * line names no record it can be stored as. A record is stored as `agency:sourceRecordId`
 * (recordIdOf), and its `id` is read as a reference to it is (entityRef): `r1` names the line's
 * agency's record r1, `fedpol:r1` fedpol's record r1. The two must name one record: the other
 * lines of a file refer to a record by its id (a Family's `person`, an Ownership's `owner`), so an
 * id that names another record than the one written leaves those references pointing at nothing
 * while the line is written over whatever record its sourceRecordId names.
 */
function sourceRecordIdOf(id: string, agency: string, given: string | undefined, errors: FieldError[]): string | undefined {
  const named = entityRef(AgencyId(agency), id);
  if (given !== undefined) {
    const stored = recordIdOf(AgencyId(agency), given);
    if (named === stored) return given;
    errors.push({
      field: 'id',
      reason: `${JSON.stringify(id)} names the record ${named}, but this line is stored as ${stored} (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree`,
      reasonWithoutValue: 'does not name the record this line is stored as (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree',
    });
    return undefined;
  }
  const own = `${agency}:`;
  if (named.startsWith(own)) return named.slice(own.length);
  const other = id.slice(0, id.indexOf(':'));
  errors.push({
    field: 'id',
    reason: `${JSON.stringify(id)} names a record of ${other}, not of this line's agency ${agency} (an id written agency:x names that agency's record x): one of ${agency}'s own ids holding a colon is written ${own}${id}`,
    reasonWithoutValue: 'names a record of another agency than provenance.agency (an id written agency:x names that agency\'s record x): one of this agency\'s own ids holding a colon is written with this agency first',
  });
  return undefined;
}

/**
 * Why a value is not a record id (a string of 1 to 200 characters, no spaces or control
 * characters, bidi controls among them), or undefined: the one rule for a record id, which an
 * ingest's refusal also follows before it names a line's record.
 */
export function recordIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.trim() === '' || id.length > 200 || /\s/.test(id)) return 'is not a record id';
  return hasControlCharacters(id) ? 'contains control characters' : undefined;
}

/** Validate and clean one record. */
export function validateRecord(registry: SchemaRegistry, raw: unknown, options: ValidateOptions = {}): Validated {
  const errors: FieldError[] = [];
  if (!isObject(raw)) return { ok: false, errors: [{ field: 'record', reason: 'must be a JSON object' }] };
  errors.push(...unknownFields(raw, RECORD_FIELDS, '', 'a record'));
  const id = raw['id'];
  const idProblem = recordIdProblem(id);
  if (idProblem !== undefined) errors.push(id === undefined ? { field: 'id', reason: 'is required' } : valueError('id', id, idProblem));
  const schemaName = raw['schema'];
  const schema = typeof schemaName === 'string' ? registry.get(schemaName) : undefined;
  if (!schema) errors.push(valueError('schema', schemaName, 'is not a known schema'));
  else if (schema.abstract) errors.push({ field: 'schema', reason: `${schema.name} is abstract` });

  const provenance = provenanceOf(raw['provenance'], id, options, errors);
  const rawProps = raw['properties'] ?? {};
  const properties: Record<string, readonly string[]> = {};
  if (!isObject(rawProps)) {
    errors.push({ field: 'properties', reason: 'must be an object' });
  } else if (schema) {
    const maxValues = options.maxValues ?? 100;
    for (const [name, value] of Object.entries(rawProps)) {
      const def = schema.properties.get(name);
      if (!def) {
        errors.push({ field: name, reason: `is not a property of ${schema.name}` });
        continue;
      }
      const list = Array.isArray(value) ? value : [value];
      if (list.length > maxValues) {
        errors.push({ field: name, reason: `has more than ${maxValues} values` });
        continue;
      }
      const clean: string[] = [];
      for (const item of list) {
        if (item === null || item === undefined || item === '') continue;
        if (typeof item !== 'string' && typeof item !== 'number') {
          errors.push(valueError(name, item, 'is not a string'));
          continue;
        }
        const cleaned = propertyType(def.type).clean(String(item), def.values ? { values: def.values } : undefined);
        if (!cleaned.ok) {
          errors.push(refusalOf(name, cleaned));
          continue;
        }
        // Endpoints name records of the same agency: an agency makes claims about its own records.
        const value = def.type === 'entity' && provenance ? entityRef(provenance.agency, cleaned.value) : cleaned.value;
        if (!clean.includes(value)) clean.push(value);
      }
      if (clean.length > 0) properties[name] = Object.freeze(clean);
    }
    // an empty string or cell is no value; a record left with none says nothing of anyone
    if (Object.keys(properties).length === 0 && !errors.some((e) => e.field !== 'properties' && !e.field.startsWith('provenance'))) {
      errors.push({ field: 'properties', reason: 'holds no value (an empty string or an empty CSV cell is no value)' });
    }
    if (schema.edge) {
      for (const end of [schema.edge.source, schema.edge.target]) {
        if (!properties[end]) errors.push({ field: end, reason: `is required: it is an endpoint of ${schema.name}` });
      }
    }
  }
  if (errors.length > 0 || !provenance || !schema) return { ok: false, errors };
  return {
    ok: true,
    record: Object.freeze({ id: recordIdOf(provenance.agency, provenance.sourceRecordId), schema: schema.name, properties: Object.freeze(properties), provenance }),
  };
}

/**
 * A reference without an agency prefix names a record of the same agency (an agency's export
 * refers to its own records); one written `agency:id` names that record exactly, which is how a
 * check, an alert or a sighting refers to a subject another agency recorded.
 */
function entityRef(agency: AgencyId, value: string): string {
  return value.includes(':') ? value : `${agency}:${value}`;
}

/** "line 2: birthDate: is not a date": for a terminal or a log, so without the value refused (FieldError). */
export function formatFieldError(error: FieldError, where?: string): string {
  return `${where ? `${where}: ` : ''}${error.field}: ${error.reasonWithoutValue ?? error.reason}`;
}
