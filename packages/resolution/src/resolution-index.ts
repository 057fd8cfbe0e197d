/**
 * Incremental resolution: one new record against the entities already resolved, without
 * re-running the batch. Block (the batch's index, plus records added since) -> score the
 * candidates -> entities with a strong edge (>= link threshold) to the record are ranked by
 * average linkage (mean probability over their members, as in cluster-records.ts) -> attach to
 * the best one at or above the merge threshold, else a new entity. When the record also links
 * a second entity that strongly, the two merge if their own average linkage (with the record)
 * passes the merge threshold and no `not_same` judgement separates them; the larger keeps its id,
 * the other redirects, and the merge is logged (undoable). Within an entity a `same` judgement
 * helped join, the record belongs to the machine part (machine-parts.ts) of the member it scored
 * highest against, and a merge through it joins that part with the other entity's.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { prepare, type PreparedRecord } from '@mosaic/matching';
import { addToBlockIndex, blockingKeys, blockMembers, blockOrder, nameOrder } from './blocking.ts';
import { newEntityId } from './assign-entity-ids.ts';
import { pairKey } from './judgement.ts';
import { joinMachineParts } from './machine-parts.ts';
import { comparePair } from './pair-comparisons.ts';
import type { MergeEvent, Redirect, ResolutionChange } from './resolution-store.ts';
import { pairProbability, type ResolvableRecord, type ResolutionState } from './resolve-records.ts';
import { schemaGroup } from './schema-groups.ts';

export interface ResolutionIndex {
  readonly state: ResolutionState;
  /** Members of each live entity, by record index. */
  readonly members: Map<EntityId, number[]>;
  sequence: number;
}

export function createResolutionIndex(state: ResolutionState): ResolutionIndex {
  const members = new Map<EntityId, number[]>();
  state.entities.forEach((e, i) => {
    const list = members.get(e);
    if (list) list.push(i);
    else members.set(e, [i]);
  });
  return { state, members, sequence: state.entitySequence };
}

export type AddOutcome = 'new' | 'attached' | 'merged';

export interface AddResult {
  readonly record: RecordId;
  readonly entity: EntityId;
  readonly outcome: AddOutcome;
  /** Candidate records scored. */
  readonly candidates: number;
  readonly change: ResolutionChange;
}

/** Mean probability of the record against at most this many members of an entity. */
const MAX_MEMBERS = 200;

export function addRecord(index: ResolutionIndex, record: ResolvableRecord, { at = new Date().toISOString() }: { at?: string } = {}): AddResult {
  const { state } = index;
  const group = schemaGroup(record.schema);
  const prepared = prepare(group === undefined ? { schema: record.schema, properties: {} } : record, state.frequencies ? { frequencies: state.frequencies, explain: false } : { explain: false });
  const r = state.prepared.length;
  state.prepared.push(prepared);
  state.ids.push(record.id);
  state.groups.push(group);
  const keys = group === undefined ? [] : blockingKeys(prepared, group);
  const order = blockOrder(prepared);
  const name = nameOrder(prepared);

  const scored = new Map<number, number>();
  for (const key of keys) {
    for (const j of blockMembers(state.index, key, order, name)) {
      if (scored.has(j) || state.groups[j] !== group) continue;
      const { packed, tf } = comparePair(prepared, state.prepared[j] as PreparedRecord);
      scored.set(j, state.scorer.probability(state.scorer.weight(packed, tf)));
    }
  }
  addToBlockIndex(state.index, keys, r, order, name);
  const probabilityOf = (i: number, j: number): number => (i === r ? scored.get(j) : j === r ? scored.get(i) : undefined) ?? pairProbability(state, i, j);

  const linked = new Set<EntityId>();
  for (const [j, p] of scored) if (p >= state.thresholds.link) linked.add(state.entities[j] as EntityId);
  const ranked = [...linked]
    .map((e) => ({ entity: e, linkage: meanLinkage([r], sample(index.members.get(e) ?? []), probabilityOf) }))
    .filter((x) => x.linkage >= state.thresholds.merge && !separated(state, [r], index.members.get(x.entity) ?? []))
    .sort((x, y) => y.linkage - x.linkage || (x.entity < y.entity ? -1 : 1));

  const membership = new Map<RecordId, EntityId>();
  const redirects: Redirect[] = [];
  const mergeEvents: MergeEvent[] = [];
  let outcome: AddOutcome = 'new';
  let entity: EntityId;
  const best = ranked[0];
  if (!best) {
    entity = newEntityId(++index.sequence);
    index.members.set(entity, [r]);
  } else {
    entity = best.entity;
    outcome = 'attached';
    const joined = index.members.get(entity) as number[];
    if (state.machineParts.size > 0) joinMachineParts(state.machineParts, [r], joined, [r, linkedMember(joined, scored)]);
    joined.push(r);
    for (const other of ranked.slice(1)) {
      const a = index.members.get(entity) as number[];
      const b = index.members.get(other.entity) ?? [];
      if (separated(state, a, b) || meanLinkage(sample(a), sample(b), probabilityOf) < state.thresholds.merge) continue;
      if (state.machineParts.size > 0) joinMachineParts(state.machineParts, a, b, [r, linkedMember(b, scored)]);
      const [survivor, absorbed] = b.length > a.length || (b.length === a.length && other.entity < entity) ? [other.entity, entity] : [entity, other.entity];
      const absorbedList = index.members.get(absorbed) as number[];
      const survivorList = index.members.get(survivor) as number[];
      const link = bestLink(absorbedList, survivorList, probabilityOf);
      mergeEvents.push({
        id: `m:${at}:${absorbed}>${survivor}`, at, kind: 'automatic', survivor, absorbed,
        absorbedRecords: absorbedList.filter((i) => i !== r).map((i) => state.ids[i] as RecordId),
        link: [state.ids[link.i] as RecordId, state.ids[link.j] as RecordId], probability: link.probability,
      });
      redirects.push({ from: absorbed, to: [survivor], reason: 'merge', at });
      for (const i of absorbedList) { state.entities[i] = survivor; if (i !== r) membership.set(state.ids[i] as RecordId, survivor); }
      survivorList.push(...absorbedList);
      index.members.delete(absorbed);
      entity = survivor;
      outcome = 'merged';
    }
  }
  state.entities[r] = entity;
  membership.set(record.id, entity);
  return {
    record: record.id, entity, outcome, candidates: scored.size,
    change: { judgements: [], membership, redirects, removedRedirects: [], mergeEvents, entitySequence: index.sequence },
  };
}

export interface Candidate {
  readonly record: RecordId;
  readonly entity: EntityId;
  readonly probability: number;
}

/**
 * The records already resolved that a new record would be compared with, and how probably each
 * is the same: the same blocking and scorer as `addRecord`, without adding the record. Used to
 * propose links (a person decides); best first, at most `limit`.
 */
export function candidatesOf(index: ResolutionIndex, record: Pick<ResolvableRecord, 'schema' | 'properties'>, { limit = 10 }: { limit?: number } = {}): Candidate[] {
  const { state } = index;
  const group = schemaGroup(record.schema);
  if (group === undefined) return [];
  const prepared = prepare(record, state.frequencies ? { frequencies: state.frequencies, explain: false } : { explain: false });
  const scored = new Map<number, number>();
  const order = blockOrder(prepared);
  const name = nameOrder(prepared);
  for (const key of blockingKeys(prepared, group)) {
    for (const j of blockMembers(state.index, key, order, name)) {
      if (scored.has(j) || state.groups[j] !== group) continue;
      const { packed, tf } = comparePair(prepared, state.prepared[j] as PreparedRecord);
      scored.set(j, state.scorer.probability(state.scorer.weight(packed, tf)));
    }
  }
  return [...scored]
    .map(([j, probability]) => ({ record: state.ids[j] as RecordId, entity: state.entities[j] as EntityId, probability }))
    .sort((a, b) => b.probability - a.probability || (a.record < b.record ? -1 : 1))
    .slice(0, limit);
}

/** The member the new record scored highest against: the machine's link into that entity (every linked entity has one at or above the link threshold). */
function linkedMember(members: readonly number[], scored: ReadonlyMap<number, number>): number {
  let best = members[0] as number;
  let probability = -1;
  for (const j of members) {
    const p = scored.get(j);
    if (p !== undefined && p > probability) { best = j; probability = p; }
  }
  return best;
}

function sample(list: readonly number[]): readonly number[] {
  return list.length <= MAX_MEMBERS ? list : list.slice(0, MAX_MEMBERS);
}

function meanLinkage(a: readonly number[], b: readonly number[], probabilityOf: (i: number, j: number) => number): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += probabilityOf(i, j);
  return sum / (a.length * b.length);
}

function bestLink(a: readonly number[], b: readonly number[], probabilityOf: (i: number, j: number) => number): { i: number; j: number; probability: number } {
  let best = { i: a[0] ?? 0, j: b[0] ?? 0, probability: -1 };
  for (const i of sample(a)) for (const j of sample(b)) { const p = probabilityOf(i, j); if (p > best.probability) best = { i, j, probability: p }; }
  return best;
}

/** A `not_same` judgement between any record of `a` and any of `b`. */
function separated(state: ResolutionState, a: readonly number[], b: readonly number[]): boolean {
  if (state.judgements.size === 0) return false;
  for (const i of a) {
    for (const j of b) {
      const judgement = state.judgements.get(pairKey(state.ids[i] as RecordId, state.ids[j] as RecordId));
      if (judgement?.verdict === 'not_same') return true;
    }
  }
  return false;
}
