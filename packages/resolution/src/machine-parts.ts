/**
 * The parts of an entity that the machine's own merges hold together, for the entities that a
 * person's `same` judgement helped join. Clustering joins records one merge at a time, each merge
 * uniting two clusters through one pair (cluster-records.ts: the strong edges the average linkage
 * accepts and the `same` judgements, in either order), so an entity's merges form a spanning tree
 * of its records (Kruskal). Taking out the judged merges cuts that tree into the
 * parts the machine joined by itself; two records of different parts lie on opposite sides of a
 * judgement and are one entity only because a person said so.
 *
 * The review queue uses this (review-queue.ts): the question "are these two the same?" about
 * records of two parts follows from the judgement and the questions inside each part (sameness is
 * transitive), so it is not asked again; inside a part the machine's merge still awaits a person's
 * confirmation (DESIGN.md principle 2). A strong pair between two parts joined nothing: the
 * average linkage refused its merge, or its records were one cluster already, through the
 * judgement.
 *
 * Entities no judgement helped join have no entry (the common case costs nothing): the whole
 * entity is one part.
 */
import type { ClusterResult } from './cluster-records.ts';

/** Part of each record of the entities a `same` judgement helped join, by record index: a record index that stands for the part. */
export type MachineParts = Map<number, number>;

export function machineParts({ cluster, merges }: Pick<ClusterResult, 'cluster' | 'merges'>): MachineParts {
  const parts: MachineParts = new Map();
  const joined = new Set<number>();
  for (const m of merges) if (m.judged) joined.add(cluster[m.i] as number);
  if (joined.size === 0) return parts;
  for (let i = 0; i < cluster.length; i++) if (joined.has(cluster[i] as number)) parts.set(i, i);
  const find = (x: number): number => {
    let r = x;
    while (parts.get(r) !== r) r = parts.get(r) as number;
    while (x !== r) { const next = parts.get(x) as number; parts.set(x, r); x = next; }
    return r;
  };
  for (const m of merges) {
    if (m.judged || !parts.has(m.i)) continue;
    parts.set(find(m.i), find(m.j));
  }
  for (const i of parts.keys()) find(i);
  return parts;
}

/**
 * Incremental resolution joined the records `a` and `b` (two groups: a new record alone, or two
 * entities) by the machine, through the link from `link[0]` (in `a`) to `link[1]` (in `b`): the
 * parts of the two linked records become one. A group with no entry is one part; it takes the
 * other's part when only the other has them.
 */
export function joinMachineParts(parts: MachineParts, a: readonly number[], b: readonly number[], link: readonly [number, number]): void {
  const pa = parts.get(link[0]);
  const pb = parts.get(link[1]);
  const part = pa ?? pb;
  if (part === undefined) return;
  for (const group of [a, b]) {
    for (const x of group) {
      const p = parts.get(x);
      if (p === undefined || p === pa || p === pb) parts.set(x, part);
    }
  }
}
