/**
 * The review queue: candidate pairs the model is unsure about (probability in
 * [reviewLow, reviewHigh)), not yet judged, best first. "Best" is uncertainty sampling (Lewis &
 * Gale 1994; used for record linkage by Sarawagi & Bhamidipaty 2002, "Interactive
 * deduplication using active learning"): the closer to 0.5 the more a human answer tells,
 * weighted by how many records the answer moves (the two entities' sizes, log scale).
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
    const affected = entityA === entityB ? (sizes.get(entityA) ?? 1) : (sizes.get(entityA) ?? 1) + (sizes.get(entityB) ?? 1);
    const priority = (1 - Math.abs(2 * p - 1)) * Math.log2(1 + affected);
    items.push({ a, b, probability: p, entityA, entityB, priority });
  }
  items.sort((x, y) => y.priority - x.priority || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  return items.slice(0, limit);
}
