/**
 * The entity network as one reader sees the entities that fall apart for them (reader-view.ts):
 * each part that goes by an id other than its entity's is a node of its own, holding the ties of
 * its records, and a tie between two parts of one entity (left out of the entity network, as a
 * tie inside one entity) is drawn between them. So each part is linked exactly as an entity of
 * its own would be: under one node the parts would tell the reader of the record they may not
 * see that joins them, and drawn apart without the ties between them, the missing tie would.
 *
 * A view over the shared network rather than a copy (a copy of a million nodes per query): only
 * the adjacency of the entities drawn apart and the ends of the edges moved to their parts are
 * held here, everything else is read through. Part nodes take the slots after the network's;
 * ties between parts take slots from TIE_SLOTS on, far above any edge slot of the network (its
 * typed-array columns) and below 2^31, as the path search keeps edge slots in an Int32Array.
 * Like any slot, these mean something only until the next drawing: a graph is drawn for one
 * query run, synchronously, and the next run draws it again.
 */
import type { EntityGraph, EdgeId, GraphEdge, GraphNode, NodeId } from '@mosaic/graph';
import type { RecordId } from '@mosaic/model';
import { ReadOnlyGraph } from './read-only-graph.ts';

/** One part of an entity that falls apart for a reader, as drawn. */
export interface DrawnPart {
  /** The entity node the part's records are members of. */
  readonly entity: NodeId;
  /** The id the part goes by: the entity's own (it stays the entity's node), or one the entity absorbed. */
  readonly id: NodeId;
  readonly records: readonly RecordId[];
}

const TIE_SLOTS = 2 ** 30;

export class EntityPartsGraph extends ReadOnlyGraph {
  readonly #base: EntityGraph;
  readonly #records: EntityGraph;
  #parts: GraphNode[] = [];
  #partSlots = new Map<NodeId, number>();
  /** The incident edge slots of the nodes whose edges the drawing changed. */
  #incident = new Map<number, number[]>();
  /** The end slots of the edges the drawing moved, and of the ties between parts. */
  #ends = new Map<number, readonly [number, number]>();
  #moved = new Map<EdgeId, number>();
  /** The record network's edge slot of each tie between parts. */
  #ties: number[] = [];
  #tieSlots = new Map<EdgeId, number>();

  /** `base`: the entity network; `records`: the record network it is drawn from (graph-projection.ts). */
  constructor(base: EntityGraph, records: EntityGraph) {
    super();
    this.#base = base;
    this.#records = records;
  }

  /**
   * Draws these parts in place of the last drawing, and answers the two member records each tie
   * drawn between parts joins. `endpointsOf`: the member records an edge of the entity network
   * joins (entity-graph-view.ts). An entity's edge goes to the part holding the member it joins;
   * one joining a member in no part given stays on the entity's node, for the caller's
   * visibility to judge. A part whose id the network already has as a node is not drawn.
   */
  draw(parts: readonly DrawnPart[], endpointsOf: (edge: EdgeId) => readonly RecordId[]): ReadonlyMap<EdgeId, readonly [RecordId, RecordId]> {
    const base = this.#base;
    this.#parts = [];
    this.#partSlots = new Map();
    this.#incident = new Map();
    this.#ends = new Map();
    this.#moved = new Map();
    this.#ties = [];
    this.#tieSlots = new Map();
    /** record -> the slot of the node it is drawn in, and of its entity's */
    const drawnIn = new Map<RecordId, { readonly slot: number; readonly entity: number }>();
    const entities: number[] = [];
    for (const part of parts) {
      const entity = base.indexOf(part.entity);
      if (entity < 0) continue;
      let slot = entity;
      if (part.id !== part.entity) {
        if (base.hasNode(part.id) || this.#partSlots.has(part.id)) continue;
        slot = base.nodeSlots + this.#parts.length;
        this.#parts.push({ id: part.id, kind: base.nodeAt(entity).kind, label: String(part.id) });
        this.#partSlots.set(part.id, slot);
        this.#incident.set(slot, []);
      }
      if (!entities.includes(entity)) entities.push(entity);
      for (const record of [...part.records].sort()) drawnIn.set(record, { slot, entity });
    }
    for (const entity of entities) {
      const kept: number[] = [];
      for (let k = 0; k < base.degreeAt(entity); k++) {
        const e = base.incidentAt(entity, k);
        const atSource = base.edgeSourceAt(e) === entity;
        const member = endpointsOf(base.edgeIdAt(e))[atSource ? 0 : 1];
        const slot = member === undefined ? undefined : drawnIn.get(member)?.slot;
        if (slot === undefined || slot === entity) {
          kept.push(e);
          continue;
        }
        // an edge between two entities drawn apart is moved at each end in turn
        const [source, target] = this.#ends.get(e) ?? [base.edgeSourceAt(e), base.edgeTargetAt(e)];
        this.#ends.set(e, atSource ? [slot, target] : [source, slot]);
        this.#moved.set(base.edgeIdAt(e), e);
        this.#incident.get(slot)!.push(e);
      }
      this.#incident.set(entity, kept);
    }
    const records = this.#records;
    const ties = new Map<EdgeId, readonly [RecordId, RecordId]>();
    for (const [record, { slot, entity }] of drawnIn) {
      const v = records.indexOf(record);
      for (let k = 0; v >= 0 && k < records.degreeAt(v); k++) {
        const e = records.incidentAt(v, k);
        const id = records.edgeIdAt(e);
        const other = drawnIn.get(records.nodeIdAt(records.otherEndAt(e, v)) as RecordId);
        if (other === undefined || other.entity !== entity || other.slot === slot || this.#tieSlots.has(id) || base.hasEdge(id)) continue;
        const source = records.nodeIdAt(records.edgeSourceAt(e)) as RecordId;
        const target = records.nodeIdAt(records.edgeTargetAt(e)) as RecordId;
        const tie = TIE_SLOTS + this.#ties.length;
        this.#ties.push(e);
        this.#tieSlots.set(id, tie);
        this.#ends.set(tie, [drawnIn.get(source)!.slot, drawnIn.get(target)!.slot]);
        this.#incident.get(slot)!.push(tie);
        this.#incident.get(other.slot)!.push(tie);
        ties.set(id, [source, target]);
      }
    }
    return ties;
  }

  override get nodeCount(): number {
    return this.#base.nodeCount + this.#parts.length;
  }

  override get edgeCount(): number {
    return this.#base.edgeCount + this.#ties.length;
  }

  override get version(): number {
    return this.#base.version;
  }

  override get nodeSlots(): number {
    return this.#base.nodeSlots + this.#parts.length;
  }

  override hasNode(id: NodeId): boolean {
    return this.#partSlots.has(id) || this.#base.hasNode(id);
  }

  override node(id: NodeId): GraphNode | undefined {
    const v = this.indexOf(id);
    return v < 0 ? undefined : this.nodeAt(v);
  }

  override *nodeIds(): IterableIterator<NodeId> {
    yield* this.#base.nodeIds();
    for (const part of this.#parts) yield part.id;
  }

  override hasEdge(id: EdgeId): boolean {
    return this.#tieSlots.has(id) || this.#base.hasEdge(id);
  }

  override edge(id: EdgeId): GraphEdge | undefined {
    const slot = this.#tieSlots.get(id) ?? this.#moved.get(id);
    return slot === undefined ? this.#base.edge(id) : this.edgeAt(slot);
  }

  override indexOf(id: NodeId): number {
    return this.#partSlots.get(id) ?? this.#base.indexOf(id);
  }

  override nodeIdAt(v: number): NodeId {
    return this.nodeAt(v).id;
  }

  override nodeAt(v: number): GraphNode {
    const first = this.#base.nodeSlots;
    if (v < first) return this.#base.nodeAt(v);
    const part = this.#parts[v - first];
    if (part === undefined) throw new RangeError(`graph: no node in slot ${v}`);
    return part;
  }

  override degreeAt(v: number): number {
    return this.#incident.get(v)?.length ?? this.#base.degreeAt(v);
  }

  override incidentAt(v: number, k: number): number {
    const list = this.#incident.get(v);
    return list === undefined ? this.#base.incidentAt(v, k) : list[k]!;
  }

  override edgeSourceAt(e: number): number {
    return this.#ends.get(e)?.[0] ?? this.#base.edgeSourceAt(e);
  }

  override edgeTargetAt(e: number): number {
    return this.#ends.get(e)?.[1] ?? this.#base.edgeTargetAt(e);
  }

  override otherEndAt(e: number, v: number): number {
    const source = this.edgeSourceAt(e);
    return source === v ? this.edgeTargetAt(e) : source;
  }

  override edgeDirectedAt(e: number): boolean {
    return e >= TIE_SLOTS ? this.#records.edgeDirectedAt(this.#tie(e)) : this.#base.edgeDirectedAt(e);
  }

  override edgeTypeCodeAt(e: number): number {
    return e >= TIE_SLOTS ? this.#records.edgeTypeCodeAt(this.#tie(e)) : this.#base.edgeTypeCodeAt(e);
  }

  override edgeWeightAt(e: number): number {
    return e >= TIE_SLOTS ? this.#records.edgeWeightAt(this.#tie(e)) : this.#base.edgeWeightAt(e);
  }

  override edgeStartAt(e: number): number {
    return e >= TIE_SLOTS ? this.#records.edgeStartAt(this.#tie(e)) : this.#base.edgeStartAt(e);
  }

  override edgeEndAt(e: number): number {
    return e >= TIE_SLOTS ? this.#records.edgeEndAt(this.#tie(e)) : this.#base.edgeEndAt(e);
  }

  override edgeIdAt(e: number): EdgeId {
    return e >= TIE_SLOTS ? this.#records.edgeIdAt(this.#tie(e)) : this.#base.edgeIdAt(e);
  }

  override edgeProvenanceAt(e: number): readonly RecordId[] {
    return e >= TIE_SLOTS ? this.#records.edgeProvenanceAt(this.#tie(e)) : this.#base.edgeProvenanceAt(e);
  }

  override edgeAt(e: number): GraphEdge {
    const edge = e >= TIE_SLOTS ? this.#records.edgeAt(this.#tie(e)) : this.#base.edgeAt(e);
    return this.#ends.has(e) ? { ...edge, source: this.nodeIdAt(this.edgeSourceAt(e)), target: this.nodeIdAt(this.edgeTargetAt(e)) } : edge;
  }

  #tie(e: number): number {
    const slot = this.#ties[e - TIE_SLOTS];
    if (slot === undefined) throw new RangeError(`graph: no edge in slot ${e}`);
    return slot;
  }
}
