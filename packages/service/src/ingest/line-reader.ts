/**
 * Lines of a byte stream with their 1-based numbers and the byte offset after each, so ingest
 * can report progress against the file size and name the line of every problem.
 */
export interface Line {
  readonly number: number;
  readonly text: string;
  /** Bytes consumed up to and including this line's end. */
  readonly offset: number;
}

export async function* readLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let number = 0;
  let offset = 0;
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    pendingBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    pending += text;
    let start = 0;
    let newline = pending.indexOf('\n', start);
    if (newline === -1) continue;
    while (newline !== -1) {
      const raw = pending.slice(start, newline);
      number += 1;
      start = newline + 1;
      newline = pending.indexOf('\n', start);
      // Byte offsets are exact only at chunk ends; within a chunk they are apportioned, which is
      // all a progress bar needs.
      const consumed = newline === -1 ? pendingBytes : Math.round((pendingBytes * start) / pending.length);
      yield { number, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset: offset + consumed };
    }
    pending = pending.slice(start);
    offset += pendingBytes - Buffer.byteLength(pending);
    pendingBytes = Buffer.byteLength(pending);
  }
  pending += decoder.decode();
  if (pending.length > 0) {
    number += 1;
    yield { number, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, offset: offset + pendingBytes };
  }
}
