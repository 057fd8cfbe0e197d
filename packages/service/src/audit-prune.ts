/**
 * Pruning the audit log for retention: the entries made before an instant (given, or where the
 * configured period puts it today) are deleted behind a signed cut, and the prune is an entry
 * of its own (@mosaic/audit, audit-prune.ts). Run by `mosaic audit prune` and, when a period is
 * set, by the retention sweep.
 */
import type { AuditActor, PruneStage } from '@mosaic/audit';
import { isIsoDay } from '@mosaic/model';
import { auditPruneBefore } from '@mosaic/policy';
import { invalid } from './admin/admin-gate.ts';
import { auditRetentionOf } from './audit-retention.ts';
import type { Mosaic } from './runtime.ts';

export interface PruneAuditOptions {
  /** A day (YYYY-MM-DD) or an ISO 8601 UTC instant; default: where the configured period puts it today. */
  readonly before?: string;
  /** Who prunes: the prune's audit entry names them. */
  readonly actor: AuditActor;
  readonly purpose?: string;
  readonly caseRef?: string;
  readonly batchSize?: number;
  /** Entries verified, then deleted, so far, of how many (audit-prune.ts). */
  readonly onProgress?: (done: number, total: number, stage: PruneStage) => void;
  /** Once aborted, the prune stops at its next safe point, the log verifying as left (@mosaic/audit, audit-prune.ts). */
  readonly signal?: AbortSignal;
}

export interface AuditPruneSummary {
  /** Entries cut away by this prune (its audit entry counts them). */
  readonly pruned: number;
  /** Entries deleted, those an interrupted earlier prune had cut away included. */
  readonly deleted: number;
  /** Entries made before this instant were pruned. */
  readonly before: string;
  /** The last pruned entry; null when none was due. */
  readonly through: { readonly seq: number; readonly time: string } | null;
  /** Present when `signal` stopped the prune: `deleted` of the entries cut away are gone, the next prune deletes the rest first. */
  readonly stopped?: true;
}

export type PruneBefore = { readonly ok: true; readonly before: string } | { readonly ok: false; readonly reason: string };

const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** A day (its first instant, UTC) or an ISO 8601 UTC instant that is not in the future; the reason otherwise. */
export function readPruneBefore(text: string, now: Date): PruneBefore {
  const instant = INSTANT.exec(text);
  const at = isIsoDay(text) ? Date.parse(`${text}T00:00:00.000Z`) : instant !== null && isIsoDay(instant[1] ?? '') ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return { ok: false, reason: 'not a day YYYY-MM-DD nor an ISO 8601 UTC instant' };
  const before = new Date(at).toISOString();
  if (at > now.getTime()) return { ok: false, reason: `${before} is in the future: only entries already made can be pruned` };
  return { ok: true, before };
}

export async function pruneAuditLog(mosaic: Mosaic, { before: given, actor, purpose, caseRef, batchSize, onProgress, signal }: PruneAuditOptions): Promise<AuditPruneSummary> {
  const now = mosaic.now();
  const retention = await auditRetentionOf(mosaic);
  const cut = retention === null ? undefined : auditPruneBefore(now.toISOString().slice(0, 10), retention);
  if (given === undefined && cut === undefined) throw invalid('before', 'no audit retention period is set and no date was given: nothing is pruned');
  const read = readPruneBefore(given ?? (cut as string), now);
  if (!read.ok) throw invalid('before', read.reason);
  // With a period set, no date prunes what it keeps: the law that set it asks for those entries.
  if (cut !== undefined && read.before > cut) throw invalid('before', `${read.before} is after ${cut}, the retention period's cut: the entries made since are kept; nothing is pruned`);
  const result = await mosaic.audit.prune({
    before: read.before, actor, keys: mosaic.auditVerifyKeys(),
    ...(purpose === undefined ? {} : { purpose }), ...(caseRef === undefined ? {} : { caseRef }),
    ...(batchSize === undefined ? {} : { batchSize }), ...(onProgress === undefined ? {} : { onProgress }), ...(signal === undefined ? {} : { signal }),
  });
  return {
    pruned: result.pruned, deleted: result.deleted, before: read.before, through: result.through === null ? null : { seq: result.through.seq, time: result.through.time },
    ...(result.stopped === true ? { stopped: true } : {}),
  };
}
