/**
 * Entities drawn as parts on a small network with known answers: each part holds the ties of its
 * records, a tie between two parts of one entity is drawn between them, an edge between two
 * entities drawn apart moves at both ends, and the queries of @mosaic/graph walk the drawing as
 * any network, while the shared network stays as it was.
 */
import { expand, kShortestPaths, type EntityGraph, type GraphEdge, type NodeId } from '@mosaic/graph';
import { EntityId, RecordId, schemata, validateRecord, type EntityRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { createEntityGraphView } from './entity-graph-view.ts';
import { createGraphProjection } from './graph-projection.ts';

const provenance = { agency: 'fedpol', source: 'test', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Test basis', reviewDate: '2031-01-01' };

function record(id: string, schema: string, properties: Record<string, string[]>): EntityRecord {
  const v = validateRecord(schemata(), { id, schema, properties, provenance });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.record;
}

const node = (id: string): NodeId => id as NodeId;
const fed = (id: string): RecordId => RecordId(`fedpol:${id}`);

/** E holds a, b (and c, in no part drawn); F holds f and g; y stands alone. */
function world() {
  const projection = createGraphProjection(schemata());
  const membership = new Map<RecordId, EntityId>([
    [fed('a'), EntityId('E')], [fed('b'), EntityId('E')], [fed('c'), EntityId('E')], [fed('f'), EntityId('F')], [fed('g'), EntityId('F')],
  ]);
  const view = createEntityGraphView(projection, { entityOf: (r) => membership.get(r), onMembership: () => undefined, partsOf: (_e, visible) => [[...visible].sort()] });
  const person = (id: string) => record(id, 'Person', { name: [`Subject ${id}`] });
  projection.apply([
    person('a'), person('b'), person('c'), person('f'), person('g'), person('y'),
    record('ab', 'Associate', { person: ['a'], associate: ['b'] }),
    record('ay', 'Associate', { person: ['a'], associate: ['y'] }),
    record('by', 'Family', { person: ['b'], relative: ['y'] }),
    record('cy', 'Associate', { person: ['c'], associate: ['y'] }),
    record('bg', 'Associate', { person: ['b'], associate: ['g'] }),
  ].map((r) => ({ id: r.id, record: r })));
  view.sync();
  return view;
}

const ties = (graph: EntityGraph): string[] => {
  const seen = new Map<string, GraphEdge>();
  for (const id of graph.nodeIds()) {
    const v = graph.indexOf(id);
    for (let k = 0; k < graph.degreeAt(v); k++) {
      const edge = graph.edgeAt(graph.incidentAt(v, k));
      seen.set(edge.id, edge);
    }
  }
  return [...seen.values()].map((e) => `${e.id} ${e.source}-${e.target}`).sort();
};

describe('entities drawn as parts', () => {
  it('draw each part with the ties of its records, and the ties between parts of one entity between them', () => {
    const view = world();
    const before = ties(view.graph);
    expect(before).toEqual(['fedpol:ay E-fedpol:y', 'fedpol:bg E-F', 'fedpol:by E-fedpol:y', 'fedpol:cy E-fedpol:y']);
    // E falls apart into a (its id) and b (going by A); F into f (its id) and g (going by G)
    const { graph, ties: between } = view.drawParts([
      { entity: node('E'), id: node('E'), records: [fed('a')] }, { entity: node('E'), id: node('A'), records: [fed('b')] },
      { entity: node('F'), id: node('F'), records: [fed('f')] }, { entity: node('F'), id: node('G'), records: [fed('g')] },
    ]);
    expect(ties(graph)).toEqual([
      'fedpol:ab E-A', 'fedpol:ay E-fedpol:y', 'fedpol:bg A-G', 'fedpol:by A-fedpol:y',
      // c is in no part drawn: its tie stays on the entity's node, for the reader's visibility to hide
      'fedpol:cy E-fedpol:y',
    ]);
    expect([...between]).toEqual([['fedpol:ab', ['fedpol:a', 'fedpol:b']]]);
    expect(graph.nodeCount).toBe(view.graph.nodeCount + 2);
    expect(graph.edge('fedpol:bg' as never)).toMatchObject({ source: 'A', target: 'G' });
    expect(graph.edge('fedpol:ab' as never)).toMatchObject({ source: 'E', target: 'A', provenance: ['fedpol:ab'] });
    // the queries walk the drawing as any network
    expect(expand(graph, node('A'), { hops: 1 }).subgraph.nodes.map((n) => n.id).sort()).toEqual(['A', 'E', 'G', 'fedpol:y']);
    const path = kShortestPaths(graph, node('G'), node('E'), { k: 1 });
    expect(path.found && path.paths[0]!.nodes.map((n) => n.id)).toEqual(['G', 'A', 'E']);
    // the shared network is as it was, and the next drawing starts afresh
    expect(ties(view.graph)).toEqual(before);
    expect(ties(view.drawParts([]).graph)).toEqual(before);
    expect(() => graph.addNode({ id: node('X'), kind: 'Person', label: 'X' })).toThrow(/read-only/);
  });

});
