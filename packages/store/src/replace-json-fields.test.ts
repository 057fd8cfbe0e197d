import { describe, expect, it } from 'vitest';
import { replaceJsonFields } from './replace-json-fields.ts';

/** A generator of values from a seed, so a failure is the same on each run. */
function valuesFrom(seed: number) {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  // what makes a reader of JSON text lose its place: quotes, backslashes and brackets inside strings, other scripts, a lone surrogate
  const PIECES = ['a', 'Hallvard', '"', '\\', '\\"', '{', '}', '[', ']', ',', ':', ' ', '\n', 'é', 'Ø', 'Мирон', '📞', '\ud800', '\u0000', '\u2028'];
  const text = (): string => Array.from({ length: next(6) }, () => PIECES[next(PIECES.length)]).join('');
  const value = (depth: number): unknown => {
    switch (next(depth > 3 ? 5 : 8)) {
      case 0: return text();
      case 1: return next(1000) - 500;
      case 2: return next(1000) / 7;
      case 3: return next(2) === 0;
      case 4: return null;
      case 5: return Array.from({ length: next(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: next(4) }, () => [text(), value(depth + 1)]));
    }
  };
  return { next, text, value };
}

describe('replaceJsonFields', () => {
  it('writes what JSON.stringify writes of the object with the members given, on generated objects', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { next, text, value } = valuesFrom(seed);
      const body = Object.fromEntries(Array.from({ length: next(6) }, () => [`k${next(8)}${text()}`, value(0)]));
      const keys = Object.keys(body);
      const fields: Record<string, unknown> = {};
      for (let n = next(4); n > 0; n--) {
        // a member of the body or a new one, given a value, or one JSON drops
        const key = keys.length > 0 && next(3) > 0 ? keys[next(keys.length)]! : `k${next(8)}${text()}`;
        fields[key] = next(5) === 0 ? undefined : value(0);
      }
      const json = JSON.stringify(body);
      expect(replaceJsonFields(json, fields), `seed ${seed}`).toBe(JSON.stringify({ ...JSON.parse(json) as object, ...fields }));
    }
  });

  it('replaces a review\'s decisions, its extraction left as written', () => {
    const review = { report: 'fedpol:r1', extraction: { entities: [{ id: 'e1', name: 'Hallvard "the Dane" Ostergren', mentions: [{ start: 0, end: 8, text: '{entities}' }] }], relations: [] }, entities: { e1: { status: 'proposed' } }, relations: [] };
    const decisions = { entities: { e1: { status: 'confirmed', record: 'fedpol:p1' } }, relations: [] };
    expect(JSON.parse(replaceJsonFields(JSON.stringify(review), decisions))).toEqual({ ...review, ...decisions });
  });

  it('reads text with space between its members, and an empty object', () => {
    expect(replaceJsonFields(' { "a" : [1, {"b": "}"}] , "c" : 2 } ', { c: 3, d: 'x' })).toBe(' { "a" : [1, {"b": "}"}],"c" : 3,"d":"x" } ');
    expect(replaceJsonFields('{}', { a: 1 })).toBe('{"a":1}');
    expect(replaceJsonFields('{"a":1}', { a: undefined })).toBe('{}');
  });

  it('refuses text that is not an object, and a key read as an array index', () => {
    expect(() => replaceJsonFields('[1]', { a: 1 })).toThrow(/not a JSON object/);
    expect(() => replaceJsonFields('{"a":"open}', { a: 1 })).toThrow(/not closed/);
    expect(() => replaceJsonFields('{"a":1}', { 7: 1 })).toThrow(/array index/);
  });
});
