/**
 * A change another node committed, applied to this node's index as it was made: a judgement, an
 * undone merge or records resolved are committed on one node, and the ids its clustering gave
 * (assign-entity-ids.ts, from that node's sequence) are the store's from then on. The other
 * nodes take those ids rather than numbering the parts again from their own sequence, which may
 * name another entity by the same id.
 *
 * The records listed move to the entities named; a record still under an id the change merged
 * away (it arrived here before the change did) follows it into the survivor, where the judging
 * node would have put it. The sequence moves to the change's where it is ahead.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { pairKey } from './judgement.ts';
import { positionOf } from './record-positions.ts';
import type { ResolutionIndex } from './resolution-index.ts';
import type { ResolutionChange } from './resolution-store.ts';

/** Applies the change to the index; the records whose entity it changed, with their entity now. */
export function adoptChange(index: ResolutionIndex, change: ResolutionChange): Map<RecordId, EntityId> {
  const { state } = index;
  const moved = new Map<RecordId, EntityId>();
  for (const j of change.judgements) {
    const key = pairKey(j.a, j.b);
    const known = state.judgements.get(key);
    if (known === undefined || known.at <= j.at) state.judgements.set(key, j);
  }
  const move = (i: number, entity: EntityId): void => {
    const previous = state.entities[i] as EntityId;
    if (previous === entity) return;
    const left = (index.members.get(previous) ?? []).filter((k) => k !== i);
    if (left.length > 0) index.members.set(previous, left);
    else index.members.delete(previous);
    const list = index.members.get(entity);
    if (list) list.push(i);
    else index.members.set(entity, [i]);
    state.entities[i] = entity;
    moved.set(state.ids[i] as RecordId, entity);
  };
  for (const [record, entity] of change.membership) {
    const i = positionOf(state.ids, record);
    if (i >= 0 && state.groups[i] !== undefined) move(i, entity);
  }
  for (const redirect of change.redirects) {
    const survivor = redirect.to[0];
    if (redirect.reason !== 'merge' || survivor === undefined) continue;
    for (const i of [...(index.members.get(redirect.from) ?? [])]) move(i, survivor);
  }
  for (const record of change.removedMembers ?? []) {
    const i = positionOf(state.ids, record);
    if (i < 0 || state.groups[i] === undefined) continue;
    const entity = state.entities[i] as EntityId;
    const left = (index.members.get(entity) ?? []).filter((k) => k !== i);
    if (left.length > 0) index.members.set(entity, left);
    else index.members.delete(entity);
    state.groups[i] = undefined;
    state.machineParts.delete(i);
  }
  index.sequence = Math.max(index.sequence, change.entitySequence);
  return moved;
}
