import { RecordId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { pairsOf, positionOf } from './record-positions.ts';

/** Pairs i < j sorted by left, then right, as blocking gives them: a fixed pseudo-random set over `n` records. */
function sortedPairs(n: number): { left: Int32Array; right: Int32Array; count: number } {
  const list: [number, number][] = [];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (next() % 5 === 0) list.push([i, j]);
  return { left: Int32Array.from(list, ([i]) => i), right: Int32Array.from(list, ([, j]) => j), count: list.length };
}

describe('pairsOf', () => {
  it('finds the same pairs, in the same order, as a scan of every pair', () => {
    const pairs = sortedPairs(60);
    // records 60 and 61 lie past every record the pairs know
    for (let i = 0; i < 62; i++) {
      const scanned: number[] = [];
      for (let k = 0; k < pairs.count; k++) if (pairs.left[k] === i || pairs.right[k] === i) scanned.push(k);
      expect(pairsOf(pairs, i), `record ${i}`).toEqual(scanned);
    }
    expect(pairsOf(pairs, 5).length).toBeGreaterThan(0);
  });

  it('reads only the first `count` pairs of a larger buffer', () => {
    const pairs = { left: Int32Array.from([0, 0, 1, 2]), right: Int32Array.from([1, 2, 2, 3]), count: 3 };
    expect(pairsOf(pairs, 2)).toEqual([1, 2]);
    expect(pairsOf(pairs, 3)).toEqual([]);
  });
});

describe('positionOf', () => {
  it('gives indexOf\'s answer, also for ids appended after the first lookup', () => {
    const ids = ['a', 'b', 'c', 'b'].map(RecordId);
    expect(positionOf(ids, RecordId('c'))).toBe(2);
    expect(positionOf(ids, RecordId('b'))).toBe(1);
    expect(positionOf(ids, RecordId('d'))).toBe(-1);
    ids.push(RecordId('d'));
    expect(positionOf(ids, RecordId('d'))).toBe(4);
    expect(positionOf(['x', 'c'].map(RecordId), RecordId('c'))).toBe(1);
  });

  it('finds every id as the ids grow past the table it built first', () => {
    const ids = Array.from({ length: 20 }, (_, i) => RecordId(`agency:${i}`));
    expect(positionOf(ids, RecordId('agency:19'))).toBe(19);
    for (let i = 20; i < 3000; i++) ids.push(RecordId(`agency:${i}`));
    for (let i = 0; i < 3000; i++) expect(positionOf(ids, RecordId(`agency:${i}`))).toBe(i);
    expect(positionOf(ids, RecordId('agency:3000'))).toBe(-1);
  });
});
