/**
 * Point-to-point search inside a query scope, from both ends at once: a bidirectional
 * breadth-first search for hop counts, a bidirectional Dijkstra (Dijkstra 1959; Pohl 1971
 * stopping rule: stop once the two frontiers' smallest keys add up to the best path found)
 * when ties have costs. Searching from both ends visits roughly the square root of what a
 * one-sided search visits, which is what keeps paths in a 1M-node network within milliseconds.
 *
 * Used by shortestPath, kShortestPaths (with banned nodes and node pairs) and connectors.
 */
import { MinHeap } from './min-heap.ts';
import type { Scope } from './query-scope.ts';

export interface SlotPath {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
  readonly cost: number;
}

export type SearchOutcome = { readonly kind: 'found'; readonly path: SlotPath } | { readonly kind: 'no-path' } | { readonly kind: 'search-limit' };

export interface SearchOptions {
  readonly weighted: boolean;
  /** Most nodes reached (both sides together) before the search gives up. */
  readonly maxVisited: number;
  readonly bannedNodes?: ReadonlySet<number>;
  /** Unordered node pairs (see pairKey) whose edges may not be used. */
  readonly bannedPairs?: ReadonlySet<number>;
}

/** Key of an unordered pair of node slots; exact for slots below 2^26. */
export function pairKey(a: number, b: number): number {
  return a < b ? a * 67108864 + b : b * 67108864 + a;
}

/** Cost of walking an edge: strong ties are short (1 / weight); hop counting costs 1 a step. */
export function stepCost(scope: Scope, e: number, weighted: boolean): number {
  return weighted ? 1 / scope.graph.edgeWeightAt(e) : 1;
}

export function searchPath(scope: Scope, s: number, t: number, options: SearchOptions): SearchOutcome {
  if (s === t) return { kind: 'found', path: { nodes: [s], edges: [], cost: 0 } };
  return options.weighted ? dijkstra(scope, s, t, options) : bfs(scope, s, t, options);
}

function allowed(options: SearchOptions, v: number, w: number): boolean {
  if (options.bannedNodes?.has(w) === true) return false;
  return options.bannedPairs === undefined || !options.bannedPairs.has(pairKey(v, w));
}

function bfs(scope: Scope, s: number, t: number, options: SearchOptions): SearchOutcome {
  // parent: node -> edge it was reached by (-1 at the root)
  const parentF = new Map<number, number>([[s, -1]]);
  const parentB = new Map<number, number>([[t, -1]]);
  const distF = new Map<number, number>([[s, 0]]);
  const distB = new Map<number, number>([[t, 0]]);
  let frontierF = [s];
  let frontierB = [t];
  let visited = 2;
  while (frontierF.length > 0 && frontierB.length > 0) {
    const forward = frontierF.length <= frontierB.length;
    const frontier = forward ? frontierF : frontierB;
    const parent = forward ? parentF : parentB;
    const dist = forward ? distF : distB;
    const otherDist = forward ? distB : distF;
    const next: number[] = [];
    let best = Infinity;
    let meet = -1;
    for (const v of frontier) {
      const dv = dist.get(v)!;
      scope.forEachStep(v, !forward, (e, w) => {
        if (!allowed(options, v, w)) return;
        if (!dist.has(w)) {
          dist.set(w, dv + 1);
          parent.set(w, e);
          next.push(w);
          visited++;
        }
        const other = otherDist.get(w);
        if (other !== undefined && dist.get(w)! + other < best) {
          best = dist.get(w)! + other;
          meet = w;
        }
      });
      if (visited > options.maxVisited) return { kind: 'search-limit' };
    }
    if (meet >= 0) return { kind: 'found', path: joinAt(scope, meet, parentF, parentB, false) };
    if (forward) frontierF = next;
    else frontierB = next;
  }
  return { kind: 'no-path' };
}

function dijkstra(scope: Scope, s: number, t: number, options: SearchOptions): SearchOutcome {
  const dist = [new Map<number, number>([[s, 0]]), new Map<number, number>([[t, 0]])] as const;
  const parent = [new Map<number, number>([[s, -1]]), new Map<number, number>([[t, -1]])] as const;
  const settled = [new Set<number>(), new Set<number>()] as const;
  const heaps = [new MinHeap(), new MinHeap()] as const;
  heaps[0].push(0, s);
  heaps[1].push(0, t);
  let best = Infinity;
  let meet = -1;
  let visited = 2;
  while (heaps[0].size > 0 && heaps[1].size > 0) {
    if (heaps[0].peekKey() + heaps[1].peekKey() >= best) break;
    const side = heaps[0].peekKey() <= heaps[1].peekKey() ? 0 : 1;
    const key = heaps[side].peekKey();
    const v = heaps[side].pop();
    if (settled[side].has(v) || key > dist[side].get(v)!) continue;
    settled[side].add(v);
    const myDist = dist[side];
    const otherDist = dist[1 - side]!;
    scope.forEachStep(v, side === 1, (e, w) => {
      if (!allowed(options, v, w)) return;
      const candidate = key + stepCost(scope, e, true);
      const known = myDist.get(w);
      if (known === undefined) visited++;
      if (known === undefined || candidate < known) {
        myDist.set(w, candidate);
        parent[side].set(w, e);
        heaps[side].push(candidate, w);
      }
      const other = otherDist.get(w);
      if (other !== undefined && myDist.get(w)! + other < best) {
        best = myDist.get(w)! + other;
        meet = w;
      }
    });
    if (visited > options.maxVisited) return { kind: 'search-limit' };
  }
  if (meet < 0) return { kind: 'no-path' };
  return { kind: 'found', path: joinAt(scope, meet, parent[0], parent[1], true) };
}

function joinAt(scope: Scope, meet: number, parentF: ReadonlyMap<number, number>, parentB: ReadonlyMap<number, number>, weighted: boolean): SlotPath {
  const g = scope.graph;
  const nodes: number[] = [meet];
  const edges: number[] = [];
  for (let v = meet, e = parentF.get(v)!; e >= 0; e = parentF.get(v)!) {
    v = g.otherEndAt(e, v);
    nodes.unshift(v);
    edges.unshift(e);
  }
  for (let v = meet, e = parentB.get(v)!; e >= 0; e = parentB.get(v)!) {
    v = g.otherEndAt(e, v);
    nodes.push(v);
    edges.push(e);
  }
  let cost = 0;
  for (const e of edges) cost += stepCost(scope, e, weighted);
  return { nodes, edges, cost };
}
