/**
 * One FtM-style JSON line (`{"id","schema","properties"[,"provenance"]}`) as a resolvable
 * record; provenance is not a matching feature and is ignored. The schema must be one Mosaic
 * knows, every property one of that schema, and every value read is cleaned by its property
 * type as ingest cleans it (a date that is not one, a country that is not one, a value that is
 * not a string): a record the matcher would read wrongly is refused with the field and the
 * reason, never compared without the value. Invalid lines come back as a reason, never thrown
 * (they are an expected outcome of reading a file).
 */
import { formatFieldError, propertyType, RecordId, refusalOf, schemata, valueError, type FieldError, type Properties, type PropertyDefinition } from '@mosaic/model';
import type { ResolvableRecord } from './resolve-records.ts';

/**
 * A refusal says why in `reason`, for a terminal or a log: without the value refused (FieldError).
 * One about a field also gives it apart (`error`, whose reason may quote the value), for an API's details.
 */
export type ParsedLine = { readonly ok: true; readonly record: ResolvableRecord } | { readonly ok: false; readonly reason: string; readonly error?: FieldError };

export interface ParseOptions {
  /** Keep only these properties (e.g. @mosaic/matching's MATCHING_PROPERTIES for a large batch); the others are checked to be the schema's, not read. */
  readonly keep?: ReadonlySet<string>;
}

const refuse = (error: FieldError): ParsedLine => ({ ok: false, reason: formatFieldError(error), error });

export function parseEntityObject(value: unknown, id?: string, { keep }: ParseOptions = {}): ParsedLine {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not an object' };
  const o = value as { id?: unknown; schema?: unknown; properties?: unknown };
  const recordId = id ?? o.id;
  if (typeof recordId !== 'string' || recordId === '') return { ok: false, reason: 'id must be a non-empty string' };
  if (typeof o.schema !== 'string' || o.schema === '') return { ok: false, reason: 'schema must be a non-empty string' };
  const schema = schemata().get(o.schema);
  if (!schema || schema.abstract) return refuse(valueError('schema', o.schema, 'is not a known schema'));
  if (typeof o.properties !== 'object' || o.properties === null || Array.isArray(o.properties)) return { ok: false, reason: 'properties must be an object' };
  const properties: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(o.properties as Record<string, unknown>)) {
    const def = schema.properties.get(k);
    if (!def) return refuse({ field: k, reason: `is not a property of ${schema.name}` });
    if (keep && !keep.has(k)) continue;
    const values = cleanValues(def, k, Array.isArray(v) ? v : [v]);
    if (!Array.isArray(values)) return refuse(values);
    properties[k] = values;
  }
  return { ok: true, record: { id: RecordId(recordId), schema: schema.name, properties: properties as Properties } };
}

/** A property's values cleaned by its type (ingest's rule: empty values are left out, numbers read as text), or the first that is refused. */
function cleanValues(def: PropertyDefinition, field: string, raw: readonly unknown[]): string[] | FieldError {
  const type = propertyType(def.type);
  const options = def.values ? { values: def.values } : undefined;
  const out: string[] = [];
  for (const item of raw) {
    if (item === null || item === undefined || item === '') continue;
    if (typeof item !== 'string' && typeof item !== 'number') return valueError(field, item, 'is not a string');
    const cleaned = type.clean(String(item), options);
    if (!cleaned.ok) return refusalOf(field, cleaned);
    out.push(cleaned.value);
  }
  return out;
}

export function parseRecordLine(line: string, options: ParseOptions = {}): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  return parseEntityObject(value, undefined, options);
}
