/**
 * The part of the graph among a given set of nodes that the query may see: the nodes in scope and
 * every in-scope edge between two of them. Communities and centrality run on this.
 */
import type { EntityGraph } from './entity-graph.ts';
import type { GraphEdge, GraphNode, NodeId, Subgraph } from './graph-elements.ts';
import { Scope, type QueryScope } from './query-scope.ts';

export interface InducedSubgraphOptions extends QueryScope {
  readonly nodes: readonly NodeId[];
}

export function inducedSubgraph(graph: EntityGraph, { nodes, ...scope }: InducedSubgraphOptions): Subgraph {
  const compiled = new Scope(graph, scope);
  const order = new Map<number, number>();
  for (const id of [...new Set(nodes)].sort()) {
    const v = compiled.resolve(id);
    if (v >= 0) order.set(v, order.size);
  }
  return collectSubgraph(compiled, order);
}

/**
 * Nodes in `order` (slot -> position) and the in-scope edges among them, each edge once: it is
 * taken from the endpoint that comes first, so no set of seen edges is needed.
 */
export function collectSubgraph(scope: Scope, order: ReadonlyMap<number, number>): Subgraph {
  const graph = scope.graph;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const [v, position] of order) {
    nodes.push(graph.nodeAt(v));
    const degree = graph.degreeAt(v);
    for (let k = 0; k < degree; k++) {
      const e = graph.incidentAt(v, k);
      const other = order.get(graph.otherEndAt(e, v));
      if (other === undefined || other < position) continue;
      if (scope.edgeOk(e)) edges.push(graph.edgeAt(e));
    }
  }
  return { nodes, edges };
}
