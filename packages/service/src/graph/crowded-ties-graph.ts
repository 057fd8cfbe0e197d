/**
 * A drawing of the network (the record network, or the entity network as one reader sees it)
 * with the ties of the identifiers held by more records than the network keeps ties for drawn in,
 * for one reader: those among the holders that reader may read, where they are few enough
 * (graph-projection.ts, MAX_SHARING). They are not in the network because which pairs a reader is
 * owed depends on which holders they may read, and an identifier held by thousands of records
 * would need millions of pairs to cover every reader.
 *
 * A view over the drawing rather than a copy, as EntityPartsGraph is, and read-only. A node's ties
 * are worked out when a query first asks for its incident edges, so a query pays only for the
 * nodes it reaches; the ties take edge slots from TIE_SLOTS on, above those of the parts' ties
 * (entity-parts-graph.ts) and below 2^31, as the path search keeps edge slots in an Int32Array.
 * One drawing is kept per network drawn on (`over`) and drawn again for each query run, so that a
 * path search keeps its per-node arrays (path-search.ts); like any slot, these mean something
 * only until the next drawing, and a graph is drawn for one query run, made at once.
 */
import { EDGE_TYPES, encodePartialDate, type EdgeId, type EntityGraph, type GraphEdge, type GraphNode, type NodeId } from '@mosaic/graph';
import type { RecordId } from '@mosaic/model';
import { ReadOnlyGraph } from './read-only-graph.ts';

const TIE_SLOTS = 2 ** 30 + 2 ** 29;

/** The ties drawn in at a node: ends as the drawing's node ids, one of them the node's. */
export type TiesAt = (node: NodeId) => readonly GraphEdge[];

const drawings = new WeakMap<EntityGraph, CrowdedTiesGraph>();

export class CrowdedTiesGraph extends ReadOnlyGraph {
  readonly #base: EntityGraph;
  #tiesAt: TiesAt = () => [];
  /** The tie slots incident to each node whose ties were worked out. */
  #incident = new Map<number, number[]>();
  #ties: GraphEdge[] = [];
  #ends: (readonly [number, number])[] = [];
  #starts: number[] = [];
  #slots = new Map<EdgeId, number>();

  private constructor(base: EntityGraph) {
    super();
    this.#base = base;
  }

  /** The one drawing kept over this network. */
  static over(base: EntityGraph): CrowdedTiesGraph {
    let drawing = drawings.get(base);
    if (drawing === undefined) {
      drawing = new CrowdedTiesGraph(base);
      drawings.set(base, drawing);
    }
    return drawing;
  }

  /** Draws these ties in place of the last drawing's (asked node by node, as a query reaches them). */
  draw(tiesAt: TiesAt): this {
    this.#tiesAt = tiesAt;
    this.#incident = new Map();
    this.#ties = [];
    this.#ends = [];
    this.#starts = [];
    this.#slots = new Map();
    return this;
  }

  #drawnAt(v: number): readonly number[] {
    let list = this.#incident.get(v);
    if (list !== undefined) return list;
    list = [];
    this.#incident.set(v, list);
    const base = this.#base;
    for (const tie of this.#tiesAt(base.nodeIdAt(v))) {
      let e = this.#slots.get(tie.id);
      if (e === undefined) {
        const source = base.indexOf(tie.source);
        const target = base.indexOf(tie.target);
        if (source < 0 || target < 0 || source === target) continue;
        e = TIE_SLOTS + this.#ties.length;
        this.#ties.push(tie);
        this.#ends.push([source, target]);
        this.#starts.push(tie.start === undefined ? 0 : (encodePartialDate(tie.start) ?? 0));
        this.#slots.set(tie.id, e);
      }
      const [source, target] = this.#ends[e - TIE_SLOTS]!;
      if ((source === v || target === v) && !list.includes(e)) list.push(e);
    }
    return list;
  }

  #tie(e: number): GraphEdge {
    const tie = this.#ties[e - TIE_SLOTS];
    if (tie === undefined) throw new RangeError(`graph: no edge in slot ${e}`);
    return tie;
  }

  override get nodeCount(): number {
    return this.#base.nodeCount;
  }

  override get edgeCount(): number {
    return this.#base.edgeCount + this.#ties.length;
  }

  override get version(): number {
    return this.#base.version;
  }

  override get nodeSlots(): number {
    return this.#base.nodeSlots;
  }

  override hasNode(id: NodeId): boolean {
    return this.#base.hasNode(id);
  }

  override node(id: NodeId): GraphNode | undefined {
    return this.#base.node(id);
  }

  override nodeIds(): IterableIterator<NodeId> {
    return this.#base.nodeIds();
  }

  override hasEdge(id: EdgeId): boolean {
    return this.#slots.has(id) || this.#base.hasEdge(id);
  }

  override edge(id: EdgeId): GraphEdge | undefined {
    const e = this.#slots.get(id);
    return e === undefined ? this.#base.edge(id) : this.#tie(e);
  }

  override indexOf(id: NodeId): number {
    return this.#base.indexOf(id);
  }

  override nodeIdAt(v: number): NodeId {
    return this.#base.nodeIdAt(v);
  }

  override nodeAt(v: number): GraphNode {
    return this.#base.nodeAt(v);
  }

  override degreeAt(v: number): number {
    return this.#base.degreeAt(v) + this.#drawnAt(v).length;
  }

  override incidentAt(v: number, k: number): number {
    const degree = this.#base.degreeAt(v);
    return k < degree ? this.#base.incidentAt(v, k) : this.#drawnAt(v)[k - degree]!;
  }

  override edgeSourceAt(e: number): number {
    return e >= TIE_SLOTS ? this.#ends[e - TIE_SLOTS]![0] : this.#base.edgeSourceAt(e);
  }

  override edgeTargetAt(e: number): number {
    return e >= TIE_SLOTS ? this.#ends[e - TIE_SLOTS]![1] : this.#base.edgeTargetAt(e);
  }

  override otherEndAt(e: number, v: number): number {
    const source = this.edgeSourceAt(e);
    return source === v ? this.edgeTargetAt(e) : source;
  }

  override edgeDirectedAt(e: number): boolean {
    return e >= TIE_SLOTS ? this.#tie(e).directed : this.#base.edgeDirectedAt(e);
  }

  override edgeTypeCodeAt(e: number): number {
    return e >= TIE_SLOTS ? EDGE_TYPES.indexOf(this.#tie(e).type) : this.#base.edgeTypeCodeAt(e);
  }

  override edgeWeightAt(e: number): number {
    return e >= TIE_SLOTS ? this.#tie(e).weight : this.#base.edgeWeightAt(e);
  }

  override edgeStartAt(e: number): number {
    return e >= TIE_SLOTS ? this.#starts[e - TIE_SLOTS]! : this.#base.edgeStartAt(e);
  }

  override edgeEndAt(e: number): number {
    return e >= TIE_SLOTS ? 0 : this.#base.edgeEndAt(e);
  }

  override edgeIdAt(e: number): EdgeId {
    return e >= TIE_SLOTS ? this.#tie(e).id : this.#base.edgeIdAt(e);
  }

  override edgeProvenanceAt(e: number): readonly RecordId[] {
    return e >= TIE_SLOTS ? this.#tie(e).provenance : this.#base.edgeProvenanceAt(e);
  }

  override edgeAt(e: number): GraphEdge {
    return e >= TIE_SLOTS ? this.#tie(e) : this.#base.edgeAt(e);
  }
}
