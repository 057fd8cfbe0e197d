/**
 * Pruning the log for retention (LED Art. 25(2): logs are kept only as long as they are needed
 * for checking lawfulness, self-monitoring, integrity and criminal proceedings; national law sets
 * the period). The entries made before an instant are deleted, oldest first, up to the first
 * entry that was not (a chain can only lose its head). Each step leaves a log that verifies:
 *
 * 1. The entries to prune are read and verified from the recorded cut (links, hashes, the
 *    checkpoints among them): a prune must not delete the evidence of tampering and then sign
 *    a cut over it. A break stops the prune (MOSAIC_AUDIT_BROKEN) before anything is written.
 * 2. One transaction appends the prune's own entry (who, when, through which entry and which
 *    date, how many), a checkpoint over it, and a signed cut through the last entry to prune
 *    (audit-cut.ts). The entry is all that is kept of what was deleted.
 * 3. The entries through the cut are deleted in batches; the storage deletes no further than the
 *    recorded cut. A prune stopped here leaves entries at or below the cut, which verification
 *    does not read; the next prune deletes them first.
 *
 * A prune asked to stop (its `signal` aborted: Ctrl-C on `mosaic audit prune`) stops at the next
 * of these boundaries: while verifying, before anything is written; while deleting, after the
 * batch under way. Either way the log verifies as it is left. Both steps give the event loop a
 * turn now and then (eventLoopTurns): on the embedded store every read and delete is settled at
 * once, so without one a signal was heard only once the prune had ended, and a serving node's
 * sweep held every request for the whole prune.
 *
 * Nodes pruning at once: the second to record its cut finds it is not beyond the first's
 * (MOSAIC_CONFLICT, nothing written) and plans again from the new cut.
 */
import { AppError, isAppError } from '@mosaic/model';
import { entryBody, sealEntry, type AuditActor, type AuditEntry, type AuditEvent } from './audit-entry.ts';
import { signCut, type AuditCut } from './audit-cut.ts';
import type { AuditSigner, AuditVerifyKey } from './audit-keys.ts';
import type { AuditStorage } from './audit-storage.ts';
import { signCheckpoint } from './checkpoint.ts';
import { chainVerifier } from './verify-chain.ts';

export interface PruneOptions {
  /** Entries made before this instant (ISO 8601 UTC) are pruned; it may not be in the future. */
  readonly before: string;
  /** Who prunes: the prune's entry names them. */
  readonly actor: AuditActor;
  readonly purpose?: string;
  readonly caseRef?: string | null;
  /** The keys that signed the log's checkpoints and cut: the entries to prune are verified first. */
  readonly keys: AuditVerifyKey | readonly AuditVerifyKey[];
  /** Entries deleted per call to the storage (each its own short transaction). */
  readonly batchSize?: number;
  /**
   * While the entries due are read and verified (`verify`: entries read, of at most the log's
   * length after the cut) and after each batch deleted (`delete`: entries deleted, of how many).
   */
  readonly onProgress?: (done: number, total: number, stage: PruneStage) => void;
  /** Once aborted, the prune stops at its next safe point (the module's comment) and says it stopped. */
  readonly signal?: AbortSignal;
}

export type PruneStage = 'verify' | 'delete';

export interface PrunedThrough {
  readonly seq: number;
  readonly hash: string;
  readonly time: string;
}

export interface PruneResult {
  /** Entries this prune cut away (its entry counts them); 0 when none was due. */
  readonly pruned: number;
  /** Entries deleted, those an interrupted earlier prune had cut away included. */
  readonly deleted: number;
  /** The last entry pruned; null when none was due. */
  readonly through: PrunedThrough | null;
  /** The entry that logs the prune; null when none was due. */
  readonly entry: AuditEntry | null;
  /** Present when `signal` stopped the prune before it was done: nothing cut away (`entry` null) or `deleted` of them gone. */
  readonly stopped?: true;
}

export interface PruneContext<Rider> {
  readonly storage: AuditStorage<Rider>;
  /**
   * The signer the log is signed with now, read in turn with this process's other appends (it
   * refuses when this writer's key was retired and it holds no newer one).
   */
  readonly signer: () => Promise<AuditSigner>;
  readonly clock: () => string;
  /** Runs an operation after this process's other appends (the log's queue). */
  readonly serialised: <T>(operation: () => Promise<T>) => Promise<T>;
}

interface PrunePlan {
  readonly from: number;
  readonly through: PrunedThrough;
  readonly count: number;
}

const ATTEMPTS = 3;
/** Entries read between two progress reports while verifying. */
const PROGRESS_EVERY = 10_000;
/** Uninterrupted work before the event loop is given a turn. */
const TURN_MS = 20;

/** Called between units of work: once TURN_MS have passed since the last turn, waits for the event loop to run. */
function eventLoopTurns(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < TURN_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export async function pruneLog<Rider>(context: PruneContext<Rider>, options: PruneOptions): Promise<PruneResult> {
  const { storage } = context;
  const { before, batchSize = 10_000, onProgress, signal } = options;
  // asked each time: the signal is aborted from outside, between two turns of the event loop
  const stopping = (): boolean => signal?.aborted === true;
  const beforeMs = Date.parse(before);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(before) || Number.isNaN(beforeMs)) throw invalid(`before must be an ISO 8601 UTC instant, got ${JSON.stringify(before)}`);
  if (beforeMs > Date.parse(context.clock())) throw invalid(`before ${before} is in the future: only entries already made can be pruned`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw invalid('batchSize must be a positive integer');
  for (let attempt = 1; ; attempt++) {
    const recorded = await storage.cut();
    const plan = await planPrune(storage, recorded, beforeMs, options);
    if (stopping()) return { pruned: 0, deleted: 0, through: null, entry: null, stopped: true };
    let entry: AuditEntry | null = null;
    try {
      if (plan !== null) entry = await recordPrune(context, options, plan);
    } catch (error) {
      if (attempt < ATTEMPTS && isAppError(error) && error.code === 'MOSAIC_CONFLICT') continue;
      throw error;
    }
    const through = plan?.through.seq ?? recorded?.seq;
    if (through === undefined) return { pruned: 0, deleted: 0, through: null, entry: null };
    const total = (plan?.count ?? 0) + (recorded === null ? 0 : await leftAt(storage, recorded));
    onProgress?.(0, total, 'delete');
    let deleted = 0;
    const turn = eventLoopTurns();
    for (;;) {
      await turn();
      if (stopping()) return { pruned: plan?.count ?? 0, deleted, through: plan?.through ?? null, entry, stopped: true };
      const n = await storage.deleteThrough(through, batchSize);
      if (n === 0) break;
      deleted += n;
      onProgress?.(deleted, Math.max(total, deleted), 'delete');
    }
    return { pruned: plan?.count ?? 0, deleted, through: plan?.through ?? null, entry };
  }
}

/** The entries due, verified, from the recorded cut up to the first one made at or after `beforeMs`. */
async function planPrune<Rider>(storage: AuditStorage<Rider>, recorded: AuditCut | null, beforeMs: number, { keys, onProgress, signal }: PruneOptions): Promise<PrunePlan | null> {
  const verifier = chainVerifier(await storage.checkpoints(), keys, recorded === null ? {} : { cut: recorded });
  const from = verifier.start.seq + 1;
  const length = Math.max(0, ((await storage.head())?.seq ?? 0) - verifier.start.seq);
  let through: PrunedThrough | null = null;
  let count = 0;
  const turn = eventLoopTurns();
  for await (const entry of storage.entries({ fromSeq: from })) {
    await turn();
    if (count % PROGRESS_EVERY === 0) onProgress?.(count, Math.max(length, count), 'verify');
    // nothing is written yet: pruneLog, finding the signal aborted, writes nothing
    if (signal?.aborted === true || !(Date.parse(entry.time) < beforeMs)) break;
    const failure = verifier.next(entry);
    if (failure !== null && !failure.ok) {
      throw new AppError('MOSAIC_AUDIT_BROKEN', `audit: the log is broken at entry ${failure.firstBroken} (${failure.reason}: ${failure.message}); nothing was pruned, so that the evidence stays`);
    }
    through = { seq: entry.seq, hash: entry.hash, time: entry.time };
    count += 1;
  }
  return through === null ? null : { from, through, count };
}

/** Appends the prune's entry, sealed by a checkpoint, with the signed cut: one transaction. */
async function recordPrune<Rider>({ storage, signer: signedWith, clock, serialised }: PruneContext<Rider>, options: PruneOptions, plan: PrunePlan): Promise<AuditEntry> {
  const event: AuditEvent = {
    actor: options.actor,
    action: 'erasure',
    purpose: options.purpose ?? 'audit log retention',
    caseRef: options.caseRef ?? null,
    query: { auditPrune: { before: options.before, fromSeq: plan.from, throughSeq: plan.through.seq, throughHash: plan.through.hash, throughTime: plan.through.time, entries: plan.count } },
    outcome: 'ok',
    reason: 'audit log pruned',
  };
  return serialised(async () => {
    const written: { entry?: AuditEntry } = {};
    const signer = await signedWith();
    await storage.appendOnHead((head) => {
      if (head === null) throw new AppError('MOSAIC_CONFLICT', 'audit: the log is empty');
      const entry = sealEntry(entryBody(event, head.seq + 1, clock()), head.hash);
      written.entry = entry;
      return { after: head, entries: [entry], checkpoints: [signCheckpoint(signer, entry)], cut: signCut(signer, plan.through) };
    });
    if (written.entry === undefined) throw new AppError('MOSAIC_INTERNAL', 'audit: the prune wrote no entry');
    return written.entry;
  });
}

/** How many entries at or below the recorded cut an interrupted prune left (seqs are consecutive). */
async function leftAt<Rider>(storage: AuditStorage<Rider>, recorded: AuditCut): Promise<number> {
  const first = await storage.entries({ toSeq: recorded.seq })[Symbol.asyncIterator]().next();
  return first.done === true ? 0 : recorded.seq - first.value.seq + 1;
}

function invalid(message: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `audit: prune: ${message}`);
}
