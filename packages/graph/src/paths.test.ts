import { describe, expect, it } from 'vitest';
import { kShortestPaths } from './k-shortest-paths.ts';
import { shortestPath } from './shortest-path.ts';
import { buildGraph, id } from './test-fixtures.ts';

const route = (nodes: readonly { readonly id: string }[]): string => nodes.map((node) => node.id).join('-');

//   s - a - t        (hops 2, weak ties)
//   s - b - c - t    (hops 3, strong ties)
//   s - d - e - f - t (hops 4)
const diamond = () =>
  buildGraph(
    ['s', 'a', 'b', 'c', 'd', 'e', 'f', 't', 'island'],
    [
      ['s', 'a', { weight: 0.25 }],
      ['a', 't', { weight: 0.25 }],
      ['s', 'b', { weight: 4 }],
      ['b', 'c', { weight: 4 }],
      ['c', 't', { weight: 4 }],
      ['s', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 't'],
    ],
  );

describe('shortestPath', () => {
  it('finds the path with fewest hops, with its edges', () => {
    const result = shortestPath(diamond(), id('s'), id('t'));
    expect(result.found).toBe(true);
    if (!result.found) return;
    expect(route(result.path.nodes)).toBe('s-a-t');
    expect(result.path.edges.map((edge) => edge.id)).toEqual(['e0', 'e1']);
    expect(result.path.hops).toBe(2);
    expect(result.path.cost).toBe(2);
  });

  it('prefers strong ties when weighted (cost 1/weight)', () => {
    const result = shortestPath(diamond(), id('s'), id('t'), { weighted: true });
    expect(result.found && route(result.path.nodes)).toBe('s-b-c-t');
    expect(result.found && result.path.cost).toBeCloseTo(0.75);
  });

  it('tells no path from unknown entities, and a path to oneself is empty', () => {
    expect(shortestPath(diamond(), id('s'), id('island'))).toEqual({ found: false, reason: 'no-path' });
    expect(shortestPath(diamond(), id('s'), id('nobody'))).toEqual({ found: false, reason: 'not-found' });
    const self = shortestPath(diamond(), id('s'), id('s'));
    expect(self.found && self.path.hops).toBe(0);
  });

  it('stops at the search limit', () => {
    expect(shortestPath(diamond(), id('s'), id('t'), { maxVisited: 3 })).toEqual({ found: false, reason: 'search-limit' });
  });

  it('follows directed ties only their way when asked', () => {
    const graph = buildGraph(['a', 'b', 'c'], [['a', 'b', { directed: true, type: 'ownership' }], ['c', 'b', { directed: true, type: 'ownership' }]]);
    expect(shortestPath(graph, id('a'), id('c')).found).toBe(true);
    expect(shortestPath(graph, id('a'), id('c'), { direction: 'out' })).toEqual({ found: false, reason: 'no-path' });
    expect(shortestPath(graph, id('a'), id('b'), { direction: 'out' }).found).toBe(true);
    expect(shortestPath(graph, id('b'), id('a'), { direction: 'out' }).found).toBe(false);
    expect(shortestPath(graph, id('b'), id('a'), { direction: 'in' }).found).toBe(true);
  });

  it('matches a brute-force BFS on a grid', () => {
    const n = 6;
    const name = (r: number, c: number): string => `${r}.${c}`;
    const nodes: string[] = [];
    const edges: [string, string][] = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        nodes.push(name(r, c));
        if (r > 0) edges.push([name(r - 1, c), name(r, c)]);
        if (c > 0) edges.push([name(r, c - 1), name(r, c)]);
      }
    }
    const graph = buildGraph(nodes, edges);
    for (const [a, b] of [
      ['0.0', '5.5'],
      ['2.3', '4.1'],
      ['5.0', '0.5'],
    ] as const) {
      const [ra, ca] = a.split('.').map(Number) as [number, number];
      const [rb, cb] = b.split('.').map(Number) as [number, number];
      const result = shortestPath(graph, id(a), id(b));
      expect(result.found && result.path.hops).toBe(Math.abs(ra - rb) + Math.abs(ca - cb));
      const weighted = shortestPath(graph, id(a), id(b), { weighted: true });
      expect(weighted.found && weighted.path.cost).toBe(Math.abs(ra - rb) + Math.abs(ca - cb));
    }
  });
});

describe('kShortestPaths (Yen 1971)', () => {
  it('lists loopless paths from shortest to longest', () => {
    const result = kShortestPaths(diamond(), id('s'), id('t'), { k: 5 });
    expect(result.found && result.paths.map((path) => route(path.nodes))).toEqual(['s-a-t', 's-b-c-t', 's-d-e-f-t']);
  });

  it('orders by cost when weighted', () => {
    const result = kShortestPaths(diamond(), id('s'), id('t'), { k: 2, weighted: true });
    expect(result.found && result.paths.map((path) => route(path.nodes))).toEqual(['s-b-c-t', 's-d-e-f-t']);
  });

  it('finds the textbook example (Yen 1971 / Wikipedia C-H graph)', () => {
    const graph = buildGraph(
      ['C', 'D', 'E', 'F', 'G', 'H'],
      [
        ['C', 'D', { weight: 1 / 3, directed: true }],
        ['C', 'E', { weight: 1 / 2, directed: true }],
        ['D', 'F', { weight: 1 / 4, directed: true }],
        ['E', 'D', { weight: 1, directed: true }],
        ['E', 'F', { weight: 1 / 2, directed: true }],
        ['E', 'G', { weight: 1 / 3, directed: true }],
        ['F', 'G', { weight: 1 / 2, directed: true }],
        ['F', 'H', { weight: 1, directed: true }],
        ['G', 'H', { weight: 1 / 2, directed: true }],
      ],
    );
    const result = kShortestPaths(graph, id('C'), id('H'), { k: 3, weighted: true, direction: 'out' });
    expect(result.found && result.paths.map((path) => route(path.nodes))).toEqual(['C-E-F-H', 'C-E-G-H', 'C-D-F-H']);
    expect(result.found && result.paths.map((path) => Math.round(path.cost))).toEqual([5, 7, 8]);
  });

  it('counts parallel ties once and reports unknown endpoints', () => {
    const graph = buildGraph(['a', 'b'], [['a', 'b'], ['a', 'b', { type: 'shared-phone' }]]);
    const result = kShortestPaths(graph, id('a'), id('b'), { k: 3 });
    expect(result.found && result.paths.length).toBe(1);
    expect(kShortestPaths(graph, id('a'), id('zz'))).toEqual({ found: false, reason: 'not-found' });
  });
});
