/**
 * A JSON Lines file read in pieces of whole lines, parsed into resolvable records: each piece is
 * cut after its last newline (a piece grows to hold a line longer than `pieceBytes`), and each
 * line is decoded on its own. Decoding a whole piece would make one two-byte string of it as soon
 * as one name in it is not ASCII, at a tenth of the speed (V8's UTF-8 decoder: about 100 MB/s,
 * 20 s of CPU for a 1.9 GB file); line by line, most lines are ASCII and decode as fast as they
 * are copied, and the records' strings stay one-byte. With `schema`, a line whose bytes do not
 * hold `"schema":"<schema>"` is not even decoded (see ParseLinesOptions).
 * Synchronous: it runs in a reader worker, or in the main thread for a small file.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseBatchLine, schemaMarker, type ParseLinesOptions, type RecordLines, type RejectedLine, type ResolvableRecord } from '@mosaic/resolution';

export interface FilePiece extends RecordLines {
  /** Bytes of the file up to the end of this piece (progress against the file size). */
  readonly endOffset: number;
}

export interface FilePiecesOptions extends ParseLinesOptions {
  readonly pieceBytes?: number;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

export function* recordFilePieces(path: string, { pieceBytes = 256 << 10, schema, ...options }: FilePiecesOptions = {}): Generator<FilePiece> {
  const marker = schema === undefined ? undefined : Buffer.from(schemaMarker(schema));
  const fd = openSync(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let offset = 0;
    let line = 1;
    for (;;) {
      const buffer = Buffer.allocUnsafe(carry.length + pieceBytes);
      carry.copy(buffer, 0);
      const bytesRead = readSync(fd, buffer, carry.length, pieceBytes, null);
      const filled = carry.length + bytesRead;
      const eof = bytesRead === 0;
      const cut = eof ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      if (cut === 0 && !eof) {
        // No newline yet: a line longer than a piece; read on.
        carry = buffer.subarray(0, filled);
        continue;
      }
      if (cut > 0) {
        // a byte-order mark is dropped at the start of the file only, as a streaming decoder does
        const start = offset === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
        const piece = parseLines(buffer, start, cut, line, marker, { ...options, ...(schema === undefined ? {} : { schema }) });
        line += piece.lines;
        offset += cut;
        yield { ...piece, endOffset: offset };
      }
      if (eof) return;
      carry = Buffer.from(buffer.subarray(cut, filled));
    }
  } finally {
    closeSync(fd);
  }
}

/** The lines of buffer[from, to) (to: just after a newline, or the end of the file), each read by parseBatchLine and numbered from `firstLine`. */
function parseLines(buffer: Buffer, from: number, to: number, firstLine: number, marker: Buffer | undefined, options: ParseLinesOptions): RecordLines {
  const records: ResolvableRecord[] = [];
  const recordLines: number[] = [];
  const rejected: RejectedLine[] = [];
  let nextMarker = marker ? buffer.indexOf(marker, from) : -1;
  let line = firstLine;
  for (let start = from; start < to; line++) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end === -1 || end > to) end = to;
    const next = end + 1;
    if (marker) {
      if (nextMarker !== -1 && nextMarker < start) nextMarker = buffer.indexOf(marker, start);
      if (nextMarker === -1 || nextMarker >= end) {
        start = next;
        continue;
      }
    }
    const parsed = parseBatchLine(buffer.toString('utf8', start, end > start && buffer[end - 1] === RETURN ? end - 1 : end), options);
    start = next;
    if (parsed === undefined) continue;
    if (parsed.ok) {
      records.push(parsed.record);
      recordLines.push(line);
    } else rejected.push({ line, reason: parsed.reason });
  }
  return { records, recordLines, rejected, lines: line - firstLine };
}
