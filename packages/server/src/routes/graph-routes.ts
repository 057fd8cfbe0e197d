/**
 * Link analysis over the network of resolved entities (or of raw records, `level: 'record'`):
 * expand, paths, connectors, communities, centrality, export, timeline, places, and charts
 * saved to a case. Every answer is computed on the part of the network the user may see.
 */
import { CENTRALITY_MEASURES, EDGE_TYPES, type NodeId } from '@mosaic/graph';
import { CLASSIFICATION, HANDLING, TLP } from '@mosaic/model';
import {
  CHART_SHARES, GRAPH_LEVELS, graphCentrality, graphCommunities, graphConnectors, graphExpand, graphExport, graphPaths, graphPlaces, graphTimeline, listCharts, openChart, saveChart,
  type GraphFilters, type Projections,
} from '@mosaic/service';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PointerOut, PurposeFieldsOrHeaders as Purpose, PurposeHeaders } from './views.ts';

const Id = z.string().min(1).max(300);
const Level = z.enum(GRAPH_LEVELS).optional().describe('entity (default): nodes are resolved entities; record: raw records');
const Filters = {
  level: Level,
  types: z.array(z.enum(EDGE_TYPES)).optional(), since: z.string().max(10).optional().describe('Time window start (partial ISO date)'), until: z.string().max(10).optional().describe('Time window end'),
  minWeight: z.number().min(0).optional(), agencies: z.array(z.string()).max(50).optional(), ...Purpose,
};
const Node = z.object({ id: z.string(), kind: z.string(), label: z.string() });
const Edge = z.object({
  id: z.string(), type: z.string(), source: z.string(), target: z.string(), directed: z.boolean(), label: z.string().optional(), role: z.string().optional(),
  start: z.string().optional(), end: z.string().optional(), weight: z.number(), provenance: z.array(z.string()).readonly(),
});
const Subgraph = z.object({ nodes: z.array(Node).readonly(), edges: z.array(Edge).readonly() });
const Pointers = z.array(PointerOut).readonly().describe('one per agency holding records you may not read of the entities answered (those drawn, or given and seen through pointers alone), where its agreement lets you know, as their profiles give them');
const Pair = z.tuple([z.string(), z.string()]).readonly();
const ConnectorsOut = z.object({
  connectors: z.array(z.object({
    node: Node, pairs: z.array(Pair).readonly().describe('the pairs of given entities it lies between, each [a, b] with a < b'), explanation: z.string(),
  })).readonly().describe('most pairs connected first, then shortest connections'),
  connectedPairs: z.number().int().describe('pairs of the given entities joined within maxHops'),
  unconnectedPairs: z.array(Pair).readonly().describe('pairs of the given entities not joined within maxHops (an entity seen through pointers alone is joined to none)'),
  pointers: Pointers,
});
const CommunitiesOut = z.object({
  communities: z.array(z.object({
    id: z.number().int(), members: z.array(z.string()).readonly(),
    internalTies: z.number().int().describe('ties inside the community'), externalTies: z.number().int().describe('ties leaving it'),
  })).readonly().describe('largest first, numbered from 0'),
  modularity: z.number().describe('Newman-Girvan modularity of the grouping, -0.5 to 1; above 0.3 a clear structure'),
  explanation: z.string(),
  pointers: Pointers,
});
const CentralityOut = z.discriminatedUnion('converged', [
  z.object({
    converged: z.literal(true), measure: z.enum(CENTRALITY_MEASURES), description: z.string(),
    scores: z.array(z.object({ node: Node, score: z.number(), rank: z.number().int().describe('equal scores share a rank'), explanation: z.string() })).readonly().describe('best first, at most 50'),
    pointers: Pointers,
  }),
  z.object({ converged: z.literal(false), measure: z.enum(CENTRALITY_MEASURES), description: z.string(), reason: z.string().describe('PageRank or eigenvector did not converge'), pointers: Pointers }),
]);
/** How an exported item is marked: the highest TLP, classification and handling code of the records it comes from. */
const Marking = {
  tlp: z.enum(TLP).optional(), classification: z.enum(CLASSIFICATION).optional(), handling: z.enum(HANDLING).optional().describe('Europol handling code'),
};
/** graphology's serialisation format (graphology.github.io/serialization), as @mosaic/graph toJSON writes it. */
const SerializedGraphOut = z.object({
  attributes: z.object({
    ...Marking,
    withheld: z.object({
      records: z.number().int(), nodes: z.number().int(), edges: z.number().int(),
      reasons: z.record(z.string(), z.number().int()).describe('records withheld, by the reason the policy gave'),
    }).optional().describe('what you read of this network but may not export: left out of the file'),
  }).describe('the highest marking of what the file holds (none when it holds nothing), and what was withheld'),
  options: z.object({ type: z.literal('mixed'), multi: z.literal(true), allowSelfLoops: z.literal(true) }),
  nodes: z.array(z.object({ key: z.string(), attributes: Node.omit({ id: true }).extend(Marking) })).readonly(),
  edges: z.array(z.object({ key: z.string(), source: z.string(), target: z.string(), undirected: z.boolean(), attributes: Edge.omit({ id: true, source: true, target: true, directed: true }).extend(Marking) })).readonly(),
});

/**
 * Where an export's pointers go: beside the file, not in it (graphExport), as JSON. The owner's
 * agreement lets the user know; the file is passed on, which the policy does not let a pointer be.
 */
const POINTERS_HEADER = 'X-Mosaic-Pointers';

/** JSON in a header's field value, which is ASCII: other characters (an agency's or desk's name) written as \u escapes, JSON still. */
const headerJson = (value: unknown): string => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function filtersOf(body: { level?: GraphFilters['level'] | undefined; types?: GraphFilters['types'] | undefined; since?: string | undefined; until?: string | undefined; minWeight?: number | undefined; agencies?: string[] | undefined }): GraphFilters {
  return {
    ...(body.level ? { level: body.level } : {}),
    ...(body.types ? { types: body.types } : {}), ...(body.since ? { since: body.since } : {}), ...(body.until ? { until: body.until } : {}),
    ...(body.minWeight !== undefined ? { minWeight: body.minWeight } : {}), ...(body.agencies ? { agencies: body.agencies } : {}),
  };
}

export function graphRoutes(projections: Projections) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    // The network decides on the markings it keeps, read from the change feed every quarter of a
    // second (longer on a busy node, or for what another node wrote): brought up to what is stored
    // first, so that a record its owner has just raised to TLP:RED or restricted to a case team is
    // not drawn as it was marked before, where a read or a search of it is refused at once.
    api.addHook('preHandler', async () => {
      await projections.follower.catchUp();
    });
    const ids = (list: readonly string[]): NodeId[] => list as NodeId[];
    app.post('/graph/expand', {
      schema: { tags: ['graph'], summary: 'The network around entities, up to 3 hops, with filters and a node budget',
        headers: PurposeHeaders, body: z.object({ seeds: z.array(Id).min(1).max(50), hops: z.number().int().min(0).max(3).optional(), maxNodes: z.number().int().min(1).max(5000).optional(), ...Filters }),
        response: { 200: z.object({ nodes: Subgraph.shape.nodes, edges: Subgraph.shape.edges, truncated: z.boolean(), pointers: Pointers }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      const { subgraph, truncated, pointers } = await graphExpand(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { seeds: ids(b.seeds), ...(b.hops !== undefined ? { hops: b.hops } : {}), ...(b.maxNodes ? { maxNodes: b.maxNodes } : {}), ...filtersOf(b) });
      return { nodes: subgraph.nodes, edges: subgraph.edges, truncated, pointers };
    });
    app.post('/graph/paths', {
      schema: { tags: ['graph'], summary: 'Shortest (or k shortest) paths between two entities',
        headers: PurposeHeaders, body: z.object({ from: Id, to: Id, k: z.number().int().min(1).max(10).optional(), ...Filters }),
        response: { 200: z.object({ paths: z.array(z.object({ nodes: Subgraph.shape.nodes, edges: Subgraph.shape.edges, hops: z.number() })).readonly(), reason: z.string().optional(), pointers: Pointers }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphPaths(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { from: b.from as NodeId, to: b.to as NodeId, ...(b.k ? { k: b.k } : {}), ...filtersOf(b) });
    });
    app.post('/graph/connectors', {
      schema: { tags: ['graph'], summary: 'Who connects these entities', headers: PurposeHeaders,
        body: z.object({ entities: z.array(Id).min(2).max(20), maxHops: z.number().int().min(1).max(6).optional(), ...Filters }), response: { 200: ConnectorsOut } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphConnectors(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { entities: ids(b.entities), ...(b.maxHops ? { maxHops: b.maxHops } : {}), ...filtersOf(b) });
    });
    app.post('/graph/communities', {
      schema: { tags: ['graph'], summary: 'Communities (Louvain) of a set of entities', headers: PurposeHeaders, body: z.object({ nodes: z.array(Id).min(1).max(20_000), ...Filters }), response: { 200: CommunitiesOut } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphCommunities(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { nodes: ids(b.nodes), ...filtersOf(b) });
    });
    app.post('/graph/centrality', {
      schema: { tags: ['graph'], summary: 'Degree, betweenness, PageRank or eigenvector centrality of a set of entities, with a plain explanation', headers: PurposeHeaders,
        body: z.object({ nodes: z.array(Id).min(1).max(20_000), measure: z.enum(CENTRALITY_MEASURES), ...Filters }), response: { 200: CentralityOut } },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      return graphCentrality(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { nodes: ids(b.nodes), measure: b.measure, ...filtersOf(b) });
    });
    app.post('/graph/export', {
      schema: { tags: ['graph'], summary: 'Export what you may export of the network around entities as GraphML or JSON, marked, saying what was withheld (analyst role)', headers: PurposeHeaders,
        body: z.object({ seeds: z.array(Id).min(1).max(50), hops: z.number().int().min(0).max(3).optional(), maxNodes: z.number().int().min(1).max(5000).optional(), format: z.enum(['graphml', 'json']), ...Filters }),
        response: { 200: { description: `The file itself, by \`format\`: GraphML (graphml) or graphology JSON (json); the pointers expand gives of the same network in the ${POINTERS_HEADER} header, never in the file`, content: {
          'application/graphml+xml': { schema: z.string().describe('a GraphML document (graphml.graphdrawing.org)') },
          'application/json': { schema: SerializedGraphOut },
        } } } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const b = request.body;
      const { file, pointers } = await graphExport(api.mosaic, { user, ...requirePurpose(b, request) }, projections, { seeds: ids(b.seeds), format: b.format, ...(b.hops !== undefined ? { hops: b.hops } : {}), ...(b.maxNodes ? { maxNodes: b.maxNodes } : {}), ...filtersOf(b) });
      return reply.type(b.format === 'graphml' ? 'application/graphml+xml' : 'application/json').header(POINTERS_HEADER, headerJson(pointers)).send(file);
    });

    const TimelineBody = z.object({ entities: z.array(Id).min(1).max(50), since: Filters.since, until: Filters.until, level: Level });
    const TimelineEvent = z.object({
      id: z.string(), kind: z.string(), date: z.string(), end: z.string().optional(), place: z.string().optional(), summary: z.string().optional(),
      route: z.object({ from: z.string().optional(), to: z.string().optional(), by: z.string().optional() }).optional().describe('a journey\'s (Travel): the countries it left and went to, by name, and how it was made'),
      entities: z.array(z.string()).readonly(), involved: z.array(z.string()).readonly(), provenance: z.array(z.string()).readonly(),
    });
    const TimelineOut = z.object({ events: z.array(TimelineEvent).readonly(), undated: z.array(TimelineEvent).readonly(), pointers: Pointers });
    const timelineOf = async (request: FastifyRequest, query: z.infer<typeof TimelineBody>, purpose: { purpose?: string | undefined; caseRef?: string | undefined }) => {
      const user = await requireUser(request);
      return graphTimeline(api.mosaic, { user, ...requirePurpose(purpose, request) }, projections, {
        entities: ids(query.entities), ...(query.since ? { since: query.since } : {}), ...(query.until ? { until: query.until } : {}), ...(query.level ? { level: query.level } : {}),
      });
    };
    const listOf = (value: unknown): unknown => (typeof value === 'string' ? value.split(',').filter((s) => s.length > 0) : value);
    const TimelineQuery = z.object({ entities: z.preprocess(listOf, TimelineBody.shape.entities).describe('Comma-separated entity ids'), since: Filters.since, until: Filters.until, level: Level });
    app.get('/graph/timeline', {
      schema: { tags: ['graph'], summary: 'Events (sightings, checks, trips...) involving the entities, in date order', querystring: TimelineQuery, headers: PurposeHeaders, response: { 200: TimelineOut } },
    }, async (request) => timelineOf(request, request.query, {}));
    app.post('/graph/timeline', {
      schema: { tags: ['graph'], summary: 'Events (sightings, checks, trips...) involving the entities, in date order', headers: PurposeHeaders, body: TimelineBody.extend(Purpose), response: { 200: TimelineOut } },
    }, async (request) => timelineOf(request, request.body, request.body));

    const PlacesBody = z.object({ entities: z.array(Id).min(1).max(50), level: Level });
    const PlacesOut = z.object({
      places: z.array(z.object({
        id: z.string(), kind: z.string(), label: z.string().optional(), date: z.string().optional(), lat: z.number(), lon: z.number(),
        entities: z.array(z.string()).readonly(), provenance: z.array(z.string()).readonly(),
      })).readonly(),
      bounds: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }).optional(),
      withoutCoordinates: z.number(),
      pointers: Pointers,
    });
    const placesOf = async (request: FastifyRequest, query: z.infer<typeof PlacesBody>, purpose: { purpose?: string | undefined; caseRef?: string | undefined }) => {
      const user = await requireUser(request);
      const result = await graphPlaces(api.mosaic, { user, ...requirePurpose(purpose, request) }, projections, { entities: ids(query.entities), ...(query.level ? { level: query.level } : {}) });
      return { places: result.places, withoutCoordinates: result.withoutCoordinates, ...(result.bounds ? { bounds: result.bounds } : {}), pointers: result.pointers };
    };
    app.get('/graph/places', {
      schema: { tags: ['graph'], summary: 'Places with coordinates for a map: addresses, sightings, checks of the entities', querystring: z.object({ entities: z.preprocess(listOf, PlacesBody.shape.entities), level: Level }), headers: PurposeHeaders, response: { 200: PlacesOut } },
    }, async (request) => placesOf(request, request.query, {}));
    app.post('/graph/places', {
      schema: { tags: ['graph'], summary: 'Places with coordinates for a map: addresses, sightings, checks of the entities', headers: PurposeHeaders, body: PlacesBody.extend(Purpose), response: { 200: PlacesOut } },
    }, async (request) => placesOf(request, request.body, request.body));

    const CaseParams = z.object({ caseRef: z.string().min(1).max(100) });
    const ChartSummary = z.object({ id: z.string(), caseRef: z.string(), title: z.string(), author: z.string(), share: z.enum(CHART_SHARES), createdAt: z.string(), updatedAt: z.string() });
    const Position = z.object({ x: z.number(), y: z.number() });
    const ChartFilters = z.object({ level: Level, types: Filters.types, since: Filters.since, until: Filters.until, minWeight: Filters.minWeight, agencies: Filters.agencies });
    app.post('/cases/:caseRef/charts', {
      schema: { tags: ['graph'], summary: 'Save a chart (entities, filters, layout) to a case', params: CaseParams, headers: PurposeHeaders,
        body: z.object({
          title: z.string().min(1).max(200), nodes: z.array(Id).min(1).max(2000), share: z.enum(CHART_SHARES).optional(),
          positions: z.record(z.string(), Position).optional(), filters: ChartFilters.optional(), ...Purpose,
        }),
        response: { 201: ChartSummary } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const b = request.body;
      const saved = await saveChart(api.mosaic, { user, ...requirePurpose(b, request) }, request.params.caseRef, {
        title: b.title, nodes: ids(b.nodes), ...(b.share ? { share: b.share } : {}), ...(b.positions ? { positions: b.positions } : {}), ...(b.filters ? { filters: filtersOf(b.filters) } : {}),
      });
      return reply.code(201).send(saved);
    });
    app.get('/cases/:caseRef/charts', {
      schema: { tags: ['graph'], summary: 'The charts of a case the user may open', params: CaseParams, headers: PurposeHeaders, response: { 200: z.object({ charts: z.array(ChartSummary).readonly() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      return { charts: await listCharts(api.mosaic, { user, ...requirePurpose(undefined, request) }, request.params.caseRef) };
    });
    app.get('/cases/:caseRef/charts/:id', {
      schema: { tags: ['graph'], summary: 'Reopen a chart: the part of its network the user may see now', params: CaseParams.extend({ id: z.string().min(1).max(100) }), headers: PurposeHeaders,
        response: { 200: z.object({ chart: ChartSummary.extend({ positions: z.record(z.string(), Position).optional(), filters: ChartFilters.extend({ types: z.array(z.enum(EDGE_TYPES)).readonly().optional(), agencies: z.array(z.string()).readonly().optional() }).optional() }), nodes: Subgraph.shape.nodes, edges: Subgraph.shape.edges }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { chart, subgraph } = await openChart(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections, request.params.caseRef, request.params.id);
      return { chart, nodes: subgraph.nodes, edges: subgraph.edges };
    });
  };
}
