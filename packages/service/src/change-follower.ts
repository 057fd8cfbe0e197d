/**
 * Keeps in-memory projections (graph, screening index, resolution) current from the store's
 * change feed: each node polls for changes after the last sequence it applied and hands the
 * changed records to every projection. Several Mosaic nodes on one PostgreSQL each follow the
 * feed, so a record written through any node reaches every node's indexes within one interval.
 */
import type { EntityRecord, RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { createEventLoopYielder } from './event-loop-yielder.ts';

/**
 * Changes handed to the projections at a time (the feed is read 1,000 at a time): a large upload
 * arrives as tens of thousands of changes, and indexing them in one go would hold every request
 * of the node for as long (event-loop-yielder.ts).
 */
const APPLY_SLICE = 100;

export interface RecordChange {
  readonly id: RecordId;
  /** The record as it is now; undefined when it was deleted. */
  readonly record: EntityRecord | undefined;
  /** Its stored version (StoredRecord.version), with the record. */
  readonly version?: number;
  /**
   * Versions of it written earlier in the same read of the feed, oldest first (with the record
   * only): the projections keep the current state and pass over them, the watcher tells each.
   */
  readonly earlier?: readonly number[];
}

export interface Projection {
  readonly name: string;
  apply(changes: readonly RecordChange[]): void | Promise<void>;
}

export interface ChangeFollower {
  /** Apply every change up to now; resolves when caught up. */
  catchUp(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): void;
  readonly seq: number;
}

export interface FollowOptions {
  readonly fromSeq?: number;
  readonly batch?: number;
  /** Called with the last sequence applied after each batch (a progress bar while the first build runs). */
  readonly onApplied?: (seq: number) => void;
}

export function followChanges(store: Store, projections: readonly Projection[], { fromSeq = 0, batch = 1000, onApplied }: FollowOptions = {}): ChangeFollower {
  let seq = fromSeq;
  let timer: NodeJS.Timeout | undefined;
  /** The last step asked for (running or waiting for the one before it). */
  let tail: Promise<number> = Promise.resolve(0);
  /** A step asked for that has not started yet: whoever asks now is served by it. */
  let queued: Promise<number> | undefined;

  const step = async (): Promise<number> => {
    let applied = 0;
    for (;;) {
      const changes = await store.changesSince(seq, batch);
      if (changes.length === 0) return applied;
      // Several changes to one record in a batch collapse to its current state, naming the
      // versions written before it.
      const ids = [...new Set(changes.map((c) => c.recordId))];
      const current = new Map((await store.getRecords(ids)).filter((s) => s.deletedAt === undefined).map((s) => [s.record.id, s]));
      const puts = new Map<RecordId, number[]>();
      for (const c of changes) if (c.op === 'put') puts.set(c.recordId, [...puts.get(c.recordId) ?? [], c.version]);
      const records: RecordChange[] = ids.map((id) => {
        const stored = current.get(id);
        if (!stored) return { id, record: undefined };
        const earlier = (puts.get(id) ?? []).filter((v) => v < stored.version);
        return { id, record: stored.record, version: stored.version, ...(earlier.length > 0 ? { earlier } : {}) };
      });
      const giveWay = createEventLoopYielder();
      for (let at = 0; at < records.length; at += APPLY_SLICE) {
        const slice = records.slice(at, at + APPLY_SLICE);
        for (const projection of projections) {
          await projection.apply(slice);
          await giveWay();
        }
      }
      seq = changes[changes.length - 1]?.seq ?? seq;
      applied += changes.length;
      onApplied?.(seq);
    }
  };
  /**
   * A step that starts after this call, so it sees every change committed before it: one that
   * is already running may have read the feed before the caller's own write (a poll racing a
   * request that writes and then reads its projection). Callers that ask while a step runs
   * share the one queued after it; steps never overlap.
   */
  const catchUp = (): Promise<number> => {
    if (queued) return queued;
    const next = tail.catch(() => 0).then(() => {
      queued = undefined;
      return step();
    });
    queued = next;
    tail = next;
    return next;
  };
  return {
    catchUp,
    start(intervalMs = 250) {
      timer ??= setInterval(() => void catchUp().catch(() => undefined), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    get seq() {
      return seq;
    },
  };
}
