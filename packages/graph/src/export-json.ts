/**
 * A subgraph in graphology's serialisation format (graphology.github.io/serialization), which
 * the web client's sigma.js view imports directly with `graph.import(...)`. It is a plain object
 * of JSON values: `JSON.stringify` it to send it.
 */
import type { GraphEdge, GraphNode, Subgraph } from './graph-elements.ts';

export interface SerializedGraph {
  readonly attributes: Record<string, never>;
  readonly options: { readonly type: 'mixed'; readonly multi: true; readonly allowSelfLoops: true };
  readonly nodes: readonly { readonly key: string; readonly attributes: Omit<GraphNode, 'id'> }[];
  readonly edges: readonly {
    readonly key: string;
    readonly source: string;
    readonly target: string;
    readonly undirected: boolean;
    readonly attributes: Omit<GraphEdge, 'id' | 'source' | 'target' | 'directed'>;
  }[];
}

export function toJSON(subgraph: Subgraph): SerializedGraph {
  return {
    attributes: {},
    options: { type: 'mixed', multi: true, allowSelfLoops: true },
    nodes: subgraph.nodes.map(({ id, ...attributes }) => ({ key: id, attributes })),
    edges: subgraph.edges.map(({ id, source, target, directed, ...attributes }) => ({
      key: id,
      source,
      target,
      undirected: !directed,
      attributes: { ...attributes, provenance: [...attributes.provenance] },
    })),
  };
}
