/**
 * Readers for the answers whose exact shape docs/API.md does not fix yet: they accept the shapes
 * of the domain packages (@mosaic/graph Subgraph/Timeline/Places, @mosaic/resolution review
 * pairs) with or without a wrapping object, so the screens do not break on a small difference.
 */
import type { EntityHistory, EntityProfile, GraphEdge, GraphNode, IngestJob, IngestUploads, Place, Pointer, ReviewPair, ReviewQueue, Subgraph, TimelineEvent } from './api-types.ts';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An array answered bare or under `key` (or under `items`). */
export function listOf<T>(body: unknown, key: string): readonly T[] {
  if (Array.isArray(body)) return body as T[];
  if (isObject(body)) return arrayOf(body[key] ?? body['items']) as T[];
  return [];
}

/** An entity's history under `key`, or the parts an id split since leads to (`{split: [ids]}`), with no history. */
export function historyOf<T>(body: unknown, key: string): EntityHistory<T> {
  const split = isObject(body) && Array.isArray(body['split']) ? body['split'].filter((id): id is string => typeof id === 'string') : undefined;
  return split ? { items: [], split } : { items: listOf<T>(body, key) };
}

export function subgraphOf(body: unknown): Subgraph {
  const inner = isObject(body) && isObject(body['subgraph']) ? body['subgraph'] : isObject(body) && isObject(body['path']) ? body['path'] : body;
  if (!isObject(inner)) return { nodes: [], edges: [] };
  return {
    nodes: arrayOf(inner['nodes']) as GraphNode[],
    edges: arrayOf(inner['edges']) as GraphEdge[],
    truncated: Boolean((isObject(body) && body['truncated']) || inner['truncated']),
    pointers: arrayOf(isObject(body) ? body['pointers'] : undefined) as Pointer[],
  };
}

export function timelineOf(body: unknown): readonly TimelineEvent[] {
  const entries = isObject(body) ? [...arrayOf(body['events']), ...arrayOf(body['entries']), ...arrayOf(body['undated'])] : arrayOf(body);
  return entries.map((entry) => (isObject(entry) && isObject(entry['item']) ? entry['item'] : entry) as unknown as TimelineEvent);
}

export function placesOf(body: unknown): readonly Place[] {
  const items = isObject(body) ? arrayOf(body['places']) : arrayOf(body);
  return items
    .map((entry) => (isObject(entry) && isObject(entry['item']) ? entry['item'] : entry) as unknown as Place)
    .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
}

/**
 * The server merges a value once with every record that claims it ({value, sources: [{record,
 * provenance}]}); the profile shows one row per claim, so each source becomes its own value.
 */
function claimedValuesOf(properties: unknown): EntityProfile['properties'] {
  if (!isObject(properties)) return {};
  const out: Record<string, unknown[]> = {};
  for (const [prop, values] of Object.entries(properties)) {
    out[prop] = arrayOf(values).flatMap((v) =>
      isObject(v) && Array.isArray(v['sources'])
        ? (v['sources'] as unknown[]).filter(isObject).map((source) => ({ value: v['value'], record: source['record'], provenance: source['provenance'] }))
        : [v]);
  }
  return out as unknown as EntityProfile['properties'];
}

/**
 * GET /entities/:id answers the entity, with `redirectedFrom` the id asked for when a merge
 * absorbed it, or `{split}` alone when that id was split since: the parts the user may read.
 */
export function entityProfileOf(body: unknown): EntityProfile {
  const entity = isObject(body) && isObject(body['entity']) ? { ...body, ...body['entity'] } : isObject(body) ? body : {};
  const redirectedFrom = entity['redirectedFrom'];
  return {
    id: String(entity['id'] ?? ''),
    ...(typeof redirectedFrom === 'string' && redirectedFrom !== '' ? { redirectedFrom } : {}),
    ...(Array.isArray(entity['split']) ? { split: entity['split'].map(String) } : {}),
    schema: String(entity['schema'] ?? 'Thing'),
    caption: String(entity['caption'] ?? entity['id'] ?? ''),
    properties: claimedValuesOf(entity['properties']),
    records: arrayOf(entity['records']) as EntityProfile['records'],
    pointers: arrayOf(entity['pointers']) as EntityProfile['pointers'],
    alerts: arrayOf(entity['alerts']) as EntityProfile['alerts'],
  };
}

function reviewPairsOf(body: unknown): readonly ReviewPair[] {
  return listOf<Loose>(body, 'pairs').filter((p) => isObject(p['a']) && isObject(p['b'])) as unknown as ReviewPair[];
}

/** The queue's pairs and count; a server that gives no count is taken to have shown every pair. */
export function reviewQueueOf(body: unknown): ReviewQueue {
  const pairs = reviewPairsOf(body);
  const left = isObject(body) && typeof body['left'] === 'number' ? body['left'] : pairs.length;
  return { pairs, left: Math.max(left, pairs.length), more: isObject(body) && body['more'] === true };
}

export function ingestJobOf(body: unknown): IngestJob {
  const job = isObject(body) && isObject(body['job']) ? body['job'] : isObject(body) ? body : {};
  const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  const counts = Object.fromEntries((['total', 'accepted', 'rejected', 'created', 'updated', 'unchanged', 'repeated', 'warningCount', 'resumed'] as const)
    .flatMap((key) => (num(job[key]) !== undefined ? [[key, num(job[key])]] : []))) as Pick<IngestJob, 'total' | 'accepted' | 'rejected' | 'created' | 'updated' | 'unchanged' | 'repeated' | 'warningCount' | 'resumed'>;
  const texts = Object.fromEntries((['filename', 'startedAt', 'endedAt', 'failure'] as const)
    .flatMap((key) => (typeof job[key] === 'string' ? [[key, job[key]]] : []))) as Pick<IngestJob, 'filename' | 'startedAt' | 'endedAt' | 'failure'>;
  return {
    id: String(job['id'] ?? job['job'] ?? ''),
    state: String(job['state'] ?? job['status'] ?? 'running'),
    processed: num(job['processed']) ?? num(job['lines']) ?? 0,
    ...counts,
    ...texts,
    errors: arrayOf(job['errors']) as IngestJob['errors'],
    ...(Array.isArray(job['repeats']) ? { repeats: job['repeats'] as NonNullable<IngestJob['repeats']> } : {}),
    ...(Array.isArray(job['warnings']) ? { warnings: job['warnings'] as NonNullable<IngestJob['warnings']> } : {}),
  };
}

export function ingestUploadsOf(body: unknown): IngestUploads {
  const limit = isObject(body) ? body['maxUploadBytes'] : undefined;
  return {
    jobs: listOf<unknown>(body, 'jobs').map(ingestJobOf),
    ...(typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? { maxUploadBytes: limit } : {}),
  };
}
