/** AuditStorage in memory, for tests and the demo. Not durable. */
import { AppError } from '@mosaic/model';
import { deepFreeze, type AuditEntry } from './audit-entry.ts';
import type { AuditCut } from './audit-cut.ts';
import type { AuditAppend, AuditStorage, SeqRange } from './audit-storage.ts';
import type { ChainHead, Checkpoint } from './checkpoint.ts';

export function createMemoryAuditStorage(): AuditStorage {
  /** Consecutive entries; after a prune the first is not seq 1. */
  const log: AuditEntry[] = [];
  const checkpoints: Checkpoint[] = [];
  const cuts: AuditCut[] = [];

  const head = (): ChainHead | null => {
    const last = log.at(-1);
    return last === undefined ? null : { seq: last.seq, hash: last.hash };
  };
  /** The entry with this seq, if stored: seq n lives at index n - (first seq); the append checks keep it so. */
  const entryAt = (seq: number): AuditEntry | undefined => (log[0] === undefined ? undefined : log[seq - log[0].seq]);

  /** All checks first, then all writes: nothing is written when any check fails. Throws on a conflict. */
  const write = (batch: AuditAppend): void => {
    const current = head();
    if (!sameHead(current, batch.after)) throw conflict('the log head moved');
    let seq = current?.seq ?? 0;
    let hash = current?.hash;
    for (const entry of batch.entries) {
      if (entry.seq !== seq + 1) throw conflict(`expected seq ${seq + 1}, got ${entry.seq}`);
      if (hash !== undefined && entry.prevHash !== hash) throw conflict(`entry ${entry.seq} does not link to the head`);
      seq = entry.seq;
      hash = entry.hash;
    }
    const batchSeqs = new Map(batch.entries.map((e) => [e.seq, e.hash]));
    for (const cp of batch.checkpoints ?? []) {
      if (batchSeqs.get(cp.seq) !== cp.hash) throw conflict(`checkpoint ${cp.seq} is not over an entry of this batch`);
    }
    const { cut } = batch;
    if (cut !== undefined) {
      if (cut.seq <= (cuts.at(-1)?.seq ?? 0)) throw conflict(`the cut at ${cut.seq} is not beyond the recorded cut`);
      if ((batchSeqs.get(cut.seq) ?? entryAt(cut.seq)?.hash) !== cut.hash) throw conflict(`the cut at ${cut.seq} is not over a stored entry`);
      if (cut.seq >= seq) throw conflict(`the cut at ${cut.seq} leaves no entry after it`);
    }
    log.push(...batch.entries.map((e) => deepFreeze(structuredClone(e))));
    checkpoints.push(...(batch.checkpoints ?? []).map((c) => deepFreeze({ ...c })));
    if (cut !== undefined) cuts.push(deepFreeze({ ...cut }));
  };

  return {
    head: () => Promise.resolve(head()),

    appendOnHead(build: (head: ChainHead | null) => AuditAppend): Promise<void> {
      // Nothing runs between reading the head and appending here: one thread, no await.
      try {
        write(build(head()));
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },

    append(batch: AuditAppend): Promise<void> {
      try {
        write(batch);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },

    async *entries(range: SeqRange = {}): AsyncIterable<AuditEntry> {
      const first = log[0]?.seq ?? 1;
      const from = Math.max(first, range.fromSeq ?? 1);
      const to = Math.min(first + log.length - 1, range.toSeq ?? Number.POSITIVE_INFINITY);
      for (let seq = from; seq <= to; seq++) {
        const entry = entryAt(seq);
        if (entry !== undefined) yield entry;
      }
    },

    putCheckpoint(checkpoint: Checkpoint): Promise<void> {
      if (entryAt(checkpoint.seq)?.hash !== checkpoint.hash) return Promise.reject(conflict(`checkpoint ${checkpoint.seq} is not over a stored entry`));
      checkpoints.push(deepFreeze({ ...checkpoint }));
      checkpoints.sort((a, b) => a.seq - b.seq);
      return Promise.resolve();
    },

    checkpoints: () => Promise.resolve([...checkpoints]),

    cut: () => Promise.resolve(cuts.at(-1) ?? null),

    deleteThrough(throughSeq: number, limit: number): Promise<number> {
      if (throughSeq > (cuts.at(-1)?.seq ?? 0)) return Promise.reject(conflict(`entries through ${throughSeq} are beyond the recorded cut`));
      const first = log[0]?.seq ?? Number.POSITIVE_INFINITY;
      const count = Math.max(0, Math.min(limit, throughSeq - first + 1));
      if (count === 0) return Promise.resolve(0);
      const last = first + count - 1;
      log.splice(0, count);
      checkpoints.splice(0, checkpoints.length, ...checkpoints.filter((c) => c.seq > last));
      return Promise.resolve(count);
    },
  };
}

function sameHead(a: ChainHead | null, b: ChainHead | null): boolean {
  return a === null || b === null ? a === b : a.seq === b.seq && a.hash === b.hash;
}

function conflict(message: string): AppError {
  return new AppError('MOSAIC_CONFLICT', `audit: ${message}`);
}
