/**
 * Sources for ingest: FollowTheMoney-style JSON Lines, and CSV through a mapping.
 */
import { parse } from 'csv-parse/sync';
import type { SchemaRegistry } from '@mosaic/model';
import { csvFieldNames, mappedColumns, rowToRawRecord, type CsvMapping } from './csv-mapping.ts';
import { csvProblem } from './csv-problem.ts';
import type { SourceItem } from './ingest.ts';
import { jsonProblem } from './json-problem.ts';
import { NOT_UTF8, readLines, type Line } from './line-reader.ts';

export async function* jsonlSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<SourceItem> {
  for await (const line of readLines(chunks)) {
    if (line.notUtf8) {
      yield { line: line.number, offset: line.offset, parseError: NOT_UTF8 };
      continue;
    }
    if (line.text.trim() === '') continue;
    try {
      yield { line: line.number, offset: line.offset, raw: JSON.parse(line.text) as unknown };
    } catch (error) {
      yield { line: line.number, offset: line.offset, parseError: jsonProblem(error) };
    }
  }
}

/** One CSV row's text: the physical lines it spans (more than one when a quoted value holds line breaks). */
interface RowText {
  readonly first: number;
  readonly last: number;
  /** Bytes of the source consumed at the row's end. */
  readonly offset: number;
  readonly text: string;
  /** A quoted value's closing quote is followed by something other than a delimiter: the row is bad and ends with its line. */
  readonly broken: boolean;
  /** A line of the row is not UTF-8: the row is rejected. */
  readonly notUtf8: boolean;
}

/** Where a line leaves a row: inside a quoted value, outside it, or broken by a stray quote. */
type LineEnd = 'quoted' | 'closed' | 'broken';

const QUOTE = '"';

/**
 * Whether the row is still inside a quoted value at the end of `text`, read as csv-parse reads it
 * (RFC 4180: a quote opens a value only at its start; `""` inside is a quote; the closing quote
 * must be followed by the delimiter or the end of the line). A quote inside an unquoted value
 * opens nothing (csv-parse rejects the row; it ends with its line).
 */
function lineEnd(text: string, delimiter: string, quoted: boolean): LineEnd {
  if (text.indexOf(QUOTE) === -1) return quoted ? 'quoted' : 'closed';
  let inQuote = quoted;
  let fieldStart = !quoted;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) {
      if (c !== QUOTE) continue;
      const next = text[i + 1];
      if (next === QUOTE) i += 1;
      else if (next === undefined || next === delimiter) inQuote = false;
      else return 'broken';
    } else if (c === delimiter) fieldStart = true;
    else {
      if (c === QUOTE && fieldStart) inQuote = true;
      fieldStart = false;
    }
  }
  return inQuote ? 'quoted' : 'closed';
}

/**
 * Physical lines gathered into rows. A row with a stray quote ends with its line, so a bad row is
 * rejected alone and the next line starts afresh; csv-parse itself, skipping the row, stays inside
 * the quoted value and takes the rows after it. Blank lines between rows are skipped. A line
 * broken by a lone CR (old Mac files) is split there.
 */
async function* csvRows(lines: AsyncIterable<Line>, delimiter: string): AsyncGenerator<RowText | { readonly unclosed: RowText }> {
  let open: { readonly first: number; readonly texts: string[]; notUtf8: boolean } | undefined;
  let extra = 0;
  let lastLine = 0;
  let lastOffset = 0;
  for await (const line of lines) {
    const parts = line.text.includes('\r') ? line.text.split('\r') : [line.text];
    for (const [k, text] of parts.entries()) {
      if (k > 0) extra += 1;
      const number = line.number + extra;
      lastLine = number;
      lastOffset = line.offset;
      if (open === undefined && text === '') continue;
      const end = lineEnd(text, delimiter, open !== undefined);
      // lines are added to an open row in place: a quote never closed may hold the rest of a large file
      const row = open ?? { first: number, texts: [], notUtf8: false };
      row.texts.push(text);
      row.notUtf8 ||= line.notUtf8 === true;
      if (end === 'quoted') {
        open = row;
        continue;
      }
      open = undefined;
      yield { first: row.first, last: number, offset: line.offset, text: row.texts.join('\n'), broken: end === 'broken', notUtf8: row.notUtf8 };
    }
  }
  if (open) yield { unclosed: { first: open.first, last: lastLine, offset: lastOffset, text: open.texts.join('\n'), broken: false, notUtf8: open.notUtf8 } };
}

/** Rows read together by one call of the parser; a batch with a bad row is read again row by row. */
const BATCH_ROWS = 256;

/**
 * CSV rows as raw records. Line numbers count the header as line 1, as a spreadsheet shows them;
 * a row is named by the line it starts on. A row the parser cannot read (an unbalanced quote…) is
 * rejected alone with its line, and the rest are read on. A quote never closed takes the rest of
 * the file with it, as it would in a spreadsheet (a quoted value may hold line breaks): it is
 * rejected at the line it opens on, naming the lines it took.
 */
export async function* csvSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, mapping: CsvMapping, { registry }: { readonly registry?: SchemaRegistry } = {}): AsyncGenerator<SourceItem> {
  const { delimiter } = mapping;
  // a row's refusal names the column of the file, with the property's label where the registry gives it
  const fieldNames = csvFieldNames(mapping, registry);
  let columns: string[] | undefined;
  let batch: RowText[] = [];
  const records = (text: string): Record<string, string>[] => parse<Record<string, string>>(text, { delimiter, columns: columns ?? [], relax_column_count: true });
  const rowItem = (row: RowText, record: Record<string, string>): SourceItem => ({ line: row.first, offset: row.offset, raw: rowToRawRecord(mapping, record), fieldNames });
  const alone = (row: RowText): SourceItem => {
    try {
      const [record] = records(row.text);
      return record ? rowItem(row, record) : { line: row.first, offset: row.offset, parseError: 'is not valid CSV (no row)' };
    } catch (error) {
      const lines = row.last > row.first ? `: lines ${row.first} to ${row.last} were read as one row and are skipped` : '';
      return { line: row.first, offset: row.offset, parseError: `${csvProblem(error, { delimiter, firstLine: row.first })}${lines}` };
    }
  };
  const flush = function* (): Generator<SourceItem> {
    const rows = batch;
    batch = [];
    if (rows.length === 0) return;
    let read: Record<string, string>[] | undefined;
    try {
      read = records(rows.map((row) => row.text).join('\n'));
    } catch {
      read = undefined;
    }
    if (read?.length === rows.length) for (const [k, row] of rows.entries()) yield rowItem(row, read[k] as Record<string, string>);
    else for (const row of rows) yield alone(row);
  };
  for await (const row of csvRows(readLines(chunks), delimiter)) {
    if ('unclosed' in row) {
      yield* flush();
      const { first, last, offset } = row.unclosed;
      yield { line: first, offset, through: last, parseError: `is not valid CSV (a quote opened on line ${first} is never closed: lines ${first} to ${last}, the end of the file, were read as one value and are skipped)` };
      continue;
    }
    if (columns === undefined) {
      if (row.notUtf8) {
        yield { line: row.first, offset: row.offset, parseError: `the header ${NOT_UTF8}` };
        return;
      }
      let header: unknown;
      try {
        [header] = parse(row.text, { delimiter, bom: true }) as unknown[];
      } catch (error) {
        yield { line: row.first, offset: row.offset, parseError: `the header ${csvProblem(error, { delimiter, firstLine: row.first })}` };
        return;
      }
      columns = Array.isArray(header) ? header.map(String) : [];
      const missing = mappedColumns(mapping).filter((column) => !columns?.includes(column));
      if (missing.length > 0) {
        yield { line: 1, offset: 0, parseError: `the header lacks the mapped column(s) ${missing.join(', ')}` };
        return;
      }
      continue;
    }
    if (row.notUtf8) {
      yield* flush();
      yield { line: row.first, offset: row.offset, parseError: row.last > row.first ? `${NOT_UTF8}: lines ${row.first} to ${row.last} were read as one row and are skipped` : NOT_UTF8 };
      continue;
    }
    if (row.broken) {
      yield* flush();
      yield alone(row);
      continue;
    }
    batch.push(row);
    if (batch.length >= BATCH_ROWS) yield* flush();
  }
  yield* flush();
}
