/**
 * Leak-proof views (DESIGN.md, principle 3): hidden nodes and edges are removed before anything
 * is computed. Explicit cases first, then the property: every query over a graph with hidden
 * parts equals the same query over a graph built without them, and no hidden id ever appears.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordId } from '@mosaic/model';
import { centrality, CENTRALITY_MEASURES } from './centrality.ts';
import { communities } from './communities.ts';
import { connectors } from './connectors.ts';
import { EDGE_TYPES } from './edge-type.ts';
import { EntityGraph } from './entity-graph.ts';
import { expand } from './expand.ts';
import { EdgeId, type GraphEdge, type GraphNode, type NodeId } from './graph-elements.ts';
import { inducedSubgraph } from './induced-subgraph.ts';
import { kShortestPaths } from './k-shortest-paths.ts';
import type { Visibility } from './query-scope.ts';
import { shortestPath } from './shortest-path.ts';
import { buildGraph, clique, id, ids } from './test-fixtures.ts';

const hide = (nodes: readonly string[], edges: readonly string[] = []): Visibility => ({
  node: (node: GraphNode) => !nodes.includes(node.id),
  edge: (edge: GraphEdge) => !edges.includes(edge.id),
});

describe('visibility, explicit cases', () => {
  // two triangles joined through broker x; x also tied to secret s
  const build = () =>
    buildGraph(
      ['a1', 'a2', 'a3', 'x', 'b1', 'b2', 'b3', 's'],
      [...clique(['a1', 'a2', 'a3']), ...clique(['b1', 'b2', 'b3']), ['a1', 'x'], ['x', 'b1'], ['x', 's'], ['s', 'b2']],
    );
  const everyone = (graph: EntityGraph): NodeId[] => [...graph.nodeIds()];

  it('a hidden node is absent from expansions, and so are its edges and their count', () => {
    const graph = build();
    const seen = expand(graph, id('x'), { hops: 1, visibility: hide(['s']) });
    expect(ids(seen.subgraph.nodes)).toEqual(['a1', 'b1', 'x']);
    expect(seen.subgraph.edges.every((edge) => edge.source !== 's' && edge.target !== 's')).toBe(true);
    // a budget of 3 is not "truncated" because of a node the user cannot see
    expect(expand(graph, id('x'), { hops: 1, nodeBudget: 3, visibility: hide(['s']) }).truncated).toBe(false);
  });

  it('a hidden node cannot be told from an unknown one, and paths avoid it', () => {
    const graph = build();
    expect(shortestPath(graph, id('a1'), id('s'), { visibility: hide(['s']) })).toEqual(shortestPath(graph, id('a1'), id('nobody')));
    expect(expand(graph, id('s'), { visibility: hide(['s']) }).subgraph.nodes).toEqual([]);
    const around = shortestPath(graph, id('x'), id('b2'), { visibility: hide(['s']) });
    expect(around.found && around.path.nodes.map((node) => node.id)).toEqual(['x', 'b1', 'b2']);
    expect(shortestPath(graph, id('a1'), id('b1'), { visibility: hide([], ['e6', 'e7']) })).toEqual({ found: false, reason: 'no-path' });
  });

  it('centrality and communities are computed without hidden edges', () => {
    const graph = build();
    const visibility = hide([], ['e7']); // the x - b1 bridge edge
    const degree = centrality(graph, { nodes: everyone(graph), measure: 'degree', visibility });
    expect(degree.converged && degree.scores.find((entry) => entry.node.id === 'x')?.score).toBe(2);
    const betweenness = centrality(graph, { nodes: everyone(graph), measure: 'betweenness', visibility: hide(['s'], ['e7']) });
    // with the bridge and s hidden, x is a leaf of the a-triangle: it brokers nothing
    expect(betweenness.converged && betweenness.scores.find((entry) => entry.node.id === 'x')?.score).toBe(0);
    const groups = communities(graph, { nodes: everyone(graph), visibility: hide(['x', 's']) });
    expect(groups.communities.map((community) => community.members)).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(groups.communities.every((community) => community.externalTies === 0)).toBe(true);
  });

  it('a hidden node is never a connector, nor a connected entity', () => {
    const graph = build();
    const result = connectors(graph, [id('a1'), id('b2'), id('s')], { visibility: hide(['s']) });
    expect(result.connectors.map((connector) => connector.node.id)).toEqual(['b1', 'x']);
    expect(result.connectedPairs).toBe(1);
    expect(result.unconnectedPairs).toEqual([]);
  });

  it('predicates only ever see what the graph holds, and their verdict is all that counts', () => {
    const graph = build();
    const asked: string[] = [];
    expand(graph, id('x'), { hops: 1, visibility: { edge: (edge) => (asked.push(edge.id), true) } });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((edge) => graph.hasEdge(EdgeId(edge)))).toBe(true);
    expect(inducedSubgraph(graph, { nodes: everyone(graph), visibility: { edge: () => false } }).edges).toEqual([]);
  });
});

describe('visibility, property: hidden data changes nothing a query returns', () => {
  const NODES = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}`);
  const edgeArb = fc.record({
    s: fc.nat(NODES.length - 1),
    t: fc.nat(NODES.length - 1),
    type: fc.constantFrom(...EDGE_TYPES),
    weight: fc.integer({ min: 1, max: 5 }),
    directed: fc.boolean(),
    hidden: fc.boolean(),
  });
  const caseArb = fc.record({
    edges: fc.array(edgeArb, { maxLength: 40 }),
    hiddenNodes: fc.subarray(NODES, { maxLength: 4 }),
    a: fc.constantFrom(...NODES),
    b: fc.constantFrom(...NODES),
    budget: fc.integer({ min: 1, max: 12 }),
  });

  it('equals the graph built without the hidden parts', () => {
    fc.assert(
      fc.property(caseArb, ({ edges, hiddenNodes, a, b, budget }) => {
        const full = new EntityGraph();
        const visibleOnly = new EntityGraph();
        const hiddenEdges: string[] = [];
        for (const node of NODES) {
          full.addNode({ id: id(node), kind: 'Person', label: node });
          if (!hiddenNodes.includes(node)) visibleOnly.addNode({ id: id(node), kind: 'Person', label: node });
        }
        edges.forEach((edge, i) => {
          const input = {
            id: EdgeId(`x${i}`),
            type: edge.type,
            source: id(NODES[edge.s]!),
            target: id(NODES[edge.t]!),
            weight: edge.weight,
            directed: edge.directed,
            provenance: [RecordId(`agency-${i % 3}:r${i}`)],
          };
          full.addEdge(input);
          if (edge.hidden) hiddenEdges.push(input.id);
          else if (!hiddenNodes.includes(NODES[edge.s]!) && !hiddenNodes.includes(NODES[edge.t]!)) visibleOnly.addEdge(input);
        });
        const visibility = hide(hiddenNodes, hiddenEdges);
        const all = NODES.map(id);
        const runs: [unknown, unknown][] = [
          [expand(full, id(a), { hops: 2, nodeBudget: budget, visibility }), expand(visibleOnly, id(a), { hops: 2, nodeBudget: budget })],
          [expand(full, [id(a), id(b)], { hops: 3, direction: 'out', visibility }), expand(visibleOnly, [id(a), id(b)], { hops: 3, direction: 'out' })],
          [shortestPath(full, id(a), id(b), { visibility }), shortestPath(visibleOnly, id(a), id(b))],
          [shortestPath(full, id(a), id(b), { weighted: true, visibility }), shortestPath(visibleOnly, id(a), id(b), { weighted: true })],
          [kShortestPaths(full, id(a), id(b), { k: 4, visibility }), kShortestPaths(visibleOnly, id(a), id(b), { k: 4 })],
          [connectors(full, [id(a), id(b), ...all.slice(0, 4)], { visibility }), connectors(visibleOnly, [id(a), id(b), ...all.slice(0, 4)])],
          [communities(full, { nodes: all, visibility }), communities(visibleOnly, { nodes: all })],
          ...CENTRALITY_MEASURES.map((measure): [unknown, unknown] => [centrality(full, { nodes: all, measure, visibility }), centrality(visibleOnly, { nodes: all, measure })]),
        ];
        const hiddenIds = new Set<string>([...hiddenNodes, ...hiddenEdges]);
        for (const [withHidden, without] of runs) {
          expect(withHidden).toEqual(without);
          const leaked: string[] = [];
          JSON.stringify(withHidden, (key, value: unknown) => {
            if (hiddenIds.has(key)) leaked.push(key);
            if (typeof value === 'string' && hiddenIds.has(value)) leaked.push(value);
            return value instanceof Map ? Object.fromEntries(value) : value;
          });
          expect(leaked).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  }, 180_000); // a few seconds alone; the margin is for a shared, loaded machine
});
