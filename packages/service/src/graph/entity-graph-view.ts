/**
 * The network over resolved entities: the record network (graph-projection.ts) with every record
 * node replaced by the entity it was resolved into (records that resolution does not group stand
 * for themselves). Each record edge becomes one entity edge with the same id, type, dates, weight
 * and provenance; the records at its two ends are kept beside it (`endpointsOf`), so a user sees
 * the tie only when they may see the relation's records *and* both member records it joins — an
 * entity is, for each user, only the members that user may see (principle 1: a resolved entity
 * is a view over claims). Edges inside one entity are dropped.
 *
 * A document or a vehicle that resolution does not group is one node with the others of its number
 * (graph-projection.ts, `sameThing`): two agencies' records of passport X0815742 are one passport,
 * each holder tied to it, not two nodes "X0815742" tied to each other by the number they share.
 * Such a node goes by the id of its first record; a reader who may not see every record of it sees
 * it as the part they may see, under an id they may read (graph-queries.ts, `isThing`).
 *
 * Kept current incrementally: the record projection journals the record nodes it touched, the
 * entity projection reports records whose entity changed, and `sync()` (called before every
 * query) re-derives only the edges incident to those records.
 */
import { EntityGraph, type EdgeId, type NodeId } from '@mosaic/graph';
import type { EntityId, RecordId } from '@mosaic/model';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import { EntityPartsGraph, type DrawnPart } from './entity-parts-graph.ts';
import type { GraphProjection } from './graph-projection.ts';

export interface EntityGraphView {
  readonly graph: EntityGraph;
  /** Bring the entity network up to date with both projections. */
  sync(): void;
  /** The record nodes an entity node stands for (all of them: the caller filters by visibility). */
  membersOf(node: NodeId): readonly RecordId[];
  /** Whether the node is the records of one document or vehicle (one number), not a resolved entity. */
  isThing(node: NodeId): boolean;
  /** The entity node a record is part of, if the record is a node. */
  nodeOf(record: RecordId): NodeId | undefined;
  /** The two member records an entity edge joins. */
  endpointsOf(edge: EdgeId): readonly RecordId[];
  /** A node's members a viewer may see, regrouped on the visible evidence alone (largest part first). */
  partsOf(node: NodeId, visible: ReadonlySet<RecordId>): readonly (readonly RecordId[])[];
  /**
   * The network with entities drawn as the parts one reader sees of them (entity-parts-graph.ts),
   * for one query run made at once (the next call draws it again), and the two member records
   * each tie drawn between two parts joins.
   */
  drawParts(parts: readonly DrawnPart[]): { readonly graph: EntityGraph; readonly ties: ReadonlyMap<EdgeId, readonly [RecordId, RecordId]> };
}

export function createEntityGraphView(records: GraphProjection, entities: Pick<EntityProjection, 'entityOf' | 'onMembership' | 'partsOf'>): EntityGraphView {
  const graph = new EntityGraph();
  const recordGraph = records.graph;
  /** record -> entity node it is currently placed in */
  const placed = new Map<RecordId, NodeId>();
  const members = new Map<NodeId, Set<RecordId>>();
  /** entity edge -> its two member records */
  const ends = new Map<EdgeId, readonly [RecordId, RecordId]>();
  /** record -> entity edges derived from its incident record edges */
  const derived = new Map<RecordId, Set<EdgeId>>();
  const dirty = new Set<RecordId>();
  let initial = true;
  // one drawing, drawn again for each run, so a path search keeps its per-node arrays (path-search.ts)
  let drawing: EntityPartsGraph | undefined;
  entities.onMembership((record) => dirty.add(record));

  const track = (record: RecordId, edge: EdgeId): void => {
    const set = derived.get(record) ?? new Set<EdgeId>();
    set.add(edge);
    derived.set(record, set);
  };

  const dropDerived = (record: RecordId): void => {
    for (const edge of derived.get(record) ?? []) {
      graph.removeEdge(edge);
      const pair = ends.get(edge);
      ends.delete(edge);
      if (pair) for (const end of pair) if (end !== record) derived.get(end)?.delete(edge);
    }
    derived.delete(record);
  };

  /** document or vehicle nodes (their records not resolved into an entity) */
  const things = new Set<NodeId>();
  /** The node of the records of one document or vehicle this record is one of, where there are several. */
  const thingNode = (record: RecordId): NodeId | undefined => {
    const same = records.sameThing(record).filter((r) => entities.entityOf(r) === undefined);
    return same.length > 1 ? same[0] : undefined;
  };

  const place = (record: RecordId): void => {
    const resolved = recordGraph.hasNode(record) ? entities.entityOf(record) : undefined;
    const thing = resolved === undefined && recordGraph.hasNode(record) ? thingNode(record) : undefined;
    const now: NodeId | undefined = recordGraph.hasNode(record) ? (resolved ?? thing ?? record) : undefined;
    if (thing !== undefined) things.add(thing);
    else if (now === record) things.delete(now);
    const before = placed.get(record);
    if (before === now) return;
    if (before !== undefined) {
      const set = members.get(before);
      set?.delete(record);
      if (set && set.size === 0) {
        members.delete(before);
        things.delete(before);
        graph.removeNode(before);
      }
      placed.delete(record);
    }
    if (now !== undefined) {
      const set = members.get(now) ?? new Set<RecordId>();
      if (set.size === 0) {
        // Kind and label are the first member's; queries replace them with what each user may see.
        const node = recordGraph.node(record)!;
        graph.addNode({ id: now, kind: node.kind, label: String(now) });
      }
      set.add(record);
      members.set(now, set);
      placed.set(record, now);
    }
  };

  const link = (record: RecordId): void => {
    const v = recordGraph.indexOf(record);
    if (v < 0) return;
    for (let k = 0; k < recordGraph.degreeAt(v); k++) {
      const e = recordGraph.incidentAt(v, k);
      const id = recordGraph.edgeIdAt(e);
      if (graph.hasEdge(id)) continue;
      const source = recordGraph.nodeIdAt(recordGraph.edgeSourceAt(e)) as RecordId;
      const target = recordGraph.nodeIdAt(recordGraph.edgeTargetAt(e)) as RecordId;
      for (const end of [source, target]) if (!placed.has(end)) place(end);
      const a = placed.get(source);
      const b = placed.get(target);
      if (a === undefined || b === undefined || a === b) continue;
      const edge = recordGraph.edgeAt(e);
      graph.addEdge({ ...edge, source: a, target: b });
      ends.set(id, [source, target]);
      track(source, id);
      track(target, id);
    }
  };

  return {
    graph,
    sync() {
      for (const record of records.drainTouched()) dirty.add(record);
      if (initial) {
        initial = false;
        for (const id of recordGraph.nodeIds()) dirty.add(id as RecordId);
      }
      if (dirty.size === 0) return;
      // a record of a document or vehicle comes, goes or changes entity: the others of its number move with it
      for (const record of [...dirty]) for (const other of records.sameThing(record)) dirty.add(other);
      const batch = [...dirty];
      dirty.clear();
      for (const record of batch) dropDerived(record);
      for (const record of batch) place(record);
      for (const record of batch) link(record);
    },
    membersOf: (node) => [...(members.get(node) ?? [])],
    isThing: (node) => things.has(node),
    nodeOf: (record) => placed.get(record),
    endpointsOf: (edge) => ends.get(edge) ?? [],
    partsOf: (node, visible) => entities.partsOf(node as EntityId, visible),
    drawParts(parts) {
      drawing ??= new EntityPartsGraph(graph, recordGraph);
      return { graph: drawing, ties: drawing.draw(parts, (edge) => ends.get(edge) ?? []) };
    },
  };
}
