/**
 * Sources for ingest: FollowTheMoney-style JSON Lines, and CSV through a mapping.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { mappedColumns, rowToRawRecord, type CsvMapping } from './csv-mapping.ts';
import type { SourceItem } from './ingest.ts';
import { readLines } from './line-reader.ts';

export async function* jsonlSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<SourceItem> {
  for await (const line of readLines(chunks)) {
    if (line.text.trim() === '') continue;
    try {
      yield { line: line.number, offset: line.offset, raw: JSON.parse(line.text) as unknown };
    } catch (error) {
      yield { line: line.number, offset: line.offset, parseError: `is not valid JSON (${(error as Error).message})` };
    }
  }
}

/** CSV rows as raw records. Line numbers count the header as line 1, as a spreadsheet shows them. */
export async function* csvSource(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, mapping: CsvMapping): AsyncGenerator<SourceItem> {
  const parser = Readable.from(chunks).pipe(parse({ delimiter: mapping.delimiter, columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let headerChecked = false;
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
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
}
