/**
 * What an audit entry covered, in words, read from the entry's own fields (its query, as the
 * server logged it): "Timeline of e146", "Map of e146", "Search "Peeters"". The auditor is told
 * what each read was without opening its JSON. An entry whose query the auditor is not given
 * (another agency's user's, as an agency's auditor sees it: `query: null`) is said by nothing,
 * since nothing of it may be told; a query of a kind not named here is said by its key.
 */
import { readableCode } from '@mosaic/model';
import type { AuditEntry } from '../api/api-types.ts';

type Fields = { readonly [key: string]: unknown };

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const idsOf = (value: unknown): readonly string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
const listed = (ids: readonly string[]): string => (ids.length > 3 ? `${ids.slice(0, 3).join(', ')} +${ids.length - 3}` : ids.join(', '));

/** The graph's reads (GET /graph/timeline, /graph/places, POST /graph/expand…), by the key of their query. */
const GRAPH_WORDS: Readonly<Record<string, string>> = {
  timeline: 'Timeline', places: 'Map', expand: 'Related', paths: 'Paths', connectors: 'Connectors', communities: 'Communities',
  centrality: 'Centrality', chart: 'Chart', export: 'Graph export',
};

/** Reads and changes by the key of their query, where the key alone says it. */
const QUERY_WORDS: Readonly<Record<string, string>> = {
  audit: 'Audit log search', auditVerify: 'Audit log verified', auditExport: 'Audit log export', signIn: 'Sign-in',
  inbox: 'Notices', alerts: 'Alerts', review: 'Review queue', reports: 'Reports', report: 'Report', subscriptions: 'Watches', watch: 'Watch',
};


/** The entities an entry concerns: its subjects, and those its query names (the graph's reads name them there alone). */
export function auditSubjectsOf(entry: AuditEntry): readonly string[] {
  const query = entry.query;
  const named: string[] = [...entry.subjects];
  if (isFields(query)) {
    named.push(...idsOf(query['entity']));
    const graph = query['graph'];
    if (isFields(graph)) for (const key of ['timeline', 'places', 'expand', 'export', 'connectors']) named.push(...idsOf(graph[key]));
  }
  return [...new Set(named)].sort();
}

/**
 * The panels of a profile read through the entity (GET /entities/:id/merges, /judgements), by
 * the `view` their query names beside the entity, and how they are said of it ("Decisions on e146").
 */
const VIEW_WORDS: Readonly<Record<string, { readonly what: string; readonly joined: 'of' | 'on' }>> = {
  merges: { what: 'Merges', joined: 'of' }, judgements: { what: 'Decisions', joined: 'on' },
};

/**
 * What the entry covered: `what` was read, and `of` which entities when its query names them
 * ("Timeline", of e146; `joined`: the word between them, "of" unless said). A read of an entity
 * (GET /entities/:id) is its profile; one whose query names a `view` is that panel of it (its
 * merges, its judgements). An entry logged before reads named their panel says "Profile".
 */
export function auditEntryPart(entry: AuditEntry): { readonly what: string; readonly of: readonly string[]; readonly joined?: 'on' } {
  const query = entry.query;
  if (!isFields(query)) return { what: '', of: [] };
  const entity = query['entity'];
  if (typeof entity === 'string') {
    const view = query['view'];
    if (typeof view !== 'string') return { what: 'Profile', of: [entity] };
    const words = VIEW_WORDS[view];
    if (words === undefined) return { what: readableCode(view), of: [entity] };
    return words.joined === 'on' ? { what: words.what, of: [entity], joined: 'on' } : { what: words.what, of: [entity] };
  }
  if (typeof query['entityOfRecord'] === 'string') return { what: `Entity of record ${query['entityOfRecord']}`, of: [] };
  if (typeof query['record'] === 'string') return { what: `${isFields(query['history']) ? 'History of record' : 'Record'} ${query['record']}`, of: [] };
  if (typeof query['q'] === 'string') return { what: `Search "${query['q']}"`, of: [] };
  const graph = query['graph'];
  if (isFields(graph)) {
    const key = Object.keys(GRAPH_WORDS).find((k) => k in graph);
    if (key === undefined) return { what: 'Graph', of: [] };
    const hops = key === 'expand' && typeof graph['hops'] === 'number' ? ` (${graph['hops']} hop${graph['hops'] === 1 ? '' : 's'})` : '';
    return { what: `${GRAPH_WORDS[key] ?? 'Graph'}${hops}`, of: key === 'centrality' ? [] : idsOf(graph[key]) };
  }
  const exported = query['auditExport'];
  if (isFields(exported) && typeof exported['entries'] === 'number') return { what: `Audit log export (${exported['entries']} entr${exported['entries'] === 1 ? 'y' : 'ies'})`, of: [] };
  const [key] = Object.keys(query);
  return { what: key === undefined ? '' : QUERY_WORDS[key] ?? readableCode(key), of: [] };
}

/** What the entry covered, in words ("Timeline of e146", "Decisions on e146"); '' when its query is not given to this auditor. */
export function auditEntryWords(entry: AuditEntry): string {
  const { what, of, joined = 'of' } = auditEntryPart(entry);
  return of.length > 0 ? `${what} ${joined} ${listed(of)}` : what;
}
