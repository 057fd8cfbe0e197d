/**
 * The audit log writer: turns events into chained entries, appends them through AuditStorage,
 * and signs a checkpoint every `checkpointEvery` entries (in the same atomic append) and on
 * demand (e.g. at shutdown, or on a timer, so the unsigned tail stays short).
 *
 * Appends from one process are serialised; nodes sharing the storage queue on its head
 * (AuditStorage.appendOnHead builds each batch on the head read inside the append), so they
 * never fork the chain nor fail each other. An append in a caller's transaction (appendIn: a
 * record and its entry, all or nothing) queues on the head the same way.
 */
import { AppError } from '@mosaic/model';
import { entryBody, GENESIS_HASH, sealEntry, type AuditEntry, type AuditEvent } from './audit-entry.ts';
import type { AuditStorage } from './audit-storage.ts';
import { signCheckpoint, type ChainHead, type Checkpoint } from './checkpoint.ts';
import type { AuditSigner } from './audit-keys.ts';
import { pruneLog, type PruneOptions, type PruneResult } from './audit-prune.ts';

export interface AuditLogOptions<Rider = never> {
  readonly storage: AuditStorage<Rider>;
  readonly signer: AuditSigner;
  /** Sign a checkpoint whenever seq is a multiple of this. */
  readonly checkpointEvery?: number;
  /** Returns the current instant as an ISO 8601 UTC string. */
  readonly clock?: () => string;
}

export interface AuditLog<Rider = never> {
  append(event: AuditEvent): Promise<AuditEntry>;
  /**
   * Appends several events as one atomic batch (e.g. a search and the disclosures it caused),
   * and `riders` with them in the same transaction (the storage's: a check's document).
   */
  appendAll(events: readonly AuditEvent[], riders?: readonly Rider[]): Promise<readonly AuditEntry[]>;
  /**
   * Appends `events` as one batch through `storage`: this log's storage bound to a transaction
   * the caller holds open, so that what the caller writes in it and these entries are kept
   * together or not at all (a record and the entry of its collection). The head is read there,
   * under the log's lock, which the transaction keeps until it ends; appended after the caller's
   * own writes, it holds the lock only for the rest of the commit. Not queued behind this log's
   * other appends, which may wait for what the transaction holds (sqlite's one connection); while
   * a rotation is under way it signs no checkpoint, so the retiring key signs none past its last.
   */
  appendIn(storage: AuditStorage<Rider>, events: readonly AuditEvent[]): Promise<readonly AuditEntry[]>;
  /** Signs a checkpoint over the current head; null when the log is empty. */
  checkpoint(): Promise<Checkpoint | null>;
  /**
   * Deletes the entries made before `options.before`, oldest first, behind a signed cut, and logs
   * that it did (audit-prune.ts); the log verifies before, during and after.
   */
  prune(options: PruneOptions): Promise<PruneResult>;
  /**
   * Rotates the signing key: appends `event` (which says so), signs a checkpoint over it with the
   * current key (its last: `through`), runs `commit(through)` (the caller keeps the new key and
   * retires the old one through there) and from then on signs with `next`; all in turn with
   * this log's other writes, so no checkpoint of the old key falls after `through`. If `commit`
   * fails, the old key stays.
   */
  rotate(next: AuditSigner, event: AuditEvent, commit: (through: number) => Promise<void>): Promise<{ readonly through: number }>;
}

export function createAuditLog<Rider = never>({
  storage,
  signer: firstSigner,
  checkpointEvery = 1000,
  clock = () => new Date().toISOString(),
}: AuditLogOptions<Rider>): AuditLog<Rider> {
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1) throw new AppError('MOSAIC_INVALID_CONFIG', 'audit: checkpointEvery must be a positive integer');
  let queue: Promise<unknown> = Promise.resolve();
  let signer = firstSigner;
  let rotating = false;

  /** Runs operations one after another so that this process never races itself for the head. */
  const serialised = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The events chained onto `head`, with the checkpoints that fall due among them (unless `sign` is false). */
  const build = (head: ChainHead | null, events: readonly AuditEvent[], riders: readonly Rider[], sign = true): { after: ChainHead | null; entries: AuditEntry[]; checkpoints: Checkpoint[]; riders: readonly Rider[] } => {
    const time = clock();
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const entries: AuditEntry[] = [];
    const checkpoints: Checkpoint[] = [];
    for (const event of events) {
      seq += 1;
      const entry = sealEntry(entryBody(event, seq, time), prevHash);
      entries.push(entry);
      prevHash = entry.hash;
      if (sign && seq % checkpointEvery === 0) checkpoints.push(signCheckpoint(signer, entry));
    }
    return { after: head, entries, checkpoints, riders };
  };

  /** `through`: the storage to append through (default the log's); `signs`: whether checkpoints falling due are signed, asked when the head is read. */
  const appendBatch = async (events: readonly AuditEvent[], riders: readonly Rider[], { through = storage, signs = () => true }: { through?: AuditStorage<Rider>; signs?: () => boolean } = {}): Promise<readonly AuditEntry[]> => {
    let entries: readonly AuditEntry[] = [];
    await through.appendOnHead((head) => {
      const batch = build(head, events, riders, signs());
      entries = batch.entries;
      return batch;
    });
    return entries;
  };

  /**
   * Group commit: events asked for in the same turn, or while a batch is being written, wait and
   * go together in the next batch, one transaction for all of them, so concurrent requests do not queue one
   * transaction each. Every caller still gets its own entries back, in its order.
   */
  let waiting: { readonly events: readonly AuditEvent[]; readonly riders: readonly Rider[]; readonly resolve: (entries: readonly AuditEntry[]) => void; readonly reject: (error: unknown) => void }[] = [];
  let draining = false;
  const drain = (): void => {
    if (draining) return;
    draining = true;
    // Wait one turn of the event loop first: requests that arrive in the same I/O phase (a
    // busy checkpoint's concurrent checks) then share one transaction instead of one each.
    setImmediate(() => void serialised(async () => {
      while (waiting.length > 0) {
        const group = waiting;
        waiting = [];
        try {
          const entries = await appendBatch(group.flatMap((g) => g.events), group.flatMap((g) => g.riders));
          let offset = 0;
          for (const g of group) {
            g.resolve(entries.slice(offset, offset + g.events.length));
            offset += g.events.length;
          }
        } catch (error) {
          for (const g of group) g.reject(error);
        }
      }
    }).finally(() => {
      draining = false;
      if (waiting.length > 0) drain();
    }));
  };
  const enqueue = (events: readonly AuditEvent[], riders: readonly Rider[] = []): Promise<readonly AuditEntry[]> =>
    new Promise((resolve, reject) => {
      waiting.push({ events, riders, resolve, reject });
      drain();
    });

  return {
    append: async (event) => {
      const [entry] = await enqueue([event]);
      if (entry === undefined) throw new AppError('MOSAIC_INTERNAL', 'audit: append returned no entry');
      return entry;
    },
    appendAll: (events, riders) => (events.length === 0 && (riders?.length ?? 0) === 0 ? Promise.resolve([]) : enqueue(events, riders)),
    // Not in turn with rotate(): whether a rotation is under way is asked under the log's lock,
    // when the head is read, so a rotation either comes after this batch or has already begun.
    appendIn: (within, events) => (events.length === 0 ? Promise.resolve([]) : appendBatch(events, [], { through: within, signs: () => !rotating })),
    checkpoint: () =>
      serialised(async () => {
        const head = await storage.head();
        if (head === null) return null;
        const checkpoint = signCheckpoint(signer, head);
        await storage.putCheckpoint(checkpoint);
        return checkpoint;
      }),
    // the signer is read when the prune signs (in turn with rotate), not when it is asked for
    prune: (options) => pruneLog({ storage, get signer() { return signer; }, clock, serialised }, options),
    rotate: (next, event, commit) =>
      serialised(async () => {
        rotating = true;
        try {
          const [entry] = await appendBatch([event], []);
          if (entry === undefined) throw new AppError('MOSAIC_INTERNAL', 'audit: append returned no entry');
          await storage.putCheckpoint(signCheckpoint(signer, entry));
          await commit(entry.seq);
          signer = next;
          return { through: entry.seq };
        } finally {
          rotating = false;
        }
      }),
  };
}
