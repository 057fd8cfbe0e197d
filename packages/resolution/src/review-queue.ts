/**
 * The review queue: candidate pairs the model is unsure about (probability in
 * [reviewLow, reviewHigh)) that no judgement answers yet, best first. "Best" is uncertainty
 * sampling (Lewis & Gale 1994; used for record linkage by Sarawagi & Bhamidipaty 2002,
 * "Interactive deduplication using active learning"): the closer to 0.5 the more a human answer
 * tells, weighted by how many records the answer moves (the two entities' sizes, log scale).
 *
 * A judgement answers for the two entities of its records, not only for its pair:
 *  - a "not same" keeps them apart in every run: no other pair between the two is asked;
 *  - a "same" joins them into one entity, and no pair across the judgement is asked again: a pair
 *    whose records lie in two parts of the entity that only a person's "same" joins (the parts
 *    the machine's own merges hold together, machine-parts.ts). Its answer follows from the
 *    judgement and from the questions inside each part.
 * A pair inside one part (in an entity no judgement helped join, any pair) rests on the machine's
 * own merges and is still asked: it puts an automated match before a person to confirm
 * (DESIGN.md principle 2; LED Art. 11, no decision based solely on automated processing).
 * "Unsure" answers its own pair only: another pair of the two entities may hold what decides it.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { pairKey } from './judgement.ts';
import { positionOf } from './record-positions.ts';
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

/** `groups`: a record of none (deleted or erased since the pass: update-locally.ts) is in no question. */
export type ReviewState = Pick<ResolutionState, 'ids' | 'groups' | 'entities' | 'pairs' | 'probabilities' | 'judgements' | 'machineParts' | 'thresholds'>;

/** Whether the judgements answer a pair of records, given their entities (see the header). */
export type AnsweredPair = (a: RecordId, b: RecordId, entityA: EntityId, entityB: EntityId) => boolean;

/**
 * `answered`: answeredByJudgements(state), when the caller asks it about other pairs as well;
 * `sizeOf`: the records of an entity, when the caller keeps them (else counted here). Only the
 * best `limit` are kept as the pairs are read (200,000 of the scale demo's records have 26,232
 * pairs in the band, which a serving node would otherwise sort on every read).
 */
export function reviewQueue(
  state: ReviewState,
  { limit = 100, answered = answeredByJudgements(state), sizeOf }: { limit?: number; answered?: AnsweredPair; sizeOf?: (entity: EntityId) => number } = {},
): ReviewItem[] {
  if (limit <= 0) return [];
  const size = sizeOf ?? countedSizes(state.entities);
  const best: ReviewItem[] = [];
  for (const k of bandOf(state)) {
    const p = state.probabilities[k] as number;
    const i = state.pairs.left[k] as number;
    const j = state.pairs.right[k] as number;
    if (state.groups[i] === undefined || state.groups[j] === undefined) continue;
    const entityA = state.entities[i] as EntityId;
    const entityB = state.entities[j] as EntityId;
    const priority = reviewPriority(p, entityA === entityB ? size(entityA) : size(entityA) + size(entityB));
    // the cheap test first: most pairs in the band are not among the best
    const worst = best.length >= limit ? best[best.length - 1] as ReviewItem : undefined;
    if (worst && priority < worst.priority) continue;
    const item = { a: state.ids[i] as RecordId, b: state.ids[j] as RecordId, probability: p, entityA, entityB, priority };
    if (worst && byReviewPriority(item, worst) >= 0) continue;
    if (answered(item.a, item.b, entityA, entityB)) continue;
    // found by halving: a reviewer's read can ask for thousands (entity-view.ts reviewPairs)
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byReviewPriority(item, best[mid] as ReviewItem) < 0) high = mid;
      else low = mid + 1;
    }
    best.splice(low, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * A pair's priority: its uncertainty (1 at even odds, 0 at certainty) times log2(1 + the records
 * its answer moves). It grows with `affected`, so a count of fewer records (those one reader may
 * see) never gives a higher priority than the queue's count of all of them.
 */
export function reviewPriority(probability: number, affected: number): number {
  return (1 - Math.abs(2 * probability - 1)) * Math.log2(1 + affected);
}

/**
 * The candidate pairs in the review band, found once per full pass's probabilities (a million
 * records have eight million pairs, which would otherwise be read on every read of the queue).
 * Those change in place only when update-locally.ts scores a corrected record's pairs again,
 * which forgets them here.
 */
const bands = new WeakMap<Float32Array, { readonly low: number; readonly high: number; readonly count: number; readonly pairs: Int32Array }>();

export function forgetReviewBand(probabilities: Float32Array): void {
  bands.delete(probabilities);
}

function bandOf(state: ReviewState): Int32Array {
  const { reviewLow: low, reviewHigh: high } = state.thresholds;
  const { count } = state.pairs;
  const known = bands.get(state.probabilities);
  if (known && known.low === low && known.high === high && known.count === count) return known.pairs;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const p = state.probabilities[k] as number;
    if (p >= low && p < high) n++;
  }
  const pairs = new Int32Array(n);
  n = 0;
  for (let k = 0; k < count; k++) {
    const p = state.probabilities[k] as number;
    if (p >= low && p < high) pairs[n++] = k;
  }
  bands.set(state.probabilities, { low, high, count, pairs });
  return pairs;
}

/** Higher priority first, then by the records' ids (a stable order for equal priorities): the queue's order, for whoever ranks its pairs again. */
export function byReviewPriority(x: Pick<ReviewItem, 'a' | 'b' | 'priority'>, y: Pick<ReviewItem, 'a' | 'b' | 'priority'>): number {
  return y.priority - x.priority || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);
}

/** Each entity's records, counted from the state. */
function countedSizes(entities: readonly EntityId[]): (entity: EntityId) => number {
  const sizes = new Map<EntityId, number>();
  for (const e of entities) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  return (entity) => sizes.get(entity) ?? 1;
}

/** The two entities of a pair, in either order. */
export function entityPairKey(a: EntityId, b: EntityId): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * The pairs the judgements answer, for the queue and for pairs met since (incremental
 * resolution): the judged pair itself, whatever the verdict; a pair of two entities that hold a
 * pair judged the same or not; a pair of one entity across a "same" (two machine parts). Built
 * once (its work grows with the judgements and the records of judged entities), asked per pair.
 */
export function answeredByJudgements(state: Pick<ResolutionState, 'ids' | 'entities' | 'judgements' | 'machineParts'>): AnsweredPair {
  const entityPairs = judgedEntityPairs(state);
  const partOf = new Map<RecordId, number>();
  for (const [i, part] of state.machineParts) partOf.set(state.ids[i] as RecordId, part);
  return (a, b, entityA, entityB) => {
    if (state.judgements.has(pairKey(a, b))) return true;
    if (entityA !== entityB) return entityPairs.has(entityPairKey(entityA, entityB));
    if (partOf.size === 0) return false;
    const partA = partOf.get(a);
    const partB = partOf.get(b);
    return partA !== undefined && partB !== undefined && partA !== partB;
  };
}

/** Entity pairs that hold a pair of records judged the same or not (records no longer resolved are left out). */
function judgedEntityPairs(state: Pick<ResolutionState, 'ids' | 'entities' | 'judgements'>): ReadonlySet<string> {
  const decided = [...state.judgements.values()].filter((j) => j.verdict !== 'unsure');
  if (decided.length === 0) return new Set();
  const entityOf = (id: RecordId): EntityId | undefined => state.entities[positionOf(state.ids, id)];
  const out = new Set<string>();
  for (const j of decided) {
    const a = entityOf(j.a);
    const b = entityOf(j.b);
    if (a !== undefined && b !== undefined && a !== b) out.add(entityPairKey(a, b));
  }
  return out;
}
