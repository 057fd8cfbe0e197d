/**
 * Stable entity ids across runs. Rules:
 *  - a cluster keeps the id of the previous entity that holds most of its records (ties: the
 *    entity with more records before, then the smaller id), so an entity keeps its id as it grows;
 *  - another previous entity wholly absorbed into the cluster is a merge: its id redirects to
 *    the survivor and a merge event is logged (undoable, see undo-merge.ts);
 *  - a previous entity whose records end up in two or more clusters is split: every part gets
 *    a new id and the old id redirects to the list of parts, largest first;
 *  - a cluster with no previous entity gets a new id `e<n>` from the snapshot's sequence.
 * Records that are not in this run keep their entity (they are not part of the decision).
 */
import { EntityId, type RecordId } from '@mosaic/model';
import type { MergeEvent, Redirect, ResolutionChange } from './resolution-store.ts';

export interface AssignIdsInput {
  /** Records of this run, and the cluster (any number) of each. */
  readonly records: readonly RecordId[];
  readonly cluster: Int32Array;
  readonly previous: ReadonlyMap<RecordId, EntityId>;
  readonly entitySequence: number;
  readonly at: string;
  /** The strongest link between two groups of record indices, for merge events. */
  readonly linkOf: (absorbed: readonly number[], survivor: readonly number[]) => { i: number; j: number; probability: number };
  /** Whether a `same` judgement joins the two groups (the merge is then the reviewer's). */
  readonly judgedBetween: (absorbed: readonly number[], survivor: readonly number[]) => boolean;
}

export interface AssignIdsResult {
  /** Entity of each record of the run. */
  readonly entities: EntityId[];
  readonly change: ResolutionChange;
  readonly newEntities: number;
  readonly merges: number;
  readonly splits: number;
}

export function newEntityId(sequence: number): EntityId {
  return EntityId(`e${sequence}`);
}

export function assignEntityIds(input: AssignIdsInput): AssignIdsResult {
  const { records, cluster, previous, at } = input;
  const byCluster = new Map<number, number[]>();
  records.forEach((_, i) => {
    const c = cluster[i] as number;
    const list = byCluster.get(c);
    if (list) list.push(i);
    else byCluster.set(c, [i]);
  });
  // Previous entities: which clusters their (present) records went to, and their sizes.
  const partsOf = new Map<EntityId, Map<number, number[]>>();
  const previousSize = new Map<EntityId, number>();
  for (const e of previous.values()) previousSize.set(e, (previousSize.get(e) ?? 0) + 1);
  records.forEach((id, i) => {
    const e = previous.get(id);
    if (e === undefined) return;
    const parts = partsOf.get(e) ?? partsOf.set(e, new Map()).get(e)!;
    const c = cluster[i] as number;
    (parts.get(c) ?? parts.set(c, []).get(c)!).push(i);
  });
  const split = new Set<EntityId>();
  for (const [e, parts] of partsOf) if (parts.size > 1) split.add(e);

  let sequence = input.entitySequence;
  const entities: EntityId[] = new Array<EntityId>(records.length);
  const membership = new Map<RecordId, EntityId>();
  const redirects: Redirect[] = [];
  const mergeEvents: MergeEvent[] = [];
  const clusterEntity = new Map<number, EntityId>();
  let newEntities = 0;
  // Deterministic order: clusters by their first record, the order they entered byCluster in.
  for (const [c, list] of byCluster) {
    const counts = new Map<EntityId, number>();
    for (const i of list) {
      const e = previous.get(records[i] as RecordId);
      if (e !== undefined && !split.has(e)) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((x, y) => y[1] - x[1] || (previousSize.get(y[0]) ?? 0) - (previousSize.get(x[0]) ?? 0) || (x[0] < y[0] ? -1 : 1));
    let entity: EntityId;
    if (ranked.length === 0) {
      entity = newEntityId(++sequence);
      newEntities++;
    } else {
      entity = ranked[0]![0];
      for (const [absorbed] of ranked.slice(1)) {
        const absorbedIdx = list.filter((i) => previous.get(records[i] as RecordId) === absorbed);
        const rest = list.filter((i) => previous.get(records[i] as RecordId) !== absorbed);
        const link = input.linkOf(absorbedIdx, rest);
        redirects.push({ from: absorbed, to: [entity], reason: 'merge', at });
        mergeEvents.push({
          id: `m:${at}:${absorbed}>${entity}`,
          at,
          kind: input.judgedBetween(absorbedIdx, rest) ? 'judgement' : 'automatic',
          survivor: entity,
          absorbed,
          absorbedRecords: absorbedIdx.map((i) => records[i] as RecordId),
          link: [records[link.i] as RecordId, records[link.j] as RecordId],
          probability: link.probability,
        });
      }
    }
    if (split.size > 0) clusterEntity.set(c, entity); // read only to redirect split entities
    for (const i of list) {
      entities[i] = entity;
      if (previous.get(records[i] as RecordId) !== entity) membership.set(records[i] as RecordId, entity);
    }
  }
  for (const e of [...split].sort()) {
    const parts = [...(partsOf.get(e) as Map<number, number[]>).entries()].sort((x, y) => y[1].length - x[1].length || (x[1][0] as number) - (y[1][0] as number));
    const to = [...new Set(parts.map(([c]) => clusterEntity.get(c) as EntityId))];
    redirects.push({ from: e, to, reason: 'split', at });
  }
  return {
    entities,
    change: { judgements: [], membership, redirects, removedRedirects: [], mergeEvents, entitySequence: sequence },
    newEntities,
    merges: mergeEvents.length,
    splits: split.size,
  };
}
