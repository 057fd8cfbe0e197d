/**
 * In-memory ResolutionStore: for tests, the CLI (one run, no persistence) and as the reference
 * the real store is checked against (same contract suite).
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { pairKey, type Judgement } from './judgement.ts';
import type { MergeEvent, Redirect, ResolutionChange, ResolutionSnapshot, ResolutionStore } from './resolution-store.ts';

/** Redirect chains are followed at most this far (a cycle would be a bug; never loop forever). */
const MAX_HOPS = 64;

export function followRedirects(redirects: ReadonlyMap<EntityId, Redirect>, id: EntityId): EntityId[] {
  const out: EntityId[] = [];
  const visit = (current: EntityId, depth: number): void => {
    const r = redirects.get(current);
    if (!r || depth >= MAX_HOPS) {
      if (!out.includes(current)) out.push(current);
      return;
    }
    for (const next of r.to) visit(next, depth + 1);
  };
  visit(id, 0);
  return out;
}

export function memoryResolutionStore(initial?: Partial<ResolutionSnapshot>): ResolutionStore {
  const judgements: Judgement[] = [...(initial?.judgements ?? [])];
  const membership = new Map<RecordId, EntityId>(initial?.membership ?? []);
  const redirects = new Map<EntityId, Redirect>(initial?.redirects ?? []);
  const events = new Map<string, MergeEvent>((initial?.mergeEvents ?? []).map((e) => [e.id, e]));
  let entitySequence = initial?.entitySequence ?? 0;
  return {
    load() {
      return Promise.resolve({
        judgements: [...judgements],
        membership: new Map(membership),
        redirects: new Map(redirects),
        mergeEvents: [...events.values()],
        entitySequence,
      });
    },
    commit(change: ResolutionChange) {
      judgements.push(...change.judgements);
      for (const [record, entity] of change.membership) membership.set(record, entity);
      for (const record of change.removedMembers ?? []) membership.delete(record);
      for (const id of change.removedRedirects) redirects.delete(id);
      for (const r of change.redirects) redirects.set(r.from, r);
      for (const e of change.mergeEvents) events.set(e.id, e);
      entitySequence = Math.max(entitySequence, change.entitySequence);
      return Promise.resolve();
    },
    resolveEntityId(id: EntityId) {
      return Promise.resolve(followRedirects(redirects, id));
    },
    judgementsOf(a: RecordId, b: RecordId) {
      const key = pairKey(a, b);
      return Promise.resolve(judgements.filter((j) => pairKey(j.a, j.b) === key).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)));
    },
  };
}
