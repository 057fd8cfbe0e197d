/**
 * The review queue: candidate pairs the model is unsure about (probability in
 * [reviewLow, reviewHigh)), not yet judged, best first. "Best" is uncertainty sampling (Lewis &
 * Gale 1994; used for record linkage by Sarawagi & Bhamidipaty 2002, "Interactive
 * deduplication using active learning"): the closer to 0.5 the more a human answer tells,
 * weighted by how many records the answer moves (the two entities' sizes, log scale).
 * A judgement answers for the two entities of its records, not only for its pair: once someone
 * has said whether a record of one is a record of the other, their other pairs are not asked
 * again (a "not same" keeps them apart in every run; a "same" joins them). "Unsure" answers its
 * own pair only: another pair of the two entities may hold what decides it.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { pairKey } from './judgement.ts';
import type { ResolutionState } from './resolve-records.ts';

export interface ReviewItem {
  readonly a: RecordId;
  readonly b: RecordId;
  readonly probability: number;
  readonly entityA: EntityId;
  readonly entityB: EntityId;
  /** Higher first: uncertainty x log2(1 + records affected). */
  readonly priority: number;
}

export type ReviewState = Pick<ResolutionState, 'ids' | 'entities' | 'pairs' | 'probabilities' | 'judgements' | 'thresholds'>;

export function reviewQueue(state: ReviewState, { limit = 100 }: { limit?: number } = {}): ReviewItem[] {
  const { reviewLow, reviewHigh } = state.thresholds;
  const sizes = new Map<EntityId, number>();
  for (const e of state.entities) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  const answered = judgedEntityPairs(state);
  const items: ReviewItem[] = [];
  for (let k = 0; k < state.pairs.count; k++) {
    const p = state.probabilities[k] as number;
    if (p < reviewLow || p >= reviewHigh) continue;
    const i = state.pairs.left[k] as number;
    const j = state.pairs.right[k] as number;
    const a = state.ids[i] as RecordId;
    const b = state.ids[j] as RecordId;
    if (state.judgements.has(pairKey(a, b))) continue;
    const entityA = state.entities[i] as EntityId;
    const entityB = state.entities[j] as EntityId;
    if (entityA !== entityB && answered.has(entityPairKey(entityA, entityB))) continue;
    const affected = entityA === entityB ? (sizes.get(entityA) ?? 1) : (sizes.get(entityA) ?? 1) + (sizes.get(entityB) ?? 1);
    const priority = (1 - Math.abs(2 * p - 1)) * Math.log2(1 + affected);
    items.push({ a, b, probability: p, entityA, entityB, priority });
  }
  items.sort((x, y) => y.priority - x.priority || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  return items.slice(0, limit);
}

/** The two entities of a pair, in either order. */
export function entityPairKey(a: EntityId, b: EntityId): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Entity pairs that hold a pair of records judged the same or not (records no longer resolved are left out). */
function judgedEntityPairs(state: ReviewState): ReadonlySet<string> {
  const decided = [...state.judgements.values()].filter((j) => j.verdict !== 'unsure');
  if (decided.length === 0) return new Set();
  const judged = new Set<string>();
  for (const j of decided) { judged.add(j.a); judged.add(j.b); }
  const entityOf = new Map<string, EntityId>();
  state.ids.forEach((id, i) => { if (judged.has(id)) entityOf.set(id, state.entities[i] as EntityId); });
  const out = new Set<string>();
  for (const j of decided) {
    const a = entityOf.get(j.a);
    const b = entityOf.get(j.b);
    if (a !== undefined && b !== undefined && a !== b) out.add(entityPairKey(a, b));
  }
  return out;
}
