import { describe, expect, it } from 'vitest';
import { centrality } from './centrality.ts';
import { communities } from './communities.ts';
import { connectors } from './connectors.ts';
import { buildGraph, clique, id, ids } from './test-fixtures.ts';

const left = ['a1', 'a2', 'a3', 'a4', 'a5'];
const right = ['b1', 'b2', 'b3', 'b4', 'b5'];
const all = (graph: { nodeIds(): Iterable<string> }) => [...graph.nodeIds()].map(id);

describe('communities (Louvain)', () => {
  it('separates two cliques joined by one bridge', () => {
    const graph = buildGraph([...left, ...right], [...clique(left), ...clique(right), ['a1', 'b1']]);
    const result = communities(graph, { nodes: all(graph) });
    expect(result.communities.map((community) => community.members)).toEqual([left, right]);
    expect(result.communities.map((community) => [community.internalTies, community.externalTies])).toEqual([
      [10, 1],
      [10, 1],
    ]);
    // Newman modularity of this partition, computed by hand: m = 21, each side has 10 internal
    // edges and degree sum 21 -> Q = 2 * (10/21 - (21/42)^2) = 0.45238...
    expect(result.modularity).toBeCloseTo(2 * (10 / 21 - 0.25), 6);
    expect(result.explanation).toContain('2 groups');
  });

  it('is repeatable and gives isolated nodes their own community', () => {
    const graph = buildGraph([...left, 'alone'], clique(left));
    const first = communities(graph, { nodes: all(graph) });
    expect(communities(graph, { nodes: all(graph) })).toEqual(first);
    expect(first.communities.map((community) => community.members)).toEqual([left, ['alone']]);
    expect(communities(buildGraph(['x', 'y'], []), { nodes: [id('x'), id('y')] }).communities).toHaveLength(2);
  });
});

describe('centrality', () => {
  it('gives a bridge node its Brandes betweenness', () => {
    // triangle a1-a2-a3, triangle b1-b2-b3, bridge x tied to a1 and b1
    const graph = buildGraph(
      ['a1', 'a2', 'a3', 'x', 'b1', 'b2', 'b3'],
      [...clique(['a1', 'a2', 'a3']), ...clique(['b1', 'b2', 'b3']), ['a1', 'x'], ['x', 'b1']],
    );
    const result = centrality(graph, { nodes: all(graph), measure: 'betweenness' });
    expect(result.converged).toBe(true);
    if (!result.converged) return;
    const score = Object.fromEntries(result.scores.map((entry) => [entry.node.id, entry.score]));
    // x lies on every shortest path between the 3 x 3 cross pairs; a1 on those from a2, a3 to x, b1, b2, b3
    expect(score).toEqual({ x: 9, a1: 8, b1: 8, a2: 0, a3: 0, b2: 0, b3: 0 });
    expect(result.scores[0]?.node.id).toBe('x');
    expect(result.scores[0]?.explanation).toContain('60%'); // 9 of C(6,2) = 15 pairs
    expect(result.scores[1]?.rank).toBe(2);
    expect(result.scores[2]?.rank).toBe(2);
  });

  it('gives the centre of a star its PageRank', () => {
    const leaves = ['l1', 'l2', 'l3', 'l4', 'l5'];
    const graph = buildGraph(['hub', ...leaves], leaves.map((leaf) => ['hub', leaf] as const));
    const result = centrality(graph, { nodes: all(graph), measure: 'pagerank' });
    if (!result.converged) throw new Error('pagerank did not converge');
    // Stationary solution: c = (1-a)/N + a*n*l, l = (1-a)/N + a*c/n, with N = n + 1.
    const a = 0.85;
    const n = leaves.length;
    const N = n + 1;
    const c = ((1 - a) / N) * (1 + a * n) / (1 - a * a);
    const l = (1 - a) / N + (a * c) / n;
    expect(result.scores[0]?.node.id).toBe('hub');
    expect(result.scores[0]?.score).toBeCloseTo(c, 6);
    expect(result.scores[5]?.score).toBeCloseTo(l, 6);
    expect(result.scores[0]?.explanation).toMatch(/spends \d+% of its time here/);
  });

  it('ranks degree and eigenvector centrality with explanations', () => {
    const graph = buildGraph(['hub', 'p', 'q', 'r', 's'], [['hub', 'p'], ['hub', 'q'], ['hub', 'r'], ['p', 'q'], ['r', 's'], ['hub', 'p', { type: 'family' }]]);
    const degree = centrality(graph, { nodes: all(graph), measure: 'degree' });
    if (!degree.converged) throw new Error('degree');
    // the parallel family tie does not count twice
    expect(degree.scores.map((entry) => [entry.node.id, entry.score])).toEqual([['hub', 3], ['p', 2], ['q', 2], ['r', 2], ['s', 1]]);
    expect(degree.scores[0]?.explanation).toContain('3 of the 4 other entities');
    const eigen = centrality(graph, { nodes: all(graph), measure: 'eigenvector' });
    if (!eigen.converged) throw new Error('eigenvector');
    expect(eigen.scores[0]?.node.id).toBe('hub');
    expect(eigen.scores.at(-1)?.node.id).toBe('s');
    expect(eigen.description).toContain('Bonacich');
  });

  it('reports non-convergence as a value', () => {
    const graph = buildGraph(['a', 'b', 'c'], clique(['a', 'b', 'c']).slice(0, 2));
    const result = centrality(graph, { nodes: all(graph), measure: 'eigenvector', maxIterations: 1, tolerance: 1e-15 });
    expect(result).toMatchObject({ converged: false, measure: 'eigenvector' });
  });
});

describe('connectors', () => {
  it('ranks the nodes that connect the most pairs', () => {
    // broker k sits between p1, p2 and p3; m links only p3 and p4
    const graph = buildGraph(
      ['p1', 'p2', 'p3', 'p4', 'k', 'm', 'far', 'q'],
      [['p1', 'k'], ['p2', 'k'], ['p3', 'k'], ['p3', 'm'], ['m', 'p4'], ['far', 'q']],
    );
    const result = connectors(graph, [id('p1'), id('p2'), id('p3'), id('p4'), id('far')]);
    expect(result.connectors.map((connector) => [connector.node.id, connector.pairs.length])).toEqual([
      ['k', 5], // p1-p2, p1-p3, p2-p3, p1-p4, p2-p4
      ['m', 3], // p1-p4, p2-p4, p3-p4
      ['p3', 2], // p1-p4, p2-p4
    ]);
    expect(result.connectedPairs).toBe(6);
    expect(result.unconnectedPairs).toHaveLength(4);
    expect(result.connectors[0]?.explanation).toContain('5 of the 6 connected pairs');
  });

  it('does not connect beyond maxHops', () => {
    const graph = buildGraph(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(connectors(graph, [id('a'), id('d')], { maxHops: 2 }).connectors).toEqual([]);
    expect(ids(connectors(graph, [id('a'), id('d')], { maxHops: 3 }).connectors.map((c) => c.node))).toEqual(['b', 'c']);
  });

  it('names the ties on every shortest path between connected pairs, and no other', () => {
    // a-b-d and a-c-d are both shortest; a-e-f-d is longer; g is joined to nothing given
    const graph = buildGraph(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [['a', 'b'], ['b', 'd'], ['a', 'c'], ['c', 'd'], ['a', 'e'], ['e', 'f'], ['f', 'd'], ['b', 'c']]);
    expect(connectors(graph, [id('a'), id('d'), id('g')]).ties.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3']);
    expect(connectors(graph, [id('a'), id('d')], { maxHops: 1 }).ties).toEqual([]);
  });
});
