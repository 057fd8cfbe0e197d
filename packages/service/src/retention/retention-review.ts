/**
 * The agency data administrator's review of records due for review (LED Art. 5): the queue of
 * its agency's records past or near their review date, and the decisions on each — keep longer
 * (a new review date, with the reason), erase now, or place and lift legal holds.
 *
 * The queue passes the policy: only records the administrator may erase (decide 'delete': own
 * agency, within their clearance) are listed, and a record restricted to need-to-know groups the
 * administrator is not in shows no caption. Listing it is a consultation and is logged with the
 * purpose. A record they may not erase is missing to every decision here too (ownRecord).
 */
import { AppError, isoDayProblem, type RecordId } from '@mosaic/model';
import { decide, erasable, reviewQueue, type PolicyContext } from '@mosaic/policy';
import { createStoreAuditStorage, type StoredRecord } from '@mosaic/store';
import { randomUUID } from 'node:crypto';
import { auditAdminIn, authoriseAdmin, invalid, plainText, type AdminRequest } from '../admin/admin-gate.ts';
import { policyContext, policyUser } from '../organisation.ts';
import { captionOf, eraseRecord } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { holdsOn, LEGAL_HOLD_KIND, activeHolds, type HoldDocument } from './legal-holds.ts';

export interface ReviewQueueItem {
  readonly id: RecordId;
  readonly schema: string;
  /** Null when the record is restricted to need-to-know groups the administrator is not in. */
  readonly caption: string | null;
  readonly category: string;
  readonly nature: string;
  readonly reviewDate: string;
  readonly overdueDays: number;
  /** References of the holds in force. */
  readonly holds: readonly string[];
  readonly erasable: boolean;
}

const SCAN_PAGE = 2000;

export interface ReviewQueuePage {
  readonly items: readonly ReviewQueueItem[];
  /** The last item's id, to ask for the page after it (`after`); absent on the last page. */
  readonly next?: RecordId;
}

/**
 * A page of the agency's records due for review within `withinDays`, most overdue first (then by
 * id), after the record `after` (a page's `next`). The store reads them by review date (its
 * index of each agency's live records), a page at a time, until `limit` the administrator may
 * erase are found: the queue read every record of every agency and sorted them, 19–27 s at
 * 145,000 records.
 */
export async function retentionQueue(mosaic: Mosaic, request: AdminRequest, { withinDays = 30, limit = 500, after }: { readonly withinDays?: number; readonly limit?: number; readonly after?: RecordId } = {}): Promise<ReviewQueuePage> {
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: request.user.agency });
  const snapshot = await mosaic.org();
  const user = policyUser(request.user);
  const context = policyContext(snapshot, request);
  const today = mosaic.now().toISOString().slice(0, 10);
  const through = new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10);
  // the page after a record: from its review date as stored (kept when it was erased since)
  const from = after === undefined ? undefined : await mosaic.store.getRecord(after, { includeDeleted: true });
  if (after !== undefined && from === undefined) throw invalid('after', `no record ${after} to page after`);
  let cursor = from === undefined ? undefined : { reviewDate: from.record.provenance.reviewDate, id: from.record.id };
  const own: StoredRecord[] = [];
  let more = false;
  for (;;) {
    const page = await mosaic.store.recordsDueForReview({ agency: request.user.agency, through, limit: SCAN_PAGE, ...(cursor === undefined ? {} : { after: cursor }) });
    for (const stored of page) {
      if (decide(user, 'delete', { kind: 'record', id: stored.record.id, provenance: stored.record.provenance }, context).effect !== 'allow') continue;
      if (own.length === limit) {
        more = true;
        break;
      }
      own.push(stored);
    }
    const last = page.at(-1);
    if (more || page.length < SCAN_PAGE || last === undefined) break;
    cursor = { reviewDate: last.record.provenance.reviewDate, id: last.record.id };
  }
  const holds = await activeHolds(mosaic.store, { owner: request.user.agency });
  const due = reviewQueue(own.map((s) => ({ ...s.record, stored: s })), today, { withinDays });
  const items = due.map(({ record, reviewDate, overdueDays }): ReviewQueueItem => {
    const groups = record.provenance.marking.needToKnow ?? [];
    const hidden = groups.length > 0 && !groups.some((g) => request.user.groups.includes(g));
    const verdict = erasable(record, today, holds);
    return {
      id: record.id, schema: record.schema, caption: hidden ? null : captionOf(mosaic.registry, record), category: record.provenance.category,
      nature: record.provenance.nature, reviewDate, overdueDays, holds: verdict.erasable ? [] : verdict.holds ?? [], erasable: verdict.erasable,
    };
  });
  await mosaic.audit.append({
    actor: { user: request.user.id, agency: request.user.agency }, action: 'consultation', purpose: request.purpose, caseRef: request.caseRef,
    query: { retentionQueue: { withinDays, ...(after === undefined ? {} : { after }) } }, records: items.filter((i) => i.caption !== null).map((i) => i.id), outcome: 'ok', reason: 'retention review',
  });
  const last = items.at(-1);
  return { items, ...(more && last !== undefined ? { next: last.id } : {}) };
}

/**
 * Keep a record longer: a new version with a later review date, and the reason in the audit log.
 * The record is read again in the write's transaction, under the audit log's lock the write takes
 * (as another extension, a hold or an erasure does): judged on a read made before it, a change
 * made meanwhile was overlooked — a later review date set by another administrator shortened
 * again, a new version's content undone by this one.
 */
export async function extendReview(mosaic: Mosaic, request: AdminRequest, id: RecordId, { until, reason }: { readonly until: string; readonly reason: string }): Promise<{ readonly reviewDate: string; readonly version: number }> {
  await ownRecord(mosaic, request, id);
  const today = mosaic.now().toISOString().slice(0, 10);
  const problem = isoDayProblem(until);
  if (problem !== undefined) throw invalid('until', problem);
  if (until <= today) throw invalid('until', `must be after today (${today})`);
  const why = reasonOf(reason, 'must say why the record is kept');
  const context = policyContext(await mosaic.org(), request);
  // the new version and its entry together: a record kept past its review date with no entry
  // saying who kept it or why is what the review is there to prevent
  const result = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const stored = await tx.getRecord(id);
    // erased, or moved beyond the administrator's reach, meanwhile
    if (!stored || !mayErase(request, stored, context)) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
    const from = stored.record.provenance.reviewDate;
    if (until <= from) throw invalid('until', `must be after the current review date (${from})`);
    const record = { ...stored.record, provenance: { ...stored.record.provenance, reviewDate: until } };
    const [written] = await tx.putRecords([record], { actor: request.user.id });
    if (!written) throw new AppError('MOSAIC_INTERNAL', 'the store returned no result');
    await mosaic.audit.appendIn(createStoreAuditStorage(tx), [{
      actor: { user: request.user.id, agency: request.user.agency }, action: 'alteration', purpose: request.purpose, caseRef: request.caseRef,
      query: { extendReview: { from, until, reason: why } }, records: [id], outcome: 'ok', reason: 'review date extended',
    }]);
    return written;
  });
  return { reviewDate: until, version: result.version };
}

export async function placeLegalHold(mosaic: Mosaic, request: AdminRequest, id: RecordId, { reference, until }: { readonly reference: string; readonly until?: string }): Promise<HoldDocument> {
  await ownRecord(mosaic, request, id);
  const ref = plainText('reference', reference);
  if (ref.length < 3) throw invalid('reference', 'must name the order, proceedings or request (3 to 200 characters)');
  const today = mosaic.now().toISOString().slice(0, 10);
  const problem = until === undefined ? undefined : isoDayProblem(until);
  if (problem !== undefined) throw invalid('until', problem);
  if (until !== undefined && until < today) throw invalid('until', `must be from today (${today})`);
  const hold: HoldDocument = { id: randomUUID(), record: id, agency: request.user.agency, reference: ref, ...(until ? { until } : {}), placedBy: request.user.id, placedAt: mosaic.now().toISOString() };
  // the hold and its entry together: a hold no entry accounts for keeps a record past its
  // review date, one whose entry is missing has it erased with no word of why it was kept
  const context = policyContext(await mosaic.org(), request);
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    // read again under the lock an erasure takes: a record erased meanwhile would be answered as
    // held, its hold kept on nothing
    const stored = await tx.getRecord(id);
    if (!stored || !mayErase(request, stored, context)) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
    await tx.putDocument({ kind: LEGAL_HOLD_KIND, id: hold.id, owner: hold.agency, subject: id, body: hold });
    await auditAdminIn(mosaic, tx, request, { placeLegalHold: { hold: hold.id, reference: ref, until: until ?? null } }, { records: [id], reason: 'legal hold placed' });
  });
  return hold;
}

/** Lifts every hold in force on the record (or the one named). */
export async function liftLegalHold(mosaic: Mosaic, request: AdminRequest, id: RecordId, { reason, hold }: { readonly reason: string; readonly hold?: string }): Promise<number> {
  await ownRecord(mosaic, request, id);
  const why = reasonOf(reason, 'must say why the hold ends');
  // the holds lifted and their entry together, the holds read under the audit log's lock: a
  // failure of the entry lifts none, and a hold lifted meanwhile is not lifted twice
  return mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const lifted: string[] = [];
    for (const h of await holdsOn(tx, id)) {
      if (h.liftedAt !== undefined || (hold !== undefined && h.id !== hold)) continue;
      const body: HoldDocument = { ...h, liftedBy: request.user.id, liftedAt: mosaic.now().toISOString(), liftReason: why };
      await tx.putDocument({ kind: LEGAL_HOLD_KIND, id: h.id, owner: h.agency, subject: id, body });
      lifted.push(h.id);
    }
    if (lifted.length === 0) throw invalid(hold === undefined ? 'id' : 'hold', `no legal hold in force on ${id}`);
    await auditAdminIn(mosaic, tx, request, { liftLegalHold: { holds: lifted, reason: why } }, { records: [id], reason: 'legal hold lifted' });
    return lifted.length;
  });
}

/** Holds on a record, lifted ones included, for the owner agency's administrator. */
export async function legalHoldsOf(mosaic: Mosaic, request: AdminRequest, id: RecordId): Promise<readonly HoldDocument[]> {
  await ownRecord(mosaic, request, id);
  return holdsOn(mosaic.store, id);
}

/** Erase now, after review: refused while a legal hold is in force (records.ts eraseRecord checks). */
export async function eraseAfterReview(mosaic: Mosaic, request: AdminRequest, id: RecordId, reason: string): Promise<void> {
  await eraseRecord(mosaic, request, id, reasonOf(reason, 'must say why the record is erased'));
}

/** A reason given for a change: three characters or more, plain text (plainText). */
function reasonOf(reason: string, missing: string): string {
  const why = plainText('reason', reason, { max: 1000, optional: true });
  if (why.length < 3) throw invalid('reason', missing);
  return why;
}


/**
 * The record, when the administrator may erase it (decide 'delete', as the queue lists): another
 * agency's record, or one above their clearance, is answered like a missing one, as an erasure
 * answers it (records.ts eraseRecord) — deciding its retention is deciding its erasure.
 */
async function ownRecord(mosaic: Mosaic, request: AdminRequest, id: RecordId): Promise<StoredRecord> {
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: request.user.agency });
  const stored = await mosaic.store.getRecord(id);
  if (!stored || !mayErase(request, stored, policyContext(await mosaic.org(), request))) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
  return stored;
}

function mayErase(request: AdminRequest, stored: StoredRecord, context: PolicyContext): boolean {
  return decide(policyUser(request.user), 'delete', { kind: 'record', id: stored.record.id, provenance: stored.record.provenance }, context).effect === 'allow';
}
