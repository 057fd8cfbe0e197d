/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit), arrays in order, no whitespace.
 * Two records with the same content serialise to the same string whatever order their keys
 * arrived in, so "unchanged" is a string comparison.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    const item = source[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}
