/**
 * Lines of a byte stream with their 1-based numbers and the byte offset after each, so ingest
 * can report progress against the file size and name the line of every problem. Input must be
 * UTF-8: a line that is not is flagged (its text has U+FFFD for the bytes that are not), so it
 * is rejected by number rather than stored garbled, and a UTF-16 file is refused as a whole.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '@mosaic/model';

export interface Line {
  readonly number: number;
  readonly text: string;
  /** Bytes consumed up to and including this line's end. */
  readonly offset: number;
  /** The line's bytes are not valid UTF-8 (a Latin-1 or Windows-1252 file…). */
  readonly notUtf8?: true;
}

/** Why a line that is not UTF-8 is rejected: most such files are Latin-1 or Windows-1252. */
export const NOT_UTF8 = 'is not valid UTF-8 (the file may be in another encoding, such as Latin-1; convert it to UTF-8)';

const NEWLINE = 0x0a;

/**
 * A file whose first bytes show UTF-16 (its byte-order mark, or ASCII text with every other
 * byte zero) is refused once, naming its encoding: read as UTF-8, every line would be wrong.
 */
export function refuseUtf16(head: Uint8Array): void {
  const [a, b] = head;
  if (a === undefined || b === undefined) return;
  const encoding = a === 0xff && b === 0xfe ? 'UTF-16 (little-endian: it starts with the bytes FF FE)'
    : a === 0xfe && b === 0xff ? 'UTF-16 (big-endian: it starts with the bytes FE FF)'
      : a !== 0 && b === 0 ? 'UTF-16 (little-endian: every other byte is zero)'
        : a === 0 && b !== 0 ? 'UTF-16 (big-endian: every other byte is zero)' : undefined;
  if (encoding !== undefined) throw new AppError('MOSAIC_INVALID_INPUT', `ingest: the file is in ${encoding}, not UTF-8; convert it to UTF-8`);
}

// A byte-order mark is dropped at the start of the file only, as a streaming decoder does.
const atStart = new TextDecoder('utf-8');
const within = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Whole lines as bytes (`start`: from the file's first byte) decoded: the text, and the indexes
 * (0-based, within these bytes) of the lines that are not UTF-8, whose text has U+FFFD for the
 * bad bytes, or with `blank` is a single space (a blank line to a JSON Lines reader). Bytes that
 * are all valid (nearly always) are checked and decoded at once; only a piece with a bad byte is
 * gone through line by line.
 */
export function decodeLines(bytes: Uint8Array, start: boolean, blank = false): { text: string; notUtf8: readonly number[] } {
  const decoder = start ? atStart : within;
  if (isUtf8(bytes)) return { text: decoder.decode(bytes), notUtf8: [] };
  const texts: string[] = [];
  const notUtf8: number[] = [];
  for (let from = 0, index = 0; from < bytes.length; index++) {
    const newline = bytes.indexOf(NEWLINE, from);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.subarray(from, end);
    const valid = isUtf8(line);
    if (!valid) notUtf8.push(index);
    texts.push(!valid && blank ? ' ' : (from === 0 ? decoder : within).decode(line));
    from = end + 1;
  }
  return { text: texts.join('\n') + (bytes.at(-1) === NEWLINE ? '\n' : ''), notUtf8 };
}

export async function* readLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<Line> {
  let number = 0;
  let offset = 0;
  let carry: Uint8Array[] = [];
  let carryBytes = 0;
  let checked = false;
  /** Lines of `bytes` (whole lines, the last one unterminated only at the end of the input). */
  const linesOf = function* (bytes: Uint8Array): Generator<Line> {
    const start = offset === 0;
    const { text, notUtf8 } = decodeLines(bytes, start);
    const bad = new Set(notUtf8);
    let from = 0;
    let index = 0;
    while (from < text.length) {
      let end = text.indexOf('\n', from);
      if (end === -1) end = text.length;
      const raw = text.slice(from, end);
      number += 1;
      from = end + 1;
      // Byte offsets are exact at the end of the bytes; within them they are apportioned, which
      // is all a progress bar needs.
      const consumed = from >= text.length ? bytes.length : Math.round((bytes.length * from) / text.length);
      const line = { number, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset: offset + consumed };
      yield bad.has(index) ? { ...line, notUtf8: true } : line;
      index += 1;
    }
    offset += bytes.length;
  };
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) continue;
    const cut = bytes.lastIndexOf(NEWLINE) + 1;
    carry.push(bytes);
    carryBytes += bytes.length;
    if (!checked && carryBytes >= 2) {
      refuseUtf16(carry.length === 1 ? bytes : Buffer.concat(carry));
      checked = true;
    }
    if (cut === 0) continue;
    const all = carry.length === 1 ? bytes : Buffer.concat(carry, carryBytes);
    const whole = all.length - (bytes.length - cut);
    carry = whole < all.length ? [all.subarray(whole)] : [];
    carryBytes = all.length - whole;
    yield* linesOf(all.subarray(0, whole));
  }
  if (carryBytes > 0) yield* linesOf(Buffer.concat(carry, carryBytes));
}
