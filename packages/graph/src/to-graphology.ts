/**
 * A graphology graph from a subgraph, for the algorithms that graphology implements. Parallel
 * edges are merged (weights summed) and self-loops dropped: Louvain and the centralities are
 * defined on simple weighted graphs. Nodes and edges are added in id order, so seeded
 * algorithms give the same answer for the same visible subgraph however it was stored.
 */
import Graph from 'graphology';
import type { Subgraph } from './graph-elements.ts';

export interface SimpleEdgeAttributes {
  weight: number;
  /** How many parallel edges were merged. */
  count: number;
}

export function toGraphology(subgraph: Subgraph): Graph.UndirectedGraph<Record<string, never>, SimpleEdgeAttributes> {
  const graph = new Graph.UndirectedGraph<Record<string, never>, SimpleEdgeAttributes>();
  for (const id of subgraph.nodes.map((node) => node.id as string).sort()) graph.addNode(id);
  const merged = new Map<string, { source: string; target: string; weight: number; count: number }>();
  for (const edge of subgraph.edges) {
    if (edge.source === edge.target) continue;
    const [source, target] = edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
    const key = JSON.stringify([source, target]);
    const entry = merged.get(key);
    if (entry === undefined) merged.set(key, { source, target, weight: edge.weight, count: 1 });
    else {
      entry.weight += edge.weight;
      entry.count++;
    }
  }
  for (const key of [...merged.keys()].sort()) {
    const { source, target, weight, count } = merged.get(key)!;
    graph.addEdge(source, target, { weight, count });
  }
  return graph;
}
