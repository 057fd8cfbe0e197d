/**
 * Graph benchmark: a seeded, fictional 1M-node / 5M-edge network with community structure
 * (communities of 50-150 members, 80% of ties inside them), then the figures the design holds
 * the graph to: build time and memory, 2-hop expansion with a node budget, shortest paths,
 * Louvain on a 10k-node subgraph, and how long 10k new edges take to be visible to a query.
 *
 *   npx node --max-old-space-size=6000 bench/graph.ts [--nodes N] [--edges M] [--seed S]
 *
 * Prints one JSON object of figures (counts and timings only).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EntityId, RecordId } from '@mosaic/model';
import { communities, EDGE_TYPES, EdgeId, EntityGraph, expand, fromAgencies, shortestPath, type EdgeType, type GraphEdge } from '@mosaic/graph';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000000' },
    edges: { type: 'string', default: '5000000' },
    seed: { type: 'string', default: '42' },
  },
});
const NODES = Number(args.nodes);
const EDGES = Number(args.edges);

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(args.seed));
const pick = (n: number): number => Math.floor(random() * n);

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3));
}
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const nodeId = (i: number): EntityId => EntityId(`n${i}`);
const KINDS = ['Person', 'Person', 'Person', 'Organization', 'Vehicle', 'Address'] as const;
const TYPES: readonly EdgeType[] = EDGE_TYPES.filter((type) => type !== 'mention');

// Communities: consecutive id ranges of 50-150 members.
const communityStart: number[] = [];
const communityOf = new Int32Array(NODES);
for (let i = 0; i < NODES; ) {
  const size = Math.min(NODES - i, 50 + pick(101));
  communityStart.push(i);
  communityOf.fill(communityStart.length - 1, i, i + size);
  i += size;
}
communityStart.push(NODES);

let edgeSerial = 0;
function randomEdge(): { source: number; target: number; type: EdgeType; weight: number; start?: string; agency: number } {
  const source = pick(NODES);
  let target: number;
  if (random() < 0.8) {
    const c = communityOf[source]!;
    const from = communityStart[c]!;
    target = from + pick(communityStart[c + 1]! - from);
  } else {
    target = pick(NODES);
  }
  if (target === source) target = (source + 1) % NODES;
  const dated = random() < 0.5;
  return {
    source,
    target,
    type: TYPES[pick(TYPES.length)]!,
    weight: 0.5 + Math.round(random() * 25) / 10,
    ...(dated ? { start: `${2000 + pick(25)}-${String(1 + pick(12)).padStart(2, '0')}` } : {}),
    agency: pick(8),
  };
}
function addRandomEdge(graph: EntityGraph): EdgeId {
  const edge = randomEdge();
  const id = EdgeId(`e${edgeSerial++}`);
  graph.addEdge({
    id,
    type: edge.type,
    source: nodeId(edge.source),
    target: nodeId(edge.target),
    directed: edge.type === 'ownership' || edge.type === 'membership',
    weight: edge.weight,
    ...(edge.start === undefined ? {} : { start: edge.start }),
    ...(edge.type === 'membership' && random() < 0.05 ? { role: 'leader' } : {}),
    provenance: [RecordId(`agency-${edge.agency}:rel-${edgeSerial}`)],
  });
  return id;
}

const rssBefore = process.memoryUsage().rss;
const buildStart = performance.now();
const graph = new EntityGraph({ nodeCapacity: NODES, edgeCapacity: EDGES });
for (let i = 0; i < NODES; i++) graph.addNode({ id: nodeId(i), kind: KINDS[i % KINDS.length]!, label: `Subject ${i}` });
const nodesMs = performance.now() - buildStart;
for (let j = 0; j < EDGES; j++) addRandomEdge(graph);
const buildMs = performance.now() - buildStart;
globalThis.gc?.();
const memory = process.memoryUsage();

// 2-hop expansion, node budget 500: without and with a policy predicate (hide agency-3's edges).
const hideAgency3 = { edge: (edge: GraphEdge) => !edge.provenance.some((record) => record.startsWith('agency-3:')) };
const expandMs: number[] = [];
const expandPolicyMs: number[] = [];
let expandedNodes = 0;
let expandedEdges = 0;
for (let i = 0; i < 500; i++) {
  const seed = nodeId(pick(NODES));
  let t = performance.now();
  const result = expand(graph, seed, { hops: 2, nodeBudget: 500 });
  expandMs.push(performance.now() - t);
  expandedNodes += result.subgraph.nodes.length;
  expandedEdges += result.subgraph.edges.length;
  t = performance.now();
  expand(graph, seed, { hops: 2, nodeBudget: 500, visibility: hideAgency3, provenance: fromAgencies(['agency-0', 'agency-1', 'agency-2', 'agency-3', 'agency-4']) });
  expandPolicyMs.push(performance.now() - t);
}

// Shortest paths between random entities (all in one giant component at this density).
const pathMs: number[] = [];
const weightedMs: number[] = [];
const hops: number[] = [];
let notFound = 0;
for (let i = 0; i < 200; i++) {
  const a = nodeId(pick(NODES));
  const b = nodeId(pick(NODES));
  let t = performance.now();
  const result = shortestPath(graph, a, b);
  pathMs.push(performance.now() - t);
  if (result.found) hops.push(result.path.hops);
  else notFound++;
  if (i < 50) {
    t = performance.now();
    shortestPath(graph, a, b, { weighted: true });
    weightedMs.push(performance.now() - t);
  }
}

// Louvain on a ~10k-node subgraph: the 3-hop neighbourhood of an entity, budget 10,000.
const around = expand(graph, nodeId(pick(NODES)), { hops: 3, nodeBudget: 10_000 });
const louvainStart = performance.now();
const grouped = communities(graph, { nodes: around.subgraph.nodes.map((node) => node.id) });
const louvainMs = performance.now() - louvainStart;

// 10k new edges: time from the first insert until a query sees the last one.
const incrementalStart = performance.now();
let lastEdge: EdgeId = EdgeId('');
for (let i = 0; i < 10_000; i++) lastEdge = addRandomEdge(graph);
const last = graph.edge(lastEdge)!;
const seen = expand(graph, last.source, { hops: 1, nodeBudget: 1_000_000 }).subgraph.edges.some((edge) => edge.id === lastEdge);
const incrementalMs = performance.now() - incrementalStart;
const removeStart = performance.now();
for (let i = edgeSerial - 10_000; i < edgeSerial; i++) graph.removeEdge(EdgeId(`e${i}`));
const removeMs = performance.now() - removeStart;

console.log(
  JSON.stringify(
    {
      nodes: NODES,
      edges: EDGES,
      communities: communityStart.length - 1,
      buildMs: Math.round(buildMs),
      nodesMs: Math.round(nodesMs),
      rssMB: mb(memory.rss),
      rssGrowthMB: mb(memory.rss - rssBefore),
      heapUsedMB: mb(memory.heapUsed),
      arrayBuffersMB: mb(memory.arrayBuffers),
      expand2hop: { budget: 500, p50Ms: quantile(expandMs, 0.5), p99Ms: quantile(expandMs, 0.99), meanNodes: Math.round(expandedNodes / 500), meanEdges: Math.round(expandedEdges / 500) },
      expand2hopWithPolicy: { p50Ms: quantile(expandPolicyMs, 0.5), p99Ms: quantile(expandPolicyMs, 0.99) },
      shortestPath: { samples: 200, p50Ms: quantile(pathMs, 0.5), p99Ms: quantile(pathMs, 0.99), medianHops: quantile(hops, 0.5), notFound },
      weightedShortestPath: { samples: 50, p50Ms: quantile(weightedMs, 0.5), p99Ms: quantile(weightedMs, 0.99) },
      louvain: {
        nodes: around.subgraph.nodes.length,
        edges: around.subgraph.edges.length,
        ms: Math.round(louvainMs),
        communities: grouped.communities.length,
        modularity: Number(grouped.modularity.toFixed(3)),
      },
      incremental: { added: 10_000, visibleAfterMs: Number(incrementalMs.toFixed(1)), seen, removeMs: Number(removeMs.toFixed(1)) },
    },
    null,
    2,
  ),
);
