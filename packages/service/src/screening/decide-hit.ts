/**
 * A person decides: the officer confirms or rejects each hit of a check (DESIGN.md principle 2,
 * no automated decision with adverse effect). A pointer shows nothing to confirm or reject: the
 * officer calls the desk it names and records the call (`called`, with what the desk said),
 * which the pointer's owner is told of. A confirmed hit is an encounter: it becomes a
 * Sighting record of the officer's agency on the subject (so it shows on the subject's timeline
 * and map), with the report a discreet or specific check asks for (SIS Reg. (EU) 2018/1862
 * Art. 37: place, time, route and destination, companions, vehicle, objects carried), and the
 * alert owner is told, report included.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@mosaic/audit';
import { alertCategoryWords, AppError, hasControlCharacters, validateRecord, type EntityRecord, type Provenance } from '@mosaic/model';
import { reviewDateFor, type RetentionRules } from '@mosaic/policy';
import type { AlertCategory } from '@mosaic/screening';
import { createStoreAuditStorage, type DocumentInput, type Store, type User } from '@mosaic/store';
import { timeOrderedId } from '../time-ordered-id.ts';
import type { Consultation } from '../organisation.ts';
import { retentionRulesOf } from '../retention/retention-rules.ts';
import type { Mosaic } from '../runtime.ts';
import type { Notification } from '../notifier.ts';
import { notificationDocuments } from './notification-inbox.ts';
import { asShown, checkShownEvents, loadCheck, type ReasonOf } from './read-check.ts';
import { CHECK_KIND, listedName, type CheckRecord, type HitDecision, type HitRef, type HitView } from './screen-check.ts';
import type { ScreeningProjection } from './screening-projection.ts';

export interface EncounterReport {
  readonly place?: string;
  /** ISO date-time of the encounter; the check's time when absent. */
  readonly time?: string;
  readonly route?: string;
  readonly companions?: string;
  readonly vehicle?: string;
  readonly identityUsed?: string;
  readonly objects?: string;
  readonly notes?: string;
}

export interface HitDecisionInput {
  readonly check: string;
  /** The hit's ref, or its n among the hits the decider is shown now (read-check.ts). */
  readonly hit: HitRef | number;
  readonly decision: 'confirm' | 'reject' | 'called';
  readonly report?: EncounterReport;
}

/** The categories whose owner asks for a report of the encounter (Art. 37). */
export const REPORT_REQUIRED: ReadonlySet<AlertCategory> = new Set(['discreet_check', 'specific_check', 'inquiry_check']);

const SIGHTING_SOURCE = 'mosaic/checkpoint';

/** A hit's decision claimed (id: check/hit), written before the decision is: see decideHit. */
export const HIT_DECISION_KIND = 'hit-decision';

/**
 * A claim this old on a hit still undecided was left by a node that stopped between claiming and
 * deciding, and is taken over (claimHit). A decision (a read of the check, one transaction) takes
 * well under a second; a minute leaves room for a store's lock waits and for the nodes' clocks
 * differing (a claim's age is this node's clock against the store's stamp), as a job left by a
 * stopped node is told from a running one (ingest-job.ts), while the officer need not wait long.
 */
const CLAIM_STALE_MS = 60_000;

export async function decideHit(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection, input: HitDecisionInput): Promise<CheckRecord> {
  const { user } = consultation;
  // A hit the policy hides from this user now is not there for them to decide; the decision is
  // kept on the check as stored, and its owners told from it, whatever the decider may see.
  const { stored: check, visible, reasonOf } = await loadCheck(mosaic, user, projection, input.check);
  const seen = typeof input.hit === 'number' ? visible[input.hit] : visible.find((h) => h.ref === input.hit);
  const hit = seen === undefined ? undefined : check.hits.find((h) => h.n === seen.n);
  if (!hit || !seen) throw new AppError('MOSAIC_NOT_FOUND', `check ${check.id} has no hit ${input.hit}`);
  if (hit.kind === 'pointer' && input.decision !== 'called') throw new AppError('MOSAIC_INVALID_INPUT', 'a pointer carries nothing to confirm: call the desk it names, then record the call (decision: called)', { field: 'decision', reason: 'called, for a pointer' });
  if (hit.kind === 'match' && input.decision === 'called') throw new AppError('MOSAIC_INVALID_INPUT', 'decision: confirm or reject a match (called is for a pointer)', { field: 'decision', reason: 'confirm or reject' });
  if (hit.decision) throw new AppError('MOSAIC_CONFLICT', `hit ${input.hit} was already ${DECIDED[hit.decision.decision]}`);
  // named as the officer wrote them, not as the record they go into calls them (notes go into a summary)
  for (const [field, value] of Object.entries(input.report ?? {})) {
    if (typeof value === 'string' && hasControlCharacters(value, { lineBreaks: true })) throw new AppError('MOSAIC_INVALID_INPUT', `report.${field}: must not hold control characters`, { field: `report.${field}`, reason: 'control characters' });
  }
  // asked of the decider by the alerts they may see (one hidden from them must not show through)
  const reportNeeded = seen.kind === 'match' && seen.alerts.some((a) => REPORT_REQUIRED.has(a.category));
  if (input.decision === 'confirm' && reportNeeded && !input.report) {
    throw new AppError('MOSAIC_INVALID_INPUT', 'report: required to confirm a hit on a discreet, specific or inquiry check', { field: 'report', reason: 'required' });
  }
  const at = mosaic.now().toISOString();
  // Two decisions on one hit (a double submit, two officers, two nodes) both read it undecided:
  // the first to claim it decides, the other is refused; a decision that fails lets go of it.
  // The claim stays on a decided hit: the decision on the check refuses any later one.
  const claim = { kind: HIT_DECISION_KIND, id: `${check.id}/${hit.n}`, owner: check.agency, body: { claim: randomUUID(), decision: input.decision, by: user.id, at } };
  if (!(await claimHit(mosaic, claim))) throw new AppError('MOSAIC_CONFLICT', `hit ${input.hit} is being decided by someone else, or was decided`);
  try {
    return hit.kind === 'match' ? await decideClaimed(mosaic, consultation, projection, { check, visible, reasonOf, hit, input, at }) : await recordCall(mosaic, consultation, projection, { check, visible, reasonOf, hit, input, at });
  } catch (error) {
    // Its own claim only (claim-lease.ts): one taken over from this node, slower than the bound,
    // is another decision's. If letting go fails too, the first error is the one to report.
    await mosaic.store.deleteDocumentIf(claim.kind, claim.id, claim.body).catch(() => false);
    throw error;
  }
}

/**
 * Claims the hit for this decision; false while another decision holds it. A claim left by a
 * node that stopped before deciding would refuse every later decision: once stale it is taken
 * over as claim-lease.ts takes one over, by deleting it only while it is still the claim read,
 * so of two decisions that read the same stale claim one takes it and the other is refused. The
 * decision then checks again, as it writes, that none was kept meanwhile (keptNow).
 */
async function claimHit(mosaic: Mosaic, claim: DocumentInput): Promise<boolean> {
  while (!(await mosaic.store.createDocument(claim))) {
    const held = await mosaic.store.getDocument(claim.kind, claim.id);
    if (held && mosaic.now().getTime() - Date.parse(held.updatedAt) <= CLAIM_STALE_MS) return false;
    if (held) await mosaic.store.deleteDocumentIf(claim.kind, claim.id, held.body);
  }
  return true;
}

/** What a decision works on: the check as kept and the hits the decider may see of it, the hit, what was decided and when. */
interface Deciding<H extends HitView> {
  readonly check: CheckRecord;
  readonly visible: readonly HitView[];
  readonly reasonOf: ReasonOf;
  readonly hit: H;
  readonly input: HitDecisionInput;
  readonly at: string;
}

/**
 * The decided check as the decider may see it, which the decision answers with, and the audit
 * entries of showing it (as a read of the check writes them), beside the decision's own.
 */
function answerOf(user: User, projection: ScreeningProjection, updated: CheckRecord, { check, visible, reasonOf, hit, input }: Deciding<HitView>): { readonly answer: CheckRecord; readonly events: AuditEvent[] } {
  const answer = asShown(updated, visible);
  return { answer, events: checkShownEvents(user, projection, answer, { check: check.id, hit: hit.n, decision: input.decision }, { stored: check, reasonOf }) };
}

/**
 * The answer with the agencies `told` of the decision on its decided hit: those of the
 * notifications sent that the decider is shown on the hit (an alert's owner, a pointer's agency),
 * so the officer's screen says who was told, and that no one was where the hit has no alert.
 */
function withTold(answer: CheckRecord, { hit, visible }: Deciding<HitView>, told: readonly Notification[]): CheckRecord {
  const seen = visible.find((h) => h.n === hit.n);
  const shown = new Set<string>(seen === undefined ? [] : seen.kind === 'pointer' ? [seen.agency] : seen.alerts.map((a) => a.owner.agency));
  const agencies = [...new Set(told.flatMap((n) => ('agency' in n.to && shown.has(n.to.agency) ? [n.to.agency] : [])))];
  return { ...answer, hits: answer.hits.map((h) => (h.n === hit.n && h.decision !== undefined ? { ...h, decision: { ...h.decision, told: agencies } } : h)) };
}

async function decideClaimed(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection, deciding: Deciding<HitView & { kind: 'match' }>): Promise<CheckRecord> {
  const { check, hit, input } = deciding;
  // validated before anything is written: a report that does not make a record lets go of the hit
  const record = input.decision === 'confirm' ? sightingOf(mosaic, consultation, projection, check, hit, input.report ?? {}, await retentionRulesOf(mosaic, consultation.user.agency)) : undefined;
  // The Sighting, the decided check, the owners' notifications and the entries logging them are
  // kept together or not at all (LED Art. 25): a node stopped between them left a Sighting no
  // entry named. The log's lock first, as an erasure takes it: the check and the notifications
  // are documents that a check's or another decision's append writes under that lock
  // (Store.lockAudit); the check is read again under it, so another hit's decision is kept.
  const { answer, told } = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const decided = await decisionOf(tx, consultation, projection, deciding, record);
    await tx.putDocuments(decided.documents);
    await mosaic.audit.appendIn(createStoreAuditStorage(tx), decided.events);
    return decided;
  });
  for (const notification of told) mosaic.notifier.publish(notification, { stored: true });
  return withTold(answer, deciding, told);
}

/**
 * A match's decision written onto the check as kept now in `tx`, with the Sighting of a confirmed
 * one (`record`, written here, audited as a collection), the notifications of the alerts' owners
 * and the audit entries of all of it: what the decision keeps.
 */
async function decisionOf(tx: Store, consultation: Consultation, projection: ScreeningProjection, deciding: Deciding<HitView & { kind: 'match' }>, record: EntityRecord | undefined): Promise<{ readonly answer: CheckRecord; readonly told: readonly Notification[]; readonly documents: readonly DocumentInput[]; readonly events: readonly AuditEvent[] }> {
  const { check, hit, input, at } = deciding;
  const { user } = consultation;
  const actor = { user: user.id, agency: user.agency };
  const [written] = record === undefined ? [] : await tx.putRecords([record], { actor: user.id });
  if (record !== undefined && written === undefined) throw new AppError('MOSAIC_INTERNAL', 'the store returned no result');
  const sighting = written?.id;
  const collected: AuditEvent[] = sighting === undefined ? [] : [{
    actor, action: 'collection', purpose: check.purpose, caseRef: check.caseRef, records: [sighting], outcome: 'ok', reason: 'checkpoint report',
  }];
  const decision: HitDecision = { decision: input.decision, by: user.id, at, ...(sighting ? { sighting } : {}) };
  const kept = await keptNow(tx, deciding);
  const updated: CheckRecord = { ...kept, hits: kept.hits.map((h) => (h.n === hit.n && h.kind === 'match' ? { ...h, decision } : h)) };
  // the subject by the name it is listed under, as the hit's notice names it (screen-check.ts)
  const subjectName = listedName(projection, hit);
  const told: Notification[] = hit.alerts.map((alert) => ({
    id: timeOrderedId(), at, to: { agency: alert.owner.agency }, kind: input.decision === 'confirm' ? 'alert.hit.confirmed' : 'alert.hit.rejected',
    // the title in words, as the hit's was (screen-check.ts); the body keeps the codes
    title: input.decision === 'confirm' ? `Encounter confirmed on your alert: ${alertCategoryWords(alert.category)}` : 'Hit on your alert rejected by the officer',
    body: {
      check: check.id, ...(hit.ref === undefined ? {} : { hit: hit.ref }), alert: alert.id, subject: hit.subject, ...(subjectName === undefined ? {} : { subjectName }),
      action: alert.action, category: alert.category, decision: input.decision, time: check.at,
      ...(check.place !== undefined ? { place: check.place } : {}), agency: check.agency, desk: check.desk,
      ...(sighting ? { sighting, report: reportFields(input.report ?? {}) } : {}),
    },
  }));
  const { answer, events } = answerOf(user, projection, updated, deciding);
  return {
    answer, told,
    documents: [{ kind: CHECK_KIND, id: check.id, owner: check.agency, body: updated }, ...told.flatMap(notificationDocuments)],
    events: [...collected, {
      actor, action: 'screening', purpose: check.purpose, caseRef: check.caseRef,
      query: { check: check.id, hit: hit.n, decision: input.decision }, records: [hit.subject, ...(sighting ? [sighting] : [])], outcome: 'ok',
      reason: input.decision === 'confirm' ? 'hit confirmed' : 'hit rejected',
    }, ...events],
  };
}

const DECIDED = { confirm: 'confirmed', reject: 'rejected', called: 'recorded as called' } as const;

/**
 * The check as kept now, which the decision is written onto: read again just before writing, so
 * that what changed since it was loaded (another hit's decision, an erasure's removal of what a
 * hit showed of an erased record: erase-from-checks.ts) is not written back over, and a check the
 * sweep erased meanwhile is not written back at all, nor a match on a record erased meanwhile
 * decided. The hit must be undecided there still: a
 * decision that took over a stale claim (claimHit) is refused if the slow claimant's was kept.
 */
async function keptNow(store: Store, { check, hit, input }: Deciding<HitView>): Promise<CheckRecord> {
  const found = await store.getDocument(CHECK_KIND, check.id);
  if (!found) throw new AppError('MOSAIC_NOT_FOUND', `check ${check.id} not found`);
  const kept = found.body as CheckRecord;
  const now = kept.hits.find((h) => h.n === hit.n);
  // the listed record erased since the check was loaded (erase-from-checks.ts, under the log's
  // lock a match's decision holds): no hit to decide, and no Sighting of an erased person
  if (now?.kind === 'match' && now.erased === true) throw new AppError('MOSAIC_NOT_FOUND', `check ${check.id} has no hit ${input.hit}`);
  const decided = now?.decision;
  // named as the decider named it: the number it is kept under is not theirs to see
  if (decided) throw new AppError('MOSAIC_CONFLICT', `hit ${input.hit} was already ${DECIDED[decided.decision]}`);
  return kept;
}

/**
 * The officer called a pointer's desk: kept on the check and in the audit log, and the pointer's
 * owner is told by which agency and desk, where and when, with what the officer noted. The
 * notice lists the owner's records behind the pointer (`records`, kept with the check), so that
 * it reaches only the owner's users who may read one of them, as an encounter notice does
 * (notification-view.ts): a call about a case team's record is the team's to hear, and its
 * colleagues outside the team learn nothing of it. A check kept before those records were kept
 * with it names none, and its call is told to no one rather than to all. The officer's query and
 * other hits are not the owner's.
 */
async function recordCall(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection, deciding: Deciding<HitView & { kind: 'pointer' }>): Promise<CheckRecord> {
  const { check, hit, input, at } = deciding;
  const { user } = consultation;
  const notes = input.report?.notes?.trim();
  const decision: HitDecision = { decision: 'called', by: user.id, at, ...(notes ? { notes } : {}) };
  const kept = await keptNow(mosaic.store, deciding);
  const updated: CheckRecord = { ...kept, hits: kept.hits.map((h) => (h.n === hit.n && h.kind === 'pointer' ? { ...h, decision } : h)) };
  const records = [...new Set(check.pointerRecords?.[hit.agency] ?? [])].sort();
  const told: Notification[] = hit.agency === check.agency || records.length === 0 ? [] : [{
    id: timeOrderedId(), at, to: { agency: hit.agency }, kind: 'pointer.called', title: 'A checkpoint called your desk about a likely match',
    body: {
      check: check.id, records, time: check.at, ...(check.place !== undefined ? { place: check.place } : {}), agency: check.agency, desk: check.desk,
      ...(input.report ? { report: reportFields(input.report) } : {}),
    },
  }];
  const { answer, events } = answerOf(user, projection, updated, deciding);
  await mosaic.audit.appendAll([{
    actor: { user: user.id, agency: user.agency }, action: 'screening', purpose: check.purpose, caseRef: check.caseRef,
    query: { check: check.id, hit: hit.n, decision: 'called' }, records: [], pointers: [hit.agency], pointed: [{ agency: hit.agency, records }], outcome: 'ok', reason: 'pointer desk called',
  }, ...events], [{ kind: CHECK_KIND, id: check.id, owner: check.agency, body: updated }, ...told.flatMap(notificationDocuments)]);
  for (const notification of told) mosaic.notifier.publish(notification, { stored: true });
  return withTold(answer, deciding, told);
}

function reportFields(report: EncounterReport): Record<string, string> {
  return Object.fromEntries(Object.entries(report).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
}

/**
 * The Sighting is the officer's agency's record: a checkpoint officer may not write records in
 * general (policy: write is for analysts and officers), but reporting the encounter is part of
 * the check the policy allowed, so it is validated like any record here and written with the
 * decision (decisionOf), audited as a collection. Its review date is the officer's agency's rule
 * for the subject's category, as POST /records dates a record of the agency (`rules`).
 */
function sightingOf(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection, check: CheckRecord, hit: HitView & { kind: 'match' }, report: EncounterReport, rules: RetentionRules): EntityRecord {
  const { user } = consultation;
  const subjectProvenance: Provenance | undefined = projection.provenanceOf(hit.subject);
  const time = report.time ?? check.at;
  const date = time.slice(0, 10);
  const place = report.place ?? check.place;
  const summary = [
    `Encounter at a checkpoint check (${time.length > 10 ? `${time} ` : ''}check ${check.id}).`,
    report.vehicle ? `Vehicle: ${report.vehicle}.` : '',
    report.notes ?? '',
  ].filter((s) => s !== '').join(' ');
  const owners = [...new Set(hit.alerts.map((a) => a.owner.agency))];
  const raw = {
    id: `sighting-${check.id}-${hit.ref ?? hit.n}`,
    schema: 'Sighting',
    properties: {
      [hit.schema === 'Vehicle' ? 'vehicle' : 'person']: [hit.subject],
      date: [date],
      ...(place !== undefined ? { place: [place], checkpoint: [place] } : {}),
      ...(check.latitude !== undefined && check.longitude !== undefined ? { latitude: [String(check.latitude)], longitude: [String(check.longitude)] } : {}),
      ...(report.route ? { route: [report.route] } : {}),
      ...(report.companions ? { companions: [report.companions] } : {}),
      ...(report.identityUsed ? { identityUsed: [report.identityUsed] } : {}),
      ...(report.objects ? { objects: [report.objects] } : {}),
      summary: [summary],
    },
    provenance: {
      agency: user.agency, source: SIGHTING_SOURCE, reliability: 'B', credibility: 2,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [user.agency, ...owners] },
      handling: 'H0', category: subjectProvenance?.category ?? 'suspect', nature: 'fact',
      legalBasis: 'Checkpoint report on an alert (Reg. (EU) 2018/1862 Art. 37)',
    },
  };
  const today = mosaic.now().toISOString().slice(0, 10);
  const validated = validateRecord(mosaic.registry, raw, { reviewDateFor: (category) => reviewDateFor(category, today, rules) });
  if (!validated.ok) throw new AppError('MOSAIC_INVALID_INPUT', `report: ${validated.errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`, { errors: validated.errors });
  return validated.record;
}
