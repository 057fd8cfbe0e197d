/**
 * The shapes the graph takes in and gives out. Nodes are resolved entities, or raw records when
 * the caller builds a record-level network: which one is the caller's switch, made by the ids it
 * feeds in (`EntityId` or `RecordId`).
 */
import type { Brand, EntityId, RecordId } from '@mosaic/model';
import type { EdgeType } from './edge-type.ts';

export type NodeId = EntityId | RecordId;
export type EdgeId = Brand<string, 'EdgeId'>;
export const EdgeId = (value: string): EdgeId => value as EdgeId;

export interface GraphNode {
  readonly id: NodeId;
  /** The schema of the entity (Person, Organization, Vehicle...). */
  readonly kind: string;
  readonly label: string;
}

export type NodeInput = GraphNode;

export interface GraphEdge {
  readonly id: EdgeId;
  readonly type: EdgeType;
  readonly source: NodeId;
  readonly target: NodeId;
  /** Directed edges read source -> target (owner -> asset, member -> organisation). */
  readonly directed: boolean;
  /** How the relation reads, e.g. "parent of", "owns". */
  readonly label?: string;
  /** The source's role in the relation, e.g. "leader" for a membership. */
  readonly role?: string;
  /** ISO partial dates (YYYY, YYYY-MM or YYYY-MM-DD). */
  readonly start?: string;
  readonly end?: string;
  /** Strength of the tie, > 0; 1 unless the source says otherwise. */
  readonly weight: number;
  /** The records that claim this relation. */
  readonly provenance: readonly RecordId[];
}

export interface EdgeInput {
  readonly id: EdgeId;
  readonly type: EdgeType;
  readonly source: NodeId;
  readonly target: NodeId;
  readonly directed?: boolean;
  readonly label?: string;
  readonly role?: string;
  readonly start?: string;
  readonly end?: string;
  readonly weight?: number;
  readonly provenance?: readonly RecordId[];
}

/** A visible part of the network: what expansions return and what analyses run on. */
export interface Subgraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
