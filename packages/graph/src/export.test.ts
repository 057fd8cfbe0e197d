import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { RecordId } from '@mosaic/model';
import { escapeXml, toGraphML } from './export-graphml.ts';
import { toJSON } from './export-json.ts';
import type { ExportNotes } from './export-notes.ts';
import { expand } from './expand.ts';
import { EntityGraph } from './entity-graph.ts';
import { EdgeId } from './graph-elements.ts';
import { id } from './test-fixtures.ts';

function sample() {
  const graph = new EntityGraph();
  graph.addNode({ id: id('p<1>'), kind: 'Person', label: 'Tom & "Jerry" O\'Neil\u0001' });
  graph.addNode({ id: id('o1'), kind: 'Organization', label: 'Acme <Ltd>' });
  graph.addEdge({ id: EdgeId('m&1'), type: 'membership', source: id('p<1>'), target: id('o1'), directed: true, role: 'leader', start: '2014', weight: 2, provenance: [RecordId('a:r 1'), RecordId('b:r"2')] });
  graph.addEdge({ id: EdgeId('x1'), type: 'shared-phone', source: id('p<1>'), target: id('o1') });
  return expand(graph, id('o1'), { hops: 1 }).subgraph;
}

describe('GraphML export', () => {
  it('escapes every value and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'\u0000\u0008\ud800ok</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;ok&lt;/a&gt;');
    const xml = toGraphML(sample());
    expect(xml).toContain('<node id="p&lt;1&gt;"><data key="n_kind">Person</data><data key="n_label">Tom &amp; &quot;Jerry&quot; O&apos;Neil</data></node>');
    expect(xml).toContain('<edge id="m&amp;1" source="p&lt;1&gt;" target="o1" directed="true">');
    expect(xml).toContain('<data key="e_role">leader</data>');
    expect(xml).toContain('<data key="e_provenance">[&quot;a:r 1&quot;,&quot;b:r\\&quot;2&quot;]</data>');
    expect(xml).not.toContain('\u0001');
    // every element opened is closed: strip the declaration and self-closing keys, then balance tags
    const tags = [...xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)];
    const stack: string[] = [];
    for (const [, closing, name, self] of tags) {
      if (self === '/') continue;
      if (closing === '/') expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
  });
});

describe('JSON export', () => {
  it('is graphology serialisation that imports into a graph equal to the subgraph', () => {
    const subgraph = sample();
    const json = JSON.parse(JSON.stringify(toJSON(subgraph))) as Parameters<Graph.MultiGraph['import']>[0];
    const graph = new Graph.MultiGraph();
    graph.import(json);
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(2);
    expect(graph.isDirected('m&1')).toBe(true);
    expect(graph.isUndirected('x1')).toBe(true);
    expect(graph.getEdgeAttributes('m&1')).toEqual({ type: 'membership', role: 'leader', start: '2014', weight: 2, provenance: ['a:r 1', 'b:r"2'] });
    expect(graph.getNodeAttribute('o1', 'label')).toBe('Acme <Ltd>');
  });

  it('carries the markings and what was withheld as attributes of the graph, its nodes and edges', () => {
    const subgraph = sample();
    const notes: ExportNotes = {
      marking: { tlp: 'AMBER', classification: 'SECRET', handling: 'H1', categories: ['suspect', 'witness'], gradings: ['B2', 'E5'] },
      nodes: new Map([[id('o1'), { tlp: 'GREEN', classification: 'RESTRICTED', handling: 'H0', categories: ['suspect'], gradings: ['B2'] }]]),
      edges: new Map([[EdgeId('m&1'), { tlp: 'AMBER', classification: 'SECRET', handling: 'H1', categories: ['witness'], gradings: ['E5'] }]]),
      withheld: { records: 2, nodes: 1, edges: 1, reasons: { 'no onward sharing': 2 } },
    };
    const graph = new Graph.MultiGraph();
    graph.import(JSON.parse(JSON.stringify(toJSON(subgraph, notes))) as Parameters<Graph.MultiGraph['import']>[0]);
    expect(graph.getAttributes()).toEqual({ tlp: 'AMBER', classification: 'SECRET', handling: 'H1', categories: ['suspect', 'witness'], gradings: ['B2', 'E5'], withheld: { records: 2, nodes: 1, edges: 1, reasons: { 'no onward sharing': 2 } } });
    expect(graph.getNodeAttributes('o1')).toEqual({ kind: 'Organization', label: 'Acme <Ltd>', tlp: 'GREEN', classification: 'RESTRICTED', handling: 'H0', categories: ['suspect'], gradings: ['B2'] });
    expect(graph.getEdgeAttribute('m&1', 'classification')).toBe('SECRET');
    expect(graph.getEdgeAttributes('x1')).not.toHaveProperty('tlp');
    const xml = toGraphML(subgraph, notes);
    expect(xml).toContain('<graph id="G" edgedefault="undirected"><data key="g_tlp">AMBER</data><data key="g_classification">SECRET</data><data key="g_handling">H1</data>'
      + '<data key="g_categories">[&quot;suspect&quot;,&quot;witness&quot;]</data><data key="g_gradings">[&quot;B2&quot;,&quot;E5&quot;]</data><data key="g_withheldRecords">2</data>');
    expect(xml).toContain('<data key="n_label">Acme &lt;Ltd&gt;</data><data key="n_tlp">GREEN</data>');
    expect(xml).toContain('<data key="e_categories">[&quot;witness&quot;]</data><data key="e_gradings">[&quot;E5&quot;]</data></edge>');
  });
});
