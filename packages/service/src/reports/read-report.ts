/**
 * Reading and searching reports. Both pass consult() on the report record: a report the user may
 * not see answers exactly like one that does not exist (or as a pointer where an agreement says
 * so), and its text, mentions and review never leave the store for that user. Link proposals
 * are computed for reviewers only (analysts of the owning agency), from what they may see.
 */
import type { Evidence, ExtractedEntity, Mention, RelationType } from '@mosaic/extract';
import type { JsonValue } from '@mosaic/audit';
import { AppError, rolesInWords, type EntityId, type RecordId } from '@mosaic/model';
import { filterVisible, RECORD_ROLES, type Pointer } from '@mosaic/policy';
import { checkQuery, recordView, type RecordView } from '../records.ts';
import { consult, requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { proposeLinks, type ReviewIndexes } from './link-proposals.ts';
import { partIdsOf } from '../resolution/entity-view.ts';
import { relationRecordable } from './relation-forms.ts';
import { isErasedEntity, LINKABLE_SCHEMATA, newReview, RECORDABLE_SCHEMATA, REPORT_REVIEW_KIND, type LinkKind, type LinkProposal, type ReportReview, type ReviewStatus } from './report-review.ts';

export interface ReportEntityView {
  readonly id: string;
  readonly schema: ExtractedEntity['schema'];
  readonly name: string;
  readonly mentions: readonly Mention[];
  readonly properties: Readonly<Record<string, readonly string[]>>;
  readonly status: ReviewStatus;
  /** Whether confirming makes a record (dates and amounts do not). */
  readonly recordable: boolean;
  readonly record?: RecordId;
  /** The resolved entity the confirmed record belongs to. */
  readonly entity?: EntityId;
  readonly linkedTo?: RecordId;
  /** What the link made (same, holder, lead). */
  readonly linkedAs?: LinkKind;
  /** Confirmed, and the record it made erased since (told to the report's reviewers). */
  readonly recordErased?: true;
  /** Taken by a person's erasure (it named them): no proposal, and no decision is taken on it. */
  readonly erased?: true;
  readonly proposals: readonly LinkProposal[];
}

export interface ReportRelationView {
  readonly index: number;
  readonly type: RelationType;
  readonly source: string;
  readonly target: string;
  readonly kind?: string;
  readonly evidence: Evidence;
  readonly status: ReviewStatus;
  /** Whether the records have a form for it between its ends (relation-forms.ts): one without stays in the text. */
  readonly recordable: boolean;
  readonly record?: RecordId;
  /** Confirmed, and the record it made erased since (told to the report's reviewers). */
  readonly recordErased?: true;
  readonly note?: string;
}

export interface ReportView {
  readonly report: RecordView;
  readonly text: string;
  readonly entities: readonly ReportEntityView[];
  readonly relations: readonly ReportRelationView[];
  /** Whether this user may confirm and reject (an analyst of the owning agency). */
  readonly reviewable: boolean;
  /** Owners of records the proposals could not show. */
  readonly pointers: readonly Pointer[];
  /** What extraction could not read, as the upload answered it (kept in the review); absent when nothing. */
  readonly warnings?: readonly string[];
}

export type ReportAnswer = { readonly view: ReportView; readonly pointer?: undefined } | { readonly pointer: Pointer; readonly view?: undefined };

const notFound = (id: string): AppError => new AppError('MOSAIC_NOT_FOUND', `report ${id} not found`);

export function mayReview(consultation: Consultation, report: RecordView): boolean {
  return consultation.user.agency === report.provenance.agency && consultation.user.roles.includes('analyst');
}

/** The report record if the user may read it (the consultation is audited); a pointer; or not found. */
export async function consultReport(mosaic: Mosaic, consultation: Consultation, id: RecordId): Promise<{ report: RecordView; pointer?: undefined } | { pointer: Pointer; report?: undefined }> {
  const stored = await mosaic.store.getRecord(id);
  const candidates = stored && stored.record.schema === 'Report' ? [{ ...stored.record, stored }] : [];
  const { visible, pointers } = await consult(mosaic, consultation, candidates, { action: 'read', query: { report: id } });
  const shown = visible[0];
  if (shown) return { report: recordView(mosaic, shown.stored) };
  const pointer = pointers[0];
  if (pointer) return { pointer };
  throw notFound(id);
}

/**
 * The review kept beside a report. An upload writes it with the report; a Report stored any other
 * way (written as a record before that was refused, or ingested from a file) has none: nothing
 * was extracted from it, and it reads as a report with no mention to review.
 */
export async function loadReview(mosaic: Mosaic, id: RecordId): Promise<ReportReview> {
  return (await loadStoredReview(mosaic, id)).review;
}

/** loadReview, with the version of the document read (StoredDocument.version; undefined when none is stored). */
export async function loadStoredReview(mosaic: Mosaic, id: RecordId): Promise<{ readonly review: ReportReview; readonly version: number | undefined }> {
  const document = await mosaic.store.getDocument(REPORT_REVIEW_KIND, id);
  return { review: document ? (document.body as ReportReview) : newReview(id, { entities: [], relations: [] }), version: document?.version };
}

export async function readReport(mosaic: Mosaic, consultation: Consultation, id: RecordId, { entities, identifiers }: ReviewIndexes = {}): Promise<ReportAnswer> {
  const found = await consultReport(mosaic, consultation, id);
  if (!found.report) return { pointer: found.pointer };
  const { report } = found;
  const [text, review] = await Promise.all([mosaic.store.getReportText(id), loadReview(mosaic, id)]);
  const reviewable = mayReview(consultation, report);
  const open = review.extraction.entities.filter((e) => LINKABLE_SCHEMATA.has(e.schema) && review.entities[e.id]?.status === 'proposed' && !isErasedEntity(e));
  const made = new Set(Object.values(review.entities).flatMap((e) => (e.record ? [e.record] : [])));
  const proposals = reviewable && open.length > 0 ? await proposeLinks(mosaic, consultation, open, { exclude: made, ...(entities ? { entities } : {}), ...(identifiers ? { identifiers } : {}) }) : { byEntity: new Map(), pointers: [] };
  // the records the review made or linked, each named only to a reader of it
  const shown = await readableLinks(mosaic, consultation, [
    ...Object.values(review.entities).flatMap((e) => [...(e.linkedTo ? [e.linkedTo] : []), ...(e.record ? [e.record] : [])]),
    ...Object.values(review.relations).flatMap((r) => (r?.record ? [r.record] : [])),
  ]);
  // a confirmed record's entity as the reader sees it: the id its part goes by for them, never an
  // entity that only records hidden from them hold together with others (reader-view.ts)
  const confirmed = Object.values(review.entities).flatMap((e) => (e.record && shown.has(e.record) ? [e.record] : []));
  const goesBy = entities && confirmed.length > 0 ? await partIdsOf(mosaic, consultation, entities, confirmed) : new Map<RecordId, EntityId>();
  const erased = reviewable ? await erasedSince(mosaic, [...made, ...review.relations.flatMap((r) => (r?.record ? [r.record] : []))].filter((r) => !shown.has(r))) : new Set<RecordId>();
  return {
    view: {
      report,
      text: text ?? '',
      reviewable,
      pointers: proposals.pointers,
      ...(review.extraction.warnings?.length ? { warnings: review.extraction.warnings } : {}),
      entities: review.extraction.entities.map((e) => {
        const state = review.entities[e.id] ?? { status: 'proposed' };
        const record = state.record && shown.has(state.record) ? state.record : undefined;
        const entity = record ? goesBy.get(record) : undefined;
        return {
          ...e, status: state.status, recordable: RECORDABLE_SCHEMATA.has(e.schema),
          ...(record ? { record } : {}), ...(state.record && erased.has(state.record) ? { recordErased: true as const } : {}), ...(isErasedEntity(e) ? { erased: true as const } : {}), ...(entity ? { entity } : {}), ...(state.linkedTo && shown.has(state.linkedTo) ? { linkedTo: state.linkedTo, linkedAs: state.linkedAs ?? 'same' } : {}),
          proposals: proposals.byEntity.get(e.id) ?? [],
        };
      }),
      relations: review.extraction.relations.map((r, index) => {
        const schemaOf = (id: string): ExtractedEntity['schema'] | undefined => review.extraction.entities.find((e) => e.id === id)?.schema;
        const state = review.relations[index] ?? { status: 'proposed' };
        return {
          index, ...r, status: state.status, recordable: relationRecordable(r.type, schemaOf(r.source), schemaOf(r.target)), ...(state.record && shown.has(state.record) ? { record: state.record } : {}),
          ...(state.record && erased.has(state.record) ? { recordErased: true as const } : {}), ...(state.note ? { note: state.note } : {}),
        };
      }),
    },
  };
}

/**
 * Which of `records` (made by the review) are erased since: the review still says "confirmed", and
 * the reviewer is told the record it made is gone rather than shown a confirmation with nothing
 * behind it. Ids alone, of the agency's own records, to its own reviewers.
 */
async function erasedSince(mosaic: Mosaic, records: readonly RecordId[]): Promise<ReadonlySet<RecordId>> {
  if (records.length === 0) return new Set();
  return new Set((await mosaic.store.getRecords(records, { includeDeleted: true })).flatMap((s) => (s.deletedAt === undefined ? [] : [s.record.id])));
}

/**
 * The records a report's review made or linked its people to that this reader may read: naming
 * one they may not (a victim record the agreement never shares) would tell them that it exists
 * and, with its entity, whose subject it is (the report is shown without it).
 */
async function readableLinks(mosaic: Mosaic, consultation: Consultation, linked: readonly RecordId[]): Promise<ReadonlySet<RecordId>> {
  if (linked.length === 0) return new Set();
  const stored = (await Promise.all([...new Set(linked)].map((id) => mosaic.store.getRecord(id)))).flatMap((r) => (r ? [r.record] : []));
  const context = policyContext(await mosaic.org(), consultation);
  return new Set(filterVisible(policyUser(consultation.user), stored, context, { action: 'read', decide: mosaic.decide }).visible.map((r) => r.id));
}

export interface ReportHit {
  readonly report: RecordView;
  /** A stretch of the text around the first word found. */
  readonly snippet: string;
}

export interface ReportSearch {
  readonly q: string;
  readonly collection?: string;
  readonly limit?: number;
}

function snippetOf(text: string, q: string): string {
  const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const folded = fold(text);
  // Folding keeps one character per character for almost all scripts; the offset is a guide only.
  const word = q.split(/[^\p{L}\p{N}]+/u).map(fold).find((w) => w.length > 0) ?? '';
  const at = word ? Math.max(0, folded.indexOf(word)) : 0;
  const start = Math.max(0, at - 80);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 240).replace(/\s+/g, ' ').trim()}${start + 240 < text.length ? '…' : ''}`;
}

/**
 * Full-text search over the reports the user may see, best first (the store ranks each report by
 * its own words only, so reports the user may not see do not reorder those they may); audited
 * with its purpose.
 */
export async function searchReports(mosaic: Mosaic, consultation: Consultation, query: ReportSearch): Promise<ReportList> {
  requireReportSearcher(consultation);
  requirePurpose(consultation);
  const q = checkQuery(query.q);
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const read = async (window: number): Promise<readonly RecordId[]> => (await mosaic.store.searchReportTexts(q, { limit: window })).map((h) => h.id);
  return listReports(mosaic, consultation, read, { ...query, limit, q }, { reports: q, collection: query.collection ?? null });
}

/**
 * The reports the user may see in full that were uploaded last, newest first (a reports screen
 * opens on them), of the collection asked among those; audited. Unlike a search, nobody asked
 * about the others: they give no pointer, and their owners are not told of a consultation.
 */
export async function latestReports(mosaic: Mosaic, consultation: Consultation, query: Omit<ReportSearch, 'q'>): Promise<ReportList> {
  requireReportSearcher(consultation);
  requirePurpose(consultation);
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const read = (window: number): Promise<readonly RecordId[]> => mosaic.store.latestReportTexts({ limit: window });
  return listReports(mosaic, consultation, read, { ...query, limit, q: '' }, { reports: 'latest', collection: query.collection ?? null }, { seenInFullOnly: true });
}

/**
 * A role the policy lets search no record (a checkpoint officer, an auditor, an administrator)
 * would be answered an empty list, which reads as "no report", after a consultation logged in
 * their name: refused before anything is read or logged, as a search of records is.
 */
function requireReportSearcher({ user }: Consultation): void {
  const permitted = RECORD_ROLES.search;
  if (!policyUser(user).roles.some((role) => permitted.includes(role))) {
    throw new AppError('MOSAIC_FORBIDDEN', `reports: role not permitted (reports are searched by ${rolesInWords(permitted)})`);
  }
}

export interface ReportList {
  readonly results: readonly ReportHit[];
  readonly pointers: readonly Pointer[];
}

/** The widest window of report ids a list reads, as a record search reads (record-search.ts). */
const MAX_HITS = 5000;

/**
 * Reports in the order `read` gives them, of the collection asked, through the gate; each with a
 * snippet around the query's first word. `seenInFullOnly`: leave out, before the gate, what the
 * user may not read in full (no pointer, no owner told).
 *
 * `read` is asked for a window of five times `limit` ids, widened (to at most MAX_HITS) while the
 * window is full and holds fewer than `limit` reports the user may see, so that reports the user
 * may not see, or of another collection, do not crowd out those they may. Then only the page goes
 * through the gate, with the reports the user may not see that a first window read: however far
 * the window had to widen, the same pointers are given and the same owners told, and the audit
 * entry names what was returned.
 */
async function listReports(
  mosaic: Mosaic, consultation: Consultation, read: (window: number) => Promise<readonly RecordId[]>,
  query: { readonly collection?: string; readonly limit: number; readonly q: string }, audited: JsonValue,
  { seenInFullOnly = false }: { readonly seenInFullOnly?: boolean } = {},
): Promise<ReportList> {
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const first = query.limit * 5;
  const readWindow = async (window: number) => {
    const ids = await read(window);
    const found = await mosaic.store.getRecords(ids);
    const byId = new Map(found.map((s) => [s.record.id, s]));
    const ordered = ids.flatMap((id) => {
      const stored = byId.get(id);
      if (!stored || stored.record.schema !== 'Report') return [];
      if (query.collection !== undefined && !stored.record.properties['collection']?.includes(query.collection)) return [];
      return [{ ...stored.record, stored }];
    });
    const candidates = seenInFullOnly ? filterVisible(user, ordered, context, { action: 'read', decide: mosaic.decide }).visible : ordered;
    const may = filterVisible(user, candidates, context, { action: 'search', decide: mosaic.decide }).visible.map((r) => r.id);
    return { full: ids.length === window, firstRead: new Set(ids.slice(0, first)), candidates, may };
  };
  let window = first;
  let found = await readWindow(window);
  while (found.full && found.may.length < query.limit && window < MAX_HITS) {
    window = Math.min(window * 4, MAX_HITS);
    found = await readWindow(window);
  }
  const page = new Set(found.may.slice(0, query.limit));
  const may = new Set(found.may);
  const consulted = found.candidates.filter((r) => page.has(r.id) || (!may.has(r.id) && found.firstRead.has(r.id)));
  const { visible, pointers } = await consult(mosaic, consultation, consulted, { action: 'search', query: audited });
  const results: ReportHit[] = [];
  for (const r of visible.slice(0, query.limit)) {
    results.push({ report: recordView(mosaic, r.stored), snippet: snippetOf((await mosaic.store.getReportText(r.id)) ?? '', query.q) });
  }
  return { results, pointers };
}
