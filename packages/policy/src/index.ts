export { GroupId, ROLES, type Agency, type Desk, type NeedToKnowGroup, type Organisation, type PolicyUser, type Role } from './organisation.ts';
export {
  AgreementId,
  SHARING_EFFECTS,
  agreementVerdict,
  conditionsMatch,
  inCommunity,
  type AgreementVerdict,
  type SharingAgreement,
  type SharingConditions,
  type SharingEffect,
} from './sharing-agreement.ts';
export {
  ACTIONS,
  DECISION_REASONS,
  PURPOSE_ACTIONS,
  type Action,
  type Decision,
  type DecisionReason,
  type OwnerNotice,
  type Pointer,
  type PolicyContext,
  type RecordResource,
  type Resource,
} from './decision.ts';
export { decide, readsRecords, RECORD_ROLES } from './decide.ts';
export { decisionKey } from './decision-key.ts';
export { deconfliction, filterVisible, type Decide, type DeconflictionNotice, type FilterOptions, type PolicyRecord, type ReadAction, type VisibleRecords } from './filter-visible.ts';
export {
  DEFAULT_RETENTION,
  RETENTION_SUBJECTS,
  addPeriod,
  erasable,
  periodLongerThan,
  reviewDateFor,
  reviewDateOfNewVersion,
  reviewQueue,
  type Erasability,
  type LegalHold,
  type RetentionPeriod,
  type RetentionRules,
  type ReviewItem,
} from './retention.ts';
export { auditPruneBefore, type AuditRetention } from './audit-retention.ts';
