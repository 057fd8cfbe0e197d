/**
 * Alerts as an agency manages them: an Alert is a record of the owning agency, written through
 * the records write path (validated, policy-checked, versioned, audited), and it reaches the
 * screening index through the change feed like any other record. Withdrawing keeps the record
 * and its history: status 'withdrawn' takes it off the checkpoint screens.
 */
import { AppError, RecordId, type SubjectCategory } from '@mosaic/model';
import { decide, RECORD_ROLES, type Desk } from '@mosaic/policy';
import { alertAction, isAlertActive, type ActionCode, type AlertCategory } from '@mosaic/screening';
import { createStoreAuditStorage } from '@mosaic/store';
import { randomUUID } from 'node:crypto';
import { plainText } from '../admin/admin-gate.ts';
import { consult, requirePurpose, type ConsultedRecord } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import { captionOf, writeRecord } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { alertSubjects, subjectsReadable } from './alert-subjects-readable.ts';
import { ALERT_SCHEMA, alertFromRecord, type AlertRecord, type ScreeningProjection } from './screening-projection.ts';

export interface AlertInput {
  readonly subject: string;
  readonly category: AlertCategory;
  readonly desk?: string;
  readonly deskContact?: string;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly instructions?: string;
  /** Provenance fields overriding the defaults below (marking, handling, legal basis, review date…). */
  readonly provenance?: Readonly<Record<string, unknown>>;
}

export interface AlertSummary {
  readonly id: RecordId;
  readonly subject: RecordId;
  readonly category: AlertCategory;
  readonly action: ActionCode;
  readonly instruction: string;
  readonly desk: string;
  readonly deskContact: string;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly instructions?: string;
  readonly status: AlertStatus;
  readonly reviewDate: string;
}

/**
 * Where an alert stands: withdrawn by its owner, or else in force ('active') only within its
 * validity, as the checkpoint screen reads it (isAlertActive): before it, 'not_yet_valid', after
 * it, 'expired'. The screen never shows either, so neither is listed as active.
 */
export type AlertStatus = 'active' | 'not_yet_valid' | 'expired' | 'withdrawn';

/** The order GET /alerts lists them in: those in force first, those that will be, then the ended. */
const LISTING_ORDER: readonly AlertStatus[] = ['active', 'not_yet_valid', 'expired', 'withdrawn'];

function alertStatus(a: AlertRecord, at: Date): AlertStatus {
  if (a.status === 'withdrawn') return 'withdrawn';
  if (isAlertActive(a.alert, at)) return 'active';
  const { validUntil: _ending, ...openEnded } = a.alert;
  return isAlertActive(openEnded, at) ? 'expired' : 'not_yet_valid';
}

/** The legal basis each category rests on in the SIS model; an agency may name its national one. */
const LEGAL_BASIS: Readonly<Record<AlertCategory, string>> = {
  arrest: 'Reg. (EU) 2018/1862 Art. 26',
  protective: 'Reg. (EU) 2018/1862 Art. 32',
  refusal_of_entry: 'Reg. (EU) 2018/1861 Art. 24',
  specific_check: 'Reg. (EU) 2018/1862 Art. 36',
  inquiry_check: 'Reg. (EU) 2018/1862 Art. 36',
  discreet_check: 'Reg. (EU) 2018/1862 Art. 36',
  inform_owner_only: 'Mosaic sharing agreement',
};

/** An alert as listed, its status as of `at`; without one, as its record says (a list of alerts in force only); its contact as `desks` give it (alertContact). */
export function alertSummary(a: AlertRecord, at: Date | undefined, desks: readonly Desk[]): AlertSummary {
  const action = alertAction(a.alert.category);
  return {
    id: a.id, subject: a.subject, category: a.alert.category, action: action.code, instruction: action.instruction,
    desk: a.alert.ownerDesk.id, deskContact: alertContact(a, desks), validFrom: a.alert.validFrom,
    ...(a.alert.validUntil !== undefined ? { validUntil: a.alert.validUntil } : {}),
    ...(a.alert.instructions !== undefined ? { instructions: a.alert.instructions } : {}),
    status: at === undefined ? a.status : alertStatus(a, at), reviewDate: a.alert.reviewDate,
  };
}

/** An alert of the agency's list, with the name its subject goes by where the list read the subject. */
export interface ListedAlert extends AlertSummary {
  /** The subject's caption (captionOf: its name), absent where the subject was not read: erased, or withheld by the policy. */
  readonly caption?: string;
}

/**
 * The alerts of the user's agency that the user may read, those in force first (LISTING_ORDER),
 * each with its subject's name: a consultation (purpose required) like any other read of records
 * — an alert is a record of its agency, and one marked above the user's clearance or for a
 * need-to-know group is left out, as is one whose subject the user may not read, whatever the
 * alert's own marking (alert-subjects-readable.ts).
 *
 * An agency alerts on another agency's records too (createAlert: any record the officer may
 * read), so a subject's name is that agency's content: the subjects pass the gate with the alerts,
 * in the list's one consultation, which logs the alerts listed and the subjects named, writes the
 * disclosure of another agency's subject, and tells its owner where their agreement asks
 * (notifyOwnerOnConsult) — once for the list. A subject of the user's own agency tells no one
 * (decide: the owner's own users).
 */
export async function listAlerts(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection): Promise<readonly ListedAlert[]> {
  requirePurpose(consultation);
  const own = projection.alertsOf(consultation.user.agency);
  const readable = await subjectsReadable(mosaic, consultation, own.map((a) => a.subject));
  // left out before the gate, so that the consultation logs only the alerts listed
  const listed = own.filter((a) => readable(a.subject));
  const alertIds = new Set<RecordId>(listed.map((a) => a.id));
  // each subject once, as the store holds it now (one erased has no name left to show)
  const subjects = (await mosaic.store.getRecords([...new Set(listed.map((a) => a.subject))])).map((s) => s.record);
  const read: readonly ConsultedRecord[] = [...listed, ...subjects.filter((r) => !alertIds.has(r.id))];
  const { visible } = await consult(mosaic, consultation, read, { action: 'read', query: { alerts: consultation.user.agency } });
  const shown = new Set(visible.map((r) => r.id));
  const captions = new Map(subjects.filter((r) => shown.has(r.id)).map((r) => [r.id, captionOf(mosaic.registry, r)]));
  const now = mosaic.now();
  const { desks } = (await mosaic.org()).org;
  return listed.filter((a) => shown.has(a.id)).map((a): ListedAlert => {
    const caption = captions.get(a.subject);
    return { ...alertSummary(a, now, desks), ...(caption === undefined ? {} : { caption }) };
  }).sort((a, b) => LISTING_ORDER.indexOf(a.status) - LISTING_ORDER.indexOf(b.status) || (a.id < b.id ? -1 : 1));
}

export async function createAlert(mosaic: Mosaic, consultation: Consultation, input: AlertInput): Promise<AlertSummary> {
  const { user } = consultation;
  // Refused for the role before the subject is looked at: a checkpoint officer learns nothing about it.
  if (!policyUser(user).roles.some((role) => RECORD_ROLES.write.includes(role))) throw new AppError('MOSAIC_FORBIDDEN', 'alerts are issued by analysts and officers');
  // issuing one is collection under a purpose and case, which its audit entry records (LED Art. 25)
  requirePurpose(consultation);
  const snapshot = await mosaic.org();
  const subjectId = RecordId(input.subject);
  const subject = input.subject.includes(':') ? await mosaic.store.getRecord(subjectId) : undefined;
  const id = `alert-${randomUUID()}`;
  // An officer alerts on what they may read, their own agency's records included: one above their
  // clearance or for a need-to-know group they are not in answers as a missing one, as its read does.
  const readable = subject !== undefined
    && decide(policyUser(user), 'read', { kind: 'record', id: subjectId, provenance: subject.record.provenance }, policyContext(snapshot, consultation)).effect === 'allow';
  if (!readable) throw new AppError('MOSAIC_NOT_FOUND', `record ${input.subject} not found`);
  const desk = snapshot.org.desks.find((d) => d.id === (input.desk ?? user.desk) && d.agency === user.agency);
  // the desk an officer is sent to on a hit: one of the issuing agency's own
  if (input.desk !== undefined && desk === undefined) throw new AppError('MOSAIC_INVALID_INPUT', `desk: no desk ${input.desk} in agency ${user.agency}`, { field: 'desk', reason: `not a desk of ${user.agency}` });
  // A contact given is the alert's own; without one, the officer is sent to the desk's contact as
  // the desk has it when the alert is shown (alertSummary, screenCheck): a copy kept in the alert
  // sent officers at a checkpoint to a number the agency had since replaced.
  if (!(input.deskContact ?? desk?.contact)) throw new AppError('MOSAIC_INVALID_INPUT', 'deskContact: required (a 24/7 contact for the owner desk)', { field: 'deskContact', reason: 'required' });
  const country = snapshot.org.agencies.find((a) => a.id === user.agency)?.country;
  const category: SubjectCategory = input.category === 'protective' ? 'victim' : subject?.record.provenance.category ?? 'suspect';
  const today = mosaic.now().toISOString().slice(0, 10);
  const validFrom = input.validFrom ?? today;
  // an alert that ends before it starts would never be in force
  if (input.validUntil !== undefined && input.validUntil < validFrom) {
    const reason = `before validFrom (${validFrom})`;
    throw new AppError('MOSAIC_INVALID_INPUT', `validUntil: ${reason}`, { field: 'validUntil', reason });
  }
  const outcome = await writeRecord(mosaic, consultation, {
    id,
    schema: ALERT_SCHEMA,
    properties: {
      subject: [input.subject], category: [input.category], desk: [input.desk ?? user.desk], ...(input.deskContact === undefined ? {} : { deskContact: [input.deskContact] }),
      validFrom: [validFrom], ...(input.validUntil ? { validUntil: [input.validUntil] } : {}),
      ...(input.instructions ? { instructions: [input.instructions] } : {}), status: ['active'],
    },
    provenance: {
      source: 'mosaic/alerts', reliability: 'B', credibility: 2, handling: 'H0', category, nature: 'fact', legalBasis: LEGAL_BASIS[input.category],
      ...input.provenance,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: country ? [country] : [], ...(input.provenance?.['marking'] as Record<string, unknown> | undefined) },
      agency: user.agency,
    },
  });
  // the write reads the subject again in its transaction (writeRecord): one erased since it was
  // read above answers as a missing one, as it would have then
  if (!outcome.ok && outcome.errors.some((e) => e.field === 'subject')) throw new AppError('MOSAIC_NOT_FOUND', `record ${input.subject} not found`);
  if (!outcome.ok) throw new AppError('MOSAIC_INVALID_INPUT', outcome.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors: outcome.errors });
  return viewOf(outcome.record, mosaic.now(), snapshot.org.desks);
}

function viewOf(record: { readonly id: RecordId; readonly schema: string; readonly properties: Readonly<Record<string, readonly string[]>>; readonly provenance: AlertRecord['provenance'] }, at: Date, desks: readonly Desk[]): AlertSummary {
  const a = alertFromRecord(record);
  if (!a) throw new AppError('MOSAIC_INTERNAL', 'the alert record does not read back as an alert');
  return alertSummary(a, at, desks);
}

/**
 * The 24/7 contact an officer is sent to on a hit of the alert: the one given with it, or else its
 * desk's (a desk of the alert's agency) as the organisation has it now.
 */
export function alertContact(a: Pick<AlertRecord, 'alert'>, desks: readonly Desk[]): string {
  const { ownerDesk, ownerAgency } = a.alert;
  return ownerDesk.phone24x7 || (desks.find((d) => d.id === ownerDesk.id && d.agency === ownerAgency)?.contact ?? '');
}

/**
 * An alert withdrawn by a user who may not read its subject: its id and that it is withdrawn,
 * nothing else (its subject, category and instructions say what the subject is held for).
 */
export interface WithdrawnUnseen {
  readonly id: RecordId;
  readonly status: 'withdrawn';
}

const missingAlert = (id: RecordId): AppError => new AppError('MOSAIC_NOT_FOUND', `alert ${id} not found`);

/**
 * Withdraw one of the agency's alerts. Another agency's, one of its own the user may not read
 * (above their clearance, or for a need-to-know group they are not in), and one on a subject they
 * may not read answer like a missing one, as its read and its issue do: a 403 would tell them the
 * hidden alert is there, and the answer names the subject.
 *
 * An alert stays in force at the checkpoints when its subject is restricted after it was issued
 * (marked for a case team, above the agency's clearances, an agreement withdrawn), and then no one
 * of its agency may read it, so no one could withdraw it. Two users may withdraw an alert whose
 * subject they may not read: its issuer (the writer of its first version), who may still write
 * the alert itself, and the agency's administrator cleared for the alert, who erases the agency's
 * records (the policy's delete decision: need-to-know groups aside, not above their clearance).
 * Neither learns the subject: the answer is the alert's id and its status (WithdrawnUnseen), the
 * audit entry names the alert only, and anyone else is answered as for a missing alert.
 *
 * The withdrawal's audit entry says "alert withdrawn", and the why when one is given (`reason`):
 * the grounds of ending the processing belong with the record of it (LED Art. 16 and 25). It is
 * not required, as an agreement's withdrawal requires none; an erasure does (eraseRecord).
 */
export async function withdrawAlert(mosaic: Mosaic, consultation: Consultation, id: RecordId, { reason }: { readonly reason?: string } = {}): Promise<AlertSummary | WithdrawnUnseen> {
  requirePurpose(consultation);
  const why = plainText('reason', reason ?? '', { max: 500, optional: true });
  const logged = why === '' ? 'alert withdrawn' : `alert withdrawn: ${why}`;
  const stored = await mosaic.store.getRecord(id);
  if (!stored || stored.record.schema !== ALERT_SCHEMA || stored.record.provenance.agency !== consultation.user.agency) throw missingAlert(id);
  const subjects = alertSubjects(stored.record);
  const subjectReadable = await subjectsReadable(mosaic, consultation, subjects);
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const alert = { kind: 'record', id, provenance: stored.record.provenance } as const;
  if (subjects.length === 0 || !subjects.every(subjectReadable)) {
    const issuer = (await mosaic.store.recordHistory(id))[0]?.actor === consultation.user.id && decide(user, 'write', alert, context).effect === 'allow';
    if (!issuer && decide(user, 'delete', alert, context).effect !== 'allow') throw missingAlert(id);
    return withdrawUnseen(mosaic, consultation, id, logged);
  }
  if (decide(user, 'read', alert, context).effect !== 'allow') throw missingAlert(id);
  const { record } = stored;
  const outcome = await writeRecord(mosaic, consultation, {
    id: record.provenance.sourceRecordId, schema: ALERT_SCHEMA, properties: { ...record.properties, status: ['withdrawn'] }, provenance: { ...record.provenance },
  }, { reason: logged });
  if (!outcome.ok) throw new AppError('MOSAIC_INTERNAL', 'the withdrawn alert did not validate');
  return viewOf(outcome.record, mosaic.now(), (await mosaic.org()).org.desks);
}

/**
 * The stored alert, its status withdrawn, written as the version of the withdrawer with the
 * audit entry of its alteration, in one transaction (the record write path's, which asks the
 * writer to read the subject: records.ts). The log's lock first, as any alert's write takes it,
 * so that an erasure of its subject, which takes the alert along, comes wholly before or after.
 */
async function withdrawUnseen(mosaic: Mosaic, consultation: Consultation, id: RecordId, reason: string): Promise<WithdrawnUnseen> {
  const { user } = consultation;
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const now = await tx.getRecord(id);
    if (!now) throw missingAlert(id);
    if (now.record.properties['status']?.[0] === 'withdrawn') return;
    const [written] = await tx.putRecords([{ ...now.record, properties: { ...now.record.properties, status: ['withdrawn'] } }], { actor: user.id });
    if (written === undefined || written.status === 'conflict') throw new AppError('MOSAIC_INTERNAL', 'the withdrawn alert was not written');
    await mosaic.audit.appendIn(createStoreAuditStorage(tx), [{
      actor: { user: user.id, agency: user.agency }, action: 'alteration', purpose: consultation.purpose ?? null, caseRef: consultation.caseRef ?? null,
      records: [id], outcome: 'ok', reason,
    }]);
  });
  return { id, status: 'withdrawn' };
}
