/**
 * Clustering scored pairs into entities without chaining two people together through a weak
 * middle record. Constrained greedy average-linkage agglomeration:
 *
 *  - strong edges (probability >= linkThreshold) in decreasing order, as in single-linkage
 *    (Kruskal), but two clusters merge only when the average probability over *all* pairs
 *    across them is at least mergeThreshold: average linkage (UPGMA, Sokal & Michener 1958;
 *    compared for duplicate detection by Hassanzadeh et al. 2009, "Framework for evaluating
 *    clustering algorithms in duplicate detection"). A middle record B that matches A and C
 *    strongly cannot carry C into {A, B} when A and C score as different people: the pair
 *    (A, C) pulls the average down.
 *  - must-link / cannot-link constraints (Wagstaff & Cardie 2000, "Clustering with
 *    instance-level constraints"): no merge ever puts a `not_same` pair in one cluster, and a
 *    `same` judgement joins the two clusters its records were put in. It says the two entities
 *    a reviewer was shown are one person: their other records come along (each side's own
 *    merges still await a person's confirmation), and the strong edges of the joined cluster are
 *    tried again. Applying `same` before the machine's merges instead would make the pair a
 *    cluster of its own, which the average linkage then keeps apart from the rest of both sides.
 *  - when a `not_same` stands between two clusters a `same` would join, the judgements go first
 *    after all: every `same` pair is unioned before any machine merge, and a `same` that would
 *    break a `not_same` is not applied and is reported as a conflict (keeping people apart is
 *    the safe side: an automated merge is the decision with adverse effect).
 *
 * Pairs across clusters that blocking never produced are scored on demand, so the average is
 * over every pair (up to maxCrossPairs, evenly sampled beyond).
 */

export interface ClusterOptions {
  /** Edges at or above this probability are tried as merges. */
  readonly linkThreshold: number;
  /** Two clusters merge when the mean probability across them is at least this. */
  readonly mergeThreshold: number;
  /** At most this many cross pairs are scored for one merge decision. */
  readonly maxCrossPairs?: number;
}

export interface ClusterInput {
  readonly size: number;
  /** Candidate edges (i < j) and their probabilities. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly probability: Float64Array | Float32Array;
  /** Probability of any pair (candidate or not). */
  readonly probabilityOf: (i: number, j: number) => number;
  readonly mustLink?: readonly (readonly [number, number])[];
  readonly cannotLink?: readonly (readonly [number, number])[];
}

export interface ClusterMerge {
  /** A record of each side (the edge that joined them) and the mean cross probability. */
  readonly i: number;
  readonly j: number;
  readonly probability: number;
  readonly judged: boolean;
}

export interface ClusterResult {
  /** Cluster representative of each record (a record index). */
  readonly cluster: Int32Array;
  readonly merges: readonly ClusterMerge[];
  /** `same` judgements not applied because they contradict `not_same` ones. */
  readonly conflicts: number;
  /** Strong edges whose merge was refused by average linkage (a weak middle record) or by a judgement. */
  readonly refusedByLinkage: number;
  readonly refusedByJudgement: number;
}

/** How far under mergeThreshold a mean's upper bound must fall before the scan stops (far above rounding). */
const REFUSAL_MARGIN = 1e-9;

export function clusterRecords(input: ClusterInput, options: ClusterOptions): ClusterResult {
  return agglomerate(input, options, 'machine first') ?? (agglomerate(input, options, 'judgements first') as ClusterResult);
}

/**
 * One agglomeration: the machine's merges then the `same` judgements between whole clusters
 * (undefined when a `not_same` stands between two clusters a `same` would join), or every `same`
 * pair first.
 */
function agglomerate(input: ClusterInput, { linkThreshold, mergeThreshold, maxCrossPairs = 400 }: ClusterOptions, order: 'machine first' | 'judgements first'): ClusterResult | undefined {
  const n = input.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const members = new Map<number, number[]>();
  const cannot = new Map<number, number[]>();
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) { const next = parent[x] as number; parent[x] = r; x = next; }
    return r;
  };
  const membersOf = (r: number): number[] => members.get(r) ?? [r];
  for (const [a, b] of input.cannotLink ?? []) {
    if (a === b) continue;
    (cannot.get(a) ?? cannot.set(a, []).get(a)!).push(b);
    (cannot.get(b) ?? cannot.set(b, []).get(b)!).push(a);
  }
  const forbidden = (ra: number, rb: number): boolean => {
    const small = membersOf(ra).length <= membersOf(rb).length ? ra : rb;
    const other = small === ra ? rb : ra;
    for (const x of membersOf(small)) for (const y of cannot.get(x) ?? []) if (find(y) === other) return true;
    return false;
  };
  const union = (ra: number, rb: number): number => {
    const [big, small] = membersOf(ra).length >= membersOf(rb).length ? [ra, rb] : [rb, ra];
    parent[small] = big;
    const merged = membersOf(big).concat(membersOf(small));
    members.set(big, merged);
    members.delete(small);
    return big;
  };
  const merges: ClusterMerge[] = [];
  let conflicts = 0;
  const judgedSame = new Set<number>();
  /** Joins the clusters of each `same` pair; false when a `not_same` stands between two of them. */
  const joinJudged = (joined: Set<number>): boolean => {
    for (const [a, b] of input.mustLink ?? []) {
      if (a === b) continue;
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) continue;
      if (forbidden(ra, rb)) {
        if (order === 'machine first') return false;
        conflicts++;
        continue;
      }
      joined.add(union(ra, rb));
      merges.push({ i: a, j: b, probability: 1, judged: true });
      judgedSame.add(a * n + b).add(b * n + a);
    }
    return true;
  };

  const strong: number[] = [];
  for (let k = 0; k < input.left.length; k++) if ((input.probability[k] as number) >= linkThreshold) strong.push(k);
  strong.sort((x, y) => (input.probability[y] as number) - (input.probability[x] as number) || x - y);
  /** Why each strong edge's merge was last refused: 0 it was not, 1 by linkage, 2 by a judgement. */
  const refusal = new Uint8Array(strong.length);
  /**
   * Tries the strong edges in order; with `touching`, only those with a side in one of those
   * clusters (the others were decided already, on clusters that have not changed since).
   */
  const tryEdges = (touching?: Set<number>): void => {
    for (let e = 0; e < strong.length; e++) {
      const k = strong[e] as number;
      const i = input.left[k] as number;
      const j = input.right[k] as number;
      const ri = find(i);
      const rj = find(j);
      if (ri === rj) continue;
      if (touching && !touching.has(ri) && !touching.has(rj)) continue;
      if (forbidden(ri, rj)) { refusal[e] = 2; continue; }
      const mean = meanLinkage(membersOf(ri), membersOf(rj), i, j, input.probability[k] as number);
      if (mean < mergeThreshold) { refusal[e] = 1; continue; }
      refusal[e] = 0;
      const r = union(ri, rj);
      touching?.add(r);
      merges.push({ i, j, probability: mean, judged: false });
    }
  };
  if (order === 'judgements first') {
    joinJudged(new Set());
    tryEdges();
  } else {
    tryEdges();
    const joined = new Set<number>();
    if (!joinJudged(joined)) return undefined;
    if (joined.size > 0) tryEdges(new Set([...joined].map(find)));
  }
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = find(i);
  let refusedByLinkage = 0;
  let refusedByJudgement = 0;
  for (const why of refusal) if (why === 1) refusedByLinkage++; else if (why === 2) refusedByJudgement++;
  return { cluster, merges, conflicts, refusedByLinkage, refusedByJudgement };

  /**
   * Mean probability over the cross pairs (evenly sampled beyond maxCrossPairs), or a value under
   * mergeThreshold for a merge that is refused: that needs no exact mean, so the scan stops once
   * even certain matches in every pair still to be read could not lift the mean to the threshold
   * (most pairs read here are scored on demand; at a million records four in five of them
   * belonged to merges refused this way). The margin keeps the decision the full mean would take.
   */
  function meanLinkage(a: readonly number[], b: readonly number[], i: number, j: number, pij: number): number {
    const total = a.length * b.length;
    if (total === 1) return pij;
    const stride = total > maxCrossPairs ? total / maxCrossPairs : 1;
    let samples = total;
    if (stride !== 1) { samples = 0; for (let t = 0; t < total; t += stride) samples++; }
    const hopeless = (mergeThreshold - REFUSAL_MARGIN) * samples;
    let sum = 0;
    let count = 0;
    for (let t = 0; t < total; t += stride) {
      const q = Math.floor(t);
      const x = a[Math.floor(q / b.length)] as number;
      const y = b[q % b.length] as number;
      sum += (x === i && y === j) || (x === j && y === i) ? pij : judgedSame.has(x * n + y) ? 1 : input.probabilityOf(x, y);
      count++;
      if (sum + (samples - count) < hopeless) return sum / samples;
    }
    return sum / count;
  }
}
