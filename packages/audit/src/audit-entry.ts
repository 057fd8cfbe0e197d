/**
 * One audit log entry. The fields are those LED Art. 25 requires of logs of processing
 * (collection, alteration, consultation, disclosure including transfers, combination, erasure):
 * when, who (user and agency), what action, why (purpose, case reference), the query, whose
 * data (subject ids), what was returned (record ids, pointers) and to whom it was disclosed.
 *
 * The entry hash is SHA-256 over the canonical JSON (RFC 8785) of the previous entry's hash and
 * every other field, so editing, removing or reordering any entry breaks every later link.
 */
import { createHash } from 'node:crypto';
import { AppError, type AgencyId, type EntityId, type RecordId, type UserId } from '@mosaic/model';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

/**
 * LED Art. 25(1) operations, plus those that Art. 25 implies for a platform: screening, export
 * (records read to be taken out of the system as a file, a consultation an auditor looks for
 * apart), policy administration, and authentication (each sign-in attempt, kept for
 * self-monitoring and the security of processing, Art. 25(2) and 29). The action is hashed as
 * the string it is, so a new one leaves the hashes of entries written before it as they were.
 */
export const AUDIT_ACTIONS = ['collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure', 'screening', 'export', 'administration', 'authentication'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** ok: done as asked; denied: the policy refused (a refusal is logged too); error: failed for another reason. */
export const AUDIT_OUTCOMES = ['ok', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The hash that the first entry links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed fields ever change; part of every hash so old and new chains never collide. */
const ENTRY_FORMAT = 1;

export interface AuditActor {
  readonly user: UserId;
  readonly agency: AgencyId;
}

/** What a caller logs. The log adds seq, time and the hashes. */
export interface AuditEvent {
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly purpose?: string | null;
  readonly caseRef?: string | null;
  /** The query as asked (it may hold personal data: the audit log is where that is allowed). */
  readonly query?: JsonValue;
  /** Data subjects concerned (resolved entities). */
  readonly subjects?: readonly EntityId[];
  /** Records returned, written, merged or erased. */
  readonly records?: readonly RecordId[];
  /** Agencies that received a disclosure (LED Art. 25: "the identity of the recipients"). */
  readonly recipients?: readonly AgencyId[];
  /** Agencies whose "holds information" pointer was shown: disclosing existence is a disclosure too. */
  readonly pointers?: readonly AgencyId[];
  /**
   * The records behind those pointers, by agency: the user was not shown them, but their owner's
   * auditor must find the encounter by record as the owner's notice names it (audit-search.ts
   * gives each agency's auditor only the items of its own agency).
   */
  readonly pointed?: readonly PointedRecords[];
  readonly outcome: AuditOutcome;
  /** A short code-like reason (e.g. the policy decision's reason); never free text with personal data. */
  readonly reason?: string | null;
}

/** An agency's records behind the pointer to it that an entry's user was shown. */
export interface PointedRecords {
  readonly agency: AgencyId;
  readonly records: readonly RecordId[];
}

/** The normalised fields of an entry: every optional field present, null or empty when absent. */
export interface AuditEntryBody {
  readonly seq: number;
  /** ISO 8601 UTC instant, e.g. 2025-03-01T10:00:00.000Z. */
  readonly time: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly purpose: string | null;
  readonly caseRef: string | null;
  readonly query: JsonValue;
  readonly subjects: readonly EntityId[];
  readonly records: readonly RecordId[];
  readonly recipients: readonly AgencyId[];
  readonly pointers: readonly AgencyId[];
  /**
   * Present only when some record lay behind a pointer: entries without (those made before it
   * was kept among them) have none, and hash as they did (hashEntry).
   */
  readonly pointed?: readonly PointedRecords[];
  readonly outcome: AuditOutcome;
  readonly reason: string | null;
}

export interface AuditEntry extends AuditEntryBody {
  readonly prevHash: string;
  readonly hash: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Normalises and validates an event into the fields that get hashed. Throws AppError on bad input. */
export function entryBody(event: AuditEvent, seq: number, time: string): AuditEntryBody {
  if (!Number.isSafeInteger(seq) || seq < 1) throw invalid(`seq must be a positive integer, got ${seq}`);
  if (!ISO_INSTANT.test(time) || Number.isNaN(Date.parse(time))) throw invalid('time must be an ISO 8601 UTC instant');
  if (!isNonEmpty(event.actor?.user) || !isNonEmpty(event.actor.agency)) throw invalid('actor user and agency are required');
  if (!(AUDIT_ACTIONS as readonly string[]).includes(event.action)) throw invalid(`unknown action ${String(event.action)}`);
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(event.outcome)) throw invalid(`unknown outcome ${String(event.outcome)}`);
  const body: AuditEntryBody = {
    seq,
    time,
    actor: { user: event.actor.user, agency: event.actor.agency },
    action: event.action,
    purpose: event.purpose ?? null,
    caseRef: event.caseRef ?? null,
    query: event.query ?? null,
    subjects: [...(event.subjects ?? [])],
    records: [...(event.records ?? [])],
    recipients: [...(event.recipients ?? [])],
    pointers: [...(event.pointers ?? [])],
    ...pointedOf(event.pointed),
    outcome: event.outcome,
    reason: event.reason ?? null,
  };
  // Fail now rather than at verification time if the query cannot be hashed.
  canonicalJson(body.query);
  return body;
}

/** `pointed` without agencies that no record lay behind, each agency's records once and in order; absent when none is left. */
function pointedOf(pointed: readonly PointedRecords[] | undefined): { pointed?: readonly PointedRecords[] } {
  const kept = (pointed ?? [])
    .map((item) => ({ agency: item.agency, records: [...new Set(item.records)].sort() }))
    .filter((item) => item.records.length > 0);
  return kept.length > 0 ? { pointed: kept } : {};
}

/**
 * SHA-256 (hex) over the canonical JSON of the previous hash and every field of the entry.
 * `pointed` is hashed when present and not empty, and only then: entries kept before it existed
 * (which have none) verify as they did, and no entry's `pointed` is added, altered or removed
 * unnoticed.
 */
export function hashEntry(body: AuditEntryBody, prevHash: string): string {
  const hashed: JsonValue = {
    v: ENTRY_FORMAT,
    prevHash,
    seq: body.seq,
    time: body.time,
    actor: { user: body.actor.user, agency: body.actor.agency },
    action: body.action,
    purpose: body.purpose,
    caseRef: body.caseRef,
    query: body.query,
    subjects: body.subjects,
    records: body.records,
    recipients: body.recipients,
    pointers: body.pointers,
    ...(body.pointed !== undefined && body.pointed.length > 0 ? { pointed: body.pointed.map((item) => ({ agency: item.agency, records: item.records })) } : {}),
    outcome: body.outcome,
    reason: body.reason,
  };
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}

/** Links a body to the chain. */
export function sealEntry(body: AuditEntryBody, prevHash: string): AuditEntry {
  return deepFreeze({ ...body, prevHash, hash: hashEntry(body, prevHash) });
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function isNonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function invalid(message: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `audit: ${message}`);
}
