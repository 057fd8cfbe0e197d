/**
 * A file read in pieces of whole lines, decoded: each piece is cut after its last newline (a
 * piece grows to hold a line longer than `pieceBytes`), so a UTF-8 sequence is never split and
 * each piece can be parsed on its own. Synchronous: it runs in a reader worker, or in the main
 * thread for a file small enough that starting a worker would cost more than it saves.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface FilePiece {
  readonly text: string;
  /** Bytes of the file up to the end of this piece (progress against the file size). */
  readonly endOffset: number;
}

const NEWLINE = 0x0a;

export function* recordFilePieces(path: string, pieceBytes = 4 << 20): Generator<FilePiece> {
  const fd = openSync(path, 'r');
  // A byte-order mark is dropped at the start of the file only, as a streaming decoder does.
  const first = new TextDecoder('utf-8');
  const rest = new TextDecoder('utf-8', { ignoreBOM: true });
  try {
    let carry = Buffer.alloc(0);
    let offset = 0;
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
        const text = (offset === 0 ? first : rest).decode(buffer.subarray(0, cut));
        offset += cut;
        yield { text, endOffset: offset };
      }
      if (eof) return;
      carry = Buffer.from(buffer.subarray(cut, filled));
    }
  } finally {
    closeSync(fd);
  }
}
