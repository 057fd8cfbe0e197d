/**
 * A subgraph as GraphML (graphml.graphdrawing.org), for Gephi, yEd, Cytoscape and i2-style tools.
 * Every value is XML-escaped, and characters XML 1.0 cannot carry are dropped, so a label typed
 * into a source system cannot break or inject into the file. With notes (export-notes.ts), each
 * node and edge carries its marking as data, and the graph the file's marking and what was
 * withheld from it.
 */
import type { Subgraph } from './graph-elements.ts';
import type { ExportMarking, ExportNotes } from './export-notes.ts';

const MARKING_KEYS = [
  ['tlp', 'string'],
  ['classification', 'string'],
  ['handling', 'string'],
  // JSON arrays, as `provenance` is
  ['categories', 'string'],
  ['gradings', 'string'],
] as const;
const GRAPH_KEYS = [
  ...MARKING_KEYS,
  ['withheldRecords', 'int'],
  ['withheldNodes', 'int'],
  ['withheldEdges', 'int'],
  // a JSON object, reason to number of records: reasons are free words, so no separator is safe
  ['withheldReasons', 'string'],
] as const;
const NODE_KEYS = [
  ['kind', 'string'],
  ['label', 'string'],
  ...MARKING_KEYS,
] as const;
const EDGE_KEYS = [
  ['type', 'string'],
  ['label', 'string'],
  ['role', 'string'],
  ['start', 'string'],
  ['end', 'string'],
  ['weight', 'double'],
  ['provenance', 'string'],
  ...MARKING_KEYS,
] as const;

// XML 1.0 Char production minus what must be escaped; lone surrogates are not Chars either.
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toGraphML(subgraph: Subgraph, notes?: ExportNotes): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPH_KEYS.map(([name, type]) => `  <key id="g_${name}" for="graph" attr.name="${name}" attr.type="${type}"/>`),
    ...NODE_KEYS.map(([name, type]) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`),
    ...EDGE_KEYS.map(([name, type]) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`),
  ];
  const data = (key: string, value: string | number | undefined): string =>
    value === undefined ? '' : `<data key="${key}">${escapeXml(String(value))}</data>`;
  const marking = (prefix: string, of: ExportMarking | undefined): string =>
    of === undefined
      ? ''
      : data(`${prefix}_tlp`, of.tlp) + data(`${prefix}_classification`, of.classification) + data(`${prefix}_handling`, of.handling)
        + data(`${prefix}_categories`, JSON.stringify(of.categories)) + data(`${prefix}_gradings`, JSON.stringify(of.gradings));
  const withheld = notes?.withheld;
  lines.push(
    '  <graph id="G" edgedefault="undirected">' +
      marking('g', notes?.marking) +
      data('g_withheldRecords', withheld?.records) +
      data('g_withheldNodes', withheld?.nodes) +
      data('g_withheldEdges', withheld?.edges) +
      data('g_withheldReasons', withheld && JSON.stringify(withheld.reasons)),
  );
  for (const node of subgraph.nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">${data('n_kind', node.kind)}${data('n_label', node.label)}${marking('n', notes?.nodes.get(node.id))}</node>`);
  }
  for (const edge of subgraph.edges) {
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}" directed="${edge.directed}">` +
        data('e_type', edge.type) +
        data('e_label', edge.label) +
        data('e_role', edge.role) +
        data('e_start', edge.start) +
        data('e_end', edge.end) +
        data('e_weight', edge.weight) +
        // A JSON array: record ids may contain any character, so no separator is safe.
        data('e_provenance', JSON.stringify(edge.provenance)) +
        marking('e', notes?.edges.get(edge.id)) +
        '</edge>',
    );
  }
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}
