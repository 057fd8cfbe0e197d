/**
 * The ingest loop: validate each incoming record, write valid ones in batches, and report every
 * rejected line with its field and reason. A batch and the position it reached are committed in
 * one transaction, so a failure mid-file leaves the store consistent and a second run resumes
 * after the last committed line; records are keyed by (agency, source record id), so re-ingesting
 * a file is idempotent either way.
 */
import { formatFieldError, validateRecord, type EntityRecord, type SchemaRegistry, type ValidateOptions } from '@mosaic/model';

export interface SourceItem {
  readonly line: number;
  /** Bytes of the source consumed so far, for progress. */
  readonly offset: number;
  readonly raw?: unknown;
  /** Set when the line could not be parsed at all. */
  readonly parseError?: string;
}

export type PutStatus = 'created' | 'updated' | 'unchanged';

export interface IngestCheckpoint {
  readonly fingerprint: string;
  /** The last source line whose outcome this commit settles. */
  readonly line: number;
  /** Counts of the file so far, before this batch. */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** Where validated records go: the store, behind the one call ingest needs. */
export interface IngestSink {
  commit(records: readonly EntityRecord[], checkpoint: IngestCheckpoint): Promise<readonly PutStatus[]>;
  lastCheckpoint(fingerprint: string): Promise<number | undefined>;
}

export interface IngestProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly totalBytes: number | undefined;
  readonly written: number;
  readonly rejected: number;
}

export interface IngestError {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
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
  readonly ms: number;
  readonly recordsPerSecond: number;
}

export interface IngestOptions extends ValidateOptions {
  readonly fingerprint: string;
  readonly batchSize?: number;
  readonly resume?: boolean;
  readonly totalBytes?: number;
  readonly keepErrors?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly onError?: (error: IngestError) => void;
}

export async function ingest(registry: SchemaRegistry, source: AsyncIterable<SourceItem>, sink: IngestSink, options: IngestOptions): Promise<IngestSummary> {
  const { fingerprint, batchSize = 5000, resume = true, totalBytes, keepErrors = 1000, onProgress, onError } = options;
  const started = performance.now();
  const resumeAfter = resume ? ((await sink.lastCheckpoint(fingerprint)) ?? 0) : 0;
  const counts = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, resumed: 0, errorCount: 0 };
  const errors: IngestError[] = [];
  let batch: EntityRecord[] = [];
  let lastLine = 0;
  let committedLine = resumeAfter;
  let bytes = 0;

  const reject = (error: IngestError): void => {
    counts.errorCount += 1;
    if (errors.length < keepErrors) errors.push(error);
    onError?.(error);
  };
  const report = (): void => onProgress?.({ lines: counts.lines, bytes, totalBytes, written: counts.created + counts.updated + counts.unchanged, rejected: counts.rejected });
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && lastLine <= committedLine) return;
    const statuses = await sink.commit(batch, {
      fingerprint, line: lastLine, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected,
    });
    for (const status of statuses) counts[status] += 1;
    committedLine = lastLine;
    batch = [];
    report();
  };

  for await (const item of source) {
    counts.lines += 1;
    lastLine = item.line;
    bytes = item.offset;
    if (item.line <= resumeAfter) {
      counts.resumed += 1;
      continue;
    }
    if (item.parseError !== undefined) {
      counts.rejected += 1;
      reject({ line: item.line, field: 'record', reason: item.parseError });
      continue;
    }
    const result = validateRecord(registry, item.raw, options);
    if (!result.ok) {
      counts.rejected += 1;
      for (const error of result.errors) reject({ line: item.line, ...error });
      continue;
    }
    batch.push(result.record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const ms = performance.now() - started;
  const written = counts.created + counts.updated + counts.unchanged;
  return { ...counts, errors, ms: Math.round(ms), recordsPerSecond: Math.round(written / Math.max(ms / 1000, 1e-6)) };
}

export function formatIngestError(error: IngestError): string {
  return formatFieldError(error, `line ${error.line}`);
}
