/**
 * "Who connects these people?" For every pair of the given entities, the nodes that lie on a
 * shortest path between them (v with d(a,v) + d(v,b) = d(a,b), one breadth-first search per
 * entity, bounded by `maxHops`); nodes are ranked by how many pairs they connect, then by how
 * short those connections are. Given entities can be connectors of other pairs. The ranking is
 * the pair-restricted form of stress/betweenness centrality (Freeman 1977; Brandes 2001).
 * Direction is ignored: a connection is a connection whichever way a tie reads.
 */
import { AppError } from '@mosaic/model';
import type { EntityGraph } from './entity-graph.ts';
import type { GraphEdge, GraphNode, NodeId } from './graph-elements.ts';
import { Scope, type QueryScope } from './query-scope.ts';

export const CONNECTORS_DEFAULTS = { maxHops: 4, maxVisited: 100_000, limit: 20 } as const;

export interface ConnectorsOptions extends Omit<QueryScope, 'direction'> {
  readonly maxHops?: number;
  /** Most nodes each per-entity search may reach. */
  readonly maxVisited?: number;
  readonly limit?: number;
}

export interface Connector {
  readonly node: GraphNode;
  /** The pairs of given entities this node lies between, each as [a, b] with a < b. */
  readonly pairs: readonly (readonly [NodeId, NodeId])[];
  readonly explanation: string;
}

export interface ConnectorsResult {
  readonly connectors: readonly Connector[];
  /** Pairs of visible given entities joined within maxHops, and those that are not. */
  readonly connectedPairs: number;
  readonly unconnectedPairs: readonly (readonly [NodeId, NodeId])[];
  /**
   * The ties on a shortest path between a connected pair, by id: what the answer is made of, for
   * a caller that must say which records it stands on (an audit log). Not the answer itself.
   */
  readonly ties: readonly GraphEdge[];
}

export function connectors(
  graph: EntityGraph,
  entities: readonly NodeId[],
  { maxHops = CONNECTORS_DEFAULTS.maxHops, maxVisited = CONNECTORS_DEFAULTS.maxVisited, limit = CONNECTORS_DEFAULTS.limit, ...scope }: ConnectorsOptions = {},
): ConnectorsResult {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 6) throw new AppError('MOSAIC_QUERY_REJECTED', 'graph: maxHops must be an integer from 1 to 6');
  const compiled = new Scope(graph, { ...scope, direction: 'any' });
  const ids = [...new Set(entities)].sort();
  const slots: number[] = [];
  const visibleIds: NodeId[] = [];
  for (const id of ids) {
    const v = compiled.resolve(id);
    if (v >= 0) {
      slots.push(v);
      visibleIds.push(id);
    }
  }
  const distances = slots.map((v) => distancesFrom(compiled, v, maxHops, maxVisited));

  const between = new Map<number, { pairs: [NodeId, NodeId][]; length: number }>();
  const unconnectedPairs: [NodeId, NodeId][] = [];
  const ties = new Set<number>();
  let connectedPairs = 0;
  for (let i = 0; i < slots.length; i++) {
    for (let j = i + 1; j < slots.length; j++) {
      const a = distances[i]!;
      const b = distances[j]!;
      const pair: [NodeId, NodeId] = [visibleIds[i]!, visibleIds[j]!];
      const d = a.get(slots[j]!);
      if (d === undefined) {
        unconnectedPairs.push(pair);
        continue;
      }
      connectedPairs++;
      const [small, large] = a.size <= b.size ? [a, b] : [b, a];
      for (const [v, dv] of small) {
        const other = large.get(v);
        if (other === undefined || dv + other !== d) continue;
        // a tie v-w lies on a shortest path where w is one step further from one end and nearer the other
        compiled.forEachStep(v, false, (e, w) => {
          if (small.get(w) === dv + 1 && large.get(w) === other - 1) ties.add(e);
        });
        if (v === slots[i] || v === slots[j]) continue;
        const entry = between.get(v) ?? { pairs: [], length: 0 };
        entry.pairs.push(pair);
        entry.length += d;
        between.set(v, entry);
      }
    }
  }

  const ranked = [...between].map(([v, entry]) => ({ v, id: graph.nodeIdAt(v), ...entry }));
  ranked.sort((x, y) => y.pairs.length - x.pairs.length || x.length - y.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    connectors: ranked.slice(0, limit).map(({ v, pairs, length }) => ({
      node: graph.nodeAt(v),
      pairs,
      explanation:
        `Lies on a shortest path between ${pairs.length} of the ${connectedPairs} connected pairs of the given entities` +
        ` (average path length ${(length / pairs.length).toFixed(1)} steps).`,
    })),
    connectedPairs,
    unconnectedPairs,
    ties: [...ties].map((e) => graph.edgeAt(e)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
  };
}

/** Steps from v to every node within maxHops, breadth-first. */
function distancesFrom(scope: Scope, v: number, maxHops: number, maxVisited: number): Map<number, number> {
  const dist = new Map<number, number>([[v, 0]]);
  let frontier = [v];
  for (let d = 1; d <= maxHops && frontier.length > 0 && dist.size < maxVisited; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      scope.forEachStep(u, false, (_e, w) => {
        if (dist.has(w) || dist.size >= maxVisited) return;
        dist.set(w, d);
        next.push(w);
      });
    }
    frontier = next;
  }
  return dist;
}
