/**
 * The body of POST /ingest for a chosen file, built without reading the file into one string
 * on the page's thread: the API takes the file's text as the JSON string `content`
 * (docs/API.md), so the file is read piece by piece, each piece escaped as JSON, and the pieces
 * kept as a Blob that the browser sends as it is. A file of tens of megabytes froze the page
 * for seconds when it was read, split and serialised whole.
 */

/** Work on the page's thread is given back to the browser this often (characters or bytes read), so the page stays live. */
const YIELD_EVERY = 256 * 1024;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const MEGABYTE = 1024 * 1024;

/** A size in megabytes as the page writes it: 70.0 MB. */
export const megabytes = (bytes: number): string => `${(bytes / MEGABYTE).toFixed(1)} MB`;

/**
 * The largest upload the server takes (GET /ingest's `maxUploadBytes`; above it the server answers
 * 413, once the whole body was sent) as the page states it: 64 MB, or 1.5 MB when it is not a
 * whole number of megabytes.
 */
export const uploadLimitText = (bytes: number): string => (bytes % MEGABYTE === 0 ? `${bytes / MEGABYTE} MB` : megabytes(bytes));

/**
 * `{...fields, content: <the file's text>}` as JSON, in a Blob. The text is the file's UTF-8
 * decoded as File.text() decodes it (a byte-order mark dropped, invalid bytes replaced).
 */
export async function uploadBody(file: Blob, fields: Readonly<Record<string, unknown>>): Promise<Blob> {
  const head = JSON.stringify({ ...fields, content: '' });
  // the fields, then `"content":"` open: the escaped pieces follow, then the closing `"}`
  const blobs: Blob[] = [];
  let pending: string[] = [head.slice(0, -2)];
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let sinceYield = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // each piece ends on a whole character (the decoder keeps a split one for the next piece)
    pending.push(JSON.stringify(value).slice(1, -1));
    sinceYield += value.length;
    if (sinceYield >= YIELD_EVERY) {
      // handed to the browser as it goes: one Blob of the whole at the end held the page too
      blobs.push(new Blob(pending));
      pending = [];
      sinceYield = 0;
      await nextTask();
    }
  }
  pending.push('"}');
  return new Blob([...blobs, ...pending], { type: 'application/json' });
}

/**
 * The lines of a file holding more than blanks, as the server counts them (docs/API.md: a job's
 * `total`), read piece by piece: a CSV's header is one of them.
 */
export async function countLines(file: Blob): Promise<number> {
  const reader = file.stream().getReader();
  let lines = 0;
  let filled = false;
  let sinceYield = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) {
      const byte = value[i];
      if (byte === 0x0a) {
        if (filled) lines++;
        filled = false;
      } else if (!filled && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0b && byte !== 0x0c) filled = true;
    }
    sinceYield += value.length;
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await nextTask();
    }
  }
  return lines + (filled ? 1 : 0);
}
