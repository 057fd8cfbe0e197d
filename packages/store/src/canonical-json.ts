/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit), arrays in order, no whitespace;
 * otherwise exactly what JSON.stringify writes (undefined members dropped, undefined in arrays
 * as null). Two records with the same content serialise to the same string whatever order
 * their keys arrived in, so "unchanged" is a string comparison. Written out directly rather
 * than by sorting a copy: it runs once per ingested record.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return `${out}]`;
  }
  const source = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(source).sort()) {
    const item = write(source[key]);
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${item}`;
    first = false;
  }
  return `${out}}`;
}
