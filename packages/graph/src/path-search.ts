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

/** One side of a search: per-node arrays valid where `seen[v] === stamp`, reused across searches. */
interface Side {
  seen: Uint32Array;
  done: Uint32Array;
  dist: Float64Array;
  parent: Int32Array;
}

/**
 * Per-graph scratch arrays, so a search over a 1M-node graph allocates nothing per node and
 * never clears: a new stamp marks what is current. A search that starts while another is
 * running (a visibility predicate that itself queries) gets fresh arrays.
 */
class Scratch {
  readonly sides: [Side, Side];
  stamp = 0;
  busy = false;

  constructor(size: number) {
    const side = (): Side => ({ seen: new Uint32Array(size), done: new Uint32Array(size), dist: new Float64Array(size), parent: new Int32Array(size) });
    this.sides = [side(), side()];
  }

  get size(): number {
    return this.sides[0].seen.length;
  }

  next(): number {
    if (this.stamp === 0xffffffff) {
      for (const side of this.sides) {
        side.seen.fill(0);
        side.done.fill(0);
      }
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

const scratches = new WeakMap<object, Scratch>();

function withScratch<T>(scope: Scope, run: (scratch: Scratch, stamp: number) => T): T {
  const size = scope.graph.nodeSlots;
  let scratch = scratches.get(scope.graph);
  if (scratch === undefined || scratch.size < size) {
    scratch = new Scratch(Math.max(16, Math.ceil(size * 1.25)));
    if (scratches.get(scope.graph)?.busy !== true) scratches.set(scope.graph, scratch);
  } else if (scratch.busy) {
    scratch = new Scratch(size);
  }
  scratch.busy = true;
  try {
    return run(scratch, scratch.next());
  } finally {
    scratch.busy = false;
  }
}

function bfs(scope: Scope, s: number, t: number, options: SearchOptions): SearchOutcome {
  return withScratch(scope, (scratch, stamp) => {
    const g = scope.graph;
    const [fw, bw] = scratch.sides;
    for (const [side, root] of [[fw, s], [bw, t]] as const) {
      side.seen[root] = stamp;
      side.dist[root] = 0;
      side.parent[root] = -1;
    }
    let frontierF = [s];
    let frontierB = [t];
    let visited = 2;
    while (frontierF.length > 0 && frontierB.length > 0) {
      const forward = frontierF.length <= frontierB.length;
      const frontier = forward ? frontierF : frontierB;
      const mine = forward ? fw : bw;
      const other = forward ? bw : fw;
      const next: number[] = [];
      let best = Infinity;
      let meet = -1;
      for (const v of frontier) {
        const dv = mine.dist[v]!;
        const degree = g.degreeAt(v);
        for (let k = 0; k < degree; k++) {
          const e = g.incidentAt(v, k);
          if (!scope.walkable(e, v, !forward) || !scope.edgeOk(e)) continue;
          const w = g.otherEndAt(e, v);
          if (!allowed(options, v, w)) continue;
          if (mine.seen[w] !== stamp) {
            mine.seen[w] = stamp;
            mine.dist[w] = dv + 1;
            mine.parent[w] = e;
            next.push(w);
            visited++;
          }
          if (other.seen[w] === stamp && mine.dist[w]! + other.dist[w]! < best) {
            best = mine.dist[w]! + other.dist[w]!;
            meet = w;
          }
        }
        if (visited > options.maxVisited) return { kind: 'search-limit' };
      }
      if (meet >= 0) return { kind: 'found', path: joinAt(scope, meet, fw, bw, false) };
      if (forward) frontierF = next;
      else frontierB = next;
    }
    return { kind: 'no-path' };
  });
}

function dijkstra(scope: Scope, s: number, t: number, options: SearchOptions): SearchOutcome {
  return withScratch(scope, (scratch, stamp) => {
    const g = scope.graph;
    const sides = scratch.sides;
    const heaps = [new MinHeap(), new MinHeap()] as const;
    for (const [i, root] of [[0, s], [1, t]] as const) {
      sides[i].seen[root] = stamp;
      sides[i].dist[root] = 0;
      sides[i].parent[root] = -1;
      heaps[i].push(0, root);
    }
    let best = Infinity;
    let meet = -1;
    let visited = 2;
    while (heaps[0].size > 0 && heaps[1].size > 0) {
      if (heaps[0].peekKey() + heaps[1].peekKey() >= best) break;
      const i = heaps[0].peekKey() <= heaps[1].peekKey() ? 0 : 1;
      const mine = sides[i];
      const other = sides[1 - i]!;
      const key = heaps[i].peekKey();
      const v = heaps[i].pop();
      if (mine.done[v] === stamp || key > mine.dist[v]!) continue;
      mine.done[v] = stamp;
      const degree = g.degreeAt(v);
      for (let k = 0; k < degree; k++) {
        const e = g.incidentAt(v, k);
        if (!scope.walkable(e, v, i === 1) || !scope.edgeOk(e)) continue;
        const w = g.otherEndAt(e, v);
        if (!allowed(options, v, w)) continue;
        const candidate = key + stepCost(scope, e, true);
        const known = mine.seen[w] === stamp;
        if (!known) visited++;
        if (!known || candidate < mine.dist[w]!) {
          mine.seen[w] = stamp;
          mine.dist[w] = candidate;
          mine.parent[w] = e;
          heaps[i].push(candidate, w);
        }
        if (other.seen[w] === stamp && mine.dist[w]! + other.dist[w]! < best) {
          best = mine.dist[w]! + other.dist[w]!;
          meet = w;
        }
      }
      if (visited > options.maxVisited) return { kind: 'search-limit' };
    }
    if (meet < 0) return { kind: 'no-path' };
    return { kind: 'found', path: joinAt(scope, meet, sides[0], sides[1], true) };
  });
}

function joinAt(scope: Scope, meet: number, forward: Side, backward: Side, weighted: boolean): SlotPath {
  const g = scope.graph;
  const nodes: number[] = [meet];
  const edges: number[] = [];
  for (let v = meet, e = forward.parent[v]!; e >= 0; e = forward.parent[v]!) {
    v = g.otherEndAt(e, v);
    nodes.unshift(v);
    edges.unshift(e);
  }
  for (let v = meet, e = backward.parent[v]!; e >= 0; e = backward.parent[v]!) {
    v = g.otherEndAt(e, v);
    nodes.push(v);
    edges.push(e);
  }
  let cost = 0;
  for (const e of edges) cost += stepCost(scope, e, weighted);
  return { nodes, edges, cost };
}
