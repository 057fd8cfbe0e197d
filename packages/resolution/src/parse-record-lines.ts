/**
 * A piece of a JSON Lines file (whole lines) as resolvable records, for a batch reader that
 * splits the file itself (in a worker thread or not: the same function either way). Invalid lines
 * come back with their line number in the file and the reason, never thrown.
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
  readonly rejected: RejectedLine[];
  /** Lines in the text, blank and skipped ones included (the next piece's first line is firstLine + lines). */
  readonly lines: number;
}

export interface ParseLinesOptions extends ParseOptions {
  /** Line number of the first line of the text (default 1). */
  readonly firstLine?: number;
  /**
   * Keep only records of this schema. A line that does not hold `"schema":"<schema>"` verbatim
   * is skipped without being parsed (most lines of a mixed file are other schemata, and parsing
   * them is most of the reading time), so this is for files written compactly, as Mosaic writes
   * them; a skipped line is neither a record nor rejected.
   */
  readonly schema?: string;
}

/**
 * The lines of `text` (a trailing newline ends the last line; `\r\n` is read as a newline; blank
 * lines are skipped). A record of a schema that resolution never compares (schemaGroup) keeps no
 * properties: the batch preparer reads none of them, and a mixed file is mostly such records.
 */
export function parseRecordLines(text: string, { firstLine = 1, ...options }: ParseLinesOptions = {}): RecordLines {
  const records: ResolvableRecord[] = [];
  const rejected: RejectedLine[] = [];
  const marker = options.schema === undefined ? undefined : schemaMarker(options.schema);
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  for (let k = 0; k < count; k++) {
    const line = lines[k] as string;
    if (marker !== undefined && !line.includes(marker)) continue;
    const parsed = parseBatchLine(line.endsWith('\r') ? line.slice(0, -1) : line, options);
    if (parsed === undefined) continue;
    if (parsed.ok) records.push(parsed.record);
    else rejected.push({ line: firstLine + k, reason: parsed.reason });
  }
  return { records, rejected, lines: count };
}

/** What a line of a compactly written record of `schema` holds. */
export function schemaMarker(schema: string): string {
  return `"schema":${JSON.stringify(schema)}`;
}

/**
 * One line (without its line break) as parseRecordLines reads it: undefined when it is skipped
 * (blank, or a record of another schema than `schema`).
 */
export function parseBatchLine(line: string, { schema, ...options }: Omit<ParseLinesOptions, 'firstLine'> = {}): ParsedLine | undefined {
  if (line.trim() === '') return undefined;
  const parsed = parseRecordLine(line, options);
  if (!parsed.ok) return parsed;
  if (schema !== undefined && parsed.record.schema !== schema) return undefined;
  return schemaGroup(parsed.record.schema) === undefined ? { ok: true, record: { ...parsed.record, properties: {} } } : parsed;
}
