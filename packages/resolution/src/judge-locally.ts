/**
 * A judgement applied to the two entities it concerns, without a full pass over the store. A
 * `same` or `not_same` between records of two entities (or of one) can only move the records of
 * those entities: the full pass would cluster them under the new constraint, and so does this,
 * over their records alone — every pair among them scored, the judgements among them as
 * must-links and cannot-links, average linkage as in cluster-records.ts, ids as in
 * assign-entity-ids.ts (a `same` merge logged as the reviewer's, a split redirecting the old id
 * to its parts). Clustering the two entities' records alone, a `same` may also leave out a
 * record whose average linkage to the joined entity is too weak, as a full pass would.
 *
 * Every pair of the records is scored, so the work grows with the square of their number: past
 * `maxRecords` the caller runs a full pass instead. An `unsure` moves nothing, nor does a
 * judgement older than the one in force on its pair.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import { assignEntityIds } from './assign-entity-ids.ts';
import { clusterRecords } from './cluster-records.ts';
import { pairKey, type Judgement } from './judgement.ts';
import { machineParts } from './machine-parts.ts';
import { positionOf } from './record-positions.ts';
import type { ResolutionIndex } from './resolution-index.ts';
import type { ResolutionChange } from './resolution-store.ts';
import { pairProbability, strongestLink } from './resolve-records.ts';

/** Records of the two entities above which a judgement is left to a full pass (about 80,000 pairs scored). */
export const MAX_LOCAL_RECORDS = 400;

/**
 * Records the judgement in the index and re-clusters the records of its two entities: the change
 * to commit (membership of the records that moved, redirects, merge events, the id sequence).
 * Undefined when either record is not resolved here or the entities hold more than `maxRecords`
 * records (the judgement is then recorded, and a full pass applies it).
 */
export function judgeLocally(index: ResolutionIndex, judgement: Judgement, { at, maxRecords = MAX_LOCAL_RECORDS }: { readonly at: string; readonly maxRecords?: number }): ResolutionChange | undefined {
  const { state } = index;
  const unchanged: ResolutionChange = { judgements: [], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: index.sequence };
  // The judgement in force on a pair is the latest made (latestJudgements): one made before it,
  // applied after it (stored during a full pass, or replayed on another node), changes nothing.
  const key = pairKey(judgement.a, judgement.b);
  const known = state.judgements.get(key);
  if (known !== undefined && known.at > judgement.at) return unchanged;
  state.judgements.set(key, judgement);
  const ia = positionOf(state.ids, judgement.a);
  const ib = positionOf(state.ids, judgement.b);
  if (ia < 0 || ib < 0) return undefined;
  const entityA = state.entities[ia] as EntityId;
  const entityB = state.entities[ib] as EntityId;
  if (judgement.verdict === 'unsure') return unchanged;
  const local = [...new Set([...(index.members.get(entityA) ?? [ia]), ...(index.members.get(entityB) ?? [ib])])];
  return reclusterLocally(index, local, { at, maxRecords });
}

/**
 * Clusters the records `local` (record indexes: whole entities) again as a full pass would
 * cluster them, with the judgements among them, and assigns their ids: the change to commit.
 * Undefined past `maxRecords` records.
 */
export function reclusterLocally(index: ResolutionIndex, local: readonly number[], { at, maxRecords = MAX_LOCAL_RECORDS }: { readonly at: string; readonly maxRecords?: number }): ResolutionChange | undefined {
  const { state } = index;
  if (local.length > maxRecords) return undefined;

  // every pair of the local records, i < j, scored
  const k = local.length;
  const count = (k * (k - 1)) / 2;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const probability = new Float32Array(count);
  const scored = new Float32Array(k * k);
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const score = pairProbability(state, local[i] as number, local[j] as number);
      left[p] = i;
      right[p] = j;
      probability[p++] = score;
      scored[i * k + j] = scored[j * k + i] = score;
    }
  }
  const position = new Map(local.map((g, i) => [state.ids[g] as RecordId, i]));
  const mustLink: [number, number][] = [];
  const cannotLink: [number, number][] = [];
  for (const j of [...state.judgements.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    const a = position.get(j.a);
    const b = position.get(j.b);
    if (a === undefined || b === undefined) continue;
    if (j.verdict === 'same') mustLink.push([a, b]);
    else if (j.verdict === 'not_same') cannotLink.push([a, b]);
  }
  const clustered = clusterRecords(
    { size: k, left, right, probability, probabilityOf: (i, j) => scored[i * k + j] as number, mustLink, cannotLink },
    { linkThreshold: state.thresholds.link, mergeThreshold: state.thresholds.merge },
  );
  const ids = local.map((g) => state.ids[g] as RecordId);
  const judgedSame = new Set(mustLink.map(([a, b]) => pairKey(ids[a] as RecordId, ids[b] as RecordId)));
  const global = (group: readonly number[]): number[] => group.map((i) => local[i] as number);
  const assigned = assignEntityIds({
    records: ids,
    cluster: clustered.cluster,
    previous: new Map(local.map((g) => [state.ids[g] as RecordId, state.entities[g] as EntityId])),
    entitySequence: index.sequence,
    at,
    linkOf: (a, b) => {
      const link = strongestLink(state, global(a), global(b));
      return { ...link, i: local.indexOf(link.i), j: local.indexOf(link.j) };
    },
    judgedBetween: (a, b) => a.some((i) => b.some((j) => judgedSame.has(pairKey(ids[i] as RecordId, ids[j] as RecordId)))),
  });

  // the index as a full pass would leave it for these records
  for (const g of local) index.members.delete(state.entities[g] as EntityId);
  local.forEach((g, i) => {
    const entity = assigned.entities[i] as EntityId;
    state.entities[g] = entity;
    const list = index.members.get(entity);
    if (list) list.push(g);
    else index.members.set(entity, [g]);
  });
  index.sequence = assigned.change.entitySequence;
  for (const g of local) state.machineParts.delete(g);
  for (const [i, part] of machineParts(clustered)) state.machineParts.set(local[i] as number, local[part] as number);
  return assigned.change;
}
