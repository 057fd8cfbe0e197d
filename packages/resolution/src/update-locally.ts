/**
 * An updated or deleted record resolved again without a full pass. A record whose names, dates or
 * identifiers changed can only move within its own entity and toward the entities its new version
 * links to strongly: the records of those entities are clustered again (judge-locally.ts: every
 * pair scored, the judgements among them as constraints, average linkage, ids kept, split or
 * merged as a full pass assigns them). The record is prepared again in place and blocked under
 * its new keys as well; the keys of its old version stay in the blocking index (they only cost a
 * comparison now and then, until the next full pass builds the index afresh). The pass's
 * candidate pairs with the record are scored again, so that the review queue asks about the
 * record as it is now (pairs its new version makes are found as an arriving record's are).
 *
 * A deleted (or erased) record leaves its entity, and the records it leaves behind are clustered
 * again: it may have been the only link between them. It is left out of blocking from then on.
 *
 * Past `maxRecords` records, or when the record changed schema group, the caller runs a full pass.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { prepare, type PreparedRecord } from '@mosaic/matching';
import { addToBlockIndex, blockingKeys, blockMembers, blockOrder, nameOrder } from './blocking.ts';
import { reclusterLocally } from './judge-locally.ts';
import { pairsOf, positionOf } from './record-positions.ts';
import type { ResolutionIndex } from './resolution-index.ts';
import type { ResolutionChange } from './resolution-store.ts';
import { pairProbability, type ResolvableRecord } from './resolve-records.ts';
import { forgetReviewBand } from './review-queue.ts';
import { schemaGroup } from './schema-groups.ts';

/**
 * Puts the record's new version in the index and re-clusters its entity with the entities it now
 * links to: the change to commit. Undefined when the record is not resolved here, changed schema
 * group, or the entities hold more than `maxRecords` records (nothing is changed then).
 */
export function updateLocally(index: ResolutionIndex, record: ResolvableRecord, { at, maxRecords }: { readonly at: string; readonly maxRecords?: number }): ResolutionChange | undefined {
  const { state } = index;
  const i = positionOf(state.ids, record.id);
  const group = schemaGroup(record.schema);
  if (i < 0 || group === undefined || state.groups[i] !== group) return undefined;
  const previous = state.prepared[i] as PreparedRecord;
  const prepared = prepare(record, state.frequencies ? { frequencies: state.frequencies, explain: false } : { explain: false });
  const keys = blockingKeys(prepared, group);
  const order = blockOrder(prepared);
  const name = nameOrder(prepared);

  // the entities the new version links to strongly, as incremental resolution finds them
  state.prepared[i] = prepared;
  const linked = new Set<EntityId>([state.entities[i] as EntityId]);
  const scored = new Set<number>([i]);
  for (const key of keys) {
    for (const j of blockMembers(state.index, key, order, name)) {
      if (scored.has(j) || state.groups[j] !== group) continue;
      scored.add(j);
      if (pairProbability(state, i, j) >= state.thresholds.link) linked.add(state.entities[j] as EntityId);
    }
  }
  const local = [...new Set([...linked].flatMap((e) => index.members.get(e) ?? []))];
  const change = reclusterLocally(index, local, { at, ...(maxRecords === undefined ? {} : { maxRecords }) });
  if (change === undefined) {
    state.prepared[i] = previous;
    return undefined;
  }
  const before = new Set(blockingKeys(previous, group));
  addToBlockIndex(state.index, keys.filter((k) => !before.has(k)), i, order, name);
  rescorePairsOf(state, i);
  return change;
}

/** The stored probabilities of the pass's candidate pairs with record `i`, for its version now. */
function rescorePairsOf(state: ResolutionIndex['state'], i: number): void {
  const { pairs, probabilities } = state;
  for (const k of pairsOf(pairs, i)) probabilities[k] = pairProbability(state, pairs.left[k] as number, pairs.right[k] as number);
  forgetReviewBand(probabilities);
}

/**
 * Takes a deleted record out of its entity and clusters the records it leaves behind again: the
 * change to commit, the record's membership dropped. Undefined when the record is not resolved
 * here (nothing to do) or its entity holds more than `maxRecords` records (nothing is changed
 * then: a full pass decides).
 */
export function removeLocally(index: ResolutionIndex, id: RecordId, { at, maxRecords }: { readonly at: string; readonly maxRecords?: number }): ResolutionChange | undefined {
  const { state } = index;
  const i = positionOf(state.ids, id);
  if (i < 0 || state.groups[i] === undefined) return undefined;
  const entity = state.entities[i] as EntityId;
  const rest = (index.members.get(entity) ?? []).filter((j) => j !== i);
  let change: ResolutionChange | undefined = { judgements: [], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: index.sequence };
  if (rest.length > 0) {
    index.members.set(entity, rest);
    change = reclusterLocally(index, rest, { at, ...(maxRecords === undefined ? {} : { maxRecords }) });
    if (change === undefined) {
      index.members.get(entity)?.push(i);
      return undefined;
    }
  } else {
    index.members.delete(entity);
  }
  // out of blocking and of every later cluster: no record of its group is compared with it again
  state.groups[i] = undefined;
  state.machineParts.delete(i);
  return { ...change, removedMembers: [id] };
}
