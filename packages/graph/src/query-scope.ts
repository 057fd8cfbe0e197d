/**
 * What a query may see: the caller's visibility predicates (the policy layer's decision for this
 * user and purpose) and the analyst's filters (relation types, time window, provenance, weight,
 * direction). Both are applied while the graph is walked, before anything is counted, so no
 * degree, path, community or score can derive from a hidden node or edge (DESIGN.md, principle 3).
 *
 * An edge is in scope when it passes every filter, the edge predicate, and both of its endpoints
 * are in scope. A hidden node and an unknown node are indistinguishable to every query.
 */
import { AppError, type RecordId } from '@mosaic/model';
import { edgeTypeCode, type EdgeType } from './edge-type.ts';
import type { EntityGraph } from './entity-graph.ts';
import type { GraphEdge, GraphNode, NodeId } from './graph-elements.ts';
import { encodePartialDate, lowerBound, upperBound } from './partial-date.ts';

export interface Visibility {
  readonly node?: (node: GraphNode) => boolean;
  readonly edge?: (edge: GraphEdge) => boolean;
}

export interface TimeWindow {
  /** ISO partial dates; an edge is kept when its span overlaps the window. Undated edges are kept. */
  readonly from?: string;
  readonly to?: string;
}

/** 'out' follows directed edges source -> target only, 'in' target -> source; undirected edges both ways. */
export const DIRECTIONS = ['any', 'out', 'in'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface EdgeFilters {
  readonly types?: readonly EdgeType[];
  readonly window?: TimeWindow;
  /** Keep an edge only if its provenance passes, e.g. `fromAgencies([...])`. */
  readonly provenance?: (records: readonly RecordId[]) => boolean;
  readonly minWeight?: number;
  readonly direction?: Direction;
}

export interface QueryScope extends EdgeFilters {
  readonly visibility?: Visibility;
}

/** A provenance filter: the edge is claimed by at least one record of these agencies. */
export function fromAgencies(agencies: readonly string[]): (records: readonly RecordId[]) => boolean {
  const wanted = new Set(agencies);
  return (records) => records.some((record) => wanted.has(record.slice(0, record.indexOf(':'))));
}

function rejected(message: string, field?: string): AppError {
  return new AppError('MOSAIC_QUERY_REJECTED', `graph: ${message}`, field === undefined ? undefined : { field, reason: message });
}

/**
 * A time window's bound as a packed date; a query with a bound that is not a (real) partial date
 * is rejected, not run unfiltered. `field`: the bound's name in the query (since, until).
 */
export function windowBound(text: string | undefined, bound: (code: number) => number, fallback: number, field: 'since' | 'until'): number {
  if (text === undefined) return fallback;
  const code = encodePartialDate(text);
  if (code === undefined) throw rejected(`${field}: ${JSON.stringify(text.slice(0, 40))} is not an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD) of a real day`, field);
  return bound(code);
}

/**
 * A time window's two bounds, packed ([-Infinity, Infinity] where open); a window that ends before
 * it starts is rejected (it would answer nothing, taken for "nothing happened then").
 */
export function windowBounds(window: TimeWindow | undefined): readonly [from: number, to: number] {
  const from = windowBound(window?.from, lowerBound, -Infinity, 'since');
  const to = windowBound(window?.to, upperBound, Infinity, 'until');
  if (from > to) throw rejected(`until: ${JSON.stringify(window?.to)} is before since ${JSON.stringify(window?.from)}`, 'until');
  return [from, to];
}

/**
 * A query's compiled scope over one graph. Node decisions are memoised per query, since a node is
 * reached through many edges; cheap filters run before the caller's predicates.
 */
export class Scope {
  readonly graph: EntityGraph;
  readonly direction: Direction;
  readonly #typeMask: Uint8Array | undefined;
  readonly #from: number;
  readonly #to: number;
  readonly #minWeight: number;
  readonly #provenance: ((records: readonly RecordId[]) => boolean) | undefined;
  readonly #nodeVisible: ((node: GraphNode) => boolean) | undefined;
  readonly #edgeVisible: ((edge: GraphEdge) => boolean) | undefined;
  readonly #nodeMemo = new Map<number, boolean>();

  constructor(graph: EntityGraph, { types, window, provenance, minWeight = 0, direction = 'any', visibility = {} }: QueryScope) {
    this.graph = graph;
    if (!DIRECTIONS.includes(direction)) throw rejected('unknown direction');
    this.direction = direction;
    if (types === undefined) {
      this.#typeMask = undefined;
    } else {
      const mask = new Uint8Array(256);
      for (const type of types) {
        const code = edgeTypeCode(type);
        if (code < 0) throw rejected('unknown edge type in filter');
        mask[code] = 1;
      }
      this.#typeMask = mask;
    }
    [this.#from, this.#to] = windowBounds(window);
    if (!Number.isFinite(minWeight)) throw rejected('minWeight must be a number');
    this.#minWeight = minWeight;
    this.#provenance = provenance;
    this.#nodeVisible = visibility.node;
    this.#edgeVisible = visibility.edge;
  }

  /** The slot of a node in scope, or -1 for a node that is unknown or hidden. */
  resolve(id: NodeId): number {
    const v = this.graph.indexOf(id);
    return v >= 0 && this.nodeOk(v) ? v : -1;
  }

  nodeOk(v: number): boolean {
    if (this.#nodeVisible === undefined) return true;
    let ok = this.#nodeMemo.get(v);
    if (ok === undefined) {
      ok = this.#nodeVisible(this.graph.nodeAt(v)) === true;
      this.#nodeMemo.set(v, ok);
    }
    return ok;
  }

  /** Whether edge e is in scope (filters, edge predicate, both endpoints), direction aside. */
  edgeOk(e: number): boolean {
    const g = this.graph;
    if (this.#typeMask !== undefined && this.#typeMask[g.edgeTypeCodeAt(e)] !== 1) return false;
    if (g.edgeWeightAt(e) < this.#minWeight) return false;
    if (this.#from !== -Infinity || this.#to !== Infinity) {
      const start = g.edgeStartAt(e);
      const end = g.edgeEndAt(e);
      if (start !== 0 && lowerBound(start) > this.#to) return false;
      if (end !== 0 && upperBound(end) < this.#from) return false;
    }
    if (!this.nodeOk(g.edgeSourceAt(e)) || !this.nodeOk(g.edgeTargetAt(e))) return false;
    if (this.#provenance !== undefined && this.#provenance(g.edgeProvenanceAt(e)) !== true) return false;
    if (this.#edgeVisible !== undefined && this.#edgeVisible(g.edgeAt(e)) !== true) return false;
    return true;
  }

  /** Whether edge e, in scope, may be walked away from node v (against the direction when `backward`). */
  walkable(e: number, v: number, backward: boolean): boolean {
    if (this.direction === 'any' || !this.graph.edgeDirectedAt(e)) return true;
    const forward = (this.direction === 'out') !== backward;
    return forward ? this.graph.edgeSourceAt(e) === v : this.graph.edgeTargetAt(e) === v;
  }

  /** Calls `visit(edge, neighbour)` for every in-scope edge that may be walked from v. */
  forEachStep(v: number, backward: boolean, visit: (e: number, w: number) => void): void {
    const g = this.graph;
    const degree = g.degreeAt(v);
    for (let k = 0; k < degree; k++) {
      const e = g.incidentAt(v, k);
      if (!this.walkable(e, v, backward) || !this.edgeOk(e)) continue;
      visit(e, g.otherEndAt(e, v));
    }
  }
}
