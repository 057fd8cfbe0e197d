/**
 * The seam between the audit log and a database. A few operations, so that the store package can
 * implement it on node:sqlite and PostgreSQL (one table of entries keyed by seq, one of
 * checkpoints, one of cuts) and both can be held to one contract suite (`@mosaic/audit/testing`).
 */
import type { AuditCut } from './audit-cut.ts';
import type { AuditEntry } from './audit-entry.ts';
import type { ChainHead, Checkpoint } from './checkpoint.ts';

export interface AuditAppend<Rider = never> {
  /** The head the writer built on (null: the log was empty). */
  readonly after: ChainHead | null;
  /** Consecutive entries, the first with seq = after.seq + 1 (or 1) and prevHash = after.hash. */
  readonly entries: readonly AuditEntry[];
  /** Checkpoints over entries of this batch, stored in the same transaction. */
  readonly checkpoints?: readonly Checkpoint[];
  /**
   * What the storage writes in the same transaction as the entries, all or nothing with them
   * (the store's documents: a checkpoint's check is kept exactly when its audit entry is).
   */
  readonly riders?: readonly Rider[];
  /**
   * A cut recorded in the same transaction (a prune's, with the entry that logs the prune): over
   * a stored entry or one of this batch, with its hash; beyond the recorded cut; and not over the
   * last entry (a prune's own entry always follows its cut). Else nothing is written (MOSAIC_CONFLICT).
   */
  readonly cut?: AuditCut;
}

export interface SeqRange {
  /** Inclusive; default 1. */
  readonly fromSeq?: number;
  /** Inclusive; default the head. */
  readonly toSeq?: number;
}

/** `Rider`: what else the storage can write atomically with a batch (none by default). */
export interface AuditStorage<Rider = never> {
  /** The last entry's seq and hash, or null when the log is empty. */
  head(): Promise<ChainHead | null>;
  /**
   * Compare-and-append, all or nothing: if the stored head is not `after`, or the batch does not
   * continue it (seq and prevHash), nothing is written and the promise rejects with an AppError
   * of code MOSAIC_CONFLICT. This is what keeps several Mosaic nodes from forking the chain:
   * on PostgreSQL, a transaction that locks the head row (or a unique seq constraint) gives it.
   */
  append(batch: AuditAppend<Rider>): Promise<void>;
  /**
   * Appends what `build` makes of the current head, all or nothing, with no other writer between
   * reading the head and writing it (on PostgreSQL, under the log's advisory lock): nodes that
   * append at once queue instead of failing each other with conflicts, which under a busy
   * checkpoint's load ran out of retries. The batch `build` returns is checked as by `append`.
   * This is how the audit log appends.
   */
  appendOnHead(build: (head: ChainHead | null) => AuditAppend<Rider>): Promise<void>;
  /** Entries in ascending seq order. */
  entries(range?: SeqRange): AsyncIterable<AuditEntry>;
  /** Stores an on-demand checkpoint over an existing entry (MOSAIC_CONFLICT if seq is beyond the head). */
  putCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** All checkpoints in ascending seq order. */
  checkpoints(): Promise<readonly Checkpoint[]>;
  /** The latest recorded cut (the log was pruned through its seq), or null if it never was. */
  cut(): Promise<AuditCut | null>;
  /**
   * Deletes the oldest entries at or below `throughSeq`, at most `limit` of them, with the
   * checkpoints at or below the last one deleted; how many entries it deleted (0: none left).
   * Only as far as the recorded cut: deleting beyond it rejects with MOSAIC_CONFLICT and deletes
   * nothing, since only a signed cut makes deleting the head of the chain anything but tampering.
   */
  deleteThrough(throughSeq: number, limit: number): Promise<number>;
}
