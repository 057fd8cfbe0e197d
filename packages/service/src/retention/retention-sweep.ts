/**
 * The erasure sweep (LED Art. 5 and 16): every record past its review date is erased unless a
 * legal hold is in force on it. Erasure is the store's versioned delete (the record leaves every
 * read path and projection; the deletion is a version of its own) and each batch is one erasure
 * entry in the audit log, committed with the batch. Checkpoint checks older than their agency's
 * `checks` period are erased too, with the decisions on their hits, and notifications older than
 * its `notifications` period (an inbox holds where and when a subject was encountered), each page
 * committed with its entry. When an audit retention period is set, the audit log is pruned too
 * (audit-prune.ts: behind a signed cut, the prune itself an entry). Run by `mosaic retention
 * sweep` and periodically by `mosaic serve`, or started by a system administrator. A subject
 * watch whose records it erased to the last ends, its user told (end-erased-subject-watches.ts).
 */
import type { AuditActor, AuditEvent } from '@mosaic/audit';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import { AgencyId, isAppError, UserId, type RecordId } from '@mosaic/model';
import { addPeriod, erasable, type Erasability, type RetentionPeriod } from '@mosaic/policy';
import { createStoreAuditStorage, type Store, type StoredRecord } from '@mosaic/store';
import { pruneAuditLog } from '../audit-prune.ts';
import { auditRetentionOf } from '../audit-retention.ts';
import { createEventLoopYielder } from '../event-loop-yielder.ts';
import { eraseStoredRecords, tellRecipientsOfErasure } from '../records.ts';
import type { Notification } from '../notifier.ts';
import { REPORTS_ALTERED } from '../reports/erase-from-reports.ts';
import type { Mosaic } from '../runtime.ts';
import { HIT_DECISION_KIND } from '../screening/decide-hit.ts';
import { NOTIFICATION_KIND, recordsShownIn, type StoredNotification } from '../screening/notification-inbox.ts';
import { WEBHOOK_ATTEMPT_KIND, WEBHOOK_RETRY_KIND, WEBHOOK_UNDELIVERED_KIND, type PendingDelivery } from '../screening/webhook-outbox.ts';
import { endErasedSubjectWatches } from '../watch/end-erased-subject-watches.ts';
import { WATCH_TOLD_KIND } from '../watch/watch-projection.ts';
import { CHECK_KIND, checkMentions, type CheckRecord } from '../screening/screen-check.ts';
import { activeHolds } from './legal-holds.ts';
import { retentionRulesOf } from './retention-rules.ts';

export interface SweepSummary {
  /** Live records, those read (past their review date) and those the review date's index showed not due. */
  readonly examined: number;
  /** Records erased, the alerts on them (erased with them) included. */
  readonly erased: number;
  /** Past their review date but kept by a legal hold. */
  readonly held: number;
  /** Checkpoint checks past their agency's period, erased with the decisions on their hits. */
  readonly checksErased: number;
  /** Notifications past their (or their user's) agency's period. */
  readonly notificationsErased: number;
  /**
   * Records left alone because a date the sweep reads (the review date, a legal hold's end) is
   * not a real date: one such record must not stop the sweep for everyone. A person fixes it.
   */
  readonly unreadable: readonly RecordId[];
  /** Audit log entries pruned, past the audit retention period (none unless one is set). */
  readonly auditPruned: number;
  /** Present when `signal` stopped the sweep before it was done: the counts say how far it got. */
  readonly stopped?: true;
}

export const SWEEP_ACTOR = 'system:retention';

/**
 * Who a sweep's erasures are logged as, and why (LED Art. 25: who, and for what purpose): the
 * person who started it by hand, with the purpose and case reference they gave; else, a sweep
 * on schedule, the retention actor, for the purpose of retention.
 */
export interface SweepStarter {
  readonly actor: AuditActor;
  readonly purpose: string;
  readonly caseRef: string;
}

const SCHEDULED: { readonly actor: AuditActor; readonly purpose: string; readonly caseRef: null } = { actor: { user: UserId(SWEEP_ACTOR), agency: AgencyId('system') }, purpose: 'retention', caseRef: null };

type Sweeper = SweepStarter | typeof SCHEDULED;

function sweepEntry(by: Sweeper, today: string, fields: Pick<AuditEvent, 'query' | 'records' | 'reason'>): AuditEvent {
  return { actor: by.actor, action: 'erasure', purpose: by.purpose, caseRef: by.caseRef, outcome: 'ok', ...fields, query: { sweep: today, ...(fields.query as object | undefined) } };
}

export interface SweepOptions {
  /** The most records one transaction erases. */
  readonly batchSize?: number;
  /**
   * How long one transaction goes on erasing before it commits (ms): it holds the audit log's
   * lock, which every audited request waits for, so a sweep of many records lets them through
   * between its transactions rather than after it (a batch of 500 held it ~5 s on PostgreSQL).
   * On the embedded store a request waits for the whole of the transaction under way (the one
   * connection, and the thread, are the sweep's until it commits): with 100 ms, a check's entry
   * waited a median 105-147 ms, with 15 ms (the default) 16-17 ms (BENCHMARKS.md, "Erasing records").
   */
  readonly lockMs?: number;
  /** The person who started the sweep (a system administrator, the command line's operator); absent: a sweep on schedule. */
  readonly startedBy?: SweepStarter;
  /** Told how far the sweep is: as it reads the records, once it knows how many are due, after each transaction of erasures. */
  readonly onProgress?: (progress: SweepProgress) => void;
  /**
   * Once aborted (Ctrl-C on `mosaic retention sweep`), the sweep stops after the transaction
   * under way, each kept with its entry: the watches it ended a subject of are ended, and what
   * it did not reach (records, checks, notifications, the audit log's prune) is left to the next.
   */
  readonly signal?: AbortSignal;
}

export interface SweepProgress {
  /** Records read so far: only those past their review date are read (recordsDueBy). */
  readonly examined: number;
  /** Records found due (past their review date and not held), once all are read; null before. */
  readonly due: number | null;
  /** Records erased so far, the alerts erased with them not counted. */
  readonly erased: number;
}

/** Records read between two reports of progress while the sweep reads the store. */
const PROGRESS_READ = 1_000;

export async function sweepRetention(mosaic: Mosaic, { batchSize = 500, lockMs = LOCK_MS, startedBy, onProgress, signal }: SweepOptions = {}): Promise<SweepSummary> {
  const stopping = (): boolean => signal?.aborted === true;
  // the event loop given a turn while the records are read: on the embedded store each page is
  // read at once, and a signal asking to stop, as a serving node's requests, would wait for all
  const turn = createEventLoopYielder();
  const by: Sweeper = startedBy ?? SCHEDULED;
  const today = mosaic.now().toISOString().slice(0, 10);
  const holds = await activeHolds(mosaic.store);
  const due: RecordId[] = [];
  // the records not due are judged by the review date's index alone, never read: they count as
  // examined, as when the sweep read every record (live ones when it began)
  const live = await mosaic.store.countRecords();
  let read = 0;
  let held = 0;
  const unreadable: RecordId[] = [];
  for await (const stored of recordsDueBy(mosaic.store, today)) {
    await turn();
    if (stopping()) break;
    read += 1;
    if (read % PROGRESS_READ === 0) onProgress?.({ examined: read, due: null, erased: 0 });
    const verdict = readableVerdict(() => erasable(stored.record, today, holds));
    if (verdict === undefined) unreadable.push(stored.record.id);
    else if (verdict.erasable) due.push(stored.record.id);
    else if (verdict.reason === 'legal hold') held += 1;
  }
  // read agency by agency, by review date: erased and reported in the order of their ids, as before
  due.sort(byId);
  unreadable.sort(byId);
  const examined = stopping() ? read : Math.max(live, read);
  let erased = 0;
  const gone = new Set<RecordId>();
  // stopped while reading: how many are due is not known, and none is erased
  if (!stopping()) onProgress?.({ examined, due: due.length, erased });
  const pace = createErasurePace(lockMs);
  for (let next = 0; next < due.length && !stopping();) {
    const { done, told, taken } = await mosaic.store.transaction(async (tx) => {
      // the log's lock first, as an owner's erasure takes it (records.ts): the erasures rewrite
      // checks and notifications that a check or a decision appends with under that lock
      await tx.lockAudit();
      const erasedNow = await eraseWhileLocked(tx, due.slice(next, next + batchSize), by, { pace, today });
      // in the transaction: its records are erased exactly when the entry naming them is kept
      // (LED Art. 25), even when the node stops between the two
      if (erasedNow.done.length > 0) await mosaic.audit.appendIn(createStoreAuditStorage(tx), [sweepEntry(by, today, { records: erasedNow.done, reason: 'retention sweep' })]);
      // the relationships and events written again without the erased records' names (erase-from-relation-summaries.ts)
      if (erasedNow.altered.length > 0) await mosaic.audit.appendIn(createStoreAuditStorage(tx), [{ ...sweepEntry(by, today, { records: erasedNow.altered, reason: 'relationship and event summaries that named an erased record' }), action: 'alteration' }]);
      // the reports written again without the names of the records confirmed from them (erase-from-reports.ts)
      if (erasedNow.reports.length > 0) await mosaic.audit.appendIn(createStoreAuditStorage(tx), [{ ...sweepEntry(by, today, { records: erasedNow.reports, reason: REPORTS_ALTERED }), action: 'alteration' }]);
      return erasedNow;
    });
    // once the erasures are kept: a recipient told of one rolled back would erase what is still here
    await Promise.all(told.map((gone) => tellRecipientsOfErasure(mosaic, gone.id, gone.notifications)));
    erased += done.length;
    for (const id of done) gone.add(id);
    next += taken;
    onProgress?.({ examined, due: due.length, erased: next });
    // a turn of the event loop between transactions: on the embedded store every call is settled
    // at once (event-loop-yielder.ts), so without it the next transaction began before a waiting
    // request's (the audit log's group commit starts on the next turn) and held it to the end
    await setImmediate();
  }
  // a watch whose subject this sweep erased to the last record ends, its user told
  await endErasedSubjectWatches(mosaic, gone);
  const documents = await sweepDocuments(mosaic, by, today, batchSize, stopping);
  const prune = stopping() || (await auditRetentionOf(mosaic)) === null ? undefined
    : await pruneAuditLog(mosaic, { actor: by.actor, purpose: by.purpose, ...(by.caseRef === null ? {} : { caseRef: by.caseRef }), ...(signal === undefined ? {} : { signal }) });
  return {
    examined, erased, held, checksErased: documents.checks, notificationsErased: documents.notifications, unreadable, auditPruned: prune?.pruned ?? 0,
    ...(stopping() ? { stopped: true } : {}),
  };
}

/** What the sweep erased of a batch, in one transaction: `done` names it for the entry; `told`, the notifications that showed each record, whose recipients are told once it is kept; `taken`, how many of the records due it went through. */
interface ErasedBatch {
  readonly done: readonly RecordId[];
  readonly altered: readonly RecordId[];
  readonly reports: readonly RecordId[];
  readonly told: readonly { readonly id: RecordId; readonly notifications: readonly Notification[] }[];
  readonly taken: number;
}

/** How long a transaction of the sweep erases at most (ms), by default: SweepOptions.lockMs. */
const LOCK_MS = 15;

/** The most records one step erases, however fast: its reads and writes are set-wise, a statement or a few for the step. */
const MAX_STEP = 25;

/**
 * The fewest records a step erases (but at the end of the records due), however slow: a step's
 * reads and writes are a statement or a few for all its records, and fewer records a step would
 * cost more in statements than they save in waiting (on PostgreSQL, a busy machine, a step of one
 * record took a seventh of the time of one of 25, and the sweep erased 20 records a second, not 123).
 */
const MIN_STEP = 10;

/**
 * How many records the next step of erasures takes, from how long those before took: as many as
 * fit in the time the transaction has left, from MIN_STEP to MAX_STEP. A step of a fixed 25
 * records took 15-20 ms on the embedded store and over 100 ms on PostgreSQL (BENCHMARKS.md,
 * "Erasing records"), so a transaction bounded to 15 ms would overrun its bound by up to a step
 * or be one step longer than the bound; where even MIN_STEP records take longer than the bound
 * (PostgreSQL, a busy machine), a transaction is one step of MIN_STEP. The time a record takes
 * is an average over the sweep's steps, the latest weighing half, so each transaction's first
 * step is sized too and a slower moment is followed.
 */
interface ErasurePace {
  readonly lockMs: number;
  /** Records the next step takes with `leftMs` of the transaction's time left. */
  next(leftMs: number): number;
  /** Whether another step of at least MIN_STEP records is expected to fit in `leftMs`. */
  fits(leftMs: number): boolean;
  /** Tells how long a step of `records` records took. */
  took(records: number, ms: number): void;
}

function createErasurePace(lockMs: number): ErasurePace {
  let msPerRecord: number | undefined;
  const fitting = (leftMs: number): number => (msPerRecord === undefined ? MIN_STEP : Math.floor(leftMs / msPerRecord));
  return {
    lockMs,
    next: (leftMs) => Math.max(MIN_STEP, Math.min(MAX_STEP, fitting(leftMs))),
    fits: (leftMs) => fitting(leftMs) >= MIN_STEP,
    took: (records, ms) => {
      const each = ms / Math.max(1, records);
      msPerRecord = msPerRecord === undefined ? each : (msPerRecord + each) / 2;
    },
  };
}

/**
 * Erases records of `batch` in `tx`, from the first, a step at a time (sized by `pace`) until all
 * are erased or the transaction's time is spent, with the alerts on them, each version of
 * deletion naming who swept.
 *
 * Each is judged again as it is under the audit log's lock `tx` holds, the lock a review date
 * kept longer or a legal hold is written under (retention-review.ts): found due by a read made
 * before, one kept longer or held meanwhile was erased.
 */
async function eraseWhileLocked(tx: Store, batch: readonly RecordId[], by: Sweeper, { pace, today }: { readonly pace: ErasurePace; readonly today: string }): Promise<ErasedBatch> {
  const started = performance.now();
  const holds = await activeHolds(tx);
  const done: RecordId[] = [];
  const altered = new Set<RecordId>();
  const reports = new Set<RecordId>();
  const told: ErasedBatch['told'][number][] = [];
  let taken = 0;
  do {
    const stepped = performance.now();
    const step = batch.slice(taken, taken + pace.next(pace.lockMs - (stepped - started)));
    // judged again as the erasure reads the rows, under their lock: one read for the judgement,
    // the histories and the erasure, where three each cost a round trip on PostgreSQL
    const stillDue = (stored: StoredRecord): boolean => readableVerdict(() => erasable(stored.record, today, holds))?.erasable === true;
    for (const result of await eraseStoredRecords(tx, step, { actor: by.actor.user, reason: 'retention: review date passed', erasable: stillDue })) {
      // the alerts on it went with it: erased by this sweep too, and named in its entry
      if (result.status === 'deleted') done.push(result.id, ...result.alerts.map((a) => a.id));
      for (const relation of result.summaries) altered.add(relation);
      for (const report of result.reports) reports.add(report);
      told.push(...[{ id: result.id, notifications: result.notifications }, ...result.alerts].filter((gone) => gone.notifications.length > 0));
    }
    taken += step.length;
    pace.took(step.length, performance.now() - stepped);
  } while (taken < batch.length && pace.fits(pace.lockMs - (performance.now() - started)));
  // a relationship erased in the batch too is named as erased, not as altered
  return { done, altered: [...altered].filter((id) => !done.includes(id)), reports: [...reports].filter((id) => !done.includes(id)), told, taken };
}

/** Records read by the review date's index at a time. */
const DUE_PAGE = 2000;

/**
 * Every live record whose review date is on or before `today`, agency by agency, a page at a
 * time through the store's index of review dates (Store.recordsDueForReview): the sweep read
 * every live record and judged each, its time growing with every record held, due or not (with
 * 100,000 relationships held, twice as long). A review date stored as no real date but sorting
 * after today (a month 13 of this year) is not reached: the policy would refuse to read it, and
 * it is not due by the index either.
 */
async function* recordsDueBy(store: Store, today: string): AsyncGenerator<StoredRecord> {
  for (const agency of await store.recordAgencies()) {
    let after: { readonly reviewDate: string; readonly id: RecordId } | undefined;
    for (;;) {
      const page = await store.recordsDueForReview({ agency, through: today, limit: DUE_PAGE, ...(after === undefined ? {} : { after }) });
      yield* page;
      const last = page.at(-1);
      if (page.length < DUE_PAGE || last === undefined) break;
      after = { reviewDate: last.record.provenance.reviewDate, id: last.record.id };
    }
  }
}

function byId(a: RecordId, b: RecordId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The policy's verdict on a record, or undefined when it refuses a stored date as not a real one (policy: dates must be valid YYYY-MM-DD). */
function readableVerdict(verdict: () => Erasability): Erasability | undefined {
  try {
    return verdict();
  } catch (error) {
    if (isAppError(error) && error.kind === 'invalid') return undefined;
    throw error;
  }
}

/** A kind of workflow document the sweep erases once older than its owner agency's period. */
interface SweptKind {
  readonly kind: string;
  readonly rule: 'checks' | 'notifications';
  /** When the document was made (ISO instant). */
  readonly at: (body: unknown) => string;
  /** Whether users own documents of the kind too (their agency's period applies). */
  readonly userOwned: boolean;
  /** Documents of other kinds that belong to one of this kind: erased with it, just before it. */
  readonly belonging?: readonly { readonly kind: string; readonly ids: (id: string, body: unknown) => readonly string[] }[];
  /** The records a document of the kind is kept with a mention of (DocumentInput.mentions): forgotten with it. */
  readonly mentions?: (body: unknown) => readonly string[];
  /** Whether the erasures count in the sweep's summary (bookkeeping of a kind does not). */
  readonly counted?: boolean;
}

const SWEPT_KINDS: readonly SweptKind[] = [
  {
    kind: CHECK_KIND, rule: 'checks', at: (body) => (body as CheckRecord).at, userOwned: false,
    belonging: [
      { kind: HIT_DECISION_KIND, ids: (id, body) => (body as CheckRecord).hits.map((hit) => `${id}/${hit.n}`) },
    ],
    mentions: (body) => checkMentions(body as CheckRecord),
  },
  {
    kind: NOTIFICATION_KIND, rule: 'notifications', at: (body) => (body as StoredNotification).notification.at, userOwned: true,
    mentions: (body) => recordsShownIn((body as StoredNotification).notification),
  },
  // which node told a watch of a change: kept as long as the notifications it led to
  { kind: WATCH_TOLD_KIND, rule: 'notifications', at: (body) => (body as { at: string }).at, userOwned: true, counted: false },
  // webhook deliveries still tried or given up on, and the claims on their attempts: kept no
  // longer than the notifications they deliver
  { kind: WEBHOOK_RETRY_KIND, rule: 'notifications', at: (body) => (body as PendingDelivery).firstAt, userOwned: false, counted: false },
  { kind: WEBHOOK_UNDELIVERED_KIND, rule: 'notifications', at: (body) => (body as PendingDelivery).firstAt, userOwned: false, counted: false },
  { kind: WEBHOOK_ATTEMPT_KIND, rule: 'notifications', at: (body) => (body as { at: string }).at, userOwned: false, counted: false },
];

/**
 * Erases each agency's checks (with the decisions on their hits) and notifications (its own and
 * its users') older than its period for them, oldest first, a page at a time, each page one audit
 * entry naming the documents by id. Pages are read oldest first, so the first document still in
 * its period ends an owner.
 */
async function sweepDocuments(mosaic: Mosaic, by: Sweeper, today: string, pageSize: number, stopping: () => boolean): Promise<{ checks: number; notifications: number }> {
  const { org } = await mosaic.org();
  const users = await mosaic.store.listUsers();
  const erased = { checks: 0, notifications: 0 };
  for (const agency of org.agencies) {
    const rules = await retentionRulesOf(mosaic, agency.id);
    for (const swept of SWEPT_KINDS) {
      const owners = [agency.id as string, ...(swept.userOwned ? users.filter((u) => u.agency === agency.id).map((u) => u.id as string) : [])];
      for (const owner of owners) {
        const done = await sweepOwner(mosaic, by, today, pageSize, { swept, owner, period: rules[swept.rule], stopping });
        if (swept.counted !== false) erased[swept.rule] += done;
      }
    }
  }
  return erased;
}

async function sweepOwner(mosaic: Mosaic, by: Sweeper, today: string, pageSize: number, { swept, owner, period, stopping }: { readonly swept: SweptKind; readonly owner: string; readonly period: RetentionPeriod; readonly stopping: () => boolean }): Promise<number> {
  let erased = 0;
  const turn = createEventLoopYielder();
  for (;;) {
    await turn();
    if (stopping()) return erased;
    const page = await mosaic.store.listDocuments(swept.kind, { owner, limit: pageSize, oldestFirst: true });
    // like a record's review date: a document made on day D is erased from D + period on
    const due = page.filter((doc) => addPeriod(swept.at(doc.body).slice(0, 10), period) <= today);
    // the page's erasure and the entry naming it in one transaction, under the log's lock taken
    // first: checks and notifications are written with a check's or a decision's entries under it
    const done = due.length === 0 ? [] : await mosaic.store.transaction(async (tx) => {
      await tx.lockAudit();
      for (const belonging of swept.belonging ?? []) await tx.deleteDocuments(belonging.kind, due.flatMap((doc) => belonging.ids(doc.id, doc.body)));
      const { mentions } = swept;
      if (mentions) await tx.forgetMentions(swept.kind, due.flatMap((doc) => mentions(doc.body).map((record) => ({ record, id: doc.id }))));
      // the entry names what this sweep erased: another node sweeping at the same time logs the rest
      const deleted = await tx.deleteDocuments(swept.kind, due.map((doc) => doc.id));
      if (deleted.length > 0) await mosaic.audit.appendIn(createStoreAuditStorage(tx), [sweepEntry(by, today, { query: { [swept.rule]: deleted }, records: [], reason: `retention sweep: ${swept.rule}` })]);
      return deleted;
    });
    erased += done.length;
    if (due.length < page.length || page.length < pageSize) return erased;
  }
}
