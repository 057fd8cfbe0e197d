import { describe, expect, it } from 'vitest';
import { RecordId } from '@mosaic/model';
import { deriveSharedIdentifierEdges, normaliseIdentifier, type IdentifierClaim } from './shared-identifier-edges.ts';
import { buildGraph, id } from './test-fixtures.ts';
import { expand } from './expand.ts';

const claim = (node: string, kind: IdentifierClaim['kind'], value: string, extra: Partial<IdentifierClaim> = {}): IdentifierClaim => ({
  node: id(node),
  kind,
  value,
  provenance: [RecordId(`agency-a:${node}-${kind}`)],
  ...extra,
});

describe('deriveSharedIdentifierEdges', () => {
  it('links entities that share an identifier, one weighted edge per pair and kind', () => {
    const result = deriveSharedIdentifierEdges([
      claim('a', 'phone', '+32 470 12 34 56'),
      claim('b', 'phone', '+32470123456'),
      claim('a', 'phone', '0470 99'),
      claim('b', 'phone', '047099'),
      claim('c', 'vehicle', 'ab-123-cd'),
      claim('a', 'vehicle', 'AB 123 CD'),
      claim('d', 'phone', '+32 111'),
    ]);
    expect(result.edges.map((edge) => [edge.type, edge.source, edge.target, edge.weight])).toEqual([
      ['shared-phone', 'a', 'b', 2],
      ['shared-vehicle', 'a', 'c', 1],
    ]);
    expect(result.edges[0]?.provenance).toEqual(['agency-a:a-phone', 'agency-a:b-phone']);
    expect(result.edges[0]?.id).not.toContain('470');
    expect(result.skipped).toEqual({});
  });

  it('skips identifiers shared by too many entities and counts them', () => {
    const callCentre = Array.from({ length: 30 }, (_, i) => claim(`p${i}`, 'phone', '+32 2 000 00 00'));
    const result = deriveSharedIdentifierEdges([...callCentre, claim('p1', 'address', 'addr-9'), claim('p2', 'address', 'addr-9')], { maxNodesPerIdentifier: 20 });
    expect(result.edges.map((edge) => edge.type)).toEqual(['shared-address']);
    expect(result.skipped).toEqual({ phone: 1 });
    expect(deriveSharedIdentifierEdges(callCentre, { maxNodesPerIdentifier: 30 }).edges).toHaveLength(435);
  });

  it('dates co-sightings and adds to a graph', () => {
    const result = deriveSharedIdentifierEdges([
      claim('a', 'sighting', 's1', { date: '2015-11-12' }),
      claim('b', 'sighting', 's1', { date: '2015-11-12' }),
      claim('a', 'sighting', 's2', { date: '2016-03' }),
      claim('b', 'sighting', 's2', { date: '2016-03' }),
    ]);
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0]).toMatchObject({ type: 'co-sighting', start: '2015-11-12', end: '2016-03', weight: 2 });
    const graph = buildGraph(['a', 'b'], []);
    for (const edge of result.edges) graph.addEdge(edge);
    expect(expand(graph, id('a'), { hops: 1, types: ['co-sighting'] }).subgraph.edges).toHaveLength(1);
  });

  it('normalises spellings of identifiers', () => {
    expect(normaliseIdentifier('phone', '+32 (470) 12-34')).toBe('+324701234');
    expect(normaliseIdentifier('document', 'ea 123.456/7')).toBe('EA1234567');
    expect(normaliseIdentifier('email', '  X@Example.org ')).toBe('X@EXAMPLE.ORG');
  });
});
