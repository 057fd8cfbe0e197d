/**
 * The graph read paths. Each builds the user's visibility from the policy decision point —
 * a node is visible when its record may be read, an edge when every record claiming it may —
 * and hands it to the graph query, which removes hidden parts before computing anything, so no
 * path, count, degree, community or score derives from hidden data. What is returned is then
 * logged as a consultation like any other read.
 */
import {
  centrality, communities, connectors, expand, kShortestPaths, toGraphML, toJSON,
  type CentralityMeasure, type EdgeType, type GraphEdge, type GraphNode, type NodeId, type QueryScope, type Subgraph,
} from '@mosaic/graph';
import type { JsonValue } from '@mosaic/audit';
import { AppError, type RecordId } from '@mosaic/model';
import { decide } from '@mosaic/policy';
import { consult, requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { GraphProjection } from './graph-projection.ts';

export interface GraphFilters {
  readonly types?: readonly EdgeType[];
  /** Time window (partial ISO dates); undated edges are kept. */
  readonly since?: string;
  readonly until?: string;
  readonly minWeight?: number;
  /** Keep only edges claimed by records of these agencies. */
  readonly agencies?: readonly string[];
}

async function scopeFor(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, filters: GraphFilters): Promise<QueryScope> {
  requirePurpose(consultation);
  const snapshot = await mosaic.org();
  const user = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  const seen = new Map<RecordId, boolean>();
  const visible = (id: RecordId): boolean => {
    let answer = seen.get(id);
    if (answer === undefined) {
      const provenance = projection.provenanceOf(id);
      answer = provenance !== undefined && decide(user, 'read', { kind: 'record', id, provenance }, context).effect === 'allow';
      seen.set(id, answer);
    }
    return answer;
  };
  const agencies = filters.agencies;
  return {
    visibility: { node: (node: GraphNode) => visible(node.id as RecordId), edge: (edge: GraphEdge) => edge.provenance.every(visible) },
    ...(filters.types ? { types: filters.types } : {}),
    ...(filters.since || filters.until ? { window: { ...(filters.since ? { from: filters.since } : {}), ...(filters.until ? { to: filters.until } : {}) } } : {}),
    ...(filters.minWeight !== undefined ? { minWeight: filters.minWeight } : {}),
    ...(agencies ? { provenance: (records: readonly RecordId[]) => records.some((r) => agencies.includes(r.slice(0, r.indexOf(':')))) } : {}),
  };
}

/** Log what the answer disclosed: every node's record and every record behind an edge. */
async function disclose(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, subgraph: Subgraph, query: { readonly [key: string]: JsonValue }): Promise<void> {
  const ids = new Set<RecordId>([...subgraph.nodes.map((n) => n.id as RecordId), ...subgraph.edges.flatMap((e) => e.provenance)]);
  const records = [...ids].flatMap((id) => {
    const provenance = projection.provenanceOf(id);
    return provenance ? [{ id, provenance }] : [];
  });
  await consult(mosaic, consultation, records, { action: 'read', query: { graph: query } });
}

const notFound = (): AppError => new AppError('MOSAIC_NOT_FOUND', 'graph: no such entity, or not visible to you');

export async function graphExpand(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { seeds: readonly NodeId[]; hops?: number; maxNodes?: number } & GraphFilters): Promise<{ subgraph: Subgraph; truncated: boolean }> {
  const scope = await scopeFor(mosaic, consultation, projection, request);
  const result = expand(projection.graph, request.seeds, { ...scope, hops: request.hops ?? 1, nodeBudget: request.maxNodes ?? 200 });
  if (result.subgraph.nodes.length === 0) throw notFound();
  await disclose(mosaic, consultation, projection, result.subgraph, { expand: [...request.seeds], hops: request.hops ?? 1 });
  return { subgraph: result.subgraph, truncated: result.truncated };
}

export async function graphPaths(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { from: NodeId; to: NodeId; k?: number } & GraphFilters): Promise<{ paths: readonly { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; hops: number }[]; reason?: string }> {
  const scope = await scopeFor(mosaic, consultation, projection, request);
  const outcome = kShortestPaths(projection.graph, request.from, request.to, { ...scope, k: request.k ?? 1 });
  if (!outcome.found) {
    if (outcome.reason === 'not-found') throw notFound();
    return { paths: [], reason: outcome.reason };
  }
  const nodes = new Map(outcome.paths.flatMap((p) => p.nodes.map((n) => [n.id, n] as const)));
  const edges = new Map(outcome.paths.flatMap((p) => p.edges.map((e) => [e.id, e] as const)));
  await disclose(mosaic, consultation, projection, { nodes: [...nodes.values()], edges: [...edges.values()] }, { paths: [request.from, request.to] });
  return { paths: outcome.paths.map((p) => ({ nodes: p.nodes, edges: p.edges, hops: p.hops })) };
}

export async function graphConnectors(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { entities: readonly NodeId[]; maxHops?: number } & GraphFilters) {
  const scope = await scopeFor(mosaic, consultation, projection, request);
  const result = connectors(projection.graph, request.entities, { ...scope, maxHops: request.maxHops ?? 3 });
  await disclose(mosaic, consultation, projection, { nodes: result.connectors.map((c) => c.node), edges: [] }, { connectors: [...request.entities] });
  return result;
}

export async function graphCommunities(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { nodes: readonly NodeId[] } & GraphFilters) {
  const scope = await scopeFor(mosaic, consultation, projection, request);
  const result = communities(projection.graph, { ...scope, nodes: request.nodes });
  const members = result.communities.flatMap((c) => c.members).flatMap((id) => projection.graph.node(id) ?? []);
  await disclose(mosaic, consultation, projection, { nodes: members, edges: [] }, { communities: request.nodes.length });
  return result;
}

export async function graphCentrality(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { nodes: readonly NodeId[]; measure: CentralityMeasure } & GraphFilters) {
  const scope = await scopeFor(mosaic, consultation, projection, request);
  const result = centrality(projection.graph, { ...scope, nodes: request.nodes, measure: request.measure });
  await disclose(mosaic, consultation, projection, { nodes: result.converged ? result.scores.map((s) => s.node) : [], edges: [] }, { centrality: request.measure, nodes: request.nodes.length });
  return result;
}

export async function graphExport(mosaic: Mosaic, consultation: Consultation, projection: GraphProjection, request: { seeds: readonly NodeId[]; hops?: number; maxNodes?: number; format: 'graphml' | 'json' } & GraphFilters): Promise<string> {
  const { subgraph } = await graphExpand(mosaic, { ...consultation }, projection, request);
  return request.format === 'graphml' ? toGraphML(subgraph) : JSON.stringify(toJSON(subgraph));
}
