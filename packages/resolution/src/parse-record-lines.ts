/**
 * The lines of a JSON Lines batch file as resolvable records, for a reader that splits the file
 * itself (@mosaic/service's record-file-pieces.ts, in a worker thread or not). Invalid lines come
 * back with their reason, never thrown; the reader numbers them.
 */
import { parseRecordLine, type ParsedLine, type ParseOptions } from './parse-record-line.ts';
import type { ResolvableRecord } from './resolve-records.ts';
import { schemaGroup } from './schema-groups.ts';

export interface RejectedLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
}

export interface RecordLines {
  readonly records: ResolvableRecord[];
  /** The line each record came from. */
  readonly recordLines: number[];
  readonly rejected: RejectedLine[];
  /** Lines in the piece, blank and skipped ones included (the next piece's first line is this one's plus these). */
  readonly lines: number;
}

export interface ParseLinesOptions extends ParseOptions {
  /**
   * Keep only records of this schema. A line that does not hold `"schema":"<schema>"` verbatim
   * is skipped without being parsed (most lines of a mixed file are other schemata, and parsing
   * them is most of the reading time), so this is for files written compactly, as Mosaic writes
   * them; a skipped line is neither a record nor rejected.
   */
  readonly schema?: string;
}

/** What a line of a compactly written record of `schema` holds. */
export function schemaMarker(schema: string): string {
  return `"schema":${JSON.stringify(schema)}`;
}

/**
 * One line (without its line break) of a batch file: undefined when it is skipped (blank, or a
 * record of another schema than `schema`). A record of a schema that resolution never compares
 * (schemaGroup) keeps no properties: the batch preparer reads none of them, and a mixed file is
 * mostly such records.
 */
export function parseBatchLine(line: string, { schema, ...options }: ParseLinesOptions = {}): ParsedLine | undefined {
  if (line.trim() === '') return undefined;
  const parsed = parseRecordLine(line, options);
  if (!parsed.ok) return parsed;
  if (schema !== undefined && parsed.record.schema !== schema) return undefined;
  return schemaGroup(parsed.record.schema) === undefined ? { ok: true, record: { ...parsed.record, properties: {} } } : parsed;
}
