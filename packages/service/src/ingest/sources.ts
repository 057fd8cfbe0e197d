/**
 * Sources for ingest: FollowTheMoney-style JSON Lines, and CSV through a mapping.
 */
import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { mappedColumns, rowToRawRecord, type CsvMapping } from './csv-mapping.ts';
import type { SourceItem } from './ingest.ts';
import { jsonProblem } from './json-problem.ts';
import { readLines } from './line-reader.ts';

export async function* jsonlSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<SourceItem> {
  for await (const line of readLines(chunks)) {
    if (line.text.trim() === '') continue;
    try {
      yield { line: line.number, offset: line.offset, raw: JSON.parse(line.text) as unknown };
    } catch (error) {
      yield { line: line.number, offset: line.offset, parseError: jsonProblem(error) };
    }
  }
}

/** The details csv-parse gives with an error (its type declares them as an index signature). */
type CsvErrorAt = CsvError & { readonly lines: number; readonly bytes: number; readonly column?: unknown };

/** A row csv-parse could not read, without the field's value (it may be a name). */
function csvProblem(error: CsvErrorAt): string {
  const what = error.message.split(':')[0] ?? error.code;
  const { column } = error;
  return `is not valid CSV (${what}${typeof column === 'string' ? ` in column ${JSON.stringify(column)}` : ''})`;
}

/**
 * CSV rows as raw records. Line numbers count the header as line 1, as a spreadsheet shows them.
 * A row the parser cannot read (an unbalanced quote…) is rejected with its line and the rest are
 * read on (csv-parse's skip_records_with_error); a quote never closed takes the rest of the file
 * with it, as it would in a spreadsheet (a quoted value may hold line breaks): it is rejected at
 * the line it opens on, naming the lines it took.
 */
export async function* csvSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, mapping: CsvMapping): AsyncGenerator<SourceItem> {
  const skipped: SourceItem[] = [];
  // where the last row the parser read (or skipped) ended: a quote never closed opens after it
  let lastLine = 1;
  const parser = Readable.from(chunks).pipe(parse({
    delimiter: mapping.delimiter, columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true,
    skip_records_with_error: true,
    on_record: (record, context) => {
      lastLine = context.lines;
      return record;
    },
    on_skip: (error) => {
      const at = error as CsvErrorAt | undefined;
      if (!at) return;
      if (at.code === 'CSV_QUOTE_NOT_CLOSED') {
        const from = Math.min(lastLine + 1, at.lines);
        skipped.push({ line: from, offset: at.bytes, parseError: `is not valid CSV (a quote opened on line ${from} is never closed: lines ${from} to ${at.lines}, the end of the file, were read as one value and are skipped)` });
      } else skipped.push({ line: at.lines, offset: at.bytes, parseError: csvProblem(at) });
      lastLine = at.lines;
    },
  }));
  // The parser reads ahead: its skips are handed on in line order among the rows.
  const skippedBefore = function* (line: number): Generator<SourceItem> {
    while (skipped.length > 0 && (skipped[0]?.line ?? 0) < line) yield skipped.shift() as SourceItem;
  };
  let headerChecked = false;
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
    yield* skippedBefore(entry.info.lines);
    if (!headerChecked) {
      const missing = mappedColumns(mapping).filter((column) => !(column in entry.record));
      if (missing.length > 0) {
        yield { line: 1, offset: 0, parseError: `the header lacks the mapped column(s) ${missing.join(', ')}` };
        return;
      }
      headerChecked = true;
    }
    yield { line: entry.info.lines, offset: entry.info.bytes, raw: rowToRawRecord(mapping, entry.record) };
  }
  yield* skippedBefore(Infinity);
}
