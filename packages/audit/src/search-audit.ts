/**
 * Searching the audit log, for data-protection officers and auditors (LED Art. 25(2): logs are
 * used for verifying lawfulness, self-monitoring and criminal proceedings). Searching the log
 * is itself a consultation that the caller must log.
 */
import type { AgencyId, EntityId, RecordId, UserId } from '@mosaic/model';
import type { AuditAction, AuditEntry, AuditOutcome } from './audit-entry.ts';
import type { AuditStorage, SeqRange } from './audit-storage.ts';

export interface AuditQuery {
  readonly user?: UserId;
  /** The acting user's agency. */
  readonly agency?: AgencyId;
  /** An agency that received a disclosure or a pointer. */
  readonly recipient?: AgencyId;
  /** The agency that owns a record touched or pointed to (record ids are `agency:sourceRecordId`). */
  readonly owner?: AgencyId;
  readonly subject?: EntityId;
  /** A record touched, or behind a pointer shown (`pointed`). */
  readonly record?: RecordId;
  readonly action?: AuditAction | readonly AuditAction[];
  readonly outcome?: AuditOutcome;
  readonly caseRef?: string;
  /** Inclusive lower bound, ISO 8601 instant. */
  readonly from?: string;
  /** Exclusive upper bound, ISO 8601 instant. */
  readonly to?: string;
}

export function matchesAuditQuery(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.user !== undefined && entry.actor.user !== query.user) return false;
  if (query.agency !== undefined && entry.actor.agency !== query.agency) return false;
  if (query.recipient !== undefined && !entry.recipients.includes(query.recipient) && !entry.pointers.includes(query.recipient)) return false;
  const records = [...entry.records, ...(entry.pointed ?? []).flatMap((p) => p.records)];
  if (query.owner !== undefined && !records.some((r) => r.startsWith(`${query.owner}:`))) return false;
  if (query.subject !== undefined && !entry.subjects.includes(query.subject)) return false;
  if (query.record !== undefined && !records.includes(query.record)) return false;
  if (query.action !== undefined && !(typeof query.action === 'string' ? [query.action] : query.action).includes(entry.action)) return false;
  if (query.outcome !== undefined && entry.outcome !== query.outcome) return false;
  if (query.caseRef !== undefined && entry.caseRef !== query.caseRef) return false;
  const time = Date.parse(entry.time);
  if (query.from !== undefined && !(time >= Date.parse(query.from))) return false;
  if (query.to !== undefined && !(time < Date.parse(query.to))) return false;
  return true;
}

/** Entries matching the query, in log order, at most `limit`. */
export function searchAudit(entries: Iterable<AuditEntry>, query: AuditQuery, { limit = 1000 }: { readonly limit?: number } = {}): AuditEntry[] {
  const found: AuditEntry[] = [];
  for (const entry of entries) {
    if (found.length >= limit) break;
    if (matchesAuditQuery(entry, query)) found.push(entry);
  }
  return found;
}

/** The same over a storage, streaming (a database implementation may push the filter down instead). */
export async function searchStoredAudit(storage: AuditStorage, query: AuditQuery, { limit = 1000, range = {} }: { readonly limit?: number; readonly range?: SeqRange } = {}): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of storage.entries(range)) {
    if (found.length >= limit) break;
    if (matchesAuditQuery(entry, query)) found.push(entry);
  }
  return found;
}
