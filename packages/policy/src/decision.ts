/** The vocabulary of decide(): actions, resources, context and decisions. */
import type { AgencyId, DeskId, Provenance, RecordId } from '@mosaic/model';
import type { Organisation } from './organisation.ts';
import type { SharingAgreement } from './sharing-agreement.ts';

/** judge: say whether two records are of one person (a judgement), decided on a pair, never on one record. */
export const ACTIONS = ['read', 'search', 'screen', 'export', 'write', 'delete', 'audit', 'admin', 'judge'] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions that consult or disclose personal data: LED Art. 8 lawfulness needs a stated purpose. */
export const PURPOSE_ACTIONS: readonly Action[] = ['read', 'search', 'screen', 'export'];

export interface RecordResource {
  readonly kind: 'record';
  readonly id?: RecordId;
  /** Its marking may restrict it to need-to-know groups (Marking.needToKnow). */
  readonly provenance: Provenance;
}

export type Resource =
  | RecordResource
  /** The audit log of one agency (its users' actions and actions on its records), or of all. */
  | { readonly kind: 'audit'; readonly agency: AgencyId | 'ALL' }
  /** An agency's users, desks and outgoing agreements. */
  | { readonly kind: 'agency'; readonly agency: AgencyId }
  /** Agencies themselves and platform settings. */
  | { readonly kind: 'platform' }
  /** Two records judged of one person or not, by the agencies that own them. */
  | { readonly kind: 'pair'; readonly owners: readonly [AgencyId, AgencyId] };

export interface PolicyContext {
  readonly org: Organisation;
  readonly agreements: readonly SharingAgreement[];
  readonly purpose?: string;
  readonly caseRef?: string;
}

/** Where to ask for a hidden record: an agency and a desk, never anything about the record. */
export interface Pointer {
  readonly agency: AgencyId;
  readonly agencyName: string;
  readonly desk: { readonly id: DeskId; readonly name: string; readonly contact: string } | null;
  readonly message: 'holds information';
}

export interface OwnerNotice {
  readonly agency: AgencyId;
  /** consult: the content was read, searched or exported; encounter: screened against, or shown as a pointer. */
  readonly kind: 'consult' | 'encounter';
}

/**
 * Reasons are short fixed codes, written to the audit log. A deny reason must not be shown to
 * the requester for a record: "clearance" would tell them that a record exists.
 */
export const DECISION_REASONS = [
  'own agency',
  'need-to-know group',
  'agreement: full',
  'tlp:clear',
  'tlp:green community',
  'agreement: pointer',
  'role not permitted',
  'purpose required',
  'clearance',
  'releasability',
  'need-to-know',
  'tlp:red',
  'tlp:amber+strict needs a named recipient',
  'no agreement',
  'agreement: none',
  'no onward sharing',
  'handling: owner consent required',
  'not owner',
  'same country',
  'other country',
  'out of scope',
  'not applicable',
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

export type Decision =
  | { readonly effect: 'allow'; readonly reason: DecisionReason; readonly notifyOwner?: OwnerNotice }
  | { readonly effect: 'pointer'; readonly reason: DecisionReason; readonly pointer: Pointer; readonly notifyOwner?: OwnerNotice }
  | { readonly effect: 'deny'; readonly reason: DecisionReason };
