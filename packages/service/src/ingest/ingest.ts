/**
 * The ingest loop: validate each incoming record, write valid ones in batches, and report every
 * rejected line with its field and reason. A batch and the position it reached are committed in
 * one transaction, so a failure mid-file leaves the store consistent and a second run resumes
 * after the lines already written; records are keyed by (agency, source record id), so
 * re-ingesting a file is idempotent either way.
 */
import { formatFieldError, RecordId, type FieldError, type SchemaRegistry, type ValidateOptions } from '@mosaic/model';
import type { PreparedRecord } from '@mosaic/store';
import { createEventLoopYielder } from '../event-loop-yielder.ts';
import { idTakenReason } from '../id-taken.ts';
import { chunksOfItems, type ChunkOptions, type LineReference, type RejectedLine, type ValidatedChunk } from './validated-chunk.ts';

export interface SourceItem {
  readonly line: number;
  /** Bytes of the source consumed so far, for progress. */
  readonly offset: number;
  readonly raw?: unknown;
  /** Set when the line could not be parsed at all. */
  readonly parseError?: string;
  /** The last line a refusal that takes several takes (a CSV quote never closed): `parseError`'s reason names them too. */
  readonly through?: number;
  /** How the line's refusals name its fields (a CSV row's: by its columns, csvFieldNames). */
  readonly fieldNames?: ReadonlyMap<string, string>;
}

/**
 * Refused by the store, nothing written and the line rejected: conflict, a stored record of the
 * id has another schema; no_subject, an Alert names no record of its agency written before it
 * (alert-subjects.ts); taken, a stored record of the id the uploader may not write over
 * (taken-ids.ts).
 */
export type PutStatus = 'created' | 'updated' | 'unchanged' | Refused;
type Refused = 'conflict' | 'no_subject' | 'taken';

/** Why a line the store refused was rejected, as a field error. */
function refusal(status: Refused, record: PreparedRecord | undefined): FieldError {
  switch (status) {
    case 'conflict':
      return { field: 'schema', reason: `record ${record?.id ?? ''} exists with another schema: a record's schema cannot change (write it under another id)` };
    case 'no_subject':
      return { field: 'subject', reason: `names no record of ${record?.agency ?? ''} stored or given by an earlier line: an alert is written after the record it names` };
    case 'taken':
      return { field: 'id', reason: idTakenReason(record?.id ?? RecordId('')) };
  }
}

export interface IngestCheckpoint {
  readonly fingerprint: string;
  /**
   * The source line up to which every line is written: a resumed run skips those. It stops
   * before the first rejected line, so a later run reads that line again (and writes it if the
   * file, mapping or defaults were fixed, or reports it again).
   */
  readonly line: number;
  /** Counts of the file so far, before this batch. */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** The source line of each record of the batch: one the store refuses ends the written lines before its own. */
  readonly recordLines?: readonly number[];
}

/** Where validated records go: the store, behind the one call ingest needs. */
export interface IngestSink {
  /**
   * Writes prepared records and the checkpoint in one transaction. `datedByRule`: for each record,
   * whether its review date is the rule's, its line naming none, so that a stored record's is kept.
   */
  commit(records: readonly PreparedRecord[], checkpoint: IngestCheckpoint, datedByRule?: readonly boolean[]): Promise<readonly PutStatus[]>;
  lastCheckpoint(fingerprint: string): Promise<number | undefined>;
  /** Which of `ids` name a stored record (one the uploader may read, for a web upload): a few queries for them all. */
  heldRecords(ids: readonly RecordId[]): Promise<ReadonlySet<string>>;
}

export interface IngestProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly totalBytes: number | undefined;
  readonly written: number;
  /** `written` as what the lines were: a new record, a new version, the version stored already. */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export interface IngestError extends FieldError {
  readonly line: number;
  /**
   * The record the line names: its `id` as the line gives it, or as stored (agency:id) for a line
   * the store refused; absent where the line gives none that is a record id.
   */
  readonly id?: string;
  /**
   * Where the refusal takes the lines after its own up to this one: a CSV quote never closed reads
   * them as one value of `line`'s row, so they are neither accepted nor refused on their own.
   */
  readonly through?: number;
}

/** A written line told about, not refused: the field and why, never the value. */
export type IngestWarning = IngestError;

/**
 * Why a written line's reference is told: no line of the file gives the record and the store holds
 * none. The line is written all the same, as a relation's end may come in a later file, and
 * the reference then names the record written under that id.
 */
export const UNRESOLVED_REFERENCE = 'names no record given by a line of the file or stored (that the uploader may read): written all the same, for a record written later under that id';

/** A line whose record id an earlier line of the same run gave: the later line is the record's version that stands. */
export interface IngestRepeat {
  readonly line: number;
  /** The earlier line of the id. */
  readonly of: number;
  readonly id: string;
}

export interface IngestSummary {
  readonly lines: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Lines skipped because an earlier run had committed them. */
  readonly resumed: number;
  readonly errorCount: number;
  /** The first errors, each naming line, field and reason. */
  readonly errors: readonly IngestError[];
  /** Written lines that repeated the record id of an earlier line of this run (each wrote a new version over it). */
  readonly repeated: number;
  /** The first of those. */
  readonly repeats: readonly IngestRepeat[];
  /** Written lines' references to records neither the file nor the store holds (UNRESOLVED_REFERENCE), one per reference. */
  readonly warningCount: number;
  /** The first of those, each naming line and field. */
  readonly warnings: readonly IngestWarning[];
  readonly ms: number;
  readonly recordsPerSecond: number;
  /** Present when `signal` stopped the run before the end of the source: what it read is written, and a resumed run goes on after it. */
  readonly stopped?: true;
}

export interface IngestOptions extends ValidateOptions {
  readonly fingerprint: string;
  readonly batchSize?: number;
  readonly resume?: boolean;
  readonly totalBytes?: number;
  readonly keepErrors?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly onError?: (error: IngestError) => void;
  readonly onRepeat?: (repeat: IngestRepeat) => void;
  /** Told at the end of the source, when every line that could name the record has been read. */
  readonly onWarning?: (warning: IngestWarning) => void;
  /**
   * Once aborted, the run reads no further: the chunk under way is settled, its records written
   * in the last batch (with its checkpoint), and the summary returned marked `stopped`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Ingest of a source already cut into validated chunks (see validated-chunk.ts). `chunksFrom`
 * is given the line to resume after, so lines an earlier run committed are only counted.
 * Records are batched in line order; each batch commits with the line it settles, the line of
 * its last record, or at the end the last line of the source, but never past a rejected line: a
 * resumed run skips only lines that were written. The lines after a rejected one are read and
 * put again, which the idempotent put makes harmless (they count as unchanged).
 */
export async function ingestChunks(sink: IngestSink, chunksFrom: (resumeAfter: number) => AsyncIterable<ValidatedChunk>, options: IngestOptions): Promise<IngestSummary> {
  const { fingerprint, batchSize = 5000, resume = true, totalBytes, keepErrors = 1000, onProgress, onError, onRepeat, onWarning, signal } = options;
  const started = performance.now();
  const resumeAfter = resume ? ((await sink.lastCheckpoint(fingerprint)) ?? 0) : 0;
  const counts = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, resumed: 0, errorCount: 0 };
  const errors: IngestError[] = [];
  // The line of each id written in this run: a file that gives an id twice is told so (an
  // export with a record's old and new version, or two records given one id by mistake).
  const lineOfId = new Map<string, number>();
  const repeats: IngestRepeat[] = [];
  let repeated = 0;
  // References to ids no line had written when they were read: most name a record written later
  // in the file, resolved at its end against lineOfId; the rest are looked up in the store then,
  // all at once, rather than one query per reference.
  const unresolved: LineReference[] = [];
  // Lines the store refused after they were read as valid: their references were not written.
  const refusedLines = new Set<number>();
  let batch: PreparedRecord[] = [];
  let batchLines: number[] = [];
  let batchDated: boolean[] = [];
  let lastLine = 0;
  let committedLine = resumeAfter;
  let firstRejected = Infinity;
  let bytes = 0;
  let stopped = false;
  // A serving node's upload shares the thread with every request (event-loop-yielder.ts).
  const giveWay = createEventLoopYielder();

  const reject = ({ line, id, errors: fieldErrors }: RejectedLine): void => {
    counts.rejected += 1;
    lastLine = line;
    firstRejected = Math.min(firstRejected, line);
    for (const fieldError of fieldErrors) {
      const error = { line, ...(id === undefined ? {} : { id }), ...fieldError };
      counts.errorCount += 1;
      if (errors.length < keepErrors) errors.push(error);
      onError?.(error);
    }
  };
  const noteWritten = (id: string, line: number): void => {
    const of = lineOfId.get(id);
    lineOfId.set(id, line);
    if (of === undefined) return;
    repeated += 1;
    const repeat = { line, of, id };
    if (repeats.length < keepErrors) repeats.push(repeat);
    onRepeat?.(repeat);
  };
  const report = (): void => onProgress?.({ lines: counts.lines, bytes, totalBytes, written: counts.created + counts.updated + counts.unchanged, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected });
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && lastLine <= committedLine) return;
    const statuses = await sink.commit(batch, {
      fingerprint, line: Math.min(lastLine, firstRejected - 1), created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected,
      recordLines: batchLines,
    }, batchDated);
    statuses.forEach((status, i) => {
      if (status === 'created' || status === 'updated' || status === 'unchanged') {
        counts[status] += 1;
        noteWritten(batch[i]?.id ?? '', batchLines[i] ?? 0);
        return;
      }
      // refused by the store, after the line was read as valid: rejected as a line that was not
      // (and later checkpoints stop before it too, as the store's own did)
      firstRejected = Math.min(firstRejected, batchLines[i] ?? 0);
      refusedLines.add(batchLines[i] ?? 0);
      const error = { line: batchLines[i] ?? 0, ...(batch[i] ? { id: batch[i].id } : {}), ...refusal(status, batch[i]) };
      counts.rejected += 1;
      counts.errorCount += 1;
      if (errors.length < keepErrors) errors.push(error);
      onError?.(error);
    });
    committedLine = lastLine;
    batch = [];
    batchLines = [];
    batchDated = [];
    report();
  };

  for await (const chunk of chunksFrom(resumeAfter)) {
    counts.lines += chunk.lines;
    counts.resumed += chunk.resumed;
    bytes = chunk.offset;
    const { records, recordLines, datedByRule, rejected, references } = chunk;
    for (const reference of references) if (!lineOfId.has(reference.id)) unresolved.push(reference);
    let next = 0;
    for (let i = 0; i < records.length; i++) {
      const line = recordLines[i] ?? 0;
      // Rejections before this record belong to the batch it may close.
      while (next < rejected.length && (rejected[next]?.line ?? 0) < line) reject(rejected[next++] as RejectedLine);
      batch.push(records[i] as PreparedRecord);
      batchLines.push(line);
      batchDated.push(datedByRule[i] ?? false);
      lastLine = line;
      if (batch.length >= batchSize) await flush();
      await giveWay();
    }
    while (next < rejected.length) reject(rejected[next++] as RejectedLine);
    if (chunk.lastLine > lastLine) lastLine = chunk.lastLine;
    if (signal?.aborted === true) {
      // stopped, unless that chunk ended the source (as far as its size tells)
      stopped = totalBytes === undefined || bytes < totalBytes;
      break;
    }
  }
  await flush();
  const warnings: IngestWarning[] = [];
  let warningCount = 0;
  const unwritten = unresolved.filter((reference) => !lineOfId.has(reference.id) && !refusedLines.has(reference.line));
  const held = unwritten.length === 0 ? new Set<string>() : await sink.heldRecords([...new Set(unwritten.map((reference) => reference.id))]);
  for (const { line, field, id } of unwritten) {
    if (held.has(id)) continue;
    const warning = { line, field, reason: UNRESOLVED_REFERENCE };
    warningCount += 1;
    if (warnings.length < keepErrors) warnings.push(warning);
    onWarning?.(warning);
  }
  const ms = performance.now() - started;
  const written = counts.created + counts.updated + counts.unchanged;
  return { ...counts, errors, repeated, repeats, warningCount, warnings, ms: Math.round(ms), recordsPerSecond: Math.round(written / Math.max(ms / 1000, 1e-6)), ...(stopped ? { stopped: true } : {}) };
}

/**
 * Ingest of parsed source items (CSV rows, or lines parsed by the caller), validated in this
 * thread; `accept` may refuse a valid record (a user's write decision), rejecting its line;
 * `phoneCountry` reads phone numbers written nationally as that country's.
 */
export function ingest(registry: SchemaRegistry, source: AsyncIterable<SourceItem>, sink: IngestSink, options: IngestOptions & Pick<ChunkOptions, 'accept' | 'phoneCountry'>): Promise<IngestSummary> {
  const { accept, phoneCountry } = options;
  return ingestChunks(sink, (resumeAfter) => chunksOfItems(registry, source, { ...validateOptionsOf(options), resumeAfter, ...(accept ? { accept } : {}), ...(phoneCountry === undefined ? {} : { phoneCountry }) }), options);
}

/** The validation options within ingest options. */
export function validateOptionsOf({ defaults, reviewDateFor, maxValues, agencies }: ValidateOptions): ValidateOptions {
  return { ...(defaults ? { defaults } : {}), ...(reviewDateFor ? { reviewDateFor } : {}), ...(maxValues === undefined ? {} : { maxValues }), ...(agencies ? { agencies } : {}) };
}

/** `line 3: birthDate: is not a date`, for a terminal: without the value refused (FieldError). */
export function formatIngestError(error: IngestError): string {
  return formatFieldError(error, `line ${error.line}`);
}

/** `line 4: owner: names no record …`, for a terminal: the field, not the id it names. */
export function formatIngestWarning(warning: IngestWarning): string {
  return formatFieldError(warning, `line ${warning.line}`);
}

/** `line 7: record fedpol:x was given by line 3 too: line 7's version stands`, for a terminal or a job's report. */
export function formatIngestRepeat({ line, of, id }: IngestRepeat): string {
  return `line ${line}: record ${id} was given by line ${of} too: line ${line}'s version stands (both are kept in its history)`;
}
