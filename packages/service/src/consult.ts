/**
 * The gate every read path passes: the policy decides per record (filterVisible), the
 * consultation and any disclosure to another agency are written to the audit log with purpose
 * and what was returned, and owners whose agreements ask for it are told (once a day of the same
 * consultation: owner-notices.ts). A read path calls this once with the records it found and
 * returns only what comes back.
 */
import type { AuditEvent, JsonValue, PointedRecords } from '@mosaic/audit';
import { AppError, type AgencyId, type EntityId, type Provenance, type RecordId } from '@mosaic/model';
import { deconfliction, filterVisible, type Decide, type Decision, type Pointer, type ReadAction } from '@mosaic/policy';
import { disclosureEvents } from './disclosure-events.ts';
import { policyContext, policyUser, type Consultation } from './organisation.ts';
import { tellOwners } from './owner-notices.ts';
import type { Mosaic } from './runtime.ts';

/** What the policy needs of a record: its id and provenance (an EntityRecord fits). */
export interface ConsultedRecord {
  readonly id: RecordId;
  readonly provenance: Provenance;
}

export interface Consulted<R extends ConsultedRecord> {
  readonly visible: readonly R[];
  readonly pointers: readonly Pointer[];
}

export interface ConsultOptions {
  /** What the policy decides on; the audit entry is a `screening` for `screen`, else a `consultation`. */
  readonly action: ReadAction;
  /**
   * `export`: the records are read to leave the system as a file, and the entry says so (an
   * auditor finds exports by their action). The policy still decides on `action`: an export
   * decides what it may put in the file itself, before (the graph's export: graph-export-content.ts).
   */
  readonly audit?: 'export';
  /** The query as asked, for the audit log (the one place personal data in a query may be kept). */
  readonly query: JsonValue;
  readonly subjects?: readonly EntityId[];
}

export function requirePurpose(consultation: Consultation): asserts consultation is Consultation & { purpose: string; caseRef: string } {
  if (!consultation.purpose?.trim() || !consultation.caseRef?.trim()) throw new AppError('MOSAIC_PURPOSE_REQUIRED');
}

export async function consult<R extends ConsultedRecord>(mosaic: Mosaic, consultation: Consultation, records: readonly R[], options: ConsultOptions): Promise<Consulted<R>> {
  requirePurpose(consultation);
  const snapshot = await mosaic.org();
  const user = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  const decide = decidedOnce(mosaic.decide);
  const { visible, pointers } = filterVisible(user, records, context, { action: options.action, decide });
  const notices = deconfliction(user, records, context, { action: options.action, decide });

  const decisionOf = (r: R): Decision => decide(user, options.action, { kind: 'record', id: r.id, provenance: r.provenance }, context);
  const shown = new Set<R>(visible);

  const actor = { user: consultation.user.id, agency: consultation.user.agency };
  const common = { actor, purpose: consultation.purpose, caseRef: consultation.caseRef, query: options.query, subjects: options.subjects ?? [] };
  const events: AuditEvent[] = [{
    ...common, action: options.audit ?? (options.action === 'screen' ? 'screening' : 'consultation'), records: visible.map((r) => r.id),
    pointers: pointers.map((p) => p.agency), pointed: pointedRecords(records.filter((r) => !shown.has(r)), decisionOf), outcome: 'ok',
  }];
  // the reason, which filterVisible does not keep (the records shown, a pure function), from the decision it was given
  const disclosed = visible.filter((r) => r.provenance.agency !== consultation.user.agency).map((r) => ({
    record: r.id, reason: decisionOf(r).reason,
  }));
  events.push(...disclosureEvents(common, consultation.user.agency, disclosed));
  await mosaic.audit.appendAll(events);

  await tellOwners(mosaic, notices);
  return { visible, pointers };
}

/**
 * The decision point for one consultation, asked once per record: filterVisible, deconfliction,
 * the records behind pointers and the disclosures' reasons all need each record's decision. It
 * lives for one consult() call, whose user and context do not change, so a decision is known by
 * what else decide() reads: the action and the record (its id and provenance, a version of a
 * record carrying its own provenance).
 */
function decidedOnce(decide: Decide): Decide {
  const decided = new Map<Provenance, Map<string, Decision>>();
  return (user, action, resource, context) => {
    if (resource.kind !== 'record') return decide(user, action, resource, context);
    let byProvenance = decided.get(resource.provenance);
    if (byProvenance === undefined) decided.set(resource.provenance, (byProvenance = new Map()));
    const key = `${action}\u0000${resource.id ?? ''}`;
    const known = byProvenance.get(key);
    if (known !== undefined) return known;
    const decision = decide(user, action, resource, context);
    byProvenance.set(key, decision);
    return decision;
  };
}

/**
 * The records behind each pointer (those the policy points to rather than shows), by the agency
 * pointed to, for the audit entry: the user sees one pointer per agency, but the owner's auditor
 * must find the consultation by the record its notice names.
 */
function pointedRecords<R extends ConsultedRecord>(hidden: readonly R[], decisionOf: (record: R) => Decision): PointedRecords[] {
  const byAgency = new Map<AgencyId, RecordId[]>();
  for (const record of hidden) {
    const decision = decisionOf(record);
    if (decision.effect === 'pointer') byAgency.set(decision.pointer.agency, [...(byAgency.get(decision.pointer.agency) ?? []), record.id]);
  }
  return [...byAgency].map(([agency, records]) => ({ agency, records }));
}

