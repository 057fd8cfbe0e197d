/**
 * One FtM-style JSON line (`{"id","schema","properties"[,"provenance"]}`) as a resolvable
 * record; provenance is not a matching feature and is ignored. Invalid lines come back as a
 * reason, never thrown (they are an expected outcome of reading a file).
 */
import { RecordId, type Properties } from '@mosaic/model';
import type { ResolvableRecord } from './resolve-records.ts';

export type ParsedLine = { readonly ok: true; readonly record: ResolvableRecord } | { readonly ok: false; readonly reason: string };

export interface ParseOptions {
  /** Keep only these properties (e.g. @mosaic/matching's MATCHING_PROPERTIES for a large batch). */
  readonly keep?: ReadonlySet<string>;
}

export function parseEntityObject(value: unknown, id?: string, { keep }: ParseOptions = {}): ParsedLine {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not an object' };
  const o = value as { id?: unknown; schema?: unknown; properties?: unknown };
  const recordId = id ?? o.id;
  if (typeof recordId !== 'string' || recordId === '') return { ok: false, reason: 'id must be a non-empty string' };
  if (typeof o.schema !== 'string' || o.schema === '') return { ok: false, reason: 'schema must be a non-empty string' };
  if (typeof o.properties !== 'object' || o.properties === null || Array.isArray(o.properties)) return { ok: false, reason: 'properties must be an object' };
  const properties: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(o.properties as Record<string, unknown>)) {
    if (keep && !keep.has(k)) continue;
    if (Array.isArray(v)) properties[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') properties[k] = [v];
  }
  return { ok: true, record: { id: RecordId(recordId), schema: o.schema, properties: properties as Properties } };
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
