/**
 * The shortest path between two entities the query may see: fewest steps (bidirectional BFS),
 * or, with `weighted`, least total cost where a tie of weight w costs 1/w (bidirectional
 * Dijkstra), so a path through strong ties beats a path through weak ones of the same length.
 * An unknown entity and a hidden one give the same answer, 'not-found'.
 */
import { AppError } from '@mosaic/model';
import type { EntityGraph } from './entity-graph.ts';
import type { GraphEdge, GraphNode, NodeId } from './graph-elements.ts';
import { searchPath, type SlotPath } from './path-search.ts';
import { Scope, type QueryScope } from './query-scope.ts';

export const SHORTEST_PATH_DEFAULTS = { weighted: false, maxVisited: 250_000 } as const;

export interface ShortestPathOptions extends QueryScope {
  readonly weighted?: boolean;
  /** Most nodes the search may reach before it answers 'search-limit'. */
  readonly maxVisited?: number;
}

export interface Path {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly hops: number;
  /** Hops, or the sum of 1/weight along the path when weighted. */
  readonly cost: number;
}

export type PathOutcome =
  | { readonly found: true; readonly path: Path }
  | { readonly found: false; readonly reason: 'not-found' | 'no-path' | 'search-limit' };

export function shortestPath(
  graph: EntityGraph,
  from: NodeId,
  to: NodeId,
  { weighted = SHORTEST_PATH_DEFAULTS.weighted, maxVisited = SHORTEST_PATH_DEFAULTS.maxVisited, ...scope }: ShortestPathOptions = {},
): PathOutcome {
  checkMaxVisited(maxVisited);
  const compiled = new Scope(graph, scope);
  const s = compiled.resolve(from);
  const t = compiled.resolve(to);
  if (s < 0 || t < 0) return { found: false, reason: 'not-found' };
  const outcome = searchPath(compiled, s, t, { weighted, maxVisited });
  if (outcome.kind !== 'found') return { found: false, reason: outcome.kind };
  return { found: true, path: toPath(graph, outcome.path) };
}

export function toPath(graph: EntityGraph, path: SlotPath): Path {
  return {
    nodes: path.nodes.map((v) => graph.nodeAt(v)),
    edges: path.edges.map((e) => graph.edgeAt(e)),
    hops: path.edges.length,
    cost: path.cost,
  };
}

export function checkMaxVisited(maxVisited: number): void {
  if (!Number.isInteger(maxVisited) || maxVisited < 2) throw new AppError('MOSAIC_QUERY_REJECTED', 'graph: maxVisited must be an integer of at least 2');
}
