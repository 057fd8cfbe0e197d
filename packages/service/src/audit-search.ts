/**
 * The auditor's view of the log (LED Art. 25(2)): an agency's auditor sees what its own users
 * did and what anyone did with its records or disclosed to it (of another agency's user's entry,
 * only that: asSeenByAgency); an auditor of an oversight body (the data-protection authority)
 * sees everything. Searching the log is itself a consultation (what users searched for and were
 * shown is personal data): it takes the auditor's purpose and case reference and is logged with
 * them, as any other.
 */
import { matchesAuditQuery, type AuditEntry, type AuditQuery, type JsonValue } from '@mosaic/audit';
import { AppError, type AgencyId } from '@mosaic/model';
import { decide } from '@mosaic/policy';
import { auditEntriesNewestFirst } from '@mosaic/store';
import { policyContext, policyUser, type Consultation } from './organisation.ts';
import type { Mosaic } from './runtime.ts';

export interface AuditSearch extends AuditQuery {
  readonly limit?: number;
  /** Entries before this one (by seq): the `next` of the page before, to walk a period without gaps. */
  readonly before?: number;
}

/**
 * A page of the search, newest first. `next` is there when older entries match too: asked again
 * with `before: next`, the search goes on from the entry below the last one given. Entries often
 * share a millisecond, so a time bound (`to`) cannot do this without skipping some.
 */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly next?: number;
}

/** Recipients: the agencies a disclosure went to, or that an administrative change concerns (auditAdmin: their users, groups, desks, details, agreements). */
function inScope(entry: AuditEntry, agency: AgencyId): boolean {
  return entry.actor.agency === agency
    || entry.records.some((r) => r.startsWith(`${agency}:`))
    || entry.recipients.includes(agency)
    || entry.pointers.includes(agency);
}

/**
 * An entry as an agency's auditor sees it: whole when one of the agency's own users acted, but
 * for the records behind pointers to other agencies (`pointed`: the user was shown a pointer, not
 * the record, and its id is the owner's to know, not the user's agency's); else
 * what concerns the agency: its own records, to whom they went (the recipients), and a pointer to
 * it, but not the query asked, the subjects, other agencies' records or the pointers to them
 * (another agency's investigation, and what its user was shown of third agencies, are not this
 * auditor's to see). An administrative change another agency's administrator (or a system
 * administrator) made to the agency's users, groups, desks or details, or to an agreement it is
 * party to, names the agency among its recipients (auditAdmin): the change is the agency's to
 * see, as it concerns the agency.
 */
function asSeenByAgency(entry: AuditEntry, agency: AgencyId, agencyOf: ReadonlyMap<string, AgencyId>): AuditEntry {
  const { pointed, ...rest } = entry;
  const own = (pointed ?? []).filter((p) => p.agency === agency);
  const seen: AuditEntry = own.length > 0 ? { ...rest, pointed: own } : rest;
  if (entry.actor.agency === agency) return seen;
  const cut: AuditEntry = {
    ...seen, query: null, subjects: [], records: entry.records.filter((id) => id.startsWith(`${agency}:`)), pointers: entry.pointers.filter((a) => a === agency),
  };
  if (entry.action !== 'administration' || !entry.recipients.includes(agency)) return cut;
  return { ...cut, recipients: [agency], query: administrationAsSeenBy(entry.query, agency, agencyOf) };
}

/**
 * The change an administration entry concerning the agency records, as the agency's auditor sees
 * it. A change to a user, a group, a desk or the agency names that one, the agency's. A change
 * to an agreement names the agreement, which both its parties may list (listOrganisation); to a
 * party of the agreement it replaced that is no party to the new one, only its id (what the
 * owner now gives another agency is not theirs to list). A group's membership change names its
 * members of every agency, and of those only the agency's own are shown (another agency's
 * members of a group are listed to its owner only, as listGroups does).
 */
function administrationAsSeenBy(query: JsonValue, agency: AgencyId, agencyOf: ReadonlyMap<string, AgencyId>): JsonValue {
  const agreement = isObject(query) ? query['putAgreement'] : undefined;
  if (isObject(agreement) && agreement['owner'] !== agency && agreement['recipient'] !== agency) return { putAgreement: { id: agreement['id'] ?? null } };
  const change = isObject(query) ? query['setGroupMembers'] : undefined;
  if (!isObject(change)) return query;
  const own = (ids: JsonValue | undefined): JsonValue => (Array.isArray(ids) ? ids.filter((id) => typeof id === 'string' && agencyOf.get(id) === agency) : []);
  return { setGroupMembers: { ...change, members: own(change['members']), changed: own(change['changed']) } };
}

const isObject = (value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Matching entries, newest first, at most `limit` (and before `before`). An agency's auditor's filters are matched
 * against the entry as that auditor sees it: matched against the whole entry, a filter on a
 * record, subject, owner or recipient the auditor may not see would tell whether another
 * agency's user was shown it (and under which purpose) though the answer leaves it out.
 */
export async function searchAuditLog(mosaic: Mosaic, consultation: Consultation & { readonly purpose: string; readonly caseRef: string }, query: AuditSearch): Promise<AuditPage> {
  const page = await readAuditLog(mosaic, consultation, query, 'audit search');
  const { user, purpose, caseRef } = consultation;
  const { limit: _limit, ...asked } = query;
  await mosaic.audit.append({ actor: { user: user.id, agency: user.agency }, action: 'consultation', purpose, caseRef, query: { audit: { ...asked } }, outcome: 'ok', reason: 'audit search' });
  return page;
}

/**
 * The entries a search gives, as a JSON Lines file (one entry a line, https://jsonlines.org) for
 * the auditor to keep with the audit's findings. Audit entries leaving the system as a file are an
 * `export` entry of the log (reason `audit export`), written before the file is answered, naming
 * the search and the entries exported (`seqs`), with the auditor's purpose and case reference:
 * the web's Audit screen exports the entries it shows by asking for them again from the newest
 * of them down (`before`), so that no export leaves unlogged.
 */
export async function exportAuditLog(mosaic: Mosaic, consultation: Consultation & { readonly purpose: string; readonly caseRef: string }, query: AuditSearch): Promise<string> {
  const { entries } = await readAuditLog(mosaic, consultation, query, 'audit export');
  const { user, purpose, caseRef } = consultation;
  await mosaic.audit.append({
    actor: { user: user.id, agency: user.agency }, action: 'export', purpose, caseRef,
    query: { auditExport: { ...query, entries: entries.length, seqs: entries.map((e) => e.seq) } }, outcome: 'ok', reason: 'audit export',
  });
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/** A page of matching entries as the auditor may see them, once the policy lets them audit; logged by the caller, as what it made of them. */
async function readAuditLog(mosaic: Mosaic, consultation: Consultation & { readonly purpose: string; readonly caseRef: string }, query: AuditSearch, what: string): Promise<AuditPage> {
  const { user, purpose, caseRef } = consultation;
  if (!purpose.trim() || !caseRef.trim()) throw new AppError('MOSAIC_PURPOSE_REQUIRED', `${what}: a purpose and a case reference are required`);
  const snapshot = await mosaic.org();
  const oversight = (snapshot.org.oversight ?? []).includes(user.agency);
  const decision = decide(policyUser(user), 'audit', { kind: 'audit', agency: oversight ? 'ALL' : user.agency }, policyContext(snapshot, consultation));
  if (decision.effect !== 'allow') throw new AppError('MOSAIC_FORBIDDEN', `${what} refused: ${decision.reason}`);
  const limit = Math.min(Math.max(query.limit ?? 200, 1), 5000);
  const entries: AuditEntry[] = [];
  let more = false;
  // Whose users an administration entry names (a user's agency never changes).
  const agencyOf = new Map<string, AgencyId>(oversight ? [] : (await mosaic.store.listUsers()).map((u) => [u.id, u.agency]));
  // Newest first from below `before`, down to one match past the page (which says older ones
  // match too): a page reads no further back than its matches lie, not the log from entry 1.
  const range = query.before === undefined ? {} : { toSeq: query.before - 1 };
  for await (const entry of auditEntriesNewestFirst(mosaic.store, { ...range, firstPage: limit + 1 })) {
    if (!oversight && !inScope(entry, user.agency)) continue;
    const seen = oversight ? entry : asSeenByAgency(entry, user.agency, agencyOf);
    if (!matchesAuditQuery(seen, query)) continue;
    if (entries.length === limit) {
      more = true;
      break;
    }
    entries.push(seen);
  }
  const last = entries.at(-1);
  return more && last !== undefined ? { entries, next: last.seq } : { entries };
}
