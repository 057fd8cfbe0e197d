/**
 * The typed client of the Mosaic HTTP API (docs/API.md). Same-origin requests with the session
 * cookie; every consultation carries the purpose and case reference of the session, as body
 * fields on POSTs and as X-Mosaic-Purpose / X-Mosaic-Case headers (URL-encoded) on reads.
 */
import { ApiError } from './api-error.ts';
import type {
  AlertSummary, AuditPage, AuditVerification, Centrality, CentralityScore, CheckReport, Community, EntityHistory, EntityProfile, HitDecision, IngestJob, IngestUploads, Judgement, Merge,
  ChartSummary, Notification, Place, Pointer, Purpose, RecordResponse, RecordVersion, RecordView, ReportDetail, ReportSearchResponse, ReportUpload, ReviewQueue, ScreenResponse, SearchResponse, Subgraph, Subscription, TimelineEvent, User, Verdict, Watches, WatchTarget,
} from './api-types.ts';
import { entityProfileOf, historyOf, ingestJobOf, ingestUploadsOf, listOf, placesOf, reviewQueueOf, subgraphOf, timelineOf } from './normalise.ts';

export const API_BASE = '/api/v1';

type Query = Readonly<Record<string, string | number | undefined>>;

export interface RequestOptions {
  readonly body?: unknown;
  /** A JSON body already serialised, sent as it is (an upload built piece by piece: ingest/upload-body.ts). */
  readonly json?: Blob;
  readonly query?: Query;
  /** A consultation: send the purpose and case reference. */
  readonly consult?: boolean;
  /** An administrative change: its reason and change reference, sent as the purpose headers. */
  readonly change?: Purpose;
  /** The answer is a file of this type, answered as its text rather than read as JSON (a GraphML export). */
  readonly accept?: string;
}

export interface ApiClientOptions {
  readonly purpose: () => Purpose | undefined;
  /** Told when the server answers 401, so the app can return to sign-in. */
  readonly onUnauthenticated?: () => void;
  readonly fetch?: typeof fetch;
}

export type ScreenQuery = Readonly<Partial<Record<'name' | 'birthDate' | 'nationality' | 'gender' | 'document' | 'plate' | 'place', string>>>;

export interface GraphScope {
  readonly types?: readonly string[];
  /** Time window, partial ISO dates. */
  readonly since?: string;
  readonly until?: string;
  /** Only relations claimed by records of these agencies. */
  readonly agencies?: readonly string[];
}

function urlOf(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (parsed.error?.message) return new ApiError(response.status, parsed.error.code ?? 'MOSAIC_ERROR', parsed.error.message, parsed.error.details);
  } catch {
    // Not JSON: a proxy or the static server answered; fall through to the status line.
  }
  return new ApiError(response.status, `HTTP_${response.status}`, `${response.status} ${response.statusText || 'error'}`.trim());
}

export function createApiClient({ purpose, onUnauthenticated, fetch: fetchImpl = (...args) => globalThis.fetch(...args) }: ApiClientOptions) {
  async function request<T>(method: string, path: string, { body, json, query, consult = false, change, accept }: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: accept ?? 'application/json' };
    let payload = body;
    if (change) {
      headers['x-mosaic-purpose'] = encodeURIComponent(change.purpose);
      headers['x-mosaic-case'] = encodeURIComponent(change.caseRef);
    }
    if (consult) {
      const given = purpose();
      if (given) {
        headers['x-mosaic-purpose'] = encodeURIComponent(given.purpose);
        headers['x-mosaic-case'] = encodeURIComponent(given.caseRef);
        if (method !== 'GET' && method !== 'DELETE') payload = { ...(body as object | undefined), purpose: given.purpose, caseRef: given.caseRef };
      }
    }
    if (payload !== undefined || json !== undefined) headers['content-type'] = 'application/json';
    const sent = json ?? (payload !== undefined ? JSON.stringify(payload) : undefined);
    let response: Response;
    try {
      response = await fetchImpl(urlOf(path, query), { method, headers, credentials: 'same-origin', ...(sent !== undefined ? { body: sent } : {}) });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `the server cannot be reached (${error instanceof Error ? error.message : 'network error'})`);
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && path !== '/auth/sign-in') onUnauthenticated?.();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    if (accept !== undefined) return (await response.text()) as T;
    return (await response.json()) as T;
  }

  const enc = encodeURIComponent;
  return {
    request,
    signIn: (name: string, password: string) => request<{ token: string; expiresAt: string; user: User }>('POST', '/auth/sign-in', { body: { name, password } }),
    signOut: () => request<void>('POST', '/auth/sign-out'),
    me: () => request<User>('GET', '/auth/me'),
    /** Whether a session is open, and whose: answered 200 either way, where /auth/me refuses no session 401. */
    session: () => request<{ signedIn: boolean; user?: User }>('GET', '/auth/session'),

    search: (q: string, options: { schema?: string; limit?: number; birthDate?: string } = {}) =>
      request<SearchResponse>('POST', '/search', { body: { q, ...options }, consult: true }),
    record: (id: string) => request<RecordResponse>('GET', `/records/${enc(id)}`, { consult: true }),
    recordHistory: (id: string) => request<{ versions: readonly RecordVersion[] }>('GET', `/records/${enc(id)}/history`, { consult: true }),

    /** `record`: the record the user came from, whose part is shown if the entity falls apart on what the user may see. */
    entity: async (id: string, record?: string): Promise<EntityProfile> => entityProfileOf(await request<unknown>('GET', `/entities/${enc(id)}`, { consult: true, ...(record ? { query: { record } } : {}) })),
    recordEntity: (id: string) => request<{ entity: string }>('GET', `/records/${enc(id)}/entity`, { consult: true }),
    entityTimeline: async (id: string): Promise<readonly TimelineEvent[]> => timelineOf(await request<unknown>('GET', '/graph/timeline', { query: { entities: id }, consult: true })),
    entityPlaces: async (id: string): Promise<readonly Place[]> => placesOf(await request<unknown>('GET', '/graph/places', { query: { entities: id }, consult: true })),
    entityMerges: async (id: string): Promise<EntityHistory<Merge>> => historyOf<Merge>(await request<unknown>('GET', `/entities/${enc(id)}/merges`, { consult: true }), 'merges'),
    entityJudgements: async (id: string): Promise<EntityHistory<Judgement>> => historyOf<Judgement>(await request<unknown>('GET', `/entities/${enc(id)}/judgements`, { consult: true }), 'judgements'),
    undoMerge: (mergeId: string) => request<unknown>('POST', `/merges/${enc(mergeId)}/undo`, { body: {}, consult: true }),
    /** Takes a record out of a subject, whatever joined it: `entity` the subject it makes up now, `rest` those the other records go by. */
    takeOut: (entity: string, record: string, note?: string) => request<{ entity?: string; rest: readonly string[]; apart: readonly string[] }>('POST', `/entities/${enc(entity)}/take-out`, { body: { record, ...(note ? { note } : {}) }, consult: true }),

    review: async (): Promise<ReviewQueue> => reviewQueueOf(await request<unknown>('GET', '/review', { consult: true })),
    /** `applied`: false while a resolution full pass runs (the judgement is stored and applies when it ends); `keptApart`: a "same" a "not same" holds apart. */
    judge: (a: string, b: string, verdict: Verdict, note?: string, undoes?: Verdict) => request<{ entityA?: string; entityB?: string; applied: boolean; keptApart?: boolean }>('POST', '/judgements', { body: { a, b, verdict, ...(note === undefined ? {} : { note }), ...(undoes === undefined ? {} : { undoes }) }, consult: true }),

    graphExpand: async (seeds: readonly string[], hops: number, scope: GraphScope = {}): Promise<Subgraph> =>
      subgraphOf(await request<unknown>('POST', '/graph/expand', { body: { seeds, hops, ...scope }, consult: true })),
    /** Up to `k` shortest paths, shortest first; none with the server's `reason` (`no-path`, `search-limit`). */
    graphPaths: async (from: string, to: string, k: number, scope: GraphScope = {}): Promise<{ readonly paths: readonly Subgraph[]; readonly reason?: string }> => {
      const body = await request<{ paths?: unknown[]; path?: unknown; reason?: unknown }>('POST', '/graph/paths', { body: { from, to, k, ...scope }, consult: true });
      const paths = (body.paths ?? (body.path ? [body.path] : [])).map(subgraphOf).filter((path) => path.nodes.length > 0);
      return { paths, ...(typeof body.reason === 'string' ? { reason: body.reason } : {}) };
    },
    /** The communities, and who holds records of their members that the user may not read (as Subgraph's pointers). */
    graphCommunities: async (nodes: readonly string[], scope: GraphScope = {}): Promise<{ readonly communities: readonly Community[]; readonly pointers: readonly Pointer[] }> => {
      const body = await request<unknown>('POST', '/graph/communities', { body: { nodes, ...scope }, consult: true });
      return { communities: listOf<Community>(body, 'communities'), pointers: listOf<Pointer>(body, 'pointers') };
    },
    graphCentrality: async (nodes: readonly string[], measure: string, scope: GraphScope = {}): Promise<Centrality> => {
      const body = await request<{ description?: unknown; reason?: unknown }>('POST', '/graph/centrality', { body: { nodes, measure, ...scope }, consult: true });
      return {
        description: typeof body.description === 'string' ? body.description : '',
        scores: listOf<CentralityScore>(body, 'scores'),
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
        pointers: listOf<Pointer>(body, 'pointers'),
      };
    },
    saveChart: (caseRef: string, chart: { title: string; nodes: readonly string[]; positions?: Readonly<Record<string, { x: number; y: number }>>; filters?: GraphScope; share?: 'owner' | 'agency' }) =>
      request<ChartSummary>('POST', `/cases/${enc(caseRef)}/charts`, { body: chart, consult: true }),
    listCharts: async (caseRef: string): Promise<readonly ChartSummary[]> => listOf<ChartSummary>(await request<unknown>('GET', `/cases/${enc(caseRef)}/charts`, { consult: true }), 'charts'),
    openChart: async (caseRef: string, id: string): Promise<{ chart: ChartSummary & { positions?: Readonly<Record<string, { x: number; y: number }>>; filters?: GraphScope }; subgraph: Subgraph }> => {
      const body = await request<{ chart: ChartSummary & { positions?: Readonly<Record<string, { x: number; y: number }>>; filters?: GraphScope } }>('GET', `/cases/${enc(caseRef)}/charts/${enc(id)}`, { consult: true });
      return { chart: body.chart, subgraph: subgraphOf(body) };
    },
    /** What the user may export of the network around the seeds, as the file's text: GraphML or graphology JSON (POST /graph/export answers the file itself). */
    graphExport: (seeds: readonly string[], format: 'json' | 'graphml', { hops = 1, scope = {} }: { hops?: number; scope?: GraphScope } = {}): Promise<string> =>
      request<string>('POST', '/graph/export', { body: { seeds, hops, format, ...scope }, consult: true, accept: format === 'graphml' ? 'application/graphml+xml' : 'application/json' }),

    screen: (query: ScreenQuery) => request<ScreenResponse>('POST', '/screen', { body: query, consult: true }),
    /** A check of the user's agency as the policy lets them see it now (read under the check's own purpose and case). */
    check: (id: string) => request<ScreenResponse>('GET', `/checks/${enc(id)}`),
    /** `hit`: the hit's ref, or its n where it has none; answers with the check as it is now. */
    decideHit: (check: string, hit: string | number, decision: HitDecision, report?: CheckReport) =>
      request<ScreenResponse>('POST', `/checks/${enc(check)}/hits/${enc(String(hit))}/decision`, { body: { decision, ...(report ? { report } : {}) } }),

    alerts: async (): Promise<readonly AlertSummary[]> => listOf<AlertSummary>(await request<unknown>('GET', '/alerts', { consult: true }), 'alerts'),
    issueAlert: async (alert: { subject: string; category: string; instructions?: string; validUntil?: string }): Promise<AlertSummary> =>
      (await request<{ alert: AlertSummary }>('POST', '/alerts', { body: alert, consult: true })).alert,
    /** `reason`: why it is withdrawn, kept in the withdrawal's audit entry; none sent when empty. */
    withdrawAlert: async (id: string, reason = ''): Promise<AlertSummary> =>
      (await request<{ alert: AlertSummary }>('DELETE', `/alerts/${enc(id)}`, { consult: true, ...(reason === '' ? {} : { body: { reason } }) })).alert,
    /** The newest page of the user's notifications, or the page older than `before` (a page's `next`); `next` is absent on the oldest page. */
    notifications: async (before?: string): Promise<{ readonly notifications: readonly Notification[]; readonly next?: string }> => {
      const page = await request<unknown>('GET', '/notifications', before === undefined ? {} : { query: { before } });
      const next: unknown = typeof page === 'object' && page !== null ? (page as { next?: unknown }).next : undefined;
      return { notifications: listOf<Notification>(page, 'notifications'), ...(typeof next === 'string' ? { next } : {}) };
    },
    markRead: (id: string) => request<unknown>('POST', `/notifications/${enc(id)}/read`, { body: {} }),
    /** The user's watches, and whether a new one would be taken (not for a role that reads no records). */
    subscriptions: async (): Promise<Watches> => {
      const body = await request<unknown>('GET', '/subscriptions');
      const may: unknown = typeof body === 'object' && body !== null ? (body as { mayWatch?: unknown }).mayWatch : undefined;
      return { subscriptions: listOf<Subscription>(body, 'subscriptions'), mayWatch: may !== false };
    },
    subscribe: async (watch: { target: WatchTarget; label?: string; lostTrackDays?: number }): Promise<Subscription> =>
      (await request<{ subscription: Subscription }>('POST', '/subscriptions', { body: watch, consult: true })).subscription,
    unsubscribe: (id: string) => request<void>('DELETE', `/subscriptions/${enc(id)}`),

    audit: (query: Query) => request<AuditPage>('GET', '/audit', { query, consult: true }),
    /**
     * The entries a search of the log gives, as the JSON Lines file the server makes and logs (an
     * `export` entry). The purpose travels in the headers alone: `caseRef` in the body is the
     * search's filter, as in GET /audit's query.
     */
    exportAudit: (query: Query): Promise<string> => {
      const given = purpose();
      const body = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ''));
      return request<string>('POST', '/audit/export', { body, accept: 'application/jsonl', ...(given ? { change: given } : {}) });
    },
    // logged with the purpose and case the auditor gave, when given (a verification shows no entry, so it needs neither)
    verifyAudit: (expect?: string) => request<AuditVerification>('POST', '/audit/verify', { ...(expect ? { body: { expect } } : {}), consult: true }),

    /** Administration (docs/API.md, /admin and /retention): reads, and changes that carry their reason. */
    adminGet: <T>(path: string, query?: Query, change?: Purpose) => request<T>('GET', path, { ...(query ? { query } : {}), ...(change ? { change } : {}) }),
    adminChange: <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, change: Purpose) => request<T>(method, path, { body, change }),

    /** `upload`: the JSON of {format, filename, mapping?, content} (ingest/upload-body.ts). */
    ingest: async (upload: Blob): Promise<IngestJob> => ingestJobOf(await request<unknown>('POST', '/ingest', { json: upload })),
    /** The user's own recent jobs, newest first, without their refused lines; and the largest upload the server takes. */
    ingestUploads: async (): Promise<IngestUploads> => ingestUploadsOf(await request<unknown>('GET', '/ingest')),
    uploadReport: (upload: ReportUpload) => request<{ report: RecordView; repeated?: true }>('POST', '/reports', { body: upload, consult: true }),
    searchReports: (q: string, collection?: string) => request<ReportSearchResponse>('GET', '/reports', { query: { q, collection, limit: 50 }, consult: true }),
    latestReports: () => request<ReportSearchResponse>('GET', '/reports', { query: { limit: 20 }, consult: true }),
    report: (id: string) => request<{ report?: ReportDetail; pointer?: Pointer }>('GET', `/reports/${enc(id)}`, { consult: true }),
    confirmReportEntity: (id: string, entity: string, edits: { name?: string; properties?: Record<string, string[]>; link?: string }) =>
      request<{ record: RecordView; entity?: string; relations: readonly string[] }>('POST', `/reports/${enc(id)}/entities/${enc(entity)}/confirm`, { body: edits, consult: true }),
    rejectReportEntity: (id: string, entity: string) => request<void>('POST', `/reports/${enc(id)}/entities/${enc(entity)}/reject`, { body: {}, consult: true }),

    ingestJob: async (id: string): Promise<IngestJob> => ingestJobOf(await request<unknown>('GET', `/ingest/${enc(id)}`)),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
