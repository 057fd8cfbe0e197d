/**
 * An entity as one viewer may see it. Resolution joins records on all the evidence there is, so
 * two records a viewer may see can sit in one entity only because each matches a third that the
 * viewer may not see. Shown together, they would tell the viewer that hidden evidence ties them
 * (DESIGN principle 3: nothing may leak through a merged profile). So the visible members are
 * regrouped on the visible evidence alone: two join when a person judged them the same, or when
 * their own comparison reaches the merge threshold (every automatic merge rests on such a pair,
 * so an entity whose members are all visible stays whole); a person's "not the same" keeps them
 * apart. The parts come largest first.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { pairKey } from './judgement.ts';
import type { ResolutionIndex } from './resolution-index.ts';
import { pairProbability } from './resolve-records.ts';

/** Beyond this many visible members the pairwise check would cost too much; one part is kept. */
export const MAX_PART_CHECK = 400;

export function visibleParts(index: ResolutionIndex, entity: EntityId, visible: ReadonlySet<RecordId>): RecordId[][] {
  const { state } = index;
  const members = (index.members.get(entity) ?? []).filter((i) => visible.has(state.ids[i] as RecordId));
  if (members.length <= 1) return members.length === 1 ? [[state.ids[members[0] as number] as RecordId]] : [];
  if (members.length > MAX_PART_CHECK) return [members.map((i) => state.ids[i] as RecordId).sort()];
  const parent = members.map((_, k) => k);
  const root = (k: number): number => {
    let r = k;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[k] !== r) [parent[k], k] = [r, parent[k] as number];
    return r;
  };
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      if (root(x) === root(y)) continue;
      const i = members[x] as number;
      const j = members[y] as number;
      const judged = state.judgements.get(pairKey(state.ids[i] as RecordId, state.ids[j] as RecordId))?.verdict;
      if (judged === 'not_same') continue;
      if (judged === 'same' || pairProbability(state, i, j) >= state.thresholds.link) parent[root(x)] = root(y);
    }
  }
  const parts = new Map<number, RecordId[]>();
  members.forEach((i, k) => {
    const r = root(k);
    const part = parts.get(r) ?? [];
    part.push(state.ids[i] as RecordId);
    parts.set(r, part);
  });
  return [...parts.values()].map((p) => p.sort()).sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
}
