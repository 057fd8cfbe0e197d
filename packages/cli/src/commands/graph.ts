/**
 * mosaic graph expand|path|connectors|communities|centrality|timeline|places|export IDS…
 *   --as USER --purpose P --case C [--level entity|record] [filters] [--data DIR]
 *
 * Link analysis over the store, as a named user: the same read paths as the API (policy filter
 * before anything is computed, every answer logged in the audit chain with its purpose and
 * case). Prints one JSON document (GraphML for `export --format graphml`); counts only on stderr.
 */
import { CENTRALITY_MEASURES, EDGE_TYPES, isEdgeType, type CentralityMeasure, type EdgeType, type NodeId } from '@mosaic/graph';
import { AppError, isAppError } from '@mosaic/model';
import {
  GRAPH_LEVELS, graphCentrality, graphCommunities, graphConnectors, graphExpand, graphExport, graphPaths, graphPlaces, graphTimeline, openMosaic, startProjections,
  type Consultation, type GraphFilters, type GraphLevel,
} from '@mosaic/service';
import { ACTING_OPTIONS, actingUser } from '../acting-user.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { STORE_OPTIONS, configOf, parse, requirePurposeOptions, takesOnly } from '../args.ts';
import { existingStore } from '../existing-store.ts';

const SUBCOMMANDS = ['expand', 'path', 'connectors', 'communities', 'centrality', 'timeline', 'places', 'export'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const USAGE = [
  'usage: mosaic graph <expand|path|connectors|communities|centrality|timeline|places|export> IDS…',
  '         --as USER --purpose P --case C [--level entity|record] [--data DIR]',
  '         [--hops N] [--max-nodes N] [--k N] [--measure degree|betweenness|pagerank|eigenvector] [--format json|graphml]',
  '         [--type T]… [--since DATE] [--until DATE] [--min-weight W] [--agency A]…',
].join('\n');

/** The options each subcommand takes, besides the store's, --as, --purpose and --case. */
const FILTERS = ['level', 'type', 'since', 'until', 'min-weight', 'agency'] as const;
const SUBCOMMAND_OPTIONS: Readonly<Record<Subcommand, readonly string[]>> = {
  expand: [...FILTERS, 'hops', 'max-nodes'],
  path: [...FILTERS, 'k'],
  connectors: [...FILTERS, 'hops'],
  communities: FILTERS,
  centrality: [...FILTERS, 'measure'],
  timeline: ['level', 'since', 'until'],
  places: ['level'],
  export: [...FILTERS, 'hops', 'max-nodes', 'format'],
};

const invalid = (message: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `graph: ${message}`);

function integer(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** The options of the filters that the service's refusals name by the API's fields (graph-queries.ts, @mosaic/graph query-scope.ts). */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = { since: '--since', until: '--until', agencies: '--agency' };

/**
 * A refusal of the service, which names the API's fields (`graph: since: "x" is not …`), said
 * naming the option the value was typed as (`graph timeline: --since: "x" is not …`).
 */
function namingOptions(command: string, error: unknown): unknown {
  const field = isAppError(error) ? error.details?.['field'] : undefined;
  const option = typeof field === 'string' ? OPTION_OF_FIELD[field] : undefined;
  if (!isAppError(error) || option === undefined) return error;
  const reason = error.message.replace(/^graph: /, '').replace(`${String(field)}: `, '')
    // a window ending before it starts names the other bound too; a value given is quoted as JSON, so holds no bare quote
    .replace(' since "', ' --since "');
  return new AppError(error.code, `${command}: ${option}: ${reason}`, error.details);
}

export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  const { values, positionals } = parse('graph', argv, {
    ...STORE_OPTIONS, ...ACTING_OPTIONS, purpose: { type: 'string' }, case: { type: 'string' }, level: { type: 'string' },
    hops: { type: 'string' }, 'max-nodes': { type: 'string' }, k: { type: 'string' }, measure: { type: 'string' }, format: { type: 'string' },
    type: { type: 'string', multiple: true }, since: { type: 'string' }, until: { type: 'string' }, 'min-weight': { type: 'string' }, agency: { type: 'string', multiple: true },
  });
  const [sub, ...ids] = positionals;
  if (!SUBCOMMANDS.includes(sub as Subcommand) || ids.length === 0 || !values.as) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  takesOnly(`graph ${sub}`, values, ['as', 'purpose', 'case', ...SUBCOMMAND_OPTIONS[sub as Subcommand]]);
  const { purpose, caseRef } = requirePurposeOptions(`graph ${sub}`, values);
  const level = values.level ?? 'entity';
  if (!(GRAPH_LEVELS as readonly string[]).includes(level)) throw invalid('--level must be entity or record');
  const types = (values.type ?? []).map((t) => {
    if (!isEdgeType(t)) throw invalid(`--type must be one of ${EDGE_TYPES.join(', ')}`);
    return t as EdgeType;
  });
  const minWeight = values['min-weight'] === undefined ? undefined : Number(values['min-weight']);
  if (minWeight !== undefined && !(minWeight >= 0)) throw invalid('--min-weight must be a number >= 0');
  const filters: GraphFilters = {
    level: level as GraphLevel, ...(types.length ? { types } : {}), ...(values.since ? { since: values.since } : {}), ...(values.until ? { until: values.until } : {}),
    ...(minWeight !== undefined ? { minWeight } : {}), ...(values.agency?.length ? { agencies: values.agency } : {}),
  };
  const hops = integer(values.hops, 'hops', 0, 3);
  const maxNodes = integer(values['max-nodes'], 'max-nodes', 1, 5000);
  const nodes = ids as NodeId[];

  const mosaic = await openMosaic(await existingStore(`graph ${sub}`, configOf(values)));
  try {
    const user = await actingUser(mosaic, values.as, 'graph');
    const consultation: Consultation = { user, purpose, caseRef };
    const projections = await startProjections(mosaic, { follow: false });
    try {
      const answer = await answer_(sub as Subcommand).catch((error: unknown) => {
        throw namingOptions(`graph ${sub}`, error);
      });
      io.out(typeof answer === 'string' ? `${answer}\n` : `${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    } finally {
      // Owners told of the consultation are told before the store closes.
      await projections.notifications.idle();
      projections.stop();
    }

    async function answer_(command: Subcommand): Promise<unknown> {
      const expandOptions = { seeds: nodes, ...(hops !== undefined ? { hops } : {}), ...(maxNodes !== undefined ? { maxNodes } : {}), ...filters };
      switch (command) {
        case 'expand': {
          const { subgraph, truncated, pointers } = await graphExpand(mosaic, consultation, projections, expandOptions);
          io.err(`${JSON.stringify({ nodes: subgraph.nodes.length, edges: subgraph.edges.length, truncated })}\n`);
          return { ...subgraph, truncated, pointers };
        }
        case 'path': {
          const [from, to] = nodes;
          if (nodes.length !== 2 || !from || !to) throw invalid('path takes two ids: FROM TO');
          const k = integer(values.k, 'k', 1, 10);
          return graphPaths(mosaic, consultation, projections, { from, to, ...(k !== undefined ? { k } : {}), ...filters });
        }
        case 'connectors':
          return graphConnectors(mosaic, consultation, projections, { entities: nodes, ...(hops !== undefined ? { maxHops: Math.max(1, hops) } : {}), ...filters });
        case 'communities':
          return graphCommunities(mosaic, consultation, projections, { nodes, ...filters });
        case 'centrality': {
          const measure = values.measure ?? 'degree';
          if (!(CENTRALITY_MEASURES as readonly string[]).includes(measure)) throw invalid(`--measure must be one of ${CENTRALITY_MEASURES.join(', ')}`);
          return graphCentrality(mosaic, consultation, projections, { nodes, measure: measure as CentralityMeasure, ...filters });
        }
        case 'timeline':
          return graphTimeline(mosaic, consultation, projections, { entities: nodes, level: filters.level ?? 'entity', ...(values.since ? { since: values.since } : {}), ...(values.until ? { until: values.until } : {}) });
        case 'places':
          return graphPlaces(mosaic, consultation, projections, { entities: nodes, level: filters.level ?? 'entity' });
        case 'export': {
          const format = values.format ?? 'json';
          if (format !== 'json' && format !== 'graphml') throw invalid('--format must be json or graphml');
          const { file, pointers } = await graphExport(mosaic, consultation, projections, { ...expandOptions, format });
          // the pointers are for whoever asked, never in the file (graphExport): beside it, as expand's summary
          if (pointers.length > 0) io.err(`${JSON.stringify({ pointers })}\n`);
          return format === 'json' ? JSON.parse(file) : file;
        }
      }
    }
  } finally {
    await mosaic.close();
  }
}
