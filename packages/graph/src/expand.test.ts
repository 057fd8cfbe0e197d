import { describe, expect, it } from 'vitest';
import { isAppError, RecordId } from '@mosaic/model';
import { expand } from './expand.ts';
import { fromAgencies } from './query-scope.ts';
import { buildGraph, id, ids } from './test-fixtures.ts';

// a - b - c - d - e (a chain), plus b - x (weak) and b - y (strong)
const chain = () =>
  buildGraph(
    ['a', 'b', 'c', 'd', 'e', 'x', 'y'],
    [
      ['a', 'b'],
      ['b', 'c', { type: 'family', start: '2010', end: '2012' }],
      ['c', 'd', { type: 'communication', start: '2015-11-13' }],
      ['d', 'e'],
      ['b', 'x', { weight: 0.5, provenance: [RecordId('intel:r1')] }],
      ['b', 'y', { weight: 3, type: 'ownership', directed: true }],
    ],
  );

describe('expand', () => {
  it('returns the nodes within the given hops and the edges among them, with distances', () => {
    const result = expand(chain(), id('a'), { hops: 2 });
    expect(ids(result.subgraph.nodes)).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(ids(result.subgraph.edges)).toEqual(['e0', 'e1', 'e4', 'e5']);
    expect(Object.fromEntries(result.distance)).toEqual({ a: 0, b: 1, c: 2, x: 2, y: 2 });
    expect(result.truncated).toBe(false);
    expect(ids(expand(chain(), id('a'), { hops: 0 }).subgraph.nodes)).toEqual(['a']);
  });

  it('keeps the strongest ties when the node budget is reached, and says so', () => {
    const result = expand(chain(), id('b'), { hops: 1, nodeBudget: 3 });
    expect(ids(result.subgraph.nodes)).toEqual(['a', 'b', 'y']);
    expect(result.truncated).toBe(true);
  });

  it('filters by relation type, time window, weight, provenance and direction', () => {
    const graph = chain();
    expect(ids(expand(graph, id('b'), { hops: 3, types: ['associate', 'family'] }).subgraph.nodes)).toEqual(['a', 'b', 'c', 'x']);
    // the family tie (2010-2012) is outside 2014-2016; the undated ones stay
    expect(ids(expand(graph, id('a'), { hops: 3, window: { from: '2014', to: '2016' } }).subgraph.nodes)).toEqual(['a', 'b', 'x', 'y']);
    // c-d starts 2015-11-13 with no end: still running, so in any window after its start
    expect(ids(expand(graph, id('c'), { hops: 1, window: { from: '2015-12' } }).subgraph.nodes)).toEqual(['c', 'd']);
    expect(ids(expand(graph, id('c'), { hops: 1, window: { to: '2015-11' } }).subgraph.nodes)).toEqual(['b', 'c', 'd']);
    expect(ids(expand(graph, id('c'), { hops: 1, window: { to: '2015-10' } }).subgraph.nodes)).toEqual(['b', 'c']);
    expect(ids(expand(graph, id('b'), { hops: 1, minWeight: 1 }).subgraph.nodes)).toEqual(['a', 'b', 'c', 'y']);
    expect(ids(expand(graph, id('b'), { hops: 1, provenance: fromAgencies(['intel']) }).subgraph.nodes)).toEqual(['b', 'x']);
    expect(ids(expand(graph, id('y'), { hops: 1, direction: 'out' }).subgraph.nodes)).toEqual(['y']);
    expect(ids(expand(graph, id('y'), { hops: 1, direction: 'in' }).subgraph.nodes)).toEqual(['b', 'y']);
  });

  it('starts from several seeds and ignores unknown ones', () => {
    const result = expand(chain(), [id('a'), id('e'), id('nobody')], { hops: 1 });
    expect(ids(result.subgraph.nodes)).toEqual(['a', 'b', 'd', 'e']);
    expect(expand(chain(), id('nobody')).subgraph.nodes).toEqual([]);
  });

  it('rejects more than three hops and bad filters', () => {
    for (const run of [
      () => expand(chain(), id('a'), { hops: 4 }),
      () => expand(chain(), id('a'), { nodeBudget: 0 }),
      () => expand(chain(), id('a'), { window: { from: 'last year' } }),
    ]) {
      expect(run).toThrow(expect.objectContaining({ code: 'MOSAIC_QUERY_REJECTED' }));
      try {
        run();
      } catch (error) {
        expect(isAppError(error)).toBe(true);
      }
    }
  });

  it('sees edges added after the previous query, without a rebuild', () => {
    const graph = chain();
    expect(ids(expand(graph, id('a'), { hops: 1 }).subgraph.nodes)).toEqual(['a', 'b']);
    graph.addEdge({ id: 'late' as never, type: 'co-travel', source: id('a'), target: id('e') });
    expect(ids(expand(graph, id('a'), { hops: 1 }).subgraph.nodes)).toEqual(['a', 'b', 'e']);
    graph.removeNode(id('b'));
    expect(ids(expand(graph, id('a'), { hops: 3 }).subgraph.nodes)).toEqual(['a', 'c', 'd', 'e']);
  });
});
