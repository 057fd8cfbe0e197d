/**
 * The disclosure entries of records shown to another agency. Each says which rule of the policy
 * let the records go (its decision's reason: 'agreement: full', 'tlp:clear', 'tlp:green
 * community', 'need-to-know group'), so that the owner's auditor can tell a flow no agreement
 * authorised from one an agreement did: records disclosed under different rules get one entry
 * per rule, in the order their rule first appears.
 */
import type { AuditEvent } from '@mosaic/audit';
import type { AgencyId, RecordId } from '@mosaic/model';
import type { DecisionReason } from '@mosaic/policy';

/** The fields every entry of one read shares (actor, purpose, case, query, subjects). */
export type CommonFields = Omit<AuditEvent, 'action' | 'records' | 'recipients' | 'pointers' | 'outcome' | 'reason'>;

export interface Disclosed {
  readonly record: RecordId;
  /** The reason of the policy decision that let the record be shown to the recipient. */
  readonly reason: DecisionReason;
}

export function disclosureEvents(common: CommonFields, recipient: AgencyId, disclosed: readonly Disclosed[]): AuditEvent[] {
  const byReason = new Map<DecisionReason, RecordId[]>();
  for (const { record, reason } of disclosed) {
    byReason.set(reason, [...(byReason.get(reason) ?? []), record]);
  }
  return [...byReason].map(([reason, records]) => ({ ...common, action: 'disclosure', records, recipients: [recipient], outcome: 'ok', reason }));
}
