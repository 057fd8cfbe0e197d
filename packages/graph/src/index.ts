/**
 * @mosaic/graph - the network over resolved entities (or raw records, by the ids fed in):
 * a compact incremental multigraph, queries that see only what the caller's policy lets them
 * see, graphology-backed communities and centrality, timelines, places and exports.
 */
export { EDGE_TYPES, isEdgeType, type EdgeType } from './edge-type.ts';
export { EdgeId, type EdgeInput, type GraphEdge, type GraphNode, type NodeId, type NodeInput, type Subgraph } from './graph-elements.ts';
export { EntityGraph, type EntityGraphOptions } from './entity-graph.ts';
export { encodePartialDate, decodePartialDate } from './partial-date.ts';
export { DIRECTIONS, fromAgencies, type Direction, type EdgeFilters, type QueryScope, type TimeWindow, type Visibility } from './query-scope.ts';
export { inducedSubgraph, type InducedSubgraphOptions } from './induced-subgraph.ts';
export { expand, EXPAND_DEFAULTS, MAX_EXPAND_HOPS, type ExpandOptions, type Expansion } from './expand.ts';
export { shortestPath, SHORTEST_PATH_DEFAULTS, type Path, type PathOutcome, type ShortestPathOptions } from './shortest-path.ts';
export { kShortestPaths, K_SHORTEST_PATHS_DEFAULTS, type KPathsOutcome, type KShortestPathsOptions } from './k-shortest-paths.ts';
export { connectors, CONNECTORS_DEFAULTS, type Connector, type ConnectorsOptions, type ConnectorsResult } from './connectors.ts';
export { communities, COMMUNITIES_DEFAULTS, type CommunitiesOptions, type CommunitiesResult, type Community } from './communities.ts';
export {
  centrality,
  CENTRALITY_DEFAULTS,
  CENTRALITY_DESCRIPTIONS,
  CENTRALITY_MEASURES,
  type CentralityMeasure,
  type CentralityOptions,
  type CentralityResult,
  type CentralityScore,
} from './centrality.ts';
export { toGraphology, type SimpleEdgeAttributes } from './to-graphology.ts';
export { timeline, type Timeline, type TimelineEntry, type TimelineItem, type TimelineOptions } from './timeline.ts';
export { places, type Bounds, type PlaceItem, type Places, type PlacesOptions } from './places.ts';
export { escapeXml, toGraphML } from './export-graphml.ts';
export { toJSON, type SerializedGraph } from './export-json.ts';
export type { ExportMarking, ExportNotes, ExportWithheld } from './export-notes.ts';
export {
  deriveSharedIdentifierEdges,
  IDENTIFIER_KINDS,
  normaliseIdentifier,
  SHARED_EDGE_TYPE,
  SHARED_EDGES_DEFAULTS,
  type IdentifierClaim,
  type IdentifierKind,
  type SharedEdges,
  type SharedEdgesOptions,
} from './shared-identifier-edges.ts';
