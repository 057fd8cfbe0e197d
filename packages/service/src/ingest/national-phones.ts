/**
 * A line's phone numbers written nationally ("0470 91 82 74") read as the uploader's agency's
 * country numbers them, as a report upload reads them (nationalToE164, @mosaic/extract): the
 * same number is one number whether it came in a report or a file. A value already international,
 * or one the country's plan has no such number for, is left as written, for validation to accept
 * or refuse.
 */
import type { SchemaRegistry } from '@mosaic/model';
import { nationalToE164 } from '@mosaic/extract';

/** National numbers start with the trunk prefix 0, never 00 (the international prefix in most of Europe). */
const NATIONAL = /^\s*0(?!0)/;

export function nationalPhonesRead(registry: SchemaRegistry, raw: unknown, country: string): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { schema: name, properties } = raw as { schema?: unknown; properties?: unknown };
  const schema = typeof name === 'string' ? registry.get(name) : undefined;
  if (schema === undefined || typeof properties !== 'object' || properties === null) return raw;
  let read: Record<string, unknown> | undefined;
  for (const [property, values] of Object.entries(properties)) {
    if (schema.properties.get(property)?.type !== 'phone' || !Array.isArray(values)) continue;
    const numbers = values.map((value: unknown) => (typeof value === 'string' && NATIONAL.test(value) ? nationalToE164(value, country) ?? value : value));
    if (numbers.some((value, i) => value !== values[i])) (read ??= { ...properties })[property] = numbers;
  }
  return read === undefined ? raw : { ...raw, properties: read };
}
