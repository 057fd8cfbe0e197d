/**
 * Ingest of a file into the store: picks the source by format, fingerprints the file so an
 * interrupted run resumes, and writes through the store's transactional put.
 */
import { AppError, type AgencyId, type EntityRecord, type Provenance, type ProvenanceDefaults, type RecordId, type SchemaRegistry, type SubjectCategory } from '@mosaic/model';
import { reviewDateOfNewVersion } from '@mosaic/policy';
import type { AuditEvent, AuditLog } from '@mosaic/audit';
import { createStoreAuditStorage, prepareRecord, type DocumentInput, type PreparedRecord, type PutResult, type Store } from '@mosaic/store';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { CsvMapping } from './csv-mapping.ts';
import { availableParallelism } from 'node:os';
import { alertsWithoutSubject, type AlertSubjectOptions } from './alert-subjects.ts';
import { takenIds, type TakenIdOptions } from './taken-ids.ts';
import { ingestChunks, validateOptionsOf, type IngestError, type IngestProgress, type IngestRepeat, type IngestSink, type IngestSummary, type IngestWarning, type PutStatus } from './ingest.ts';
import { jsonlFileChunks } from './jsonl-file-chunks.ts';
import type { ReviewDates } from './review-dates.ts';
import { csvSource } from './sources.ts';
import { chunksOfItems } from './validated-chunk.ts';

export interface IngestFileOptions {
  readonly path: string;
  /** Who is writing: a user id, or `ingest:<file>` for the command line. */
  readonly actor: string;
  readonly mapping?: CsvMapping;
  readonly defaults?: ProvenanceDefaults;
  readonly reviewDateFor?: (category: SubjectCategory, agency: AgencyId) => string;
  /** Review dates for records without one, as the API gives them (reviewDatesOf); applied in worker threads too. */
  readonly reviewDates?: ReviewDates;
  /** The deployment's agencies: a releasability entry naming another is refused (ValidateOptions). */
  readonly agencies?: readonly string[];
  readonly batchSize?: number;
  readonly resume?: boolean;
  /**
   * Worker threads that parse and validate JSON Lines while this thread writes (0: all in this
   * thread). Default: none for files under 8 MiB, else one per core beyond the first, at most
   * two. CSV is read in this thread.
   */
  readonly workers?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly onError?: (error: IngestError) => void;
  readonly onRepeat?: (repeat: IngestRepeat) => void;
  readonly onWarning?: (warning: IngestWarning) => void;
  /** The audit entry of each batch, kept with it: see BatchAudit. */
  readonly audit?: BatchAudit;
  /** Stops the run once aborted, after the lines read so far are written (IngestOptions). */
  readonly signal?: AbortSignal;
  /** Called after each committed batch with the ids written (its audit entry belongs in `audit`, which commits with it). */
  readonly onCommit?: (ids: readonly RecordId[]) => Promise<void>;
}

/**
 * The collection of each batch, logged in the batch's transaction: its records are kept exactly
 * when the entry naming them is, even when the process stops between the two (LED Art. 25). One
 * entry per batch, for the ids it created or changed.
 */
export interface BatchAudit {
  readonly log: AuditLog<DocumentInput>;
  readonly entry: (ids: readonly RecordId[]) => AuditEvent;
}

/**
 * Size, modification time and the first MiB identify a file well enough to resume it; hashing a
 * multi-gigabyte file before starting would double the work for no better answer, since a
 * resumed run re-checks nothing it skips but the store's idempotent put makes a re-run harmless.
 */
export async function fingerprintFile(path: string): Promise<{ fingerprint: string; size: number }> {
  const info = await stat(path);
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(info.size, 1 << 20));
    await handle.read(head, 0, head.length, 0);
    const hash = createHash('sha256').update(`${info.size}:${info.mtimeMs}:`).update(head).digest('hex');
    return { fingerprint: hash, size: info.size };
  } finally {
    await handle.close();
  }
}

/**
 * The batch with each record its line dated by the rule (naming no review date) given the review
 * date of the version before it instead, the stored one or an earlier line's of the batch, as
 * POST /records keeps it (policy's reviewDateOfNewVersion): dated from today, the source system's
 * every export put off the review of the records it holds. Read in the batch's transaction.
 */
async function storedReviewDatesKept(store: Store, records: readonly PreparedRecord[], datedByRule: readonly boolean[]): Promise<readonly PreparedRecord[]> {
  const dated = records.filter((_, i) => datedByRule[i] === true);
  if (dated.length === 0) return records;
  const before = new Map<string, Provenance>((await store.getRecords(dated.map((r) => r.id))).map((s) => [s.record.id, s.record.provenance]));
  return records.map((record, i) => {
    const document = JSON.parse(record.document) as Omit<EntityRecord, 'id'>;
    const previous = before.get(record.id);
    before.set(record.id, document.provenance);
    if (datedByRule[i] !== true || previous === undefined) return record;
    const reviewDate = reviewDateOfNewVersion(previous, document.provenance);
    if (reviewDate === document.provenance.reviewDate) return record;
    const provenance = { ...document.provenance, reviewDate };
    before.set(record.id, provenance);
    return prepareRecord({ ...document, id: record.id, provenance });
  });
}

/**
 * `readable`: a web upload's user's read decision on an Alert line's stored subject
 * (alertsWithoutSubject); `writable`: their write decision on the stored record a line's id
 * holds, and `subjectReadable` on the subject of a stored alert it holds (takenIds).
 */
export function storeSink(
  store: Store, actor: string,
  { audit, onCommit, readable, writable, subjectReadable }: Pick<IngestFileOptions, 'audit' | 'onCommit'> & AlertSubjectOptions & TakenIdOptions = {},
): IngestSink {
  const changedOf = (results: readonly PutResult[]): RecordId[] => results.filter((r) => r.status === 'created' || r.status === 'updated').map((r) => r.id);
  return {
    async commit(given, checkpoint, datedByRule = []) {
      const { written, statuses } = await store.transaction(async (tx) => {
        // The audit log's lock first, as an erasure, an extension of a review date and every other
        // write of a record take it (on PostgreSQL the store's put takes it too, but only as it
        // writes), then the stored records read under it: a review date kept longer meanwhile is
        // kept, not replaced by the one read before, and no alert commits on a subject erased
        // meanwhile.
        await tx.lockAudit();
        const records = await storedReviewDatesKept(tx, given, datedByRule);
        const taken = await takenIds(tx, records, { ...(writable ? { writable } : {}), ...(subjectReadable ? { subjectReadable } : {}) });
        // a line refused as taken gives no subject to the alerts after it
        const noSubject = await alertsWithoutSubject(tx, records, { ...(readable ? { readable } : {}), refused: taken });
        const refused = new Set([...taken, ...noSubject]);
        const kept = <T>(all: readonly T[]): T[] => all.filter((_, i) => !refused.has(i));
        // the written lines end before the first refused one, as before a conflict (the store's own)
        const refusedLines = [...refused].flatMap((i) => (checkpoint.recordLines?.[i] === undefined ? [] : [checkpoint.recordLines[i] - 1]));
        const written = await tx.putPreparedRecords(kept(records), {
          actor,
          checkpoint: {
            fingerprint: checkpoint.fingerprint, lastLine: Math.min(checkpoint.line, ...refusedLines), ...(checkpoint.recordLines ? { recordLines: kept(checkpoint.recordLines) } : {}),
            created: checkpoint.created, updated: checkpoint.updated, unchanged: checkpoint.unchanged, rejected: checkpoint.rejected,
          },
        });
        const changed = changedOf(written);
        if (audit && changed.length > 0) await audit.log.appendIn(createStoreAuditStorage(tx), [audit.entry(changed)]);
        const results = written.values();
        const statuses = records.map((_, i): PutStatus => {
          if (taken.has(i)) return 'taken';
          if (noSubject.has(i)) return 'no_subject';
          const result = results.next();
          if (result.done) throw new AppError('MOSAIC_INTERNAL', 'the store returned no result');
          return result.value.status;
        });
        return { written, statuses };
      });
      const changed = changedOf(written);
      if (onCommit && changed.length > 0) await onCommit(changed);
      return statuses;
    },
    async lastCheckpoint(fingerprint) {
      return (await store.getIngestCheckpoint(fingerprint))?.lastLine;
    },
    async heldRecords(ids) {
      // the command line: ids alone; an upload: a record the uploader may not read is not held for
      // them, since the answer would tell them it is there, which takes reading the records
      if (!readable) return store.heldRecordIds(ids);
      const held = new Set<string>();
      for (let at = 0; at < ids.length; at += HELD_QUERY_IDS) {
        for (const stored of await store.getRecords(ids.slice(at, at + HELD_QUERY_IDS))) if (readable(stored.record)) held.add(stored.record.id);
      }
      return held;
    },
  };
}

/** Records read per query when looking up, for an upload, the records its lines name and no line gave. */
const HELD_QUERY_IDS = 1000;

/**
 * A worker takes 0.1-0.2 s to start (it loads and compiles the model), which a file of fewer
 * than ~15,000 records (8 MiB) does not win back.
 */
const WORKERS_FROM_BYTES = 8 << 20;

export function defaultIngestWorkers(bytes: number): number {
  return bytes < WORKERS_FROM_BYTES ? 0 : Math.max(1, Math.min(2, availableParallelism() - 1));
}

export async function ingestFile(store: Store, registry: SchemaRegistry, options: IngestFileOptions): Promise<IngestSummary> {
  const file = await fingerprintFile(options.path);
  const { mapping, defaults, reviewDates, path, workers = defaultIngestWorkers(file.size) } = options;
  const validate = { ...validateOptionsOf(options), ...(reviewDates ? { reviewDates } : {}) };
  // A run with another mapping or other defaults reads the file afresh: what an earlier run
  // skipped or wrote may come out otherwise now.
  const fingerprint = createHash('sha256').update(file.fingerprint).update(JSON.stringify([mapping ?? null, defaults ?? null])).digest('hex');
  const chunksFrom = mapping
    ? (resumeAfter: number) => chunksOfItems(registry, csvSource(createReadStream(path, { highWaterMark: 1 << 20 }), mapping, { registry }), { ...validate, resumeAfter })
    : (resumeAfter: number) => jsonlFileChunks(path, registry, { ...validate, resumeAfter, workers });
  return ingestChunks(storeSink(store, options.actor, options), chunksFrom, {
    fingerprint,
    totalBytes: file.size,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.resume === undefined ? {} : { resume: options.resume }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.onRepeat ? { onRepeat: options.onRepeat } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
