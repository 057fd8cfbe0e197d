/**
 * The parts of a ZIP archive (a DOCX), each unzipped only when asked for and never past a
 * budget: a DOCX of a few hundred kB can hold an XML part that unzips to hundreds of MB (deflate
 * packs up to about 1,000 to 1), and reading that much XML takes gigabytes. Read from the
 * central directory (APPNOTE.TXT 4.3.12, 4.3.16): a part is unzipped to at most the size its
 * entry declares (node:zlib's maxOutputLength), so one that is larger than it says is refused
 * rather than read, and what the declared sizes add up to is known before anything is unzipped.
 * Stored and deflated parts only, no encryption and no ZIP64, which no DOCX under 10 MB needs.
 * A damaged archive is a ZipUnreadable, told apart by its fault (docx-problem.ts says each in
 * plain words); a budget spent, an AppError naming `content`.
 */
import { AppError } from '@mosaic/model';
import { inflateRawSync } from 'node:zlib';

/**
 * Why an archive cannot be read: `not-zip`, no end of central directory (no ZIP archive, or one
 * cut short); `directory`, its central directory damaged; `part`, a part that cannot be unzipped
 * as its entry says; `encrypted`, a part encrypted; `zip64`, an archive of the ZIP64 format.
 */
export type ZipFault = 'not-zip' | 'directory' | 'part' | 'encrypted' | 'zip64';

export class ZipUnreadable extends Error {
  override readonly name = 'ZipUnreadable';
  readonly fault: ZipFault;
  /** The part at fault, for `part` and `encrypted`. */
  readonly part: string | undefined;

  constructor(fault: ZipFault, message: string, { part, cause }: { readonly part?: string; readonly cause?: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.fault = fault;
    this.part = part;
  }
}

interface ZipEntry {
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeader: number;
}

export interface ZipArchive {
  /** What the parts unzip to together, as their entries declare it (no part unzips to more). */
  readonly unzippedBytes: number;
  exists(name: string): boolean;
  /** The part's bytes; refused, naming content, when it would take the archive's reads past the budget. */
  read(name: string): Uint8Array;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const MB = 1024 * 1024;

/** The reason an archive unzipping to more than `budget` bytes is refused. */
export const unzipsToMore = (budget: number): string => `expands to more than ${budget / MB} MB when unzipped`;

/**
 * Opens the archive in `bytes`; its parts read through it may unzip to `budget` bytes together
 * (each part counted each time it is read).
 */
export function openZip(bytes: Uint8Array, { budget }: { readonly budget: number }): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = directory(bytes, view);
  let left = budget;
  const unzippedBytes = [...entries.values()].reduce((sum, entry) => sum + entry.size, 0);
  return {
    unzippedBytes,
    exists: (name) => entries.has(name),
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`zip: no part ${name}`);
      if (entry.size > left) throw new AppError('MOSAIC_INVALID_INPUT', `extract: ${unzipsToMore(budget)}`, { field: 'content', reason: unzipsToMore(budget) });
      left -= entry.size;
      return unzip(bytes, view, name, entry);
    },
  };
}

/** The central directory's entries by name, from the end-of-central-directory record found from the end. */
function directory(bytes: Uint8Array, view: DataView): ReadonlyMap<string, ZipEntry> {
  let end = -1;
  // the record is 22 bytes and ends with a comment of at most 65,535
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipUnreadable('not-zip', 'zip: no end of central directory: not a ZIP archive');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipUnreadable('zip64', 'zip: ZIP64 archives are not read');
  if (offset + size > end) throw new ZipUnreadable('directory', 'zip: the central directory lies outside the archive');
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  const names = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new ZipUnreadable('directory', 'zip: a central directory entry is damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const entrySize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) throw new ZipUnreadable('encrypted', `zip: ${name} is encrypted`, { part: name });
    if (compressedSize === 0xffffffff || entrySize === 0xffffffff || localHeader === 0xffffffff) throw new ZipUnreadable('zip64', 'zip: ZIP64 archives are not read');
    // the first entry of a name is its part, as the archive's central directory lists it
    if (!entries.has(name)) entries.set(name, { method, compressedSize, size: entrySize, localHeader });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unzip(bytes: Uint8Array, view: DataView, name: string, entry: ZipEntry): Uint8Array {
  const header = entry.localHeader;
  if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== LOCAL_HEADER) throw new ZipUnreadable('part', `zip: the local header of ${name} is damaged`, { part: name });
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw new ZipUnreadable('part', `zip: ${name} runs past the end of the archive`, { part: name });
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.size) throw new ZipUnreadable('part', `zip: ${name} is stored at another size than it declares`, { part: name });
    return data;
  }
  if (entry.method !== DEFLATED) throw new ZipUnreadable('part', `zip: ${name} is compressed with method ${entry.method}, not deflate`, { part: name });
  if (entry.size === 0) return new Uint8Array(0);
  let unzipped: Buffer;
  try {
    unzipped = inflateRawSync(data, { maxOutputLength: entry.size });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipUnreadable('part', `zip: ${name} unzips to more than the ${entry.size} bytes it declares`, { part: name, cause: error });
    throw new ZipUnreadable('part', `zip: ${name} cannot be unzipped (${(error as Error).message})`, { part: name, cause: error });
  }
  if (unzipped.byteLength !== entry.size) throw new ZipUnreadable('part', `zip: ${name} unzips to ${unzipped.byteLength} bytes, not the ${entry.size} it declares`, { part: name });
  return new Uint8Array(unzipped.buffer, unzipped.byteOffset, unzipped.byteLength);
}
