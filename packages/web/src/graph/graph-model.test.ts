import { describe, expect, it } from 'vitest';
import type { GraphEdge, Subgraph } from '../api/api-types.ts';
import { agenciesIn, agenciesOf, createGraph, datesOf, mergeSubgraph, recordedBy, tieCaption } from './graph-model.ts';

const person = (id: string) => ({ id, kind: 'Person', label: id });
const tie = (id: string, source: string, target: string, provenance: readonly string[]): GraphEdge => ({ id, type: 'associate', source, target, provenance });

describe('the agencies of a relation', () => {
  it('are those of the records claiming it, each once, in name order', () => {
    expect(agenciesOf(['zone-north:as2', 'fedpol:as1', 'fedpol:as3'])).toEqual(['fedpol', 'zone-north']);
    expect(agenciesOf(undefined)).toEqual([]);
  });

  it('keep a relation claimed by a chosen agency, every relation when none is chosen', () => {
    const graph = createGraph();
    const sub: Subgraph = { nodes: [person('e1'), person('e2'), person('e3')], edges: [tie('t1', 'e1', 'e2', ['fedpol:a', 'zone-north:b']), tie('t2', 'e2', 'e3', ['zone-north:c'])] };
    mergeSubgraph(graph, sub);
    expect(agenciesIn(graph)).toEqual(['fedpol', 'zone-north']);
    const kept = (chosen: readonly string[]) => graph.filterEdges((_e, attributes) => recordedBy(attributes, new Set(chosen))).sort();
    expect(kept([])).toEqual(['t1', 't2']);
    expect(kept(['fedpol'])).toEqual(['t1']);
    expect(kept(['zone-north'])).toEqual(['t1', 't2']);
  });

  it('seen before stay when the relation comes again through a filter, with fewer of its claims', () => {
    const graph = createGraph();
    mergeSubgraph(graph, { nodes: [person('e1'), person('e2')], edges: [tie('t1', 'e1', 'e2', ['zone-north:b'])] });
    mergeSubgraph(graph, { nodes: [person('e1'), person('e2')], edges: [tie('t1', 'e1', 'e2', ['fedpol:a'])] });
    expect(graph.getEdgeAttribute('t1', 'agencies')).toEqual(['fedpol', 'zone-north']);
  });
});

describe('the dates of a relation', () => {
  it('are said as a span, an open start or end, or nothing when undated', () => {
    expect(datesOf('2017', '2019-03')).toBe('2017 – 2019-03');
    expect(datesOf('2017', undefined)).toBe('from 2017');
    expect(datesOf(undefined, '2019')).toBe('until 2019');
    expect(datesOf(undefined, undefined)).toBe('');
  });
});

describe('a tie\'s caption in the chart', () => {
  it('says whose relative a kinship word names, and leaves a word that reads alike from both ends', () => {
    expect(tieCaption('brother', 'Nadia Elmrabet')).toBe('Nadia Elmrabet\'s brother');
    expect(tieCaption('father', 'Karim Haddou')).toBe('Karim Haddou\'s father');
    expect(['sibling', 'spouse', 'cousin', 'owns', 'financier'].map((w) => tieCaption(w, 'Karim Haddou'))).toEqual(['sibling', 'spouse', 'cousin', 'owns', 'financier']);
  });
});
