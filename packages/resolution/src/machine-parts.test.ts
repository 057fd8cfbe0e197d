import { describe, expect, it } from 'vitest';
import { joinMachineParts, machineParts } from './machine-parts.ts';

/** Records 0-4 one cluster (0-2 joined by a judgement), 5 and 6 another (the machine's). */
const cluster = Int32Array.from([0, 0, 0, 0, 0, 5, 5]);
const merges = [
  { i: 0, j: 2, probability: 1, judged: true },
  { i: 0, j: 1, probability: 0.9, judged: false },
  { i: 2, j: 3, probability: 0.8, judged: false },
  { i: 4, j: 3, probability: 0.7, judged: false },
  { i: 5, j: 6, probability: 0.9, judged: false },
];
const groups = (parts: ReadonlyMap<number, number>): number[][] => {
  const byPart = new Map<number, number[]>();
  for (const [i, p] of parts) byPart.set(p, [...(byPart.get(p) ?? []), i]);
  return [...byPart.values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => (a[0] as number) - (b[0] as number));
};

describe('machineParts', () => {
  it('cuts the entities a judgement helped join at the judgement, and leaves the others out', () => {
    expect(groups(machineParts({ cluster, merges }))).toEqual([[0, 1], [2, 3, 4]]);
    expect(machineParts({ cluster, merges: merges.map((m) => ({ ...m, judged: false })) }).size).toBe(0);
  });

  it('puts a record incremental resolution attaches in the part of its link, and a machine merge through it joins the other entity to that part', () => {
    const parts = machineParts({ cluster, merges });
    const entity = [0, 1, 2, 3, 4];
    // record 7 attaches through its link to 3
    joinMachineParts(parts, [7], entity, [7, 3]);
    entity.push(7);
    expect(groups(parts)).toEqual([[0, 1], [2, 3, 4, 7]]);
    // and merges the other entity (5, 6) through its link to 6
    joinMachineParts(parts, entity, [5, 6], [7, 6]);
    expect(groups(parts)).toEqual([[0, 1], [2, 3, 4, 5, 6, 7]]);
  });

  it('gives the parts of a judged entity to an entity merged into it through a new record, and nothing when neither has parts', () => {
    const parts = machineParts({ cluster, merges });
    // record 8 started an entity of its own (5, 6, 8 after attaching), then linked 1
    joinMachineParts(parts, [8], [5, 6], [8, 5]);
    expect(parts.has(8)).toBe(false);
    joinMachineParts(parts, [5, 6, 8], [0, 1, 2, 3, 4], [8, 1]);
    expect(groups(parts)).toEqual([[0, 1, 5, 6, 8], [2, 3, 4]]);
  });
});
