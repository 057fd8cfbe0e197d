/** AuditStorage in memory, for tests and the demo. Not durable. */
import { AppError } from '@mosaic/model';
import { deepFreeze, type AuditEntry } from './audit-entry.ts';
import type { AuditAppend, AuditStorage, SeqRange } from './audit-storage.ts';
import type { ChainHead, Checkpoint } from './checkpoint.ts';

export function createMemoryAuditStorage(): AuditStorage {
  const log: AuditEntry[] = [];
  const checkpoints: Checkpoint[] = [];

  const head = (): ChainHead | null => {
    const last = log.at(-1);
    return last === undefined ? null : { seq: last.seq, hash: last.hash };
  };

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
    log.push(...batch.entries.map((e) => deepFreeze(structuredClone(e))));
    checkpoints.push(...(batch.checkpoints ?? []).map((c) => deepFreeze({ ...c })));
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
      const from = Math.max(1, range.fromSeq ?? 1);
      const to = Math.min(log.length, range.toSeq ?? log.length);
      // seq n lives at index n - 1: the append checks keep it so.
      for (let seq = from; seq <= to; seq++) {
        const entry = log[seq - 1];
        if (entry !== undefined) yield entry;
      }
    },

    putCheckpoint(checkpoint: Checkpoint): Promise<void> {
      const entry = log[checkpoint.seq - 1];
      if (entry === undefined || entry.hash !== checkpoint.hash) return Promise.reject(conflict(`checkpoint ${checkpoint.seq} is not over a stored entry`));
      checkpoints.push(deepFreeze({ ...checkpoint }));
      checkpoints.sort((a, b) => a.seq - b.seq);
      return Promise.resolve();
    },

    checkpoints: () => Promise.resolve([...checkpoints]),
  };
}

function sameHead(a: ChainHead | null, b: ChainHead | null): boolean {
  return a === null || b === null ? a === b : a.seq === b.seq && a.hash === b.hash;
}

function conflict(message: string): AppError {
  return new AppError('MOSAIC_CONFLICT', `audit: ${message}`);
}
