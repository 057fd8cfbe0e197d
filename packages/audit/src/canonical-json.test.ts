import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '@mosaic/model';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 0, y: -1.5 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":-1.5,"z":0}}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 3.2.3)', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 4 })).toBe('{"\\r":2,"a":4,"\u20ac":1,"\ud83d\ude00":3}');
  });

  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed as JsonValue)).toBe(canonicalJson(obj as JsonValue));
      }),
    );
  });

  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as JsonValue);
        expect(canonicalJson(JSON.parse(text) as JsonValue)).toBe(text);
      }),
    );
  });

  it('rejects values JSON cannot carry faithfully', () => {
    for (const bad of [Number.NaN, Infinity, undefined, () => 1, new Date(0), 1n]) {
      expect(() => canonicalJson({ x: bad } as unknown as JsonValue)).toThrow(AppError);
    }
  });
});
