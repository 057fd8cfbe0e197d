/**
 * The gate every read path passes: the policy decides per record (filterVisible), the
 * consultation and any disclosure to another agency are written to the audit log with purpose
 * and what was returned, and owners whose agreements ask for it are told. A read path calls
 * this once with the records it found and returns only what comes back.
 */
import type { AuditEvent, JsonValue } from '@mosaic/audit';
import { AppError, type EntityId, type Provenance, type RecordId } from '@mosaic/model';
import { deconfliction, filterVisible, type Pointer, type ReadAction } from '@mosaic/policy';
import { disclosureEvents } from './disclosure-events.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { policyContext, policyUser, type Consultation } from './organisation.ts';
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
  readonly action: ReadAction;
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
  const { visible, pointers } = filterVisible(user, records, context, { action: options.action, decide: mosaic.decide });
  const notices = deconfliction(user, records, context, { action: options.action, decide: mosaic.decide });

  const actor = { user: consultation.user.id, agency: consultation.user.agency };
  const common = { actor, purpose: consultation.purpose, caseRef: consultation.caseRef, query: options.query, subjects: options.subjects ?? [] };
  const events: AuditEvent[] = [{
    ...common, action: options.action === 'screen' ? 'screening' : 'consultation', records: visible.map((r) => r.id),
    pointers: pointers.map((p) => p.agency), outcome: 'ok',
  }];
  // decided again for the reason, which filterVisible does not keep (the records shown, a pure function)
  const disclosed = visible.filter((r) => r.provenance.agency !== consultation.user.agency).map((r) => ({
    record: r.id, reason: mosaic.decide(user, options.action, { kind: 'record', id: r.id, provenance: r.provenance }, context).reason,
  }));
  events.push(...disclosureEvents(common, consultation.user.agency, disclosed));
  await mosaic.audit.appendAll(events);

  const at = mosaic.now().toISOString();
  for (const notice of notices) {
    mosaic.notifier.publish({
      id: timeOrderedId(), at, to: { agency: notice.owner }, kind: `deconfliction.${notice.kind}`,
      title: notice.kind === 'consult' ? 'Another agency consulted your records' : 'Another agency encountered your subject',
      body: { records: notice.records, requester: notice.requester },
    });
  }
  return { visible, pointers };
}

