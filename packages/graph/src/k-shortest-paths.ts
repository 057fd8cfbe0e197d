/**
 * The k shortest loopless paths between two entities: Yen, "Finding the k shortest loopless
 * paths in a network", Management Science 17(11), 1971. Each next path deviates from an earlier
 * one at a spur node; the spur search bans the root path's nodes and, for every accepted path
 * sharing that root, the step it took next.
 *
 * Paths are told apart by their node sequence: parallel edges between the same two entities
 * (a phone shared and a family tie) do not make two paths; each step uses the cheapest of them.
 */
import { AppError } from '@mosaic/model';
import type { EntityGraph } from './entity-graph.ts';
import type { NodeId } from './graph-elements.ts';
import { pairKey, searchPath, stepCost, type SlotPath } from './path-search.ts';
import { Scope } from './query-scope.ts';
import { checkMaxVisited, SHORTEST_PATH_DEFAULTS, toPath, type Path, type ShortestPathOptions } from './shortest-path.ts';

export const K_SHORTEST_PATHS_DEFAULTS = { k: 3 } as const;

export interface KShortestPathsOptions extends ShortestPathOptions {
  readonly k?: number;
}

export type KPathsOutcome =
  | { readonly found: true; readonly paths: readonly Path[] }
  | { readonly found: false; readonly reason: 'not-found' | 'no-path' | 'search-limit' };

export function kShortestPaths(
  graph: EntityGraph,
  from: NodeId,
  to: NodeId,
  { k = K_SHORTEST_PATHS_DEFAULTS.k, weighted = SHORTEST_PATH_DEFAULTS.weighted, maxVisited = SHORTEST_PATH_DEFAULTS.maxVisited, ...scope }: KShortestPathsOptions = {},
): KPathsOutcome {
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new AppError('MOSAIC_QUERY_REJECTED', 'graph: k must be an integer from 1 to 100');
  checkMaxVisited(maxVisited);
  const compiled = new Scope(graph, scope);
  const s = compiled.resolve(from);
  const t = compiled.resolve(to);
  if (s < 0 || t < 0) return { found: false, reason: 'not-found' };
  const first = searchPath(compiled, s, t, { weighted, maxVisited });
  if (first.kind !== 'found') return { found: false, reason: first.kind };

  const accepted: SlotPath[] = [first.path];
  const candidates = new Map<string, SlotPath>();
  const seen = new Set<string>([first.path.nodes.join(',')]);
  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1]!;
    let rootCost = 0;
    for (let i = 0; i < previous.nodes.length - 1; i++) {
      const spur = previous.nodes[i]!;
      const root = previous.nodes.slice(0, i + 1);
      const bannedPairs = new Set<number>();
      for (const path of accepted) {
        if (path.nodes.length > i + 1 && root.every((v, j) => path.nodes[j] === v)) bannedPairs.add(pairKey(path.nodes[i]!, path.nodes[i + 1]!));
      }
      const bannedNodes = new Set(root.slice(0, i));
      const spurPath = searchPath(compiled, spur, t, { weighted, maxVisited, bannedNodes, bannedPairs });
      if (spurPath.kind === 'found') {
        const nodes = [...root.slice(0, i), ...spurPath.path.nodes];
        const key = nodes.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          candidates.set(key, { nodes, edges: [...previous.edges.slice(0, i), ...spurPath.path.edges], cost: rootCost + spurPath.path.cost });
        }
      }
      rootCost += stepCost(compiled, previous.edges[i]!, weighted);
    }
    const next = cheapest(graph, candidates);
    if (next === undefined) break;
    candidates.delete(next[0]);
    accepted.push(next[1]);
  }
  return { found: true, paths: accepted.map((path) => toPath(graph, path)) };
}

/** Least cost, then fewest hops, then node ids in order: ties are broken by visible data only. */
function cheapest(graph: EntityGraph, candidates: ReadonlyMap<string, SlotPath>): [string, SlotPath] | undefined {
  let best: [string, SlotPath] | undefined;
  let bestIds: string[] = [];
  for (const entry of candidates) {
    const path = entry[1];
    if (best !== undefined) {
      const delta = path.cost - best[1].cost;
      if (delta > 1e-12) continue;
      if (Math.abs(delta) <= 1e-12) {
        if (path.nodes.length > best[1].nodes.length) continue;
        if (path.nodes.length === best[1].nodes.length) {
          const ids = path.nodes.map((v) => graph.nodeIdAt(v) as string);
          if (compareIds(ids, bestIds) >= 0) continue;
          best = entry;
          bestIds = ids;
          continue;
        }
      }
    }
    best = entry;
    bestIds = path.nodes.map((v) => graph.nodeIdAt(v));
  }
  return best;
}

function compareIds(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}
