/**
 * The audit log writer: turns events into chained entries, appends them through AuditStorage,
 * and signs a checkpoint every `checkpointEvery` entries (once the entry it covers is appended)
 * and on demand (e.g. at shutdown, or on a timer, so the unsigned tail stays short).
 *
 * Appends from one process are serialised; nodes sharing the storage queue on its head
 * (AuditStorage.appendOnHead builds each batch on the head read inside the append), so they
 * never fork the chain nor fail each other. An append in a caller's transaction (appendIn: a
 * record and its entry, all or nothing) queues on the head the same way.
 *
 * The key may be rotated while other writers (other nodes) go on: the rotation is an entry of the
 * log naming the key it retires and the one it brings (rotationOf), and before each signature a
 * writer reads which key the log is signed with at the entry it signs: the key of the last
 * checkpoint at or before it, or of a rotation since. Read after the entry is appended, that
 * cannot miss a rotation before it, so a writer never signs with a key retired before the entry
 * (which would not verify, and would leave the log broken for good). A writer whose key was
 * retired signs nothing, its entries being covered by the next checkpoint of one holding the new
 * key, until it can load that key itself (resolveSigner: its key file replaced).
 */
import { AppError } from '@mosaic/model';
import { entryBody, GENESIS_HASH, sealEntry, type AuditEntry, type AuditEvent } from './audit-entry.ts';
import type { JsonValue } from './canonical-json.ts';
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
  /**
   * The signer for a key the log was rotated to since this writer's key, by key id, if this
   * process can load it now (the node's key file replaced); null, and the writer signs nothing
   * until it can. By default none is loaded.
   */
  readonly resolveSigner?: (keyId: string) => AuditSigner | null;
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
   * other appends, which may wait for what the transaction holds (sqlite's one connection); the
   * checkpoints falling due are signed there too, with the key the log is signed with there (read
   * in the transaction), so a retiring key signs none past its last.
   */
  appendIn(storage: AuditStorage<Rider>, events: readonly AuditEvent[]): Promise<readonly AuditEntry[]>;
  /** Signs a checkpoint over the current head; null when the log is empty, or this writer's key was retired and it holds no newer one. */
  checkpoint(): Promise<Checkpoint | null>;
  /**
   * Deletes the entries made before `options.before`, oldest first, behind a signed cut, and logs
   * that it did (audit-prune.ts); the log verifies before, during and after.
   */
  prune(options: PruneOptions): Promise<PruneResult>;
  /**
   * Rotates the signing key: appends `event` (its query naming the keys: rotationOf), signs a
   * checkpoint over it with the current key (its last: `through`), runs `commit(through)` (the
   * caller keeps the new key and retires the old one through there) and from then on signs with
   * `next`. This log's other writes come after it, and other writers of the log learn of it from
   * the entry before they sign again. If `commit` fails, the old key stays, and an entry says so.
   */
  rotate(next: AuditSigner, event: AuditEvent, commit: (through: number) => Promise<void>): Promise<{ readonly through: number }>;
}

export function createAuditLog<Rider = never>({
  storage,
  signer: firstSigner,
  checkpointEvery = 1000,
  clock = () => new Date().toISOString(),
  resolveSigner = () => null,
}: AuditLogOptions<Rider>): AuditLog<Rider> {
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1) throw new AppError('MOSAIC_INVALID_CONFIG', 'audit: checkpointEvery must be a positive integer');
  let queue: Promise<unknown> = Promise.resolve();
  let signer = firstSigner;
  /** The key the log is signed with at entry `seq`, as this writer last read it (signerAt). */
  let known: { readonly seq: number; readonly keyId: string } | undefined;

  /** Runs operations one after another so that this process never races itself for the head. */
  const serialised = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The events chained onto `head`. */
  const build = (head: ChainHead | null, events: readonly AuditEvent[], riders: readonly Rider[]): { after: ChainHead | null; entries: AuditEntry[]; riders: readonly Rider[] } => {
    const time = clock();
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const entries: AuditEntry[] = [];
    for (const event of events) {
      seq += 1;
      const entry = sealEntry(entryBody(event, seq, time), prevHash);
      entries.push(entry);
      prevHash = entry.hash;
    }
    return { after: head, entries, riders };
  };

  /**
   * The signer for entry `seq`, read through `within` once the entry is stored: this writer's if
   * its key is the one the log is signed with there (the last checkpoint's at or before it, or the
   * last rotation's since), the newer key if it can load it, else null.
   */
  const signerAt = async (within: AuditStorage<Rider>, seq: number): Promise<AuditSigner | null> => {
    // Neither a checkpoint nor a rotation yet: the log is this writer's key's.
    const current = (within === storage ? await keyAfterKnown(seq) : undefined) ?? await keyAt(within, seq) ?? signer.keyId;
    // Read through the log's own storage, every entry up to `seq` is committed: what it says of
    // them holds, and the next read starts there. (A caller's transaction may yet be rolled back.)
    if (within === storage) known = { seq, keyId: current };
    if (current === signer.keyId) return signer;
    const loaded = resolveSigner(current);
    if (loaded?.keyId !== current) return null;
    signer = loaded;
    return signer;
  };

  /** The key of the last checkpoint at or before `seq`, or of a rotation since (undefined: neither). */
  const keyAt = async (within: AuditStorage<Rider>, seq: number): Promise<string | undefined> => {
    let from = 1;
    let current: string | undefined;
    for (const checkpoint of await within.checkpoints()) {
      if (checkpoint.seq > seq) break;
      from = checkpoint.seq;
      current = checkpoint.keyId;
    }
    for await (const entry of within.entries({ fromSeq: from, toSeq: seq })) current = rotationOf(entry)?.current ?? current;
    return current;
  };

  /** The same read on from where this writer last read it; undefined when it cannot be (entries pruned since, or none read yet). */
  const keyAfterKnown = async (seq: number): Promise<string | undefined> => {
    if (known === undefined || known.seq > seq) return undefined;
    let current = known.keyId;
    let expected = known.seq + 1;
    for await (const entry of storage.entries({ fromSeq: expected, toSeq: seq })) {
      if (entry.seq !== expected) return undefined;
      current = rotationOf(entry)?.current ?? current;
      expected += 1;
    }
    return expected === seq + 1 ? current : undefined;
  };

  /** Signs the checkpoints falling due among `entries`, once they are stored (through `within`). */
  const signDue = async (within: AuditStorage<Rider>, entries: readonly AuditEntry[]): Promise<void> => {
    const due = entries.filter((entry) => entry.seq % checkpointEvery === 0);
    const last = due.at(-1);
    if (last === undefined) return;
    const now = await signerAt(within, last.seq);
    if (now === null) return;
    for (const entry of due) await within.putCheckpoint(signCheckpoint(now, entry));
  };

  /** `through`: the storage to append through (default the log's); `signs`: whether checkpoints falling due are signed. */
  const appendBatch = async (events: readonly AuditEvent[], riders: readonly Rider[], { through = storage, signs = true }: { through?: AuditStorage<Rider>; signs?: boolean } = {}): Promise<readonly AuditEntry[]> => {
    let entries: readonly AuditEntry[] = [];
    await through.appendOnHead((head) => {
      const batch = build(head, events, riders);
      entries = batch.entries;
      return batch;
    });
    // Appended right after what this writer last read, its own entries need no reading again.
    const first = entries[0];
    if (through === storage && known !== undefined && first?.seq === known.seq + 1) {
      known = { seq: first.seq + entries.length - 1, keyId: entries.reduce((key, entry) => rotationOf(entry)?.current ?? key, known.keyId) };
    }
    if (signs) await signDue(through, entries);
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
    // Not in turn with rotate(): the signer is read through the caller's transaction once its
    // entries are in, so a rotation before them is seen there.
    appendIn: (within, events) => (events.length === 0 ? Promise.resolve([]) : appendBatch(events, [], { through: within })),
    checkpoint: () =>
      serialised(async () => {
        const head = await storage.head();
        if (head === null) return null;
        const now = await signerAt(storage, head.seq);
        if (now === null) return null;
        const checkpoint = signCheckpoint(now, head);
        await storage.putCheckpoint(checkpoint);
        return checkpoint;
      }),
    // the signer is read when the prune signs (in turn with rotate), not when it is asked for
    prune: (options) => pruneLog({ storage, signer: signedNow, clock, serialised }, options),
    rotate: (next, event, commit) =>
      serialised(async () => {
        await signedNow();
        const retiring = signer;
        const [entry] = await appendBatch([rotationEvent(event, retiring.keyId, next.keyId)], [], { signs: false });
        if (entry === undefined) throw new AppError('MOSAIC_INTERNAL', 'audit: append returned no entry');
        await storage.putCheckpoint(signCheckpoint(retiring, entry));
        try {
          await commit(entry.seq);
        } catch (error) {
          // The entry names the new key, which the other writers would wait for: the log says
          // the old one signs on. If even this cannot be written, a rotation run again ends it.
          await appendBatch([{ ...rotationEvent(event, next.keyId, retiring.keyId), reason: 'audit signing key rotation not committed', outcome: 'error' }], []).catch(() => undefined);
          throw error;
        }
        signer = next;
        return { through: entry.seq };
      }),
  };

  /** Refuses to go on when this writer's key was retired and it holds no newer one (it would sign what does not verify). */
  async function signedNow(): Promise<AuditSigner> {
    const head = await storage.head();
    const now = head === null ? signer : await signerAt(storage, head.seq);
    if (now === null) throw new AppError('MOSAIC_CONFLICT', `audit: this node's signing key ${signer.keyId} was retired by a rotation, and it holds no newer key: give it the deployment's key file`);
    return now;
  }
}

/** A rotation's entry: the keys it retires and brings, in its query (`auditKey`); null for any other entry. */
export function rotationOf(entry: AuditEntry): { readonly retired: string; readonly current: string } | null {
  if (entry.action !== 'administration' || !isObject(entry.query)) return null;
  const keys = entry.query['auditKey'];
  if (!isObject(keys) || typeof keys['retired'] !== 'string' || typeof keys['current'] !== 'string') return null;
  return { retired: keys['retired'], current: keys['current'] };
}

function rotationEvent(event: AuditEvent, retired: string, current: string): AuditEvent {
  return { ...event, action: 'administration', query: { ...(isObject(event.query) ? event.query : {}), auditKey: { retired, current } } };
}

const isObject = (value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } => typeof value === 'object' && value !== null && !Array.isArray(value);
