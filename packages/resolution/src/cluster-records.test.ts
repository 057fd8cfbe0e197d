import { describe, expect, it } from 'vitest';
import { clusterRecords, type ClusterInput } from './cluster-records.ts';
import { machineParts } from './machine-parts.ts';
import { resolveRecords } from './resolve-records.ts';
import { weakMiddle } from './test-fixtures.ts';

/** a-b and b-c strong, a-c says "different people": b is a weak middle record. */
function chain(pac: number): ClusterInput {
  const p = new Map([['0,1', 0.99], ['1,2', 0.98], ['0,2', pac]]);
  return {
    size: 3,
    left: Int32Array.from([0, 1, 0]),
    right: Int32Array.from([1, 2, 2]),
    probability: Float64Array.from([0.99, 0.98, pac]),
    probabilityOf: (i, j) => p.get(`${Math.min(i, j)},${Math.max(i, j)}`) ?? 0,
  };
}

/**
 * 0, 1 and 2 join first (0-1, 1-2 and 0-2 strong); the edge 2-3 then asks the pairs 0-3 and 1-3,
 * which blocking never produced, on demand (counted), in that order.
 */
function lateComer(p03: number, p13: number): { input: ClusterInput; asked: () => number } {
  let asked = 0;
  const onDemand = new Map([['0,3', p03], ['1,3', p13]]);
  const candidates = new Map([['0,1', 0.999], ['1,2', 0.998], ['0,2', 0.997], ['2,3', 0.996]]);
  const input: ClusterInput = {
    size: 4,
    left: Int32Array.from([0, 1, 0, 2]),
    right: Int32Array.from([1, 2, 2, 3]),
    probability: Float64Array.from([0.999, 0.998, 0.997, 0.996]),
    probabilityOf: (i, j) => {
      const key = `${Math.min(i, j)},${Math.max(i, j)}`;
      if (onDemand.has(key)) asked++;
      return candidates.get(key) ?? onDemand.get(key) ?? 0;
    },
  };
  return { input, asked: () => asked };
}

/** Two people the machine puts together on its own, three records each (0-2 and 3-5), scored as different people across. */
function twoEntities(): ClusterInput {
  const within = (i: number, j: number) => (i < 3) === (j < 3);
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) if (within(i, j)) { left.push(i); right.push(j); }
  return {
    size: 6,
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    probability: Float64Array.from(left, () => 0.99),
    probabilityOf: (i, j) => (within(i, j) ? 0.99 : 0.01),
  };
}

describe('clusterRecords', () => {
  it('stops scoring a merge once no pair still to be read could lift its mean to the threshold', () => {
    const { input, asked } = lateComer(0, 0);
    const r = clusterRecords(input, { linkThreshold: 0.9, mergeThreshold: 0.9 });
    expect(r.cluster[3]).not.toBe(r.cluster[0]);
    expect(r.refusedByLinkage).toBe(1);
    // 0-3 at 0 leaves at most (0 + 1 + 1) / 3 < 0.9: 1-3 is never scored
    expect(asked()).toBe(1);
  });
  it('reads on while the mean can still reach the threshold, and merges at exactly the threshold', () => {
    const { input, asked } = lateComer(0, 1);
    // the mean of 0-3, 1-3 and the edge itself, summed in the order they are read
    const mean = (0 + 1 + 0.996) / 3;
    const r = clusterRecords(input, { linkThreshold: 0.9, mergeThreshold: mean });
    expect(asked()).toBe(2);
    expect(new Set(r.cluster).size).toBe(1);
    expect(r.merges.at(-1)?.probability).toBe(mean);
  });
  it('does not chain two people together through a weak middle record', () => {
    const r = clusterRecords(chain(0.01), { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(r.cluster[0]).toBe(r.cluster[1]);
    expect(r.cluster[2]).not.toBe(r.cluster[0]);
    expect(r.refusedByLinkage).toBe(1);
  });
  it('joins the three when the ends agree as well', () => {
    const r = clusterRecords(chain(0.95), { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(new Set(r.cluster).size).toBe(1);
  });
  it('forces same pairs together and never puts a not_same pair in one cluster', () => {
    const input = { ...chain(0.95), mustLink: [[0, 2]] as [number, number][], cannotLink: [[1, 2]] as [number, number][] };
    const r = clusterRecords(input, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(r.cluster[0]).toBe(r.cluster[2]);
    expect(r.cluster[1]).not.toBe(r.cluster[2]);
    expect(r.refusedByJudgement).toBe(2);
  });
  it('reports a same judgement that contradicts a not_same one, and keeps the pair apart', () => {
    const input = { ...chain(0.01), mustLink: [[0, 2]] as [number, number][], cannotLink: [[0, 2]] as [number, number][] };
    const r = clusterRecords(input, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(r.conflicts).toBe(1);
    expect(r.cluster[0]).not.toBe(r.cluster[2]);
  });
  it('joins the two entities a same judgement is between, whole, and keeps each side\'s merges the machine\'s', () => {
    const r = clusterRecords({ ...twoEntities(), mustLink: [[1, 4]] }, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(new Set(r.cluster).size).toBe(1);
    expect(r.conflicts).toBe(0);
    expect(r.merges.filter((m) => m.judged)).toEqual([{ i: 1, j: 4, probability: 1, judged: true }]);
    // the other merges are the machine's, inside each side
    expect(r.merges.filter((m) => !m.judged).every((m) => (m.i < 3) === (m.j < 3))).toBe(true);
    const parts = machineParts(r);
    expect([0, 1, 2].map((i) => parts.get(i))).toEqual([0, 1, 2].map(() => parts.get(0)));
    expect([3, 4, 5].map((i) => parts.get(i))).toEqual([3, 4, 5].map(() => parts.get(3)));
    expect(parts.get(0)).not.toBe(parts.get(3));
  });
  it('tries the joined cluster\'s strong edges again: a merge the average refused can pass with the judged side', () => {
    // 2-3 join; 1-2 is refused on its own (1-3 says different); once 0 and 1 are judged the same,
    // 0's agreement with 2 and 3 (pairs blocking never produced) lifts the mean over the threshold
    const p = new Map([['2,3', 0.99], ['1,2', 0.95], ['1,3', 0.1], ['0,2', 0.9], ['0,3', 0.9], ['0,1', 0.2]]);
    const input: ClusterInput = {
      size: 4,
      left: Int32Array.from([2, 1]),
      right: Int32Array.from([3, 2]),
      probability: Float64Array.from([0.99, 0.95]),
      probabilityOf: (i, j) => p.get(`${Math.min(i, j)},${Math.max(i, j)}`) ?? 0,
    };
    const alone = clusterRecords(input, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(new Set(alone.cluster).size).toBe(3);
    expect(alone.refusedByLinkage).toBe(1);
    const judged = clusterRecords({ ...input, mustLink: [[0, 1]] }, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(new Set(judged.cluster).size).toBe(1);
    expect(judged.refusedByLinkage).toBe(0);
  });
  it('applies the same judgements first when a not_same stands between the two sides, and honours both', () => {
    const r = clusterRecords({ ...twoEntities(), mustLink: [[1, 4]], cannotLink: [[0, 5]] }, { linkThreshold: 0.9, mergeThreshold: 0.6 });
    expect(r.cluster[1]).toBe(r.cluster[4]);
    expect(r.cluster[0]).not.toBe(r.cluster[5]);
    expect(r.conflicts).toBe(0);
  });
  it('end to end: the two Jan Peeters born years apart stay apart, though both match the bare record', () => {
    // a link threshold low enough that both edges to the bare record (name alone, p = 0.35 each
    // at the reference prior of a data set this small) are strong; the two born apart are 0.00005
    const run = resolveRecords(weakMiddle, { train: false, at: '2026-01-01T00:00:00Z', thresholds: { link: 0.3, merge: 0.25 } });
    expect(run.stats.refusedByLinkage).toBe(1);
    const [a, b, c] = run.state.entities;
    expect(c).not.toBe(a);
    expect([a, c]).toContain(b);
  });
});
