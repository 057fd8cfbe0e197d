/**
 * The store as @mosaic/audit's AuditStorage. Entries are kept as their JSON text (the chain's
 * hashes are over canonical JSON computed by the audit package, so the exact text stored here
 * is only for reading back); seq, hash and prev_hash are columns so the chain can be checked
 * and paged without parsing bodies. Entries are read back with those columns, so that what
 * verification checks is what the store appends on. A batch's riders are documents written in
 * its transaction.
 */
import type { AuditAppend, AuditCut, AuditEntry, AuditStorage, Checkpoint } from '@mosaic/audit';
import type { AuditAppendBatch, DocumentInput, Store, StoredAuditEntry } from './store.ts';

export interface StoreAuditStorageOptions {
  /** Entries read per query while iterating. */
  readonly pageSize?: number;
}

function stored({ after, entries, checkpoints = [], riders = [], cut }: AuditAppend<DocumentInput>): AuditAppendBatch {
  return {
    after,
    entries: entries.map((entry) => ({ seq: entry.seq, hash: entry.hash, prevHash: entry.prevHash, body: JSON.stringify(entry) })),
    checkpoints: checkpoints.map((checkpoint) => ({ seq: checkpoint.seq, hash: checkpoint.hash, body: JSON.stringify(checkpoint) })),
    documents: riders,
    ...(cut === undefined ? {} : { cut: { seq: cut.seq, hash: cut.hash, body: JSON.stringify(cut) } }),
  };
}

/**
 * The chain as the columns give it, which appends and cuts build on: a column altered then fails
 * verification at its entry, as a body altered does.
 */
function entryOf(row: StoredAuditEntry): AuditEntry {
  return { ...(JSON.parse(row.body) as AuditEntry), seq: row.seq, hash: row.hash, prevHash: row.prevHash };
}

/**
 * Entries newest first, from `toSeq` (default the head) down, for a search that wants the newest
 * matches: the first query reads `firstPage` entries (as many as a page that matches throughout
 * needs), each next one twice as many up to `pageSize`, so a page reads no further back than its
 * matches lie.
 */
export async function* auditEntriesNewestFirst(store: Store, { toSeq, firstPage = 1, pageSize = 1_000 }: { readonly toSeq?: number; readonly firstPage?: number; readonly pageSize?: number } = {}): AsyncIterable<AuditEntry> {
  let below = toSeq;
  let size = Math.min(Math.max(firstPage, 1), pageSize);
  for (;;) {
    if (below !== undefined && below < 1) return;
    const page = await store.readAudit({ fromSeq: 1, limit: size, newestFirst: true, ...(below === undefined ? {} : { toSeq: below }) });
    for (const row of page) yield entryOf(row);
    const last = page.at(-1);
    if (page.length < size || last === undefined) return;
    below = last.seq - 1;
    size = Math.min(size * 2, pageSize);
  }
}

/** Riders of a batch are documents, put in the batch's transaction. */
export function createStoreAuditStorage(store: Store, { pageSize = 1_000 }: StoreAuditStorageOptions = {}): AuditStorage<DocumentInput> {
  return {
    head: () => store.auditHead(),

    append: (batch) => store.appendAudit(stored(batch)),

    appendOnHead: (build) => store.appendAuditOnHead((head) => stored(build(head))),

    async *entries({ fromSeq = 1, toSeq } = {}) {
      let next = fromSeq;
      for (;;) {
        const page = await store.readAudit({ fromSeq: next, limit: pageSize, ...(toSeq === undefined ? {} : { toSeq }) });
        for (const row of page) yield entryOf(row);
        const last = page.at(-1);
        if (page.length < pageSize || last === undefined) return;
        next = last.seq + 1;
      }
    },

    putCheckpoint: (checkpoint) => store.appendCheckpoint({ seq: checkpoint.seq, hash: checkpoint.hash, body: JSON.stringify(checkpoint) }),

    async checkpoints() {
      return (await store.readCheckpoints()).map((row) => JSON.parse(row.body) as Checkpoint);
    },

    async cut() {
      const row = await store.readAuditCut();
      return row === undefined ? null : (JSON.parse(row.body) as AuditCut);
    },

    deleteThrough: (throughSeq, limit) => store.deleteAuditThrough(throughSeq, limit),
  };
}
