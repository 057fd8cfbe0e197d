/**
 * The network as a projection of the records: every thing-like record is a node; every
 * relationship record (whose schema declares its edge) is an edge between its endpoints; entity
 * references inside records (a vehicle's owner, a phone's holder, a document's holder) are edges;
 * persons who share a phone, e-mail, address, document or vehicle plate are linked by shared-*
 * edges. Kept current from the change feed, record by record, without a rebuild.
 *
 * Nodes are records here; visibility is decided per record by the caller (graph-queries.ts), and
 * an edge is visible only when every record it rests on is.
 */
import { EdgeId, EntityGraph, normaliseIdentifier, SHARED_EDGE_TYPE, type EdgeInput, type EdgeType, type IdentifierKind, type NodeId } from '@mosaic/graph';
import type { EntityRecord, Provenance, RecordId, SchemaRegistry } from '@mosaic/model';
import { createHash } from 'node:crypto';
import type { Projection, RecordChange } from '../change-follower.ts';
import { captionOf } from '../records.ts';

const RELATION_TYPES: Readonly<Record<string, EdgeType>> = {
  Family: 'family', Associate: 'associate', Membership: 'membership', Ownership: 'ownership',
  Residence: 'residence', Communication: 'communication', CoTravel: 'co-travel',
};

/** Entity references inside thing records that are relations in their own right. */
const REFERENCE_EDGES: readonly { readonly property: string; readonly type: EdgeType; readonly label: string }[] = [
  { property: 'owner', type: 'ownership', label: 'owns' },
  { property: 'holder', type: 'ownership', label: 'holds' },
];

/** Person properties whose equal values link two records (Principle: shared identifiers are evidence of a tie). */
const SHARED: readonly { readonly property: string; readonly kind: IdentifierKind }[] = [
  { property: 'phone', kind: 'phone' }, { property: 'email', kind: 'email' }, { property: 'address', kind: 'address' },
  { property: 'passportNumber', kind: 'document' }, { property: 'idNumber', kind: 'document' },
];

/** An identifier held by more records than this (a call centre, a hostel) links nobody. */
const MAX_SHARING = 20;

export interface GraphProjection extends Projection {
  readonly graph: EntityGraph;
  /** The provenance of a record in the graph, for the policy's per-record decision. */
  provenanceOf(id: RecordId): Provenance | undefined;
}

const short = (text: string): string => createHash('sha1').update(text).digest('base64url').slice(0, 12);

export function createGraphProjection(registry: SchemaRegistry): GraphProjection {
  const graph = new EntityGraph();
  /** The edges each record declares (relationship records, references inside things). */
  const specs = new Map<RecordId, EdgeInput[]>();
  /** node -> records whose declared edges touch it, to materialise them when it (re)appears */
  const touching = new Map<NodeId, Set<RecordId>>();
  /** identifier key -> records holding it, and back */
  const holders = new Map<string, Set<RecordId>>();
  const heldBy = new Map<RecordId, string[]>();
  const provenance = new Map<RecordId, Provenance>();

  const materialise = (edge: EdgeInput): void => {
    if (edge.source !== edge.target && graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.id)) graph.addEdge(edge);
  };

  const sharedEdgeId = (key: string, a: RecordId, b: RecordId): EdgeId => EdgeId(`shared:${short(key)}:${a < b ? `${a}|${b}` : `${b}|${a}`}`);

  /** Rebuild the shared-* edges of one identifier among its current holders. */
  const relink = (key: string, before: readonly RecordId[]): void => {
    const kind = key.split('\u0000')[0] as IdentifierKind;
    for (let i = 0; i < before.length; i++) for (let j = i + 1; j < before.length; j++) graph.removeEdge(sharedEdgeId(key, before[i]!, before[j]!));
    const now = [...(holders.get(key) ?? [])];
    if (now.length > MAX_SHARING) return;
    for (let i = 0; i < now.length; i++) {
      for (let j = i + 1; j < now.length; j++) {
        const a = now[i]!;
        const b = now[j]!;
        materialise({ id: sharedEdgeId(key, a, b), type: SHARED_EDGE_TYPE[kind], source: a, target: b, directed: false, weight: 0.5, provenance: [a, b] });
      }
    }
  };

  const remove = (id: RecordId): void => {
    for (const edge of specs.get(id) ?? []) {
      graph.removeEdge(edge.id);
      for (const end of [edge.source, edge.target]) touching.get(end)?.delete(id);
    }
    specs.delete(id);
    const keys = heldBy.get(id) ?? [];
    heldBy.delete(id);
    for (const key of keys) {
      const set = holders.get(key);
      const before = [...(set ?? [])];
      set?.delete(id);
      if (set?.size === 0) holders.delete(key);
      relink(key, before);
    }
    graph.removeNode(id);
    provenance.delete(id);
  };

  const declaredEdges = (record: EntityRecord): EdgeInput[] => {
    const schema = registry.get(record.schema);
    if (schema?.edge) {
      const source = record.properties[schema.edge.source]?.[0] as RecordId | undefined;
      const target = record.properties[schema.edge.target]?.[0] as RecordId | undefined;
      if (!source || !target) return [];
      const type = RELATION_TYPES[schema.name] ?? 'associate';
      const start = record.properties['startDate']?.[0] ?? record.properties['date']?.[0];
      const end = record.properties['endDate']?.[0];
      const role = record.properties['role']?.[0] ?? record.properties['relationship']?.[0];
      return [{
        id: EdgeId(record.id), type, source, target, directed: type === 'membership' || type === 'ownership' || type === 'residence',
        label: role ?? schema.edge.label, ...(role ? { role } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}), weight: 1, provenance: [record.id],
      }];
    }
    return REFERENCE_EDGES.flatMap((ref) => (record.properties[ref.property] ?? []).map((other): EdgeInput => ({
      id: EdgeId(`${record.id}#${ref.property}:${other}`), type: ref.type, source: other as RecordId, target: record.id, directed: true, label: ref.label, weight: 1, provenance: [record.id],
    })));
  };

  const add = (record: EntityRecord): void => {
    const schema = registry.get(record.schema);
    if (!schema || schema.event) return;
    provenance.set(record.id, record.provenance);
    if (!schema.edge) {
      graph.addNode({ id: record.id, kind: record.schema, label: captionOf(registry, record) });
      // Edges declared by other records that were waiting for this node.
      for (const other of touching.get(record.id) ?? []) for (const edge of specs.get(other) ?? []) materialise(edge);
    }
    const edges = declaredEdges(record);
    specs.set(record.id, edges);
    for (const edge of edges) {
      for (const end of [edge.source, edge.target]) {
        const set = touching.get(end) ?? new Set<RecordId>();
        set.add(record.id);
        touching.set(end, set);
      }
      materialise(edge);
    }
    if (schema.edge) return;
    const keys: string[] = [];
    for (const { property, kind } of SHARED) {
      for (const value of record.properties[property] ?? []) {
        const key = `${kind}\u0000${normaliseIdentifier(kind, value)}`;
        if (keys.includes(key)) continue;
        keys.push(key);
        const set = holders.get(key) ?? new Set<RecordId>();
        const before = [...set];
        set.add(record.id);
        holders.set(key, set);
        relink(key, before);
      }
    }
    heldBy.set(record.id, keys);
  };

  return {
    name: 'graph',
    graph,
    provenanceOf: (id) => provenance.get(id),
    apply(changes: readonly RecordChange[]) {
      for (const change of changes) remove(change.id);
      for (const change of changes) if (change.record) add(change.record);
    },
  };
}
