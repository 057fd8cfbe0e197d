/**
 * A subgraph in graphology's serialisation format (graphology.github.io/serialization), which
 * the web client's sigma.js view imports directly with `graph.import(...)`. It is a plain object
 * of JSON values: `JSON.stringify` it to send it. With notes (export-notes.ts), each node's and
 * edge's attributes carry its marking, and the graph's the file's marking and what was withheld.
 */
import type { GraphEdge, GraphNode, Subgraph } from './graph-elements.ts';
import type { ExportMarking, ExportNotes, ExportWithheld } from './export-notes.ts';

export interface SerializedGraph {
  readonly attributes: Partial<ExportMarking> & { readonly withheld?: ExportWithheld };
  readonly options: { readonly type: 'mixed'; readonly multi: true; readonly allowSelfLoops: true };
  readonly nodes: readonly { readonly key: string; readonly attributes: Omit<GraphNode, 'id'> & Partial<ExportMarking> }[];
  readonly edges: readonly {
    readonly key: string;
    readonly source: string;
    readonly target: string;
    readonly undirected: boolean;
    readonly attributes: Omit<GraphEdge, 'id' | 'source' | 'target' | 'directed'> & Partial<ExportMarking>;
  }[];
}

export function toJSON(subgraph: Subgraph, notes?: ExportNotes): SerializedGraph {
  return {
    attributes: notes === undefined ? {} : { ...notes.marking, withheld: { ...notes.withheld, reasons: { ...notes.withheld.reasons } } },
    options: { type: 'mixed', multi: true, allowSelfLoops: true },
    nodes: subgraph.nodes.map(({ id, ...attributes }) => ({ key: id, attributes: { ...attributes, ...notes?.nodes.get(id) } })),
    edges: subgraph.edges.map(({ id, source, target, directed, ...attributes }) => ({
      key: id,
      source,
      target,
      undirected: !directed,
      attributes: { ...attributes, provenance: [...attributes.provenance], ...notes?.edges.get(id) },
    })),
  };
}
