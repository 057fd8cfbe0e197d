/**
 * A compact, incrementally updatable multigraph for up to ~1M nodes and ~5M edges.
 *
 * Why not a graphology graph: graphology keeps one object per edge plus two adjacency-map
 * entries, several hundred bytes each; 5M of them do not fit a laptop's heap. Here nodes and
 * edges are integer slots with their attributes in typed-array columns, and adjacency lives in
 * one Int32Array pool where each node owns a slab of incident edge slots. A slab that fills up
 * moves to the end of the pool with twice the room (amortised O(1) append); the pool is
 * compacted when more than half of it is abandoned slabs. Adding or removing an edge is
 * therefore visible to the next query with no rebuild. Graphology is used for the algorithms
 * that need it, on subgraphs (see to-graphology.ts).
 *
 * Edge slots of one node keep their insertion order, also across removals (removal shifts, it
 * does not swap), so query results depend on what is in the graph, not on its edit history.
 *
 * Integer slots are exposed for the query functions of this package (`indexOf`, `incidentAt`,
 * `edgeSourceAt`...); they are only meaningful until the next removal and never leave a query.
 */
import { AppError, type RecordId } from '@mosaic/model';
import { edgeTypeCode, edgeTypeOf } from './edge-type.ts';
import type { EdgeId, EdgeInput, GraphEdge, GraphNode, NodeId, NodeInput } from './graph-elements.ts';
import { IdIndex } from './id-index.ts';
import { decodePartialDate, encodePartialDate, lowerBound, upperBound } from './partial-date.ts';

export interface EntityGraphOptions {
  /** Expected number of nodes: columns are sized once instead of grown by doubling. */
  readonly nodeCapacity?: number;
  readonly edgeCapacity?: number;
}

const ALIVE = 1;
const DIRECTED = 2;
/** Joins the provenance record ids of one edge into one string: one heap object per edge. */
const RECORD_SEPARATOR = '\u001f';
const MIN_SLAB = 4;

/** Strings that repeat across many edges (roles, labels, kinds), stored once, coded 1..65535. */
class Interner {
  readonly #codes = new Map<string, number>();
  readonly #values: string[] = [''];

  code(value: string | undefined): number {
    if (value === undefined) return 0;
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.#values.length;
      if (code > 0xffff) throw new AppError('MOSAIC_INVALID_INPUT', 'graph: more than 65535 distinct labels, roles or kinds');
      this.#codes.set(value, code);
      this.#values.push(value);
    }
    return code;
  }

  value(code: number): string | undefined {
    return code === 0 ? undefined : this.#values[code];
  }
}

function invalid(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `graph: ${message}`, details);
}

function grown<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

export class EntityGraph {
  readonly #nodeIds: (NodeId | undefined)[] = [];
  readonly #nodeIndex: IdIndex;
  readonly #nodeLabels: (string | undefined)[] = [];
  #nodeKinds: Uint16Array;
  #adjStart: Int32Array;
  #adjLength: Int32Array;
  #adjCapacity: Int32Array;
  readonly #freeNodes: number[] = [];
  #nodeSlots = 0;
  #nodeCount = 0;

  #pool: Int32Array;
  #poolUsed = 0;
  #poolGarbage = 0;

  readonly #edgeIds: (EdgeId | undefined)[] = [];
  readonly #edgeIndex: IdIndex;
  readonly #edgeProvenance: (string | undefined)[] = [];
  #source: Int32Array;
  #target: Int32Array;
  #type: Uint8Array;
  #flags: Uint8Array;
  #weight: Float64Array;
  #start: Int32Array;
  #end: Int32Array;
  #role: Uint16Array;
  #label: Uint16Array;
  readonly #freeEdges: number[] = [];
  #edgeSlots = 0;
  #edgeCount = 0;

  readonly #kinds = new Interner();
  readonly #strings = new Interner();
  #version = 0;

  constructor({ nodeCapacity = 1024, edgeCapacity = 4096 }: EntityGraphOptions = {}) {
    const n = Math.max(16, nodeCapacity);
    const m = Math.max(16, edgeCapacity);
    this.#nodeIndex = new IdIndex(n, (slot) => this.#nodeIds[slot]);
    this.#edgeIndex = new IdIndex(m, (slot) => this.#edgeIds[slot]);
    this.#nodeKinds = new Uint16Array(n);
    this.#adjStart = new Int32Array(n);
    this.#adjLength = new Int32Array(n);
    this.#adjCapacity = new Int32Array(n);
    this.#pool = new Int32Array(Math.max(64, 2 * m + MIN_SLAB * n));
    this.#source = new Int32Array(m);
    this.#target = new Int32Array(m);
    this.#type = new Uint8Array(m);
    this.#flags = new Uint8Array(m);
    this.#weight = new Float64Array(m);
    this.#start = new Int32Array(m);
    this.#end = new Int32Array(m);
    this.#role = new Uint16Array(m);
    this.#label = new Uint16Array(m);
  }

  get nodeCount(): number {
    return this.#nodeCount;
  }

  get edgeCount(): number {
    return this.#edgeCount;
  }

  /** Incremented by every change; callers may key caches on it. */
  get version(): number {
    return this.#version;
  }

  /** One past the highest node slot in use: the size of a per-node array. */
  get nodeSlots(): number {
    return this.#nodeSlots;
  }

  // ---- nodes ----------------------------------------------------------------------------

  /** Adds a node, or updates the kind and label of an existing one. */
  addNode(node: NodeInput): void {
    if (typeof node.id !== 'string' || node.id.length === 0) throw invalid('a node needs a non-empty id');
    if (typeof node.kind !== 'string' || typeof node.label !== 'string') throw invalid('a node needs a kind and a label', { node: node.id });
    const found = this.#nodeIndex.get(node.id);
    const existing = found < 0 ? undefined : found;
    const slot = existing ?? this.#newNodeSlot();
    this.#nodeIds[slot] = node.id;
    this.#nodeLabels[slot] = node.label;
    this.#nodeKinds[slot] = this.#kinds.code(node.kind);
    if (existing === undefined) {
      this.#nodeIndex.set(node.id, slot);
      this.#nodeCount++;
    }
    this.#version++;
  }

  /** Removes a node and every edge incident to it; false when there was no such node. */
  removeNode(id: NodeId): boolean {
    const v = this.#nodeIndex.get(id);
    if (v < 0) return false;
    while (this.#adjLength[v]! > 0) {
      this.#removeEdgeSlot(this.#pool[this.#adjStart[v]! + this.#adjLength[v]! - 1]!);
    }
    this.#poolGarbage += this.#adjCapacity[v]!;
    this.#adjCapacity[v] = 0;
    this.#adjStart[v] = 0;
    this.#nodeIndex.delete(id);
    this.#nodeIds[v] = undefined;
    this.#nodeLabels[v] = undefined;
    this.#freeNodes.push(v);
    this.#nodeCount--;
    this.#version++;
    return true;
  }

  hasNode(id: NodeId): boolean {
    return this.#nodeIndex.get(id) >= 0;
  }

  node(id: NodeId): GraphNode | undefined {
    const v = this.#nodeIndex.get(id);
    return v < 0 ? undefined : this.nodeAt(v);
  }

  *nodeIds(): IterableIterator<NodeId> {
    for (const id of this.#nodeIds) if (id !== undefined) yield id;
  }

  // ---- edges ----------------------------------------------------------------------------

  /** Adds an edge between two existing nodes. Parallel edges are allowed; edge ids are unique. */
  addEdge(edge: EdgeInput): void {
    if (typeof edge.id !== 'string' || edge.id.length === 0) throw invalid('an edge needs a non-empty id');
    if (this.#edgeIndex.get(edge.id) >= 0) throw new AppError('MOSAIC_CONFLICT', 'graph: an edge with this id exists', { edge: edge.id });
    const type = edgeTypeCode(edge.type);
    if (type < 0) throw invalid('unknown edge type', { edge: edge.id, type: edge.type });
    const s = this.#nodeIndex.get(edge.source);
    const t = this.#nodeIndex.get(edge.target);
    if (s < 0 || t < 0) throw new AppError('MOSAIC_NOT_FOUND', 'graph: an edge endpoint is not in the graph', { edge: edge.id });
    const weight = edge.weight ?? 1;
    if (!Number.isFinite(weight) || weight <= 0) throw invalid('edge weight must be a positive number', { edge: edge.id });
    const start = this.#date(edge.start, edge.id);
    const end = this.#date(edge.end, edge.id);
    if (start !== 0 && end !== 0 && lowerBound(start) > upperBound(end)) throw invalid('edge ends before it starts', { edge: edge.id });
    const provenance = edge.provenance ?? [];
    for (const record of provenance) {
      if (typeof record !== 'string' || record.length === 0 || record.includes(RECORD_SEPARATOR)) throw invalid('invalid provenance record id', { edge: edge.id });
    }

    const e = this.#newEdgeSlot();
    this.#edgeIds[e] = edge.id;
    this.#edgeProvenance[e] = provenance.length === 0 ? undefined : provenance.join(RECORD_SEPARATOR);
    this.#source[e] = s;
    this.#target[e] = t;
    this.#type[e] = type;
    this.#flags[e] = ALIVE | (edge.directed === true ? DIRECTED : 0);
    this.#weight[e] = weight;
    this.#start[e] = start;
    this.#end[e] = end;
    this.#role[e] = this.#strings.code(edge.role);
    this.#label[e] = this.#strings.code(edge.label);
    this.#edgeIndex.set(edge.id, e);
    this.#append(s, e);
    if (t !== s) this.#append(t, e);
    this.#edgeCount++;
    this.#version++;
  }

  /** False when there was no such edge. */
  removeEdge(id: EdgeId): boolean {
    const e = this.#edgeIndex.get(id);
    if (e < 0) return false;
    this.#removeEdgeSlot(e);
    this.#version++;
    return true;
  }

  hasEdge(id: EdgeId): boolean {
    return this.#edgeIndex.get(id) >= 0;
  }

  edge(id: EdgeId): GraphEdge | undefined {
    const e = this.#edgeIndex.get(id);
    return e < 0 ? undefined : this.edgeAt(e);
  }

  // ---- integer-slot access for the query functions ----------------------------------------

  /** The slot of a node, or -1. */
  indexOf(id: NodeId): number {
    return this.#nodeIndex.get(id);
  }

  nodeIdAt(v: number): NodeId {
    const id = this.#nodeIds[v];
    if (id === undefined) throw new RangeError(`graph: no node in slot ${v}`);
    return id;
  }

  nodeAt(v: number): GraphNode {
    return { id: this.nodeIdAt(v), kind: this.#kinds.value(this.#nodeKinds[v]!) ?? '', label: this.#nodeLabels[v] ?? '' };
  }

  /** Number of edge slots incident to node slot v (a self-loop counts once). */
  degreeAt(v: number): number {
    return this.#adjLength[v] ?? 0;
  }

  /** The k-th edge slot incident to node slot v, 0 <= k < degreeAt(v). */
  incidentAt(v: number, k: number): number {
    return this.#pool[this.#adjStart[v]! + k]!;
  }

  edgeSourceAt(e: number): number {
    return this.#source[e]!;
  }

  edgeTargetAt(e: number): number {
    return this.#target[e]!;
  }

  /** The endpoint of edge e that is not v (v itself for a self-loop). */
  otherEndAt(e: number, v: number): number {
    const s = this.#source[e]!;
    return s === v ? this.#target[e]! : s;
  }

  edgeDirectedAt(e: number): boolean {
    return (this.#flags[e]! & DIRECTED) !== 0;
  }

  edgeTypeCodeAt(e: number): number {
    return this.#type[e]!;
  }

  edgeWeightAt(e: number): number {
    return this.#weight[e]!;
  }

  /** Packed partial dates (see partial-date.ts), 0 when absent. */
  edgeStartAt(e: number): number {
    return this.#start[e]!;
  }

  edgeEndAt(e: number): number {
    return this.#end[e]!;
  }

  edgeIdAt(e: number): EdgeId {
    const id = this.#edgeIds[e];
    if (id === undefined) throw new RangeError(`graph: no edge in slot ${e}`);
    return id;
  }

  edgeProvenanceAt(e: number): readonly RecordId[] {
    const joined = this.#edgeProvenance[e];
    return joined === undefined ? [] : (joined.split(RECORD_SEPARATOR) as RecordId[]);
  }

  edgeAt(e: number): GraphEdge {
    const role = this.#strings.value(this.#role[e]!);
    const label = this.#strings.value(this.#label[e]!);
    const start = this.#start[e]!;
    const end = this.#end[e]!;
    // Built by assignment rather than by spreading optional parts: this runs once per edge returned.
    const edge: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
      id: this.edgeIdAt(e),
      type: edgeTypeOf(this.#type[e]!),
      source: this.nodeIdAt(this.#source[e]!),
      target: this.nodeIdAt(this.#target[e]!),
      directed: this.edgeDirectedAt(e),
      weight: this.#weight[e]!,
      provenance: this.edgeProvenanceAt(e),
    };
    if (label !== undefined) edge.label = label;
    if (role !== undefined) edge.role = role;
    if (start !== 0) edge.start = decodePartialDate(start);
    if (end !== 0) edge.end = decodePartialDate(end);
    return edge;
  }

  // ---- internals --------------------------------------------------------------------------

  #date(text: string | undefined, edge: string): number {
    if (text === undefined) return 0;
    const code = typeof text === 'string' ? encodePartialDate(text) : undefined;
    if (code === undefined) throw invalid('edge dates must be ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD)', { edge });
    return code;
  }

  #newNodeSlot(): number {
    const free = this.#freeNodes.pop();
    if (free !== undefined) return free;
    const v = this.#nodeSlots++;
    if (v >= this.#adjStart.length) {
      const size = this.#adjStart.length * 2;
      this.#nodeKinds = grown(this.#nodeKinds, size);
      this.#adjStart = grown(this.#adjStart, size);
      this.#adjLength = grown(this.#adjLength, size);
      this.#adjCapacity = grown(this.#adjCapacity, size);
    }
    return v;
  }

  #newEdgeSlot(): number {
    const free = this.#freeEdges.pop();
    if (free !== undefined) return free;
    const e = this.#edgeSlots++;
    if (e >= this.#source.length) {
      const size = this.#source.length * 2;
      this.#source = grown(this.#source, size);
      this.#target = grown(this.#target, size);
      this.#type = grown(this.#type, size);
      this.#flags = grown(this.#flags, size);
      this.#weight = grown(this.#weight, size);
      this.#start = grown(this.#start, size);
      this.#end = grown(this.#end, size);
      this.#role = grown(this.#role, size);
      this.#label = grown(this.#label, size);
    }
    return e;
  }

  #removeEdgeSlot(e: number): void {
    const s = this.#source[e]!;
    const t = this.#target[e]!;
    this.#detach(s, e);
    if (t !== s) this.#detach(t, e);
    this.#edgeIndex.delete(this.#edgeIds[e]!);
    this.#edgeIds[e] = undefined;
    this.#edgeProvenance[e] = undefined;
    this.#flags[e] = 0;
    this.#freeEdges.push(e);
    this.#edgeCount--;
  }

  #append(v: number, e: number): void {
    const length = this.#adjLength[v]!;
    const capacity = this.#adjCapacity[v]!;
    if (length === capacity) {
      const next = capacity === 0 ? MIN_SLAB : capacity * 2;
      const start = this.#adjStart[v]!;
      if (capacity > 0 && start + capacity === this.#poolUsed && start + next <= this.#pool.length) {
        // The slab is the last one in the pool: grow it in place.
        this.#poolUsed += next - capacity;
      } else {
        this.#reserve(next);
        const from = this.#adjStart[v]!; // compaction may have moved it
        const to = this.#poolUsed;
        this.#pool.copyWithin(to, from, from + length);
        this.#poolGarbage += capacity;
        this.#adjStart[v] = to;
        this.#poolUsed += next;
      }
      this.#adjCapacity[v] = next;
    }
    this.#pool[this.#adjStart[v]! + length] = e;
    this.#adjLength[v] = length + 1;
  }

  #detach(v: number, e: number): void {
    const start = this.#adjStart[v]!;
    const length = this.#adjLength[v]!;
    const pool = this.#pool;
    for (let k = length - 1; k >= 0; k--) {
      if (pool[start + k] === e) {
        pool.copyWithin(start + k, start + k + 1, start + length);
        this.#adjLength[v] = length - 1;
        return;
      }
    }
  }

  /** Makes room for `size` more pool slots: compact when half the pool is abandoned, else grow. */
  #reserve(size: number): void {
    if (this.#poolUsed + size <= this.#pool.length) return;
    if (this.#poolGarbage * 2 > this.#pool.length) this.#compact(size);
    if (this.#poolUsed + size <= this.#pool.length) return;
    this.#pool = grown(this.#pool, Math.max(this.#pool.length * 2, this.#poolUsed + size));
  }

  #compact(extra: number): void {
    const live = this.#poolUsed - this.#poolGarbage;
    const pool = new Int32Array(Math.max(this.#pool.length, Math.ceil((live + extra) * 1.5)));
    let used = 0;
    for (let v = 0; v < this.#nodeSlots; v++) {
      const capacity = this.#adjCapacity[v]!;
      if (capacity === 0) continue;
      const start = this.#adjStart[v]!;
      pool.set(this.#pool.subarray(start, start + this.#adjLength[v]!), used);
      this.#adjStart[v] = used;
      used += capacity;
    }
    this.#pool = pool;
    this.#poolUsed = used;
    this.#poolGarbage = 0;
  }
}
