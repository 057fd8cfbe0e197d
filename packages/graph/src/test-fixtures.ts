/** Small fictional graphs for the tests of this package (not exported). */
import { EntityId, RecordId } from '@mosaic/model';
import { EntityGraph } from './entity-graph.ts';
import { EdgeId, type EdgeInput } from './graph-elements.ts';

export type EdgeSpec = readonly [source: string, target: string, extra?: Partial<Omit<EdgeInput, 'source' | 'target'>>];

export const id = (value: string): EntityId => EntityId(value);

/** Nodes named by the given ids (kind Person); edges e0, e1... of type associate unless told. */
export function buildGraph(nodes: readonly string[], edges: readonly EdgeSpec[]): EntityGraph {
  const graph = new EntityGraph({ nodeCapacity: 4, edgeCapacity: 4 });
  for (const node of nodes) graph.addNode({ id: id(node), kind: 'Person', label: `Subject ${node}` });
  edges.forEach(([source, target, extra = {}], i) => {
    graph.addEdge({ id: EdgeId(`e${i}`), type: 'associate', provenance: [RecordId(`agency-a:r${i}`)], ...extra, source: id(source), target: id(target) });
  });
  return graph;
}

/** Every pair of the given nodes. */
export function clique(nodes: readonly string[]): EdgeSpec[] {
  const edges: EdgeSpec[] = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) edges.push([nodes[i]!, nodes[j]!]);
  return edges;
}

export const ids = (values: readonly { readonly id: string }[]): string[] => values.map((value) => value.id).sort();
