import { describe, expect, it } from 'vitest';
import { largeArray, largeCopy } from './large-arrays.ts';

describe('largeArray', () => {
  it('gives a zeroed typed array of the length asked, over a shared buffer', () => {
    for (const type of [Float64Array, Float32Array, Int32Array, Uint8Array]) {
      const values = largeArray(type, 5);
      expect(values).toBeInstanceOf(type);
      expect(values.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect([...values]).toEqual([0, 0, 0, 0, 0]);
    }
  });
  it('copies values into a shared buffer of their own', () => {
    const values = new Int32Array([3, -1, 7]);
    const copy = largeCopy(values.subarray(1));
    expect([...copy]).toEqual([-1, 7]);
    expect(copy.buffer).toBeInstanceOf(SharedArrayBuffer);
    copy[0] = 9;
    expect(values[1]).toBe(-1);
  });
});
