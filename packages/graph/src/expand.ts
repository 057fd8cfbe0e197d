/**
 * Expansion: the network around one or more entities, breadth-first up to `hops` steps, within
 * a node budget. When the budget is reached the strongest ties are kept: the neighbours of each
 * frontier node are taken by tie weight, then id, so which nodes make the cut depends only on
 * what the query may see, never on hidden data or on the order edges were stored in.
 */
import { AppError } from '@mosaic/model';
import type { EntityGraph } from './entity-graph.ts';
import type { NodeId, Subgraph } from './graph-elements.ts';
import { collectSubgraph } from './induced-subgraph.ts';
import { Scope, type QueryScope } from './query-scope.ts';

export const EXPAND_DEFAULTS = { hops: 2, nodeBudget: 500 } as const;
export const MAX_EXPAND_HOPS = 3;

export interface ExpandOptions extends QueryScope {
  readonly hops?: number;
  /** Most nodes returned, seeds included. */
  readonly nodeBudget?: number;
}

export interface Expansion {
  readonly subgraph: Subgraph;
  /** Steps from the nearest seed, for every returned node. */
  readonly distance: ReadonlyMap<NodeId, number>;
  /** True when the budget cut off nodes that were in reach. */
  readonly truncated: boolean;
}

export function expand(
  graph: EntityGraph,
  seeds: NodeId | readonly NodeId[],
  { hops = EXPAND_DEFAULTS.hops, nodeBudget = EXPAND_DEFAULTS.nodeBudget, ...scope }: ExpandOptions = {},
): Expansion {
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_EXPAND_HOPS) {
    throw new AppError('MOSAIC_QUERY_REJECTED', `graph: hops must be an integer from 0 to ${MAX_EXPAND_HOPS}`);
  }
  if (!Number.isInteger(nodeBudget) || nodeBudget < 1) throw new AppError('MOSAIC_QUERY_REJECTED', 'graph: nodeBudget must be a positive integer');
  const compiled = new Scope(graph, scope);
  const order = new Map<number, number>();
  const depth: number[] = [];
  let truncated = false;

  const add = (v: number, d: number): boolean => {
    if (order.size >= nodeBudget) {
      truncated = true;
      return false;
    }
    order.set(v, order.size);
    depth.push(d);
    return true;
  };

  const seedIds = typeof seeds === 'string' ? [seeds] : [...new Set(seeds)].sort();
  let frontier: number[] = [];
  for (const id of seedIds) {
    const v = compiled.resolve(id);
    if (v >= 0 && !order.has(v) && add(v, 0)) frontier.push(v);
  }

  for (let d = 1; d <= hops && frontier.length > 0 && !truncated; d++) {
    const next: number[] = [];
    for (const v of frontier) {
      const strongest = new Map<number, number>();
      compiled.forEachStep(v, false, (e, w) => {
        if (order.has(w)) return;
        const weight = graph.edgeWeightAt(e);
        if ((strongest.get(w) ?? -Infinity) < weight) strongest.set(w, weight);
      });
      const candidates = [...strongest].map(([w, weight]) => ({ w, weight, id: graph.nodeIdAt(w) }));
      candidates.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const { w } of candidates) {
        if (!add(w, d)) break;
        next.push(w);
      }
      if (truncated) break;
    }
    frontier = next;
  }

  const subgraph = collectSubgraph(compiled, order);
  const distance = new Map<NodeId, number>();
  subgraph.nodes.forEach((node, i) => distance.set(node.id, depth[i]!));
  return { subgraph, distance, truncated };
}
