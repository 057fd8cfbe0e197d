/**
 * Record read and write paths. Reads go through consult(); a record the user may not see is
 * answered exactly like one that does not exist, so no error tells them it is there. Writes are
 * an agency's claims about its own records only: record ids are scoped by agency, so a write can
 * never collide with, and so reveal, another agency's record. An own-agency record the writer may
 * not see is not overwritten, nor an alert on a subject they may not read, and its id is refused
 * as taken, never saying what hides it.
 */
import { AppError, RecordId, type EntityRecord, type FieldError, type Properties, type Provenance, type SchemaRegistry } from '@mosaic/model';
import { decide, erasable, reviewDateFor, reviewDateOfNewVersion, type Pointer } from '@mosaic/policy';
import type { AuditEvent } from '@mosaic/audit';
import { createStoreAuditStorage, type DeleteResult, type EraseRecordsOptions, type RecordVersion, type Store, type StoredRecord } from '@mosaic/store';
import { REPORT_REVIEW_KIND, REPORT_SCHEMA, type ReportReview } from './reports/report-review.ts';
import { REPORT_UPLOAD_KIND, reportUploadKeys } from './reports/report-upload-key.ts';
import { consult } from './consult.ts';
import { idTaken } from './id-taken.ts';
import { policyContext, policyUser, type Consultation, type OrgSnapshot } from './organisation.ts';
import type { Notification } from './notifier.ts';
import type { Mosaic } from './runtime.ts';
import { activeHolds, holdsOn } from './retention/legal-holds.ts';
import { eraseFromChecks, eraseFromNotifications, erasureNotices } from './screening/erase-from-checks.ts';
import { eraseFromJudgementNotes } from './resolution/erase-from-judgement-notes.ts';
import { eraseFromWatchLabels, noticeRelabelling } from './watch/erase-from-watch-labels.ts';
import { eraseFromChartTitles } from './graph/erase-from-chart-titles.ts';
import { eraseFromRelationSummaries, withErasedSummaries } from './graph/erase-from-relation-summaries.ts';
import { eraseFromReports, planReportErasures, REPORTS_ALTERED, type ReportRewritePlans } from './reports/erase-from-reports.ts';
import { alertSubjects, asWriter, subjectsReadable } from './screening/alert-subjects-readable.ts';
import { ALERT_SCHEMA } from './screening/screening-projection.ts';
import { deliverOrRetry } from './screening/webhook-outbox.ts';
import type { Delivery } from './screening/webhooks.ts';
import { retentionRulesOf } from './retention/retention-rules.ts';
import { validateRecord } from '@mosaic/model';

export interface RecordView {
  readonly id: RecordId;
  readonly schema: string;
  readonly caption: string;
  readonly properties: Properties;
  readonly provenance: Provenance;
  readonly version: number;
  readonly updatedAt: string;
}

/** The value a record is shown by: the first of its schema's caption properties it has. */
export function captionOf(registry: SchemaRegistry, record: Pick<EntityRecord, 'schema' | 'properties'>): string {
  const schema = registry.get(record.schema);
  for (const prop of schema?.caption ?? []) {
    const value = record.properties[prop]?.[0];
    if (value) return value;
  }
  return schema?.label ?? record.schema;
}

export function recordView(mosaic: Mosaic, stored: StoredRecord): RecordView {
  const { record } = stored;
  return { id: record.id, schema: record.schema, caption: captionOf(mosaic.registry, record), properties: record.properties, provenance: record.provenance, version: stored.version, updatedAt: stored.updatedAt };
}

type Found = { readonly record: RecordView; readonly pointer?: undefined } | { readonly pointer: Pointer; readonly record?: undefined };

/**
 * Whether the user may be shown `record` for what it names: an Alert only when they may read each
 * subject it names (alert-subjects-readable.ts), any other record always.
 */
async function subjectsShown(mosaic: Mosaic, consultation: Consultation, record: EntityRecord): Promise<boolean> {
  const subjects = alertSubjects(record);
  if (subjects.length === 0) return true;
  return subjects.every(await subjectsReadable(mosaic, consultation, subjects));
}

/** Read one record: the content, a pointer, or not found (also when hidden, and an alert on a subject hidden from the user). */
export async function readRecord(mosaic: Mosaic, consultation: Consultation, id: RecordId): Promise<Found> {
  const stored = await mosaic.store.getRecord(id);
  // an alert on a subject the user may not read is not theirs to learn of, not even as a pointer
  const candidates = stored && await subjectsShown(mosaic, consultation, stored.record) ? [{ ...stored.record, stored }] : [];
  const { visible, pointers } = await consult(mosaic, consultation, candidates, { action: 'read', query: { record: id } });
  const shown = visible[0];
  if (shown) return { record: recordView(mosaic, shown.stored) };
  const pointer = pointers[0];
  if (pointer) return { pointer };
  throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
}

/** A version of a record's history; `withheld`: its content was under a marking the reader may not read. */
export type HistoryVersion = RecordVersion & { readonly withheld?: true };

/**
 * The versions of a record the user may read: the history passes the same gate as the record,
 * and each version's content its own marking's (a version written under a stricter marking than
 * the current one is listed without its content), an Alert's the gate of the subjects it names
 * too (the alert now, as its read; an older version, as its content). A relationship's summary
 * erased as naming an erased end reads so in the versions before too (withErasedSummaries). The
 * consultation's audit entry names the versions whose content it returned.
 */
export async function readRecordHistory(mosaic: Mosaic, consultation: Consultation, id: RecordId): Promise<readonly HistoryVersion[]> {
  const stored = await mosaic.store.getRecord(id);
  const versions = stored ? withErasedSummaries(await mosaic.store.recordHistory(id)) : [];
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const subjectsOf = (record: EntityRecord | undefined): readonly RecordId[] => (record === undefined ? [] : alertSubjects(record));
  const subjectReadable = await subjectsReadable(mosaic, consultation, [...subjectsOf(stored?.record), ...versions.flatMap((v) => subjectsOf(v.record))]);
  const shown: HistoryVersion[] = versions.map((v) => {
    if (v.record === undefined || (mosaic.decide(user, 'read', { kind: 'record', id, provenance: v.record.provenance }, context).effect === 'allow' && subjectsOf(v.record).every(subjectReadable))) return v;
    const { record: _withheld, ...rest } = v;
    return { ...rest, withheld: true };
  });
  const candidates = stored && subjectsOf(stored.record).every(subjectReadable) ? [{ ...stored.record, stored }] : [];
  const withContent = shown.filter((v) => v.record !== undefined).map((v) => v.version);
  const { visible } = await consult(mosaic, consultation, candidates, { action: 'read', query: { record: id, history: { versions: withContent } } });
  if (visible.length === 0) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
  return shown;
}

/** Refuse queries that are empty, absurd, or would scan everything: a 400 naming the field `q`, as every search asks it. */
export function checkQuery(q: string): string {
  const text = q.normalize('NFKC').trim();
  if (/[\u0000-\u001f\u007f]/.test(text)) throw queryRejected('contains control characters');
  if ([...text.replace(/[^\p{L}\p{N}]/gu, '')].length < 2) throw queryRejected('needs at least two letters or digits');
  if (text.length > 200) throw queryRejected('longer than 200 characters');
  return text;
}

function queryRejected(reason: string): AppError {
  return new AppError('MOSAIC_QUERY_REJECTED', `q: the query ${reason}`, { field: 'q', reason });
}

/**
 * Appends `event` in `tx`, the transaction that wrote what it logs: a record written (created,
 * changed, erased) is kept exactly when the entry of its writing is (LED Art. 25), even when the
 * node stops between the two. Appended after the writes, so the log's lock, taken there, is held
 * only for the commit, not while the records are written.
 */
async function appendInTransaction(mosaic: Mosaic, tx: Store, event: AuditEvent): Promise<void> {
  await mosaic.audit.appendIn(createStoreAuditStorage(tx), [event]);
}

export type WriteOutcome = { readonly ok: true; readonly record: RecordView; readonly status: 'created' | 'updated' | 'unchanged' } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Why a Report is not written as any other record. */
const REPORT_UPLOADED = 'a Report is written by uploading it (POST /reports), with its text and what extraction found in it';

/**
 * Create or update one of the user's agency's records. `alongside` writes what belongs to the
 * record (a report's text and review) in the same transaction, with the audit entry of the
 * write: all of it or none.
 * `reason` is the why of the change, kept in that entry (an alert's withdrawal says why it is
 * withdrawn: LED Art. 25 logs the justification of an alteration).
 *
 * A Report is written only with its text and review alongside (uploadReport): written alone it
 * would be a report with no text and no review, and a new version of an uploaded one would say
 * of its text what the text does not (its hash, its length, its collection).
 */
export async function writeRecord(mosaic: Mosaic, consultation: Consultation, raw: unknown, options: WriteOptions = {}): Promise<WriteOutcome> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await writeRecordOnce(mosaic, consultation, raw, options);
    if (!('moved' in outcome)) return outcome;
    if (attempt === WRITE_ATTEMPTS) throw new AppError('MOSAIC_CONFLICT', `record ${outcome.moved} was changed by other writes while this one was made: send it again`);
  }
}

/** What a write carries besides the record: see writeRecord. */
export interface WriteOptions {
  readonly alongside?: (tx: Store, id: RecordId) => Promise<void>;
  readonly reason?: string;
}

/** Times a write is made again from the record as another write left it, before it is answered with a conflict. */
const WRITE_ATTEMPTS = 3;

/**
 * writeRecord once, or `moved` when the stored record changed between its first read and the
 * write's transaction in what the write was judged on (judgedAlike): the stored review date kept,
 * the right to write over it and the schema's conflict were judged on a version another write (a
 * review date kept longer, another node's write) has replaced, and writing would undo that one.
 */
async function writeRecordOnce(mosaic: Mosaic, consultation: Consultation, raw: unknown, { alongside, reason }: WriteOptions): Promise<WriteOutcome | { readonly moved: RecordId }> {
  const { user } = consultation;
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as { schema?: unknown; provenance?: Record<string, unknown> };
  if (alongside === undefined && typeof given.schema === 'string' && mosaic.registry.isA(given.schema, REPORT_SCHEMA)) {
    return { ok: false, errors: [{ field: 'schema', reason: REPORT_UPLOADED }] };
  }
  const claimed = given.provenance?.['agency'];
  if (claimed !== undefined && claimed !== user.agency) return { ok: false, errors: [{ field: 'provenance.agency', reason: 'must be your own agency' }] };
  const today = mosaic.now().toISOString().slice(0, 10);
  const rules = await retentionRulesOf(mosaic, user.agency);
  const snapshot = await mosaic.org();
  const validated = validateRecord(mosaic.registry, { ...given, provenance: { ...given.provenance, agency: user.agency } }, {
    reviewDateFor: (category) => reviewDateFor(category, today, rules), agencies: snapshot.org.agencies.map((a) => a.id), groups: snapshot.org.groups,
  });
  if (!validated.ok) return validated;
  const decision = decide(policyUser(user), 'write', { kind: 'record', provenance: validated.record.provenance }, policyContext(snapshot, consultation));
  if (decision.effect !== 'allow') throw new AppError('MOSAIC_FORBIDDEN', `write refused: ${decision.reason}`);
  // Overwriting needs the right to write the stored version too: a colleague outside a record's
  // need-to-know group must not replace it (and so lift the restriction), nor learn why not.
  // An alert is shown only to who may read its subject (alert-subjects-readable.ts): a write over
  // one would tell anyone else that it is there (its schema's conflict, a version after it).
  const existing = await mosaic.store.getRecord(validated.record.id);
  const writable = existing === undefined || (mayWriteStored(consultation, snapshot, existing) && await subjectsShown(mosaic, asWriter(consultation, existing.record.id), existing.record));
  if (!writable) throw idTaken(validated.record.id);
  // A new version naming no review date keeps the stored one (reviewDateOfNewVersion): dated by
  // the rule from today, each write (the source system's next export too) put off the review.
  const record = existing === undefined || given.provenance?.['reviewDate'] !== undefined
    ? validated.record
    : withReviewDate(validated.record, reviewDateOfNewVersion(existing.record.provenance, validated.record.provenance));
  // A new version is the same thing told again: a report does not become a person (and so drop
  // out of the reports, its text and its review unreachable).
  // a review date already reached would have the next sweep erase what was just written: a
  // person setting one has mistyped it (a stored one kept as it is stays: the review will come)
  const reviewDate = record.provenance.reviewDate;
  if (reviewDate <= today && existing?.record.provenance.reviewDate !== reviewDate) {
    return { ok: false, errors: [{ field: 'provenance.reviewDate', reason: `must be after today (${today}): a record past its review date is erased by the next sweep` }] };
  }
  const schemaConflict = (schema: string): AppError => new AppError('MOSAIC_CONFLICT', `record ${record.id} is a ${schema}: its schema cannot change to ${record.schema} (write it under another id)`, { field: 'schema', reason: `is ${schema}` });
  if (existing && existing.record.schema !== record.schema) throw schemaConflict(existing.record.schema);
  const result = await mosaic.store.transaction(async (tx) => {
    // The audit log's lock first, as an erasure, an extension of the review date and every other
    // write of a record take it (on PostgreSQL the store's put takes it too, but only as it
    // writes): the record read again under it is the one this write replaces. So a subject erased
    // meanwhile took its alerts with it, not this one: either the erasure finds the alert or the
    // alert finds its subject gone.
    await tx.lockAudit();
    if (!judgedAlike(existing, await tx.getRecord(record.id))) return { moved: record.id };
    const refused = await alertSubjectRefused(tx, record, existing, (subject) => decide(policyUser(user), 'read', { kind: 'record', id: subject.id, provenance: subject.provenance }, policyContext(snapshot, consultation)).effect === 'allow');
    if (refused) return { refused };
    const [written] = await tx.putRecords([record], { actor: user.id });
    if (!written) throw new AppError('MOSAIC_INTERNAL', 'the store returned no result');
    // written meanwhile under another schema (the store refused it): nothing alongside, nothing logged
    if (written.status === 'conflict') throw schemaConflict('record of another schema');
    await alongside?.(tx, record.id);
    await appendInTransaction(mosaic, tx, {
      actor: { user: user.id, agency: user.agency }, action: written.status === 'created' ? 'collection' : 'alteration',
      purpose: consultation.purpose ?? null, caseRef: consultation.caseRef ?? null, records: [written.id], outcome: 'ok', ...(reason === undefined ? {} : { reason }),
    });
    // the version this write made, read where no other write can come between (one read after
    // the commit answered a concurrent writer's version, with its content)
    const stored = await tx.getRecord(written.id);
    if (!stored) throw new AppError('MOSAIC_INTERNAL', 'the record vanished after writing');
    return { stored, status: written.status };
  });
  if (result.moved !== undefined) return { moved: result.moved };
  if ('refused' in result) return { ok: false, errors: [result.refused] };
  return { ok: true, record: recordView(mosaic, result.stored), status: result.status };
}

/**
 * Whether a write judged on the stored version `read` is judged alike on `now`: the same schema
 * and provenance (review date, marking), or for an alert the same version (its subjects decide who
 * may write over it). Writes that only changed another record's properties meanwhile (another
 * node's write of the same source line) do not make it start again.
 */
function judgedAlike(read: StoredRecord | undefined, now: StoredRecord | undefined): boolean {
  if (read === undefined || now === undefined) return read === now;
  if (read.record.schema === ALERT_SCHEMA || now.record.schema === ALERT_SCHEMA) return read.version === now.version;
  return read.record.schema === now.record.schema && JSON.stringify(read.record.provenance) === JSON.stringify(now.record.provenance);
}

function withReviewDate(record: EntityRecord, reviewDate: string): EntityRecord {
  return record.provenance.reviewDate === reviewDate ? record : Object.freeze({ ...record, provenance: Object.freeze({ ...record.provenance, reviewDate }) });
}

/**
 * Whether the user may write over a stored record of their agency: the write decision on its
 * stored marking (need-to-know groups, clearance), the gate an own record's reader passes, less
 * the purpose.
 */
function mayWriteStored(consultation: Consultation, snapshot: OrgSnapshot, stored: StoredRecord): boolean {
  return decide(policyUser(consultation.user), 'write', { kind: 'record', id: stored.record.id, provenance: stored.record.provenance }, policyContext(snapshot, consultation)).effect === 'allow';
}

/**
 * Why an Alert may not be written with the subjects it names, or undefined: each it does not
 * already name must be a stored record the writer may read, as issuing one through createAlert
 * asks. An alert on an id no record holds (never written, or erased) would wait there for
 * whoever is written under it next, the defect eraseStoredRecord's erasure of alerts closes; a
 * record the writer may not read is refused in the same words as a missing one, so the refusal
 * tells nothing of it. A subject the stored version names was checked when it was written (an
 * erasure takes the alerts on it along), so withdrawing an alert never depends on it.
 */
async function alertSubjectRefused(store: Store, record: EntityRecord, stored: StoredRecord | undefined, readable: (subject: EntityRecord) => boolean): Promise<FieldError | undefined> {
  if (record.schema !== ALERT_SCHEMA) return undefined;
  const named = new Set(stored?.record.properties['subject'] ?? []);
  for (const subject of record.properties['subject'] ?? []) {
    if (named.has(subject)) continue;
    const found = await store.getRecord(RecordId(subject));
    if (!found || !readable(found.record)) return { field: 'subject', reason: `no record ${subject} that you may read` };
  }
  return undefined;
}

/** A record erased with another, and the kept notifications that showed it, as they are now. */
export interface ErasedWith {
  readonly id: RecordId;
  readonly notifications: readonly Notification[];
}

/**
 * Erases a stored record (the owner's erasure, the retention sweep's): its content in every
 * version and a report's text (store.deleteRecord), and what the service keeps beside it (a
 * report's review, which holds the names found in it, and the note of its upload that answers the
 * same file sent again, report-upload-key.ts; what checkpoint checks and kept
 * notifications showed of it, erase-from-checks.ts; a watch's or a kept notice's label that holds
 * one of its names, erase-from-watch-labels.ts, and a saved chart's title that does,
 * erase-from-chart-titles.ts; the summary of a relationship it is an end of that names it,
 * erase-from-relation-summaries.ts; the sentences naming it in the text and review of a report it
 * was confirmed from, erase-from-reports.ts; the note of a judgement on a pair that holds it,
 * erase-from-judgement-notes.ts), in one transaction. The alerts on it go
 * with it, each erased as a record is (`alerts`): an alert on a person is data about them
 * (LED Art. 16), and one left behind stayed in force on the id, on whoever was written under it
 * next. So do, on its owner's erasure (`withConfirmed`), the records an analyst confirmed from a
 * report (`confirmed`, confirmedFrom): read from its text (a relationship quotes its sentence),
 * they outlived the erased report. Also
 * returns the kept notifications that showed it, as they are now (for tellRecipientsOfErasure).
 */
export async function eraseStoredRecord(store: Store, id: RecordId, options: ErasureOptions): Promise<StoredErasure> {
  const [result] = await eraseStoredRecords(store, [id], options);
  if (result === undefined) throw new AppError('MOSAIC_INTERNAL', `records: no erasure result for ${id}`);
  return result;
}

export type ErasureOptions = EraseRecordsOptions & {
  /**
   * Whether a report's erasure takes the records confirmed from it (confirmedFrom): an owner's
   * erasure of the report does. The retention sweep leaves each to its own review date, never
   * after the report's unless someone kept it longer after a review, whose decision stands.
   */
  readonly withConfirmed?: boolean;
  /**
   * The rewrites of the reports the records were confirmed from, worked out before the
   * transaction (planReportErasures): each written if it still stands, else worked out again.
   */
  readonly reportRewrites?: ReportRewritePlans;
};

/**
 * What eraseStoredRecord did to one record: the store's result, the kept notifications that
 * showed it, the alerts erased with it (on it, or on a record confirmed from it), for a
 * report, the records confirmed from it that were erased with it, the relationships it is an
 * end of whose summary named it, written again without it (erase-from-relation-summaries.ts), and
 * the reports it was confirmed from whose text named it, written again without it
 * (erase-from-reports.ts).
 */
export type StoredErasure = DeleteResult & {
  readonly notifications: readonly Notification[]; readonly alerts: readonly ErasedWith[]; readonly confirmed: readonly ErasedWith[];
  readonly summaries: readonly RecordId[]; readonly reports: readonly RecordId[];
};

/**
 * eraseStoredRecord for many records in one transaction (a sweep's batch): the store erases them
 * all in a statement per step (store.eraseRecords, which reads their rows once: to judge them,
 * `erasable`, under their lock, for their histories, and to erase them) and their reviews go in
 * one, where a record at a time took a dozen queries each; the checks, notifications and judgements
 * showing them, and the records naming them, are read in a statement for all of them too (a
 * statement each cost a step of ten records on PostgreSQL some 70 round trips), each once (the
 * records naming them, and the notifications, were read twice: for the summaries and the alerts,
 * for the labels and the erasure), each record still erased from a check or a notification in
 * turn. A result per distinct id, in order.
 */
export async function eraseStoredRecords(store: Store, ids: readonly RecordId[], options: ErasureOptions): Promise<readonly StoredErasure[]> {
  return store.transaction(async (tx) => {
    // judged (options.erasable), read with every version's names (a watch's label may hold any
    // of them) and erased in one: the rows read once, under the lock the erasure holds them with
    const { results, histories } = await tx.eraseRecords(ids, options);
    const deleted = results.flatMap((result) => (result.status === 'deleted' ? [result.id] : []));
    const goneVersions: EntityRecord[] = [];
    for (const id of deleted) for (const { record } of histories.get(id) ?? []) if (record) goneVersions.push(record);
    // read before the reviews that name them are erased with their reports; a record confirmed
    // from one that this erasure erased itself is not read (it is no longer live), as it was not
    // erased again when read before
    const reports = [...new Set(goneVersions.filter((record) => record.schema === REPORT_SCHEMA).map((record) => record.id))];
    const confirmedOf = options.withConfirmed === true ? await confirmedFrom(tx, reports) : new Map<RecordId, readonly RecordId[]>();
    await tx.deleteDocuments(REPORT_REVIEW_KIND, deleted);
    await tx.deleteDocuments(REPORT_UPLOAD_KIND, reportUploadKeys(goneVersions));
    await eraseFromWatchLabels(tx, goneVersions);
    await eraseFromChartTitles(tx, goneVersions);
    // the live records naming them, read once: the relationships and events whose summaries may
    // name them, and the alerts on them (the summaries rewritten leave who names whom as it was)
    const naming = deleted.length === 0 ? [] : await tx.recordsNaming(deleted);
    const summaries = await eraseFromRelationSummaries(tx, goneVersions, { actor: options.actor, naming });
    const namingReports = await eraseFromReports(tx, goneVersions, options.actor, options.reportRewrites);
    await eraseFromJudgementNotes(tx, deleted);
    const alertsOn = alertsBySubject(naming, deleted);
    // the checks and notifications showing them, each record erased from them in turn, read and
    // written for all of them at once; the notifications' labels naming them erased as they are
    await eraseFromChecks(tx, deleted);
    const notificationsOf = await eraseFromNotifications(tx, deleted, { relabel: noticeRelabelling(goneVersions) });
    const erasures: StoredErasure[] = [];
    for (const result of results) {
      if (result.status !== 'deleted') {
        erasures.push({ ...result, notifications: [], alerts: [], confirmed: [], summaries: [], reports: [] });
        continue;
      }
      const { id } = result;
      const notifications = notificationsOf.get(id) ?? [];
      const alerts: ErasedWith[] = [];
      for (const alert of alertsOn.get(id) ?? []) {
        const erased = await eraseStoredRecord(tx, alert, { actor: options.actor, reason: `alert on ${id}, erased (${options.reason})` });
        if (erased.status === 'deleted') alerts.push({ id: alert, notifications: erased.notifications }, ...erased.alerts);
      }
      const confirmed: ErasedWith[] = [];
      const fromReport = confirmedOf.get(id) ?? [];
      if (fromReport.length > 0) {
        for (const erased of await eraseStoredRecords(tx, fromReport, { actor: options.actor, reason: `confirmed from report ${id}, erased (${options.reason})` })) {
          if (erased.status !== 'deleted') continue;
          confirmed.push({ id: erased.id, notifications: erased.notifications });
          alerts.push(...erased.alerts);
        }
      }
      erasures.push({ ...result, notifications, alerts, confirmed, summaries: summaries.get(id) ?? [], reports: namingReports.get(id) ?? [] });
    }
    return erasures;
  });
}

/**
 * The records an analyst confirmed from each of `reports` (review-report.ts: those its review
 * names as made by a confirmation, an entity's or a relation's) that still name that report as
 * their only `proof`, by report; read in `store`'s transaction, before the reviews go. They are
 * claims read from the report's text, dated never to outlive it, so its owner's erasure takes them
 * (LED Art. 16): left, a relationship quoted the erased report's sentence and a person's record its
 * names. A record the analyst has since told with another proof is theirs now, and stays; so does
 * one under a legal hold not lifted (legal-holds.ts), kept as the court asked, to its own review.
 */
async function confirmedFrom(store: Store, reports: readonly RecordId[]): Promise<ReadonlyMap<RecordId, readonly RecordId[]>> {
  const found = new Map<RecordId, readonly RecordId[]>();
  for (const report of reports) {
    const review = (await store.getDocument(REPORT_REVIEW_KIND, report))?.body as ReportReview | undefined;
    if (!review) continue;
    const made = new Set([...Object.values(review.entities), ...review.relations].flatMap((decided) => (decided.status === 'confirmed' && decided.record ? [decided.record] : [])));
    const erasable: RecordId[] = [];
    for (const { record } of await store.getRecords([...made])) {
      const proof = record.properties['proof'] ?? [];
      if (proof.length !== 1 || proof[0] !== report) continue;
      if ((await holdsOn(store, record.id)).some((hold) => hold.liftedAt === undefined)) continue;
      erasable.push(record.id);
    }
    if (erasable.length > 0) found.set(report, erasable);
  }
  return found;
}

/** The Alert records naming each record, by the record's id. */
type AlertsBySubject = ReadonlyMap<RecordId, readonly RecordId[]>;

/**
 * The ids of the Alert records naming each of `subjects`, of `naming`, the live records naming
 * them as read in the erasure's transaction through what each record names (Store.recordsNaming,
 * record_links: an alert names its subject), in the order of their ids. Every alert was read for
 * each erasure, for each alert erased with it and for each transaction of the retention sweep:
 * with 20,000 alerts held the sweep erased 79 records a second on sqlite, and a transaction held
 * the audit log's lock the read's time whatever its bound.
 */
function alertsBySubject(naming: readonly StoredRecord[], subjects: readonly RecordId[]): AlertsBySubject {
  const wanted = new Set<string>(subjects);
  const found = new Map<RecordId, RecordId[]>();
  for (const { record } of naming) {
    if (record.schema !== ALERT_SCHEMA) continue;
    for (const subject of (record.properties['subject'] ?? []) as readonly RecordId[]) {
      if (!wanted.has(subject)) continue;
      const alerts = found.get(subject);
      if (alerts === undefined) found.set(subject, [record.id]);
      else alerts.push(record.id);
    }
  }
  return found;
}

/**
 * After an erasure: each agency sent one of `notifications` (those that showed the record) is
 * told at its webhook to erase the record from its copy (erasureNotices; LED Art. 16(6)). It never
 * throws; a failed delivery is tried again (webhook-outbox.ts: the notice, ids only, is kept with
 * the retry), and an agency with no webhook is skipped.
 */
export async function tellRecipientsOfErasure(mosaic: Mosaic, id: RecordId, notifications: readonly Notification[]): Promise<readonly Delivery[]> {
  const notices = erasureNotices(id, notifications, mosaic.now().toISOString());
  return Promise.all(notices.map((notice) => deliverOrRetry(mosaic, notice.to.agency, notice, { kept: false })));
}

/**
 * Erase one of the user's agency's records: recorded as a version, never silent. A record the
 * user may not erase is answered as a missing one, unless it is their agency's and they may write
 * it (so see it): only then is the refusal's reason news to no one. An administrator below the
 * record's classification is told it is missing (decide: 'delete' asks the clearance).
 */
export async function eraseRecord(mosaic: Mosaic, consultation: Consultation, id: RecordId, reason: string): Promise<void> {
  const { user } = consultation;
  const stored = await mosaic.store.getRecord(id);
  const snapshot = await mosaic.org();
  const decision = stored ? decide(policyUser(user), 'delete', { kind: 'record', id, provenance: stored.record.provenance }, policyContext(snapshot, consultation)) : undefined;
  if (!stored || !decision) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
  if (decision.effect !== 'allow') {
    const seen = stored.record.provenance.agency === user.agency && mayWriteStored(consultation, snapshot, stored);
    if (!seen) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
    throw new AppError('MOSAIC_FORBIDDEN', `erasure refused: ${decision.reason}`);
  }
  // the reports it was confirmed from rewritten before the log's lock is taken, from every
  // version of it as read now: under it, each rewrite is written if the report, its review and
  // text and the record's versions read the same there, else worked out again (erase-from-reports.ts)
  const reportRewrites = await planReportErasures(mosaic.store, (await mosaic.store.recordHistories([id])).get(id)?.flatMap(({ record }) => (record ? [record] : [])) ?? []);
  const { notifications, alerts, confirmed } = await mosaic.store.transaction(async (tx) => {
    // the log's lock first: the erasure rewrites checks and notifications that an officer's
    // decision or a check appends with their entries under that lock (Store.lockAudit)
    await tx.lockAudit();
    // the holds read under it, as a hold is placed under it (retention-review.ts): read before,
    // a hold placed meanwhile was erased past
    const verdict = erasable({ ...stored.record, provenance: { ...stored.record.provenance, reviewDate: '0000-01-01' } }, mosaic.now().toISOString().slice(0, 10), await activeHolds(tx, { owner: user.agency }));
    if (!verdict.erasable) throw new AppError('MOSAIC_CONFLICT', `record ${id} is under legal hold (${(verdict.holds ?? []).join('; ')})`);
    const erased = await eraseStoredRecord(tx, id, { actor: user.id, reason, withConfirmed: true, reportRewrites });
    const actor = { user: user.id, agency: user.agency };
    await appendInTransaction(mosaic, tx, { actor, action: 'erasure', records: [id], outcome: 'ok', reason: 'owner erasure' });
    if (erased.confirmed.length > 0) await appendInTransaction(mosaic, tx, { actor, action: 'erasure', records: erased.confirmed.map((r) => r.id), outcome: 'ok', reason: 'records confirmed from an erased report' });
    if (erased.alerts.length > 0) await appendInTransaction(mosaic, tx, { actor, action: 'erasure', records: erased.alerts.map((a) => a.id), outcome: 'ok', reason: 'alerts on an erased record' });
    if (erased.summaries.length > 0) await appendInTransaction(mosaic, tx, { actor, action: 'alteration', records: [...erased.summaries], outcome: 'ok', reason: 'relationship and event summaries that named an erased record' });
    if (erased.reports.length > 0) await appendInTransaction(mosaic, tx, { actor, action: 'alteration', records: [...erased.reports], outcome: 'ok', reason: REPORTS_ALTERED });
    return erased;
  });
  // beside the answer: a slow or dead endpoint must not hold the owner's erasure
  void tellRecipientsOfErasure(mosaic, id, notifications);
  for (const gone of [...confirmed, ...alerts]) void tellRecipientsOfErasure(mosaic, gone.id, gone.notifications);
}
