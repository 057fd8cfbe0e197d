/**
 * Undo of a merge (DESIGN.md principle 4: every automated merge is reversible by a human
 * judgement that then sticks). The absorbed entity gets its id and its records back (those still
 * in the survivor, or in the entity the survivor's id leads to now: a survivor later absorbed in
 * turn lives on under another id), its redirect is dropped, the event is marked undone, and a
 * `not_same` judgement on the merge's link pair keeps the two apart in every later run
 * (cluster-records.ts never puts a `not_same` pair in one cluster). So does one on each pair
 * across the two sides that a `same` in force joins: the later judgement is the one in force on
 * its pair (latestJudgements), so the undo overrules the "same" a judged merge followed, whose
 * pair is not always the link. The entity that holds the survivor's records keeps its id: it
 * only gives records back, so no run sees it split.
 */
import { AppError, type EntityId, type RecordId, type UserId } from '@mosaic/model';
import { latestJudgements, pairKey, type Judgement } from './judgement.ts';
import { followRedirects } from './memory-resolution-store.ts';
import type { ResolutionChange, ResolutionSnapshot } from './resolution-store.ts';

export function undoMerge(snapshot: ResolutionSnapshot, eventId: string, { by, at, note }: { by: UserId; at: string; note?: string }): ResolutionChange {
  const event = snapshot.mergeEvents.find((e) => e.id === eventId);
  if (!event) throw new AppError('MOSAIC_NOT_FOUND', `resolution: no merge event ${eventId}`);
  if (event.undone) throw new AppError('MOSAIC_CONFLICT', `resolution: merge ${eventId} was already undone`);
  const survivor = new Set(followRedirects(snapshot.redirects, event.survivor));
  const membership = new Map<RecordId, EntityId>();
  for (const r of event.absorbedRecords) {
    const entity = snapshot.membership.get(r);
    if (entity !== undefined && survivor.has(entity)) membership.set(r, event.absorbed);
  }
  const notSame = (a: RecordId, b: RecordId): Judgement => ({ a, b, verdict: 'not_same', by, at, ...(note === undefined ? {} : { note }) });
  // A "same" in force across the two sides (the one that made a judged merge, on a pair other
  // than the strongest link, say) would join them again: the undo overrules it on its own pair.
  const across = [...latestJudgements(snapshot.judgements).values()].filter((j) => j.verdict === 'same' && pairKey(j.a, j.b) !== pairKey(event.link[0], event.link[1])
    && ((membership.has(j.a) && onSurvivorSide(snapshot, survivor, membership, j.b)) || (membership.has(j.b) && onSurvivorSide(snapshot, survivor, membership, j.a))));
  return {
    judgements: [notSame(event.link[0], event.link[1]), ...across.map((j) => notSame(j.a, j.b))],
    membership,
    redirects: [],
    removedRedirects: [event.absorbed],
    mergeEvents: [{ ...event, undone: { by, at } }],
    entitySequence: snapshot.entitySequence,
  };
}

/** Whether `record` stays with the survivor: in the entity its id leads to now, and not given back to the absorbed one. */
function onSurvivorSide(snapshot: ResolutionSnapshot, survivor: ReadonlySet<EntityId>, givenBack: ReadonlyMap<RecordId, EntityId>, record: RecordId): boolean {
  const entity = snapshot.membership.get(record);
  return entity !== undefined && survivor.has(entity) && !givenBack.has(record);
}
