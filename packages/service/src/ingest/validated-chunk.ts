/**
 * The unit ingest hands its writer: a run of consecutive source lines, validated and prepared
 * (`prepareRecord`: id, document JSON, folded names), with every rejected line's errors, in line
 * order. Built the same way whether the lines were parsed in this thread (CSV, tests) or in a
 * worker (JSON Lines files, see jsonl-file-chunks.ts), so both paths validate identically.
 */
import { recordIdProblem, recordReferences, validateRecord, type EntityRecord, type FieldError, type RecordId, type SchemaRegistry, type ValidateOptions } from '@mosaic/model';
import { prepareRecord, type PreparedRecord } from '@mosaic/store/prepare-record';
import { namedByColumn } from './csv-mapping.ts';
import { createEventLoopYielder } from '../event-loop-yielder.ts';
import { REPORT_SCHEMA } from '../reports/report-review.ts';
import type { SourceItem } from './ingest.ts';
import { jsonProblem } from './json-problem.ts';
import { nationalPhonesRead } from './national-phones.ts';
import { reviewDateRule, type ReviewDates } from './review-dates.ts';

export interface RejectedLine {
  readonly line: number;
  /** The record the line names, as it names it (its `id`), where it names one a refusal may show (lineId). */
  readonly id?: string;
  readonly errors: readonly (FieldError & { readonly through?: number })[];
}

/** A record a valid line names in one of its entity properties (recordReferences). */
export interface LineReference {
  readonly line: number;
  readonly field: string;
  readonly id: RecordId;
}

/**
 * Why a Report line is refused, as POST /records refuses one (writeRecord): a report is its record,
 * its text and its review written together by the upload; a Report line alone would be a report
 * with no text and nothing extracted.
 */
export const REPORT_UPLOADED = 'a Report is written by uploading it (mosaic reports add, POST /reports), with its text and what extraction found in it';

export interface ValidatedChunk {
  /** Non-blank source lines the chunk covers (resumed ones included). */
  readonly lines: number;
  /** Lines at or before the resume point: counted, not validated. */
  readonly resumed: number;
  /** The last non-blank line of the chunk; 0 when it had none. */
  readonly lastLine: number;
  /** Bytes of the source consumed at the chunk's end, for progress. */
  readonly offset: number;
  /** Valid records in line order, and the line each came from. */
  readonly records: readonly PreparedRecord[];
  readonly recordLines: readonly number[];
  /** For each record, whether its line named no review date, nor the defaults one: the rule dated it (see storeSink). */
  readonly datedByRule: readonly boolean[];
  /** Rejected lines in line order. */
  readonly rejected: readonly RejectedLine[];
  /** The records the valid lines name, in line order: ingest tells those neither the file nor the store holds. */
  readonly references: readonly LineReference[];
}

export interface ChunkOptions extends ValidateOptions {
  /** Lines up to this one were committed by an earlier run: counted as resumed, not validated. */
  readonly resumeAfter: number;
  /** A last word on each valid record (the writer's policy decision): a refusal rejects its line. */
  readonly accept?: (record: EntityRecord) => FieldError | undefined;
  /** Review dates for records without one, as data (a worker thread cannot be sent a function). */
  readonly reviewDates?: ReviewDates;
  /** The country (ISO 3166 alpha-2) a phone number written nationally is read as (nationalPhonesRead): the uploader's agency's. */
  readonly phoneCountry?: string;
}

export interface ChunkBuilder {
  /** One non-blank line: its parsed value, or why it could not be parsed. */
  add(line: number, raw: unknown, parseError?: string, fieldNames?: ReadonlyMap<string, string>, through?: number): void;
  /** The lines added since the last take, as a chunk ending at `offset`. */
  take(offset: number): ValidatedChunk;
  readonly size: number;
}

export function createChunkBuilder(registry: SchemaRegistry, options: ChunkOptions): ChunkBuilder {
  const { resumeAfter, accept, reviewDates, phoneCountry } = options;
  const validateOptions = reviewDates ? { ...options, reviewDateFor: reviewDateRule(reviewDates) } : options;
  let lines = 0;
  let resumed = 0;
  let lastLine = 0;
  let records: PreparedRecord[] = [];
  let recordLines: number[] = [];
  let datedByRule: boolean[] = [];
  let rejected: RejectedLine[] = [];
  let references: LineReference[] = [];
  return {
    add(line, raw, parseError, fieldNames, through) {
      lines += 1;
      lastLine = line;
      if (line <= resumeAfter) {
        resumed += 1;
        return;
      }
      if (parseError !== undefined) {
        rejected.push({ line, errors: [{ field: 'record', reason: parseError, ...(through === undefined ? {} : { through }) }] });
        return;
      }
      const result = validateRecord(registry, phoneCountry === undefined ? raw : nationalPhonesRead(registry, raw, phoneCountry), validateOptions);
      const id = lineId(raw);
      const named = id === undefined ? {} : { id };
      if (!result.ok) {
        rejected.push({ line, ...named, errors: fieldNames ? result.errors.map((error) => namedByColumn(error, fieldNames)) : result.errors });
        return;
      }
      if (registry.isA(result.record.schema, REPORT_SCHEMA)) {
        rejected.push({ line, ...named, errors: [{ field: 'schema', reason: REPORT_UPLOADED }] });
        return;
      }
      const refused = accept?.(result.record);
      if (refused) {
        rejected.push({ line, ...named, errors: [fieldNames ? namedByColumn(refused, fieldNames) : refused] });
        return;
      }
      records.push(prepareRecord(result.record));
      recordLines.push(line);
      datedByRule.push(options.defaults?.reviewDate === undefined && !namesReviewDate(raw));
      for (const { field, id } of recordReferences(registry, result.record)) references.push({ line, field, id });
    },
    take(offset) {
      const chunk = { lines, resumed, lastLine, offset, records, recordLines, datedByRule, rejected, references };
      lines = 0;
      resumed = 0;
      lastLine = 0;
      records = [];
      recordLines = [];
      datedByRule = [];
      rejected = [];
      references = [];
      return chunk;
    },
    get size() {
      return lines;
    },
  };
}

/**
 * The `id` a line gives, as it gives it, so that a refusal names the record to look for in the
 * file: one that is no record id (recordIdProblem: blank, spaces, control characters, over 200
 * characters) is left out, as a refused value is.
 */
function lineId(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && recordIdProblem(id) === undefined ? id : undefined;
}

/** Whether a line's provenance gives a review date of its own (a CSV mapping's provenance is the line's). */
function namesReviewDate(raw: unknown): boolean {
  const provenance = typeof raw === 'object' && raw !== null ? (raw as { provenance?: unknown }).provenance : undefined;
  return typeof provenance === 'object' && provenance !== null && (provenance as { reviewDate?: unknown }).reviewDate !== undefined;
}

/** Items of an in-thread source (CSV, or lines already parsed) as chunks of `chunkLines`. */
export async function* chunksOfItems(registry: SchemaRegistry, source: AsyncIterable<SourceItem>, options: ChunkOptions & { readonly chunkLines?: number }): AsyncGenerator<ValidatedChunk> {
  const { chunkLines = 500 } = options;
  const builder = createChunkBuilder(registry, options);
  let offset = 0;
  // Validating an upload's lines in a serving node's thread: requests are answered meanwhile.
  const giveWay = createEventLoopYielder();
  for await (const item of source) {
    builder.add(item.line, item.raw, item.parseError, item.fieldNames, item.through);
    offset = item.offset;
    if (builder.size >= chunkLines) yield builder.take(offset);
    await giveWay();
  }
  if (builder.size > 0) yield builder.take(offset);
}

/**
 * JSON Lines text that starts at `firstLine` (1-based): each non-blank line parsed and added.
 * `text` holds whole lines only (the caller cuts at newlines), the last one possibly unterminated.
 */
export function validateJsonLines(registry: SchemaRegistry, text: string, { firstLine, endOffset, ...options }: ChunkOptions & { readonly firstLine: number; readonly endOffset: number }): ValidatedChunk {
  const builder = createChunkBuilder(registry, options);
  let line = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const body = text.slice(start, stop);
    if (body.trim() !== '') {
      if (line <= options.resumeAfter) builder.add(line, undefined);
      else {
        let raw: unknown;
        let parseError: string | undefined;
        try {
          raw = JSON.parse(body);
        } catch (error) {
          parseError = jsonProblem(error);
        }
        builder.add(line, raw, parseError);
      }
    }
    line += 1;
    start = end + 1;
  }
  return builder.take(endOffset);
}
