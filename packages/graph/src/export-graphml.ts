/**
 * A subgraph as GraphML (graphml.graphdrawing.org), for Gephi, yEd, Cytoscape and i2-style tools.
 * Every value is XML-escaped, and characters XML 1.0 cannot carry are dropped, so a label typed
 * into a source system cannot break or inject into the file.
 */
import type { Subgraph } from './graph-elements.ts';

const NODE_KEYS = [
  ['kind', 'string'],
  ['label', 'string'],
] as const;
const EDGE_KEYS = [
  ['type', 'string'],
  ['label', 'string'],
  ['role', 'string'],
  ['start', 'string'],
  ['end', 'string'],
  ['weight', 'double'],
  ['provenance', 'string'],
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

export function toGraphML(subgraph: Subgraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map(([name, type]) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`),
    ...EDGE_KEYS.map(([name, type]) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`),
    '  <graph id="G" edgedefault="undirected">',
  ];
  const data = (key: string, value: string | number | undefined): string =>
    value === undefined ? '' : `<data key="${key}">${escapeXml(String(value))}</data>`;
  for (const node of subgraph.nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">${data('n_kind', node.kind)}${data('n_label', node.label)}</node>`);
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
        '</edge>',
    );
  }
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}
