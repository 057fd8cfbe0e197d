/**
 * What of the network a user reads may leave the system in a file. An export is onward sharing
 * (decide.ts: never another agency's AMBER+STRICT or TLP:RED record, nor one whose handling code,
 * H2 or H3, needs its owner's consent), so every record the answer stands on is decided again
 * with the export action: a node keeps the members that may leave and is named by them alone,
 * or is left out where none may; a tie is kept where every record behind it may leave and both
 * its ends are kept. What is left out the user reads already, so the file counts it and says
 * why, and a recipient does not take the network in it for the whole.
 *
 * Each node and tie is marked with the highest TLP, classification and handling code of the
 * records it comes from (a tie: those claiming it), and the file with the highest of all, since
 * TLP 2.0 (FIRST) has a marking travel with what is passed on; and with those records'
 * data-subject categories and gradings, since a transmission says what a recipient needs to tell
 * a victim from a suspect and to weigh each claim (LED Arts. 6 and 7(2)).
 */
import type { ExportMarking, ExportNotes, GraphEdge, GraphNode, NodeId, Subgraph } from '@mosaic/graph';
import { CLASSIFICATION, HANDLING, rankOf, SUBJECT_CATEGORY, TLP, type Provenance, type RecordId } from '@mosaic/model';
import type { Decision } from '@mosaic/policy';

export interface ExportSources {
  /** The records a node stands for, as the user reads them. */
  readonly recordsOf: (node: NodeId) => readonly RecordId[];
  /** The records behind a tie: its claims and, at entity level, the members it joins. */
  readonly edgeRecords: (edge: GraphEdge) => readonly RecordId[];
  /** The node as named by the given members only. */
  readonly present: (node: GraphNode, members: readonly RecordId[]) => GraphNode;
  /** Ties as answered: at entity level, parallel ties of one type between two entities as one. */
  readonly edgesOut: (edges: readonly GraphEdge[]) => GraphEdge[];
  /** The policy's decision on this user's exporting the record. */
  readonly decide: (record: RecordId) => Decision;
  readonly provenanceOf: (record: RecordId) => Provenance | undefined;
}

export interface ExportContent {
  readonly subgraph: Subgraph;
  readonly notes: ExportNotes;
  /** Every record the file holds, sorted: its nodes' members and the records behind its ties. */
  readonly records: readonly RecordId[];
}

/** The part of `read` (a network as the user reads it, ties not yet aggregated) that may be exported. */
export function exportContent(read: Subgraph, sources: ExportSources): ExportContent {
  const withheld = new Map<RecordId, string>();
  const leaves = (record: RecordId): boolean => {
    const decision = sources.decide(record);
    if (decision.effect === 'allow') return true;
    withheld.set(record, decision.reason);
    return false;
  };
  const members = new Map<NodeId, readonly RecordId[]>();
  for (const node of read.nodes) {
    const kept = sources.recordsOf(node.id).filter(leaves);
    if (kept.length > 0) members.set(node.id, kept);
  }
  const records = new Set<RecordId>([...members.values()].flat());
  const edges = read.edges.filter((edge) => {
    const behind = sources.edgeRecords(edge);
    // every record behind it decided, so that each one withheld is counted with its reason
    const leaving = behind.filter(leaves);
    if (leaving.length < behind.length || !members.has(edge.source) || !members.has(edge.target)) return false;
    for (const record of behind) records.add(record);
    return true;
  });
  const nodes = read.nodes.flatMap((node) => {
    const kept = members.get(node.id);
    return kept === undefined ? [] : [sources.present(node, kept)];
  });
  const out = sources.edgesOut(edges);
  const markingOf = (ids: readonly RecordId[]): ExportMarking | undefined => highest(ids.flatMap((id) => sources.provenanceOf(id) ?? []));
  const reasons = new Map<string, number>();
  for (const reason of withheld.values()) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  const file = markingOf([...records]);
  return {
    subgraph: { nodes, edges: out },
    notes: {
      ...(file === undefined ? {} : { marking: file }),
      nodes: new Map(nodes.flatMap((node) => marked(node.id, markingOf(members.get(node.id) ?? [])))),
      edges: new Map(out.flatMap((edge) => marked(edge.id, markingOf(edge.provenance)))),
      withheld: {
        records: withheld.size,
        nodes: read.nodes.length - nodes.length,
        edges: sources.edgesOut(read.edges).length - out.length,
        reasons: Object.fromEntries([...reasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      },
    },
    records: [...records].sort(),
  };
}

function marked<K>(key: K, marking: ExportMarking | undefined): [K, ExportMarking][] {
  return marking === undefined ? [] : [[key, marking]];
}

/**
 * Each scale's highest value among the records' markings (handling codes in their order, H0 to
 * H3), and their data-subject categories and gradings, each once (categories in the model's
 * order, gradings sorted); none for no record.
 */
function highest(provenances: readonly Provenance[]): ExportMarking | undefined {
  const [first, ...rest] = provenances;
  if (first === undefined) return undefined;
  const top = <T>(scale: readonly T[], value: (p: Provenance) => T): T =>
    rest.reduce((best, p) => (rankOf(scale, value(p)) > rankOf(scale, best) ? value(p) : best), value(first));
  return {
    tlp: top(TLP, (p) => p.marking.tlp), classification: top(CLASSIFICATION, (p) => p.marking.classification), handling: top(HANDLING, (p) => p.handling),
    categories: SUBJECT_CATEGORY.filter((category) => provenances.some((p) => p.category === category)),
    gradings: [...new Set(provenances.map((p) => `${p.reliability}${p.credibility}`))].sort(),
  };
}
