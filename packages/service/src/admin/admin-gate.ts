/**
 * Who may administer what, asked of the policy's one decision point, and the audit entry every
 * administrative change leaves (LED Art. 25: alterations are logged with who, when and why).
 * platform: agencies and agreements (the system administrator; an agency's data administrator
 * for its own outgoing agreements). agency: desks, users, groups, retention rules and legal holds
 * of one agency (its data administrator; desks and users also the system administrator, who must
 * be able to give a new agency its first administrator).
 */
import type { AuditEvent, JsonValue } from '@mosaic/audit';
import { AppError, hasControlCharacters, type AgencyId, type RecordId } from '@mosaic/model';
import { decide } from '@mosaic/policy';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';

/** An administrative change always says why; the case reference is the change ticket. */
export interface AdminRequest extends Consultation {
  readonly purpose: string;
  readonly caseRef: string;
}

export type AdminScope =
  | { readonly kind: 'platform' }
  | { readonly kind: 'agency'; readonly agency: AgencyId; readonly sysadminToo?: boolean };

export async function authoriseAdmin(mosaic: Mosaic, request: Consultation, scope: AdminScope): Promise<void> {
  const refusal = await adminRefusal(mosaic, request, scope);
  if (refusal !== undefined) throw new AppError('MOSAIC_FORBIDDEN', refusal);
}

/**
 * Why the policy refuses `request` the administration of `scope`, or undefined when it allows it:
 * authoriseAdmin's rule, asked without acting, so that a listing says per item what its reader may
 * do (an agreement's `withdrawable`) by the very rule the change is then judged by.
 */
export async function adminRefusal(mosaic: Mosaic, request: Consultation, scope: AdminScope): Promise<string | undefined> {
  const snapshot = await mosaic.org();
  const user = policyUser(request.user);
  const context = policyContext(snapshot, request);
  const platform = decide(user, 'admin', { kind: 'platform' }, context);
  if (scope.kind === 'platform') return platform.effect === 'allow' ? undefined : 'only a system administrator may do this';
  if (scope.sysadminToo === true && platform.effect === 'allow') return undefined;
  const own = decide(user, 'admin', { kind: 'agency', agency: scope.agency }, context);
  if (own.effect === 'allow') return undefined;
  // the agency by its name, as the administrator reads it; by its id where it has none (an id given that names no agency)
  const agency = snapshot.org.agencies.find((a) => a.id === scope.agency)?.name ?? scope.agency;
  return `only a data administrator of ${agency} may do this`;
}

export function isSysadmin(request: Consultation): boolean {
  return request.user.roles.includes('sysadmin');
}

/**
 * `concerning`: the agencies the change is made to — whose users, groups, desks or agency details
 * it changes, or the parties to an agreement it changes — kept as the entry's recipients, so that
 * each agency's auditor finds the changes made to what is its own by another agency's
 * administrator or a system administrator (audit-search.ts), as they find what their own
 * administrators did.
 */
export async function auditAdmin(mosaic: Mosaic, request: AdminRequest, change: JsonValue, options: AdminAuditOptions): Promise<void> {
  await mosaic.audit.append(adminEntry(request, change, options));
}

/** auditAdmin within the store's transaction `tx`, which has taken the audit log's lock (Store.lockAudit): the change and its entry are kept together or not at all. */
export async function auditAdminIn(mosaic: Mosaic, tx: Store, request: AdminRequest, change: JsonValue, options: AdminAuditOptions): Promise<void> {
  await mosaic.audit.appendIn(createStoreAuditStorage(tx), [adminEntry(request, change, options)]);
}

export interface AdminAuditOptions {
  readonly records?: readonly RecordId[];
  readonly reason: string;
  readonly concerning?: readonly AgencyId[];
}

function adminEntry(request: AdminRequest, change: JsonValue, { records = [], reason, concerning = [] }: AdminAuditOptions): AuditEvent {
  return {
    actor: { user: request.user.id, agency: request.user.agency }, action: 'administration', purpose: request.purpose, caseRef: request.caseRef,
    query: change, records, recipients: [...new Set(concerning)].sort(), outcome: 'ok', reason,
  };
}

/** What a change names by its id (in the path) does not exist, or is not the caller's to change (404). */
export function notFound(field: string, what: string): AppError {
  return new AppError('MOSAIC_NOT_FOUND', `${field}: ${what}`, { field, reason: what });
}

/** What a change would create exists already (409). */
export function exists(field: string, what: string): AppError {
  return new AppError('MOSAIC_CONFLICT', `${field}: ${what}`, { field, reason: what });
}

/** A validation failure naming the field and the reason (400). */
export function invalid(field: string, reason: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `${field}: ${reason}`, { field, reason });
}

/**
 * Free text a person gives (a name, a description, a reason), trimmed: refused empty (unless
 * `optional`), longer than `max`, or holding control characters (a line break, a terminal escape:
 * it is shown in screens and kept in the audit log as given).
 */
export function plainText(field: string, value: string, { max = 200, optional = false }: { readonly max?: number; readonly optional?: boolean } = {}): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 && !optional) throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `is longer than ${max} characters`);
  if (hasControlCharacters(trimmed)) throw invalid(field, 'must not hold control characters');
  return trimmed;
}
