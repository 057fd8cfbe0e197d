import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError, RecordId } from '@mosaic/model';
import { EntityGraph } from './entity-graph.ts';
import { EdgeId } from './graph-elements.ts';
import { buildGraph, id } from './test-fixtures.ts';

function incident(graph: EntityGraph, node: string): string[] {
  const v = graph.indexOf(id(node));
  const out: string[] = [];
  for (let k = 0; k < graph.degreeAt(v); k++) out.push(graph.edgeIdAt(graph.incidentAt(v, k)));
  return out;
}

function errorOf(run: () => void): { code: string; kind: string } | undefined {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, kind: error.kind };
    throw error;
  }
  return undefined;
}

describe('EntityGraph', () => {
  it('stores every edge attribute and gives it back', () => {
    const graph = buildGraph(['a', 'b'], []);
    graph.addEdge({
      id: EdgeId('m1'),
      type: 'membership',
      source: id('a'),
      target: id('b'),
      directed: true,
      label: 'member of',
      role: 'leader',
      start: '2014-03',
      end: '2016',
      weight: 2.5,
      provenance: [RecordId('fedpol:r1'), RecordId('intel:r9')],
    });
    expect(graph.edge(EdgeId('m1'))).toEqual({
      id: 'm1',
      type: 'membership',
      source: 'a',
      target: 'b',
      directed: true,
      label: 'member of',
      role: 'leader',
      start: '2014-03',
      end: '2016',
      weight: 2.5,
      provenance: ['fedpol:r1', 'intel:r9'],
    });
    expect(graph.node(id('a'))).toEqual({ id: 'a', kind: 'Person', label: 'Subject a' });
    expect(graph.nodeCount).toBe(2);
    expect(graph.edgeCount).toBe(1);
  });

  it('is a multigraph: parallel edges and self-loops are kept apart', () => {
    const graph = buildGraph(['a', 'b'], [['a', 'b'], ['a', 'b', { type: 'shared-phone' }], ['a', 'a']]);
    expect(incident(graph, 'a')).toEqual(['e0', 'e1', 'e2']);
    expect(incident(graph, 'b')).toEqual(['e0', 'e1']);
  });

  it('updates a node in place and removes a node with its edges', () => {
    const graph = buildGraph(['a', 'b', 'c'], [['a', 'b'], ['b', 'c'], ['a', 'c']]);
    graph.addNode({ id: id('b'), kind: 'Organization', label: 'renamed' });
    expect(graph.nodeCount).toBe(3);
    expect(graph.node(id('b'))?.kind).toBe('Organization');
    const version = graph.version;
    expect(graph.removeNode(id('b'))).toBe(true);
    expect(graph.version).toBeGreaterThan(version);
    expect(graph.removeNode(id('b'))).toBe(false);
    expect(graph.edgeCount).toBe(1);
    expect(graph.hasEdge(EdgeId('e0'))).toBe(false);
    expect(incident(graph, 'a')).toEqual(['e2']);
    expect(incident(graph, 'c')).toEqual(['e2']);
    graph.addNode({ id: id('d'), kind: 'Person', label: 'd' });
    expect(graph.degreeAt(graph.indexOf(id('d')))).toBe(0);
    expect([...graph.nodeIds()].sort()).toEqual(['a', 'c', 'd']);
  });

  it('keeps the order of the remaining edges when one is removed', () => {
    const graph = buildGraph(['a', 'b', 'c', 'd'], [['a', 'b'], ['a', 'c'], ['a', 'd']]);
    graph.removeEdge(EdgeId('e0'));
    expect(incident(graph, 'a')).toEqual(['e1', 'e2']);
    expect(graph.removeEdge(EdgeId('e0'))).toBe(false);
  });

  it('rejects invalid edges with the catalogue codes', () => {
    const graph = buildGraph(['a', 'b'], [['a', 'b']]);
    const edge = { id: EdgeId('x'), type: 'associate', source: id('a'), target: id('b') } as const;
    expect(errorOf(() => graph.addEdge({ ...edge, id: EdgeId('e0') }))).toEqual({ code: 'MOSAIC_CONFLICT', kind: 'conflict' });
    expect(errorOf(() => graph.addEdge({ ...edge, target: id('zz') }))?.code).toBe('MOSAIC_NOT_FOUND');
    expect(errorOf(() => graph.addEdge({ ...edge, weight: 0 }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(errorOf(() => graph.addEdge({ ...edge, weight: Number.NaN }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(errorOf(() => graph.addEdge({ ...edge, start: '13/11/2015' }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(errorOf(() => graph.addEdge({ ...edge, start: '2016', end: '2015' }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(errorOf(() => graph.addEdge({ ...edge, type: 'enemy' as 'associate' }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(errorOf(() => graph.addNode({ id: id(''), kind: 'Person', label: '' }))?.code).toBe('MOSAIC_INVALID_INPUT');
    expect(graph.edgeCount).toBe(1);
    expect(errorOf(() => graph.addEdge(edge))).toBeUndefined();
  });

  it('agrees with a naive model under any sequence of additions and removals', () => {
    type Op = { add: true; s: number; t: number } | { add: false; pick: number } | { removeNode: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ add: fc.constant(true as const), s: fc.nat(11), t: fc.nat(11) }) },
      { weight: 3, arbitrary: fc.record({ add: fc.constant(false as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ removeNode: fc.nat(11) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const graph = new EntityGraph({ nodeCapacity: 1, edgeCapacity: 1 });
        const model = new Map<string, [string, string]>();
        const nodes = new Set<string>();
        const ensure = (n: number): string => {
          const name = `n${n}`;
          if (!nodes.has(name)) {
            graph.addNode({ id: id(name), kind: 'Person', label: name });
            nodes.add(name);
          }
          return name;
        };
        let serial = 0;
        for (const step of ops) {
          if ('removeNode' in step) {
            const name = `n${step.removeNode}`;
            expect(graph.removeNode(id(name))).toBe(nodes.delete(name));
            for (const [edge, [s, t]] of model) if (s === name || t === name) model.delete(edge);
          } else if (step.add) {
            const edge = `x${serial++}`;
            const s = ensure(step.s);
            const t = ensure(step.t);
            graph.addEdge({ id: EdgeId(edge), type: 'associate', source: id(s), target: id(t) });
            model.set(edge, [s, t]);
          } else if (model.size > 0) {
            const edge = [...model.keys()][step.pick % model.size]!;
            expect(graph.removeEdge(EdgeId(edge))).toBe(true);
            model.delete(edge);
          }
        }
        expect(graph.edgeCount).toBe(model.size);
        expect(graph.nodeCount).toBe(nodes.size);
        for (const name of nodes) {
          const expected = [...model].filter(([, [s, t]]) => s === name || t === name).map(([edge]) => edge);
          // insertion order survives removals
          expect(incident(graph, name)).toEqual(expected);
        }
        for (const [edge, [s, t]] of model) {
          const stored = graph.edge(EdgeId(edge));
          expect([stored?.source, stored?.target]).toEqual([s, t]);
        }
        for (let i = 0; i < serial; i++) expect(graph.hasEdge(EdgeId(`x${i}`))).toBe(model.has(`x${i}`));
        for (let n = 0; n < 12; n++) expect(graph.hasNode(id(`n${n}`))).toBe(nodes.has(`n${n}`));
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
