import { EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { pairKey, type Judgement, type Verdict } from './judgement.ts';
import type { ResolutionSnapshot } from './resolution-store.ts';
import { addRecord, createResolutionIndex } from './resolution-index.ts';
import { DEFAULT_THRESHOLDS, resolveRecords } from './resolve-records.ts';
import { answeredByJudgements, reviewPriority, reviewQueue, type ReviewItem, type ReviewState } from './review-queue.ts';
import { person, twoGroups } from './test-fixtures.ts';

function state(probabilities: number[], entities: string[], judged: [string, string, Verdict?][] = []): ReviewState {
  const ids = entities.map((_, i) => RecordId(`r${i}`));
  const judgements = new Map<string, Judgement>(judged.map(([a, b, verdict = 'unsure']) => [pairKey(a, b), { a: RecordId(a), b: RecordId(b), verdict, by: UserId('u'), at: '2026-01-01T00:00:00Z' }]));
  // pairs (0,1), (2,3), (4,5), ...
  const left = Int32Array.from(probabilities, (_, k) => 2 * k);
  const right = Int32Array.from(probabilities, (_, k) => 2 * k + 1);
  return {
    ids, groups: entities.map(() => 'person'), entities: entities.map(EntityId), judgements, machineParts: new Map(), thresholds: { ...DEFAULT_THRESHOLDS, reviewLow: 0.2, reviewHigh: 0.9 },
    pairs: { count: probabilities.length, left, right, rules: new Uint8Array(probabilities.length) },
    probabilities: Float32Array.from(probabilities),
  };
}

describe('reviewQueue', () => {
  it('puts the most uncertain pairs first and leaves out sure and judged ones', () => {
    const s = state([0.85, 0.5, 0.99, 0.05, 0.3, 0.55], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'], [['r10', 'r11']]);
    const queue = reviewQueue(s);
    expect(queue.map((q) => q.a)).toEqual(['r2', 'r8', 'r0']);
    const priorities = queue.map((q) => q.priority);
    expect([...priorities].sort((x, y) => y - x)).toEqual(priorities);
  });
  it('asks no more about two entities once a pair of their records is judged', () => {
    // entities x (r0, r2) and y (r1, r3): pairs (0,1) and (2,3) ask the same question; (4,5) another
    const entities = ['x', 'y', 'x', 'y', 'z', 'w'];
    expect(reviewQueue(state([0.5, 0.45, 0.5], entities)).map((q) => q.a)).toEqual(['r0', 'r2', 'r4']);
    expect(reviewQueue(state([0.5, 0.45, 0.5], entities, [['r1', 'r0', 'not_same']])).map((q) => q.a)).toEqual(['r4']);
    expect(reviewQueue(state([0.5, 0.45, 0.5], entities, [['r1', 'r0', 'same']])).map((q) => q.a)).toEqual(['r4']);
    // unsure answers its own pair only
    expect(reviewQueue(state([0.5, 0.45, 0.5], entities, [['r1', 'r0', 'unsure']])).map((q) => q.a)).toEqual(['r2', 'r4']);
  });
  it('keeps the best pairs as it reads them: the first of the whole queue, in its order, ties broken by the records\' ids', () => {
    // 400 pairs, a tenth of them ties (the same probability and entity sizes), some judged
    const probabilities = Array.from({ length: 400 }, (_, k) => (k % 10 === 0 ? 0.5 : 0.2 + ((k * 37) % 75) / 100));
    const entities = Array.from({ length: 800 }, (_, i) => `e${i % 7 === 0 ? 0 : i}`);
    const s = state(probabilities, entities, [['r2', 'r3', 'unsure'], ['r20', 'r21', 'not_same']]);
    const whole = reviewQueue(s, { limit: 1000 });
    expect(whole.length).toBeGreaterThan(300);
    const order = (x: ReviewItem, y: ReviewItem): number => y.priority - x.priority || x.a.localeCompare(y.a, 'en') || x.b.localeCompare(y.b, 'en');
    expect([...whole].sort(order)).toEqual(whole);
    expect(whole.some((q) => q.a === 'r2' || q.a === 'r20')).toBe(false);
    for (const limit of [1, 5, 40, 150]) expect(reviewQueue(s, { limit })).toEqual(whole.slice(0, limit));
    expect(reviewQueue(s, { limit: 0 })).toEqual([]);
  });

  it('at equal uncertainty, prefers the pair whose answer moves more records', () => {
    // r0-r1: two singletons; r2-r3: r2 belongs to an entity of three records (r2, r4, r5)
    const s = state([0.5, 0.5, 0.01], ['a', 'b', 'c', 'd', 'c', 'c']);
    expect(reviewQueue(s).map((q) => q.a)).toEqual(['r2', 'r0']);
    expect(reviewQueue(s, { limit: 1 })).toHaveLength(1);
  });

  it('puts a pair further from even odds first when its answer moves enough more records: most informative first, not nearest 0.5 first', () => {
    // r0-r1 (0.5066): two records alone; r2-r3 (0.5697): r2's entity holds three (r2, r4, r5), so its answer moves four
    const s = state([0.5066, 0.5697, 0.01], ['a', 'b', 'c', 'd', 'c', 'c']);
    const queue = reviewQueue(s);
    expect(queue.map((q) => q.probability.toFixed(4))).toEqual(['0.5697', '0.5066']);
    expect(queue.map((q) => q.priority)).toEqual([reviewPriority(queue[0]!.probability, 4), reviewPriority(queue[1]!.probability, 2)]);
    // the same two pairs, each moving as many records, are nearest even odds first
    expect(reviewQueue(state([0.5066, 0.5697], ['a', 'b', 'c', 'd'])).map((q) => q.probability.toFixed(4))).toEqual(['0.5066', '0.5697']);
  });
});

describe('reviewQueue after a "same"', () => {
  const at = '2026-01-01T00:00:00Z';
  const judgedSame = (a: string, b: string): ResolutionSnapshot => ({
    judgements: [{ a: RecordId(a), b: RecordId(b), verdict: 'same', by: UserId('u'), at }], membership: new Map(), redirects: new Map(), mergeEvents: [], entitySequence: 0,
  });
  const asked = (s: ReviewState): string[] => reviewQueue(s).map((q) => `${q.a}-${q.b}`).sort();
  const entityOf = (s: ReviewState, id: string): EntityId => s.entities[s.ids.indexOf(RecordId(id))] as EntityId;

  it('asks nothing more between the two entities it joined, and still asks to confirm the machine\'s merges', () => {
    const before = resolveRecords(twoGroups, { train: false, at }).state;
    expect(entityOf(before, 'x1')).not.toBe(entityOf(before, 'y1'));
    expect(asked(before)).toEqual(['x1-y1', 'x1-y2', 'x1-y4', 'x2-y1', 'x2-y2', 'x2-y4', 'y1-y4', 'y2-y4', 'y3-y4']);
    for (const [a, b] of [['x1', 'y1'], ['x2', 'y4']] as const) {
      const after = resolveRecords(twoGroups, { train: false, at, snapshot: judgedSame(a, b) }).state;
      expect(new Set(after.entities).size).toBe(1);
      // x-y1 and x-y2 score above the link threshold, yet joined nothing: the judgement had joined their records
      expect(asked(after), `${a}-${b}`).toEqual(['y1-y4', 'y2-y4', 'y3-y4']);
    }
  });

  it('puts a record arriving afterwards in the part it links to most strongly', () => {
    const state = resolveRecords(twoGroups, { train: false, at, snapshot: judgedSame('x1', 'y1') }).state;
    const index = createResolutionIndex(state);
    const added = addRecord(index, person('y5', { name: ['Jan Peeters'], birthDate: ['1970'], passportNumber: ['KX998877'], nationality: ['be'] }), { at });
    expect(added.outcome).toBe('attached');
    const answered = answeredByJudgements(state);
    const e = added.entity;
    expect(answered(RecordId('y5'), RecordId('x1'), e, e)).toBe(true);
    expect(answered(RecordId('y5'), RecordId('y4'), e, e)).toBe(false);
    expect(asked(state)).toEqual(['y1-y4', 'y2-y4', 'y3-y4']);
  });
});
