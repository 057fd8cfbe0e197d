/**
 * Link analysis over the network of records: expand, paths, connectors, communities,
 * centrality, export. Every answer is computed on the part of the network the user may see.
 */
import { CENTRALITY_MEASURES, EDGE_TYPES, type NodeId } from '@mosaic/graph';
import { graphCentrality, graphCommunities, graphConnectors, graphExpand, graphExport, graphPaths, type GraphFilters, type Projections } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PurposeFields } from './views.ts';

const Id = z.string().min(1).max(300);
const Filters = {
  types: z.array(z.enum(EDGE_TYPES)).optional(), since: z.string().max(10).optional().describe('Time window start (partial ISO date)'), until: z.string().max(10).optional().describe('Time window end'),
  minWeight: z.number().min(0).optional(), agencies: z.array(z.string()).max(50).optional(), ...PurposeFields,
};
const Node = z.object({ id: z.string(), kind: z.string(), label: z.string() });
const Edge = z.object({
  id: z.string(), type: z.string(), source: z.string(), target: z.string(), directed: z.boolean(), label: z.string().optional(), role: z.string().optional(),
  start: z.string().optional(), end: z.string().optional(), weight: z.number(), provenance: z.array(z.string()).readonly(),
});
const Subgraph = z.object({ nodes: z.array(Node).readonly(), edges: z.array(Edge).readonly() });

function filtersOf(body: { types?: GraphFilters['types'] | undefined; since?: string | undefined; until?: string | undefined; minWeight?: number | undefined; agencies?: string[] | undefined }): GraphFilters {
  return {
    ...(body.types ? { types: body.types } : {}), ...(body.since ? { since: body.since } : {}), ...(body.until ? { until: body.until } : {}),
    ...(body.minWeight !== undefined ? { minWeight: body.minWeight } : {}), ...(body.agencies ? { agencies: body.agencies } : {}),
  };
}

export function graphRoutes(projections: Projections) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    const ids = (list: readonly string[]): NodeId[] => list as NodeId[];
    app.post('/graph/expand', {
      schema: { tags: ['graph'], summary: 'The network around entities, up to 3 hops, with filters and a node budget',
        body: z.object({ seeds: z.array(Id).min(1).max(50), hops: z.number().int().min(0).max(3).optional(), maxNodes: z.number().int().min(1).max(5000).optional(), ...Filters }),
        response: { 200: z.object({ nodes: Subgraph.shape.nodes, edges: Subgraph.shape.edges, truncated: z.boolean() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      const { subgraph, truncated } = await graphExpand(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { seeds: ids(b.seeds), ...(b.hops !== undefined ? { hops: b.hops } : {}), ...(b.maxNodes ? { maxNodes: b.maxNodes } : {}), ...filtersOf(b) });
      return { nodes: subgraph.nodes, edges: subgraph.edges, truncated };
    });
    app.post('/graph/paths', {
      schema: { tags: ['graph'], summary: 'Shortest (or k shortest) paths between two entities',
        body: z.object({ from: Id, to: Id, k: z.number().int().min(1).max(10).optional(), ...Filters }),
        response: { 200: z.object({ paths: z.array(z.object({ nodes: Subgraph.shape.nodes, edges: Subgraph.shape.edges, hops: z.number() })).readonly(), reason: z.string().optional() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphPaths(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { from: b.from as NodeId, to: b.to as NodeId, ...(b.k ? { k: b.k } : {}), ...filtersOf(b) });
    });
    app.post('/graph/connectors', {
      schema: { tags: ['graph'], summary: 'Who connects these entities', body: z.object({ entities: z.array(Id).min(2).max(20), maxHops: z.number().int().min(1).max(6).optional(), ...Filters }) },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphConnectors(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { entities: ids(b.entities), ...(b.maxHops ? { maxHops: b.maxHops } : {}), ...filtersOf(b) });
    });
    app.post('/graph/communities', {
      schema: { tags: ['graph'], summary: 'Communities (Louvain) of a set of entities', body: z.object({ nodes: z.array(Id).min(1).max(20_000), ...Filters }) },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphCommunities(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { nodes: ids(b.nodes), ...filtersOf(b) });
    });
    app.post('/graph/centrality', {
      schema: { tags: ['graph'], summary: 'Degree, betweenness, PageRank or eigenvector centrality of a set of entities, with a plain explanation', body: z.object({ nodes: z.array(Id).min(1).max(20_000), measure: z.enum(CENTRALITY_MEASURES), ...Filters }) },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphCentrality(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { nodes: ids(b.nodes), measure: b.measure, ...filtersOf(b) });
    });
    app.post('/graph/export', {
      schema: { tags: ['graph'], summary: 'Export the network around entities as GraphML or JSON',
        body: z.object({ seeds: z.array(Id).min(1).max(50), hops: z.number().int().min(0).max(3).optional(), maxNodes: z.number().int().min(1).max(5000).optional(), format: z.enum(['graphml', 'json']), ...Filters }) },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const b = request.body;
      const text = await graphExport(api.mosaic, { user, ...requirePurpose(b, request) }, projections.graph, { seeds: ids(b.seeds), format: b.format, ...(b.hops !== undefined ? { hops: b.hops } : {}), ...(b.maxNodes ? { maxNodes: b.maxNodes } : {}), ...filtersOf(b) });
      return reply.type(b.format === 'graphml' ? 'application/graphml+xml' : 'application/json').send(text);
    });
  };
}
