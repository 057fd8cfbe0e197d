/**
 * Who is central in a visible subgraph, by one of four measures from graphology-metrics, each
 * score with a plain-language explanation an analyst can repeat:
 * - degree: how many distinct entities it is tied to directly;
 * - betweenness (Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 2001):
 *   the share of shortest paths between other pairs that pass through it - brokers and bridges;
 * - PageRank (Brin & Page 1998): where a walk along ties, weighted by strength, spends its time;
 * - eigenvector (Bonacich 1972): tied to entities that are themselves well tied.
 * Ties are treated as undirected and parallel ties merged (see to-graphology.ts).
 */
import { AppError } from '@mosaic/model';
import type { EntityGraph } from './entity-graph.ts';
import type { GraphNode } from './graph-elements.ts';
import { betweennessCentrality, eigenvectorCentrality, pagerank } from './graphology-algorithms.ts';
import { inducedSubgraph, type InducedSubgraphOptions } from './induced-subgraph.ts';
import { toGraphology } from './to-graphology.ts';

export const CENTRALITY_MEASURES = ['degree', 'betweenness', 'pagerank', 'eigenvector'] as const;
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number];

export const CENTRALITY_DEFAULTS = { alpha: 0.85, maxIterations: 1000, tolerance: 1e-9, limit: 50 } as const;

export const CENTRALITY_DESCRIPTIONS: Readonly<Record<CentralityMeasure, string>> = {
  degree: 'Degree: how many different entities each one is directly tied to in this view.',
  betweenness: 'Betweenness (Brandes 2001): how much of the traffic along shortest paths between other entities passes through each one; high values mark brokers and bridges between groups.',
  pagerank: 'PageRank (Brin & Page 1998): how much of its time a walk that follows ties (stronger ties more often) and sometimes jumps at random spends at each entity.',
  eigenvector: 'Eigenvector centrality (Bonacich 1972): high for entities tied to entities that are themselves well tied.',
};

export interface CentralityOptions extends InducedSubgraphOptions {
  readonly measure: CentralityMeasure;
  /** PageRank damping: the chance that the walk follows a tie rather than jumps. */
  readonly alpha?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Most scores returned, best first. */
  readonly limit?: number;
}

export interface CentralityScore {
  readonly node: GraphNode;
  readonly score: number;
  readonly rank: number;
  readonly explanation: string;
}

export type CentralityResult =
  | { readonly converged: true; readonly measure: CentralityMeasure; readonly description: string; readonly scores: readonly CentralityScore[] }
  | { readonly converged: false; readonly measure: CentralityMeasure; readonly description: string; readonly reason: string };

export function centrality(
  graph: EntityGraph,
  {
    measure,
    alpha = CENTRALITY_DEFAULTS.alpha,
    maxIterations = CENTRALITY_DEFAULTS.maxIterations,
    tolerance = CENTRALITY_DEFAULTS.tolerance,
    limit = CENTRALITY_DEFAULTS.limit,
    ...options
  }: CentralityOptions,
): CentralityResult {
  if (!CENTRALITY_MEASURES.includes(measure)) throw new AppError('MOSAIC_QUERY_REJECTED', 'graph: unknown centrality measure');
  const subgraph = inducedSubgraph(graph, options);
  const simple = toGraphology(subgraph);
  const description = CENTRALITY_DESCRIPTIONS[measure];
  const n = simple.order;
  const byId = new Map(subgraph.nodes.map((node) => [node.id as string, node]));

  let raw: Record<string, number>;
  let explain: (score: number, rank: number) => string;
  const of = (rank: number): string => `rank ${rank} of ${n}`;
  if (measure === 'degree') {
    raw = Object.fromEntries(simple.nodes().map((node) => [node, simple.degree(node)]));
    explain = (score, rank) =>
      `Directly tied to ${score} of the ${n - 1} other entities in this view (${percent(n > 1 ? score / (n - 1) : 0)}; ${of(rank)}).`;
  } else if (measure === 'betweenness') {
    // Unnormalised undirected betweenness sums, over unordered pairs of other nodes, the share
    // of their shortest paths through the node; dividing by the number of such pairs gives a share.
    raw = n === 0 ? {} : betweennessCentrality(simple, { normalized: false, getEdgeWeight: null });
    const pairs = ((n - 1) * (n - 2)) / 2;
    explain = (score, rank) =>
      `On average ${percent(pairs > 0 ? score / pairs : 0)} of the shortest paths between pairs of other entities in this view pass through it ` +
      `(${score.toFixed(1)} of ${pairs} pairs; ${of(rank)}).`;
  } else {
    try {
      raw =
        n === 0
          ? {}
          : measure === 'pagerank'
            ? pagerank(simple, { alpha, maxIterations, tolerance, getEdgeWeight: 'weight' })
            : eigenvectorCentrality(simple, { maxIterations, tolerance, getEdgeWeight: 'weight' });
    } catch (error) {
      if (error instanceof Error && /converge/.test(error.message)) {
        return { converged: false, measure, description, reason: `did not converge within ${maxIterations} iterations` };
      }
      throw error;
    }
    if (measure === 'pagerank') {
      explain = (score, rank) =>
        `A walk along the ties spends ${percent(score)} of its time here, against ${percent(n > 0 ? 1 / n : 0)} if all were equal (${of(rank)}).`;
    } else {
      const top = Math.max(0, ...Object.values(raw));
      explain = (score, rank) =>
        `Tied to well-connected entities: ${percent(top > 0 ? score / top : 0)} of the most central entity's score (${of(rank)}).`;
    }
  }

  const ranked = Object.entries(raw).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const scores: CentralityScore[] = [];
  let rank = 0;
  ranked.slice(0, limit).forEach(([node, score], i) => {
    // Equal scores share a rank (competition ranking: 1, 1, 3).
    if (i === 0 || Math.abs(score - ranked[i - 1]![1]) > 1e-12) rank = i + 1;
    scores.push({ node: byId.get(node)!, score, rank, explanation: explain(score, rank) });
  });
  return { converged: true, measure, description, scores };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;
}
