/**
 * Graph benchmark: a seeded, fictional 1M-node / 5M-edge network with community structure
 * (communities of 50-150 members, 80% of ties inside them), then the figures the design holds
 * the graph to: build time and memory, 2-hop expansion with a node budget, shortest paths,
 * Louvain on a 10k-node subgraph, and how long 10k new edges take to be visible to a query.
 *
 *   npx node --max-old-space-size=6000 bench/graph.ts [--nodes N] [--edges M] [--seed S]
 *
 * Prints one JSON object of figures (counts and timings only). Each timing is given as wall time
 * and as process CPU time: on a shared machine the wall time includes waiting for a core.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EntityId, RecordId, seededRandom } from '@mosaic/model';
import { communities, EDGE_TYPES, EdgeId, EntityGraph, expand, fromAgencies, inducedSubgraph, shortestPath, type EdgeType, type GraphEdge } from '@mosaic/graph';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000000' },
    edges: { type: 'string', default: '5000000' },
    seed: { type: 'string', default: '42' },
  },
});
const NODES = Number(args.nodes);
const EDGES = Number(args.edges);

const random = seededRandom(Number(args.seed));
const pick = (n: number): number => Math.floor(random() * n);

/** Wall time and process CPU time (user + system) of one call, in ms: on a shared machine the second is the figure. */
function timed<T>(run: () => T, wall: number[], cpu: number[]): T {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = run();
  wall.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  return result;
}

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

// A fixed CPU-bound loop: its time says how fast this machine is right now, to scale the rest by.
const calibration = (() => {
  const c = process.cpuUsage();
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + Math.imul(i, 7)) | 0;
  const used = process.cpuUsage(c);
  return { loop1e8WallMs: Math.round(performance.now() - t), loop1e8CpuMs: Math.round((used.user + used.system) / 1000), checksum: x & 1 };
})();

const rssBefore = process.memoryUsage().rss;
const buildStart = performance.now();
const buildCpu = process.cpuUsage();
const graph = new EntityGraph({ nodeCapacity: NODES, edgeCapacity: EDGES });
for (let i = 0; i < NODES; i++) graph.addNode({ id: nodeId(i), kind: KINDS[i % KINDS.length]!, label: `Subject ${i}` });
const nodesMs = performance.now() - buildStart;
for (let j = 0; j < EDGES; j++) addRandomEdge(graph);
const buildMs = performance.now() - buildStart;
const buildCpuUsage = process.cpuUsage(buildCpu);
globalThis.gc?.();
const memory = process.memoryUsage();

// 2-hop expansion, node budget 500: without and with a policy predicate (hide agency-3's edges).
const hideAgency3 = { edge: (edge: GraphEdge) => !edge.provenance.some((record) => record.startsWith('agency-3:')) };
const EXPANSIONS = 300;
const expandMs: number[] = [];
const expandCpu: number[] = [];
const expandPolicyMs: number[] = [];
const expandPolicyCpu: number[] = [];
let expandedNodes = 0;
let expandedEdges = 0;
for (let i = 0; i < EXPANSIONS; i++) {
  const seed = nodeId(pick(NODES));
  const result = timed(() => expand(graph, seed, { hops: 2, nodeBudget: 500 }), expandMs, expandCpu);
  expandedNodes += result.subgraph.nodes.length;
  expandedEdges += result.subgraph.edges.length;
  timed(
    () => expand(graph, seed, { hops: 2, nodeBudget: 500, visibility: hideAgency3, provenance: fromAgencies(['agency-0', 'agency-1', 'agency-2', 'agency-3', 'agency-4']) }),
    expandPolicyMs,
    expandPolicyCpu,
  );
}

// Shortest paths between random entities (all in one giant component at this density).
const PATHS = 100;
const WEIGHTED = 30;
const pathMs: number[] = [];
const pathCpu: number[] = [];
const weightedMs: number[] = [];
const weightedCpu: number[] = [];
const hops: number[] = [];
let notFound = 0;
for (let i = 0; i < PATHS; i++) {
  const a = nodeId(pick(NODES));
  const b = nodeId(pick(NODES));
  const result = timed(() => shortestPath(graph, a, b), pathMs, pathCpu);
  if (result.found) hops.push(result.path.hops);
  else notFound++;
  if (i < WEIGHTED) timed(() => shortestPath(graph, a, b, { weighted: true }), weightedMs, weightedCpu);
}

// Louvain on a 10k-node subgraph: the members of the first ~100 communities (a case file's
// worth of groups), with every visible tie among them.
const caseNodes = Array.from({ length: Math.min(NODES, 10_000) }, (_, i) => nodeId(i));
const louvainMs: number[] = [];
const louvainCpu: number[] = [];
const grouped = timed(() => communities(graph, { nodes: caseNodes }), louvainMs, louvainCpu);
const caseEdges = inducedSubgraph(graph, { nodes: caseNodes }).edges.length;

// 10k new edges: time from the first insert until a query sees the last one.
const incrementalMs: number[] = [];
const incrementalCpu: number[] = [];
const seen = timed(
  () => {
    let lastEdge: EdgeId = EdgeId('');
    for (let i = 0; i < 10_000; i++) lastEdge = addRandomEdge(graph);
    const last = graph.edge(lastEdge)!;
    return expand(graph, last.source, { hops: 1, nodeBudget: 1_000_000 }).subgraph.edges.some((edge) => edge.id === lastEdge);
  },
  incrementalMs,
  incrementalCpu,
);
const removeMs: number[] = [];
const removeCpu: number[] = [];
timed(
  () => {
    for (let i = edgeSerial - 10_000; i < edgeSerial; i++) graph.removeEdge(EdgeId(`e${i}`));
  },
  removeMs,
  removeCpu,
);

const figure = (wall: number[], cpu: number[]) => ({ wallP50Ms: quantile(wall, 0.5), wallP99Ms: quantile(wall, 0.99), cpuP50Ms: quantile(cpu, 0.5), cpuP99Ms: quantile(cpu, 0.99) });
const once = (wall: number[], cpu: number[]) => ({ wallMs: Math.round(wall[0]!), cpuMs: Math.round(cpu[0]!) });
console.log(
  JSON.stringify(
    {
      nodes: NODES,
      edges: EDGES,
      communities: communityStart.length - 1,
      cores: availableParallelism(),
      loadAverage1m: Number(loadavg()[0]!.toFixed(1)),
      calibration,
      build: { wallMs: Math.round(buildMs), cpuMs: Math.round((buildCpuUsage.user + buildCpuUsage.system) / 1000), nodesWallMs: Math.round(nodesMs) },
      memory: { rssMB: mb(memory.rss), rssGrowthMB: mb(memory.rss - rssBefore), heapUsedMB: mb(memory.heapUsed), arrayBuffersMB: mb(memory.arrayBuffers) },
      expand2hop: { samples: EXPANSIONS, budget: 500, ...figure(expandMs, expandCpu), meanNodes: Math.round(expandedNodes / EXPANSIONS), meanEdges: Math.round(expandedEdges / EXPANSIONS) },
      expand2hopWithPolicy: figure(expandPolicyMs, expandPolicyCpu),
      shortestPath: { samples: PATHS, ...figure(pathMs, pathCpu), medianHops: quantile(hops, 0.5), notFound },
      weightedShortestPath: { samples: WEIGHTED, ...figure(weightedMs, weightedCpu) },
      louvain: { nodes: caseNodes.length, edges: caseEdges, ...once(louvainMs, louvainCpu), communities: grouped.communities.length, modularity: Number(grouped.modularity.toFixed(3)) },
      incremental: { added: 10_000, visible: seen, ...once(incrementalMs, incrementalCpu) },
      remove10k: once(removeMs, removeCpu),
    },
    null,
    2,
  ),
);
