import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: ['b', 'a'] })).not.toBe(canonicalJson({ x: ['a', 'b'] }));
  });

  it('writes what JSON.stringify writes, apart from key order', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 'x', null])).toBe('[null,"x",null]');
    expect(canonicalJson({ s: 'quote " and \\ and é', n: 1.5, t: true })).toBe(JSON.stringify({ n: 1.5, s: 'quote " and \\ and é', t: true }));
    expect(canonicalJson({ d: new Date(0) })).toBe('{"d":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
