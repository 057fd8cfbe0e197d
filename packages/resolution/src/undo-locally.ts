/**
 * An undone merge applied to the entities it concerns, without a full pass over the store: the
 * absorbed entity's records go back to it (undo-merge.ts gives the change), and the records of
 * the two entities are clustered again under the `not_same` judgement the undo made, as a full
 * pass would cluster them (judge-locally.ts): a record that links the two sides otherwise than
 * through the undone link is placed as the average linkage decides.
 *
 * Past `maxRecords` records the caller runs a full pass instead.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { adoptChange } from './adopt-change.ts';
import { reclusterLocally } from './judge-locally.ts';
import { positionOf } from './record-positions.ts';
import type { ResolutionIndex } from './resolution-index.ts';
import type { ResolutionChange } from './resolution-store.ts';

/**
 * Applies `undo` (undoMerge's change) to the index and clusters the two entities again: the
 * clustering's change to commit after `undo`. Undefined when they hold more than `maxRecords`
 * records (the undo is then applied to the index, and a full pass clusters them).
 */
export function undoLocally(index: ResolutionIndex, undo: ResolutionChange, { at, maxRecords }: { readonly at: string; readonly maxRecords?: number }): ResolutionChange | undefined {
  adoptChange(index, undo);
  const { state } = index;
  const local = new Set<number>();
  for (const judgement of undo.judgements) {
    for (const record of [judgement.a, judgement.b]) {
      const i = positionOf(state.ids, record);
      if (i >= 0 && state.groups[i] !== undefined) for (const k of index.members.get(state.entities[i]!) ?? [i]) local.add(k);
    }
  }
  return reclusterLocally(index, [...local], { at, ...(maxRecords === undefined ? {} : { maxRecords }) });
}

/** Two changes committed one after the other, as one (the second's membership wins). */
export function joinChanges(first: ResolutionChange, second: ResolutionChange): ResolutionChange {
  const removed = [...(first.removedMembers ?? []), ...(second.removedMembers ?? [])];
  return {
    judgements: [...first.judgements, ...second.judgements],
    membership: new Map<RecordId, EntityId>([...first.membership, ...second.membership]),
    redirects: [...first.redirects, ...second.redirects],
    removedRedirects: [...first.removedRedirects, ...second.removedRedirects],
    mergeEvents: [...first.mergeEvents, ...second.mergeEvents],
    entitySequence: Math.max(first.entitySequence, second.entitySequence),
    ...(removed.length > 0 ? { removedMembers: removed } : {}),
  };
}
