/**
 * Folding API subgraphs into the graphology graph the explorer shows: new nodes start next to
 * the node they were reached from and a few ForceAtlas2 iterations settle them (Jacomy et al.
 * 2014, ForceAtlas2, PLoS ONE 9(6)).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { inverseRelation, KINSHIP_INVERSES } from '@mosaic/model';
import type { Subgraph } from '../api/api-types.ts';
import { relationWords } from '../common/relation-words.ts';

export const KIND_COLOURS: Readonly<Record<string, string>> = {
  Person: '#1f4e79', Organization: '#7a4b00', Company: '#7a4b00', Vehicle: '#3b6e3b', Address: '#6b4c8a', Phone: '#4c6b8a', Email: '#4c6b8a',
};

export const COMMUNITY_COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4', '#b2df8a', '#fb9a99'];

export function createGraph(): Graph {
  return new Graph({ multi: true, type: 'mixed', allowSelfLoops: false });
}

/** Adds the subgraph's nodes and edges not yet shown; returns how many nodes were new. */
export function mergeSubgraph(graph: Graph, subgraph: Subgraph, near?: string): number {
  const origin = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : { x: 0, y: 0 };
  let added = 0;
  subgraph.nodes.forEach((node, i) => {
    if (graph.hasNode(node.id)) return;
    const angle = (2 * Math.PI * i) / Math.max(1, subgraph.nodes.length);
    graph.addNode(node.id, {
      label: node.label, kind: node.kind, size: 7, color: KIND_COLOURS[node.kind] ?? '#55606e',
      x: Number(origin['x'] ?? 0) + Math.cos(angle) * 10 + Math.random(), y: Number(origin['y'] ?? 0) + Math.sin(angle) * 10 + Math.random(),
    });
    added += 1;
  });
  for (const edge of subgraph.edges) {
    const agencies = agenciesOf(edge.provenance);
    if (graph.hasEdge(edge.id)) {
      // a relation met again through an agency filter comes with fewer of its claims: those seen before stay
      graph.updateEdgeAttribute(edge.id, 'agencies', (known: unknown) => [...new Set([...(Array.isArray(known) ? known.map(String) : []), ...agencies])].sort());
      continue;
    }
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || edge.source === edge.target) continue;
    graph.addEdgeWithKey(edge.id, edge.source, edge.target, {
      relation: edge.type, label: edge.label === undefined ? relationWords(edge.type) : tieCaption(edge.label, String(graph.getNodeAttribute(edge.source, 'label'))), role: edge.role, start: edge.start, end: edge.end, size: 1 + Math.min(3, (edge.weight ?? 1) - 1), agencies,
    });
  }
  if (added > 0 && graph.order > 1) forceAtlas2.assign(graph, { iterations: 120, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 200 } });
  return added;
}

/**
 * How a tie's label reads drawn between its two ends, where it reads otherwise from the other
 * end: a kinship word names whose relative the other end is ("Nadia Elmrabet's brother" on the
 * line to Yassin, whom her record calls her brother), not left to be read either way. A label
 * reads from the tie's source (the API's GraphEdge); any other label is as it is.
 */
export function tieCaption(label: string, source: string): string {
  return KINSHIP_INVERSES[label] !== undefined && inverseRelation(label) !== label ? `${source}'s ${label}` : label;
}

/** Is a relation inside the time window? Open ends and undated relations are kept. */
export function inWindow(attributes: Record<string, unknown>, from: string, to: string): boolean {
  const start = typeof attributes['start'] === 'string' ? attributes['start'] : '';
  const end = typeof attributes['end'] === 'string' ? attributes['end'] : '';
  if (to && start && start > to) return false;
  if (from && end && end < from) return false;
  return true;
}

/**
 * The agencies whose records claim a relation: a record id is `agency:id`. The server gives a
 * relation only with claims the user may read, so these are agencies whose records they read.
 */
export function agenciesOf(provenance: readonly string[] | undefined): string[] {
  return [...new Set((provenance ?? []).filter((record) => record.includes(':')).map((record) => record.slice(0, record.indexOf(':'))))].sort();
}

/** The agencies of the relations drawn, in name order. */
export function agenciesIn(graph: Graph): string[] {
  const found = new Set<string>();
  graph.forEachEdge((_edge, attributes) => {
    const agencies: unknown = attributes['agencies'];
    if (Array.isArray(agencies)) for (const agency of agencies) found.add(String(agency));
  });
  return [...found].sort();
}

/** Is a relation claimed by a record of one of the chosen agencies? None chosen keeps every relation, as the API's filter does. */
export function recordedBy(attributes: Record<string, unknown>, chosen: ReadonlySet<string>): boolean {
  if (chosen.size === 0) return true;
  const agencies: unknown = attributes['agencies'];
  return Array.isArray(agencies) && agencies.some((agency) => chosen.has(String(agency)));
}

/** A relation's dates in words: "2017 – 2019", "from 2017", "until 2019", or nothing when undated. */
export function datesOf(start: unknown, end: unknown): string {
  const from = typeof start === 'string' ? start : '';
  const to = typeof end === 'string' ? end : '';
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  return to ? `until ${to}` : '';
}
