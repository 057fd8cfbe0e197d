/**
 * Canonical JSON for hashing and signing, after RFC 8785 (JSON Canonicalization Scheme):
 * object keys sorted by UTF-16 code units, no insignificant whitespace, numbers and strings
 * serialised as ECMAScript's JSON.stringify does. Two equal values always give the same bytes,
 * which is what makes an entry hash reproducible by any verifier, in any language.
 */
import { AppError } from '@mosaic/model';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export function canonicalJson(value: JsonValue): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw invalid(path, 'a non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw invalid(path, 'a non-plain object');
      const record = value as Readonly<Record<string, unknown>>;
      // Default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
      const keys = Object.keys(record).sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw invalid(path, `a value of type ${typeof value}`);
  }
}

function invalid(path: string, what: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `audit: canonical JSON cannot encode ${what} at ${path}`);
}
