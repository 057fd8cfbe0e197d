import { EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { pairKey, type Judgement, type Verdict } from './judgement.ts';
import { DEFAULT_THRESHOLDS } from './resolve-records.ts';
import { reviewQueue, type ReviewState } from './review-queue.ts';

function state(probabilities: number[], entities: string[], judged: [string, string, Verdict?][] = []): ReviewState {
  const ids = entities.map((_, i) => RecordId(`r${i}`));
  const judgements = new Map<string, Judgement>(judged.map(([a, b, verdict = 'unsure']) => [pairKey(a, b), { a: RecordId(a), b: RecordId(b), verdict, by: UserId('u'), at: '2026-01-01T00:00:00Z' }]));
  // pairs (0,1), (2,3), (4,5), ...
  const left = Int32Array.from(probabilities, (_, k) => 2 * k);
  const right = Int32Array.from(probabilities, (_, k) => 2 * k + 1);
  return {
    ids, entities: entities.map(EntityId), judgements, thresholds: { ...DEFAULT_THRESHOLDS, reviewLow: 0.2, reviewHigh: 0.9 },
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
  it('at equal uncertainty, prefers the pair whose answer moves more records', () => {
    // r0-r1: two singletons; r2-r3: r2 belongs to an entity of three records (r2, r4, r5)
    const s = state([0.5, 0.5, 0.01], ['a', 'b', 'c', 'd', 'c', 'c']);
    expect(reviewQueue(s).map((q) => q.a)).toEqual(['r2', 'r0']);
    expect(reviewQueue(s, { limit: 1 })).toHaveLength(1);
  });
});
