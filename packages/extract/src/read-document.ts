/**
 * Documents to plain text: text/plain (UTF-8, BOM dropped), text/html (block elements become
 * line breaks, scripts and styles dropped), application/pdf (pdf.js through unpdf, pages joined
 * by blank lines) and DOCX (mammoth's raw text). Other media types are refused as invalid input,
 * and so is plain text or HTML that is not UTF-8, naming `content`: decoded anyway, a Latin-1 or
 * UTF-16 file became replacement characters ("Fran\uFFFDois") in which nothing is found.
 *
 * What a document expands to is bounded while it is read, not only the file: a DOCX of 470 kB
 * unzipped to 165 MB of XML took a server past 4 GB, and a PDF's compressed streams expand as
 * much. A DOCX's parts are unzipped within `unzippedBytes` (read-zip.ts), a PDF's text is read
 * page by page and left once past `textBytes`, and any document giving more text than that is
 * refused, each naming `content`. So is a DOCX or a PDF that is damaged or none at all, saying why
 * in plain words (docx-problem.ts, pdf-problem.ts).
 */
import { AppError } from '@mosaic/model';
import mammoth from 'mammoth';
import { isUtf8 } from 'node:buffer';
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import { getDocumentProxy } from 'unpdf';
import { docxProblem } from './docx-problem.ts';
import { pdfProblem } from './pdf-problem.ts';
import { openZip } from './read-zip.ts';

export const DOCUMENT_MEDIA_TYPES = [
  'text/plain', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const MB = 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ReadLimits {
  /** Most text, in UTF-8 bytes, a document may give. */
  readonly textBytes?: number;
  /** Most the parts of a DOCX that are read may unzip to together, in bytes. */
  readonly unzippedBytes?: number;
}

/**
 * The limits a document is read within unless told others: as much text as a report may hold
 * (10 MB, the largest file taken), and as much XML unzipped, which mammoth reads in about
 * 60 bytes of memory a byte (10 MB of XML: 0.7 GB).
 */
export const DOCUMENT_LIMITS: Required<ReadLimits> = Object.freeze({ textBytes: 10 * MB, unzippedBytes: 10 * MB });

const tooMuchText = (textBytes: number): AppError => {
  const reason = `expands to more than ${textBytes / MB} MB of text`;
  return new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason });
};

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'td', 'th', 'dt', 'dd']);

export async function readDocument(bytes: Uint8Array, mediaType: string, { textBytes = DOCUMENT_LIMITS.textBytes, unzippedBytes = DOCUMENT_LIMITS.unzippedBytes }: ReadLimits = {}): Promise<string> {
  const text = await readText(bytes, mediaType, { textBytes, unzippedBytes });
  if (Buffer.byteLength(text) > textBytes) throw tooMuchText(textBytes);
  return text;
}

async function readText(bytes: Uint8Array, mediaType: string, { textBytes, unzippedBytes }: Required<ReadLimits>): Promise<string> {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'text/plain':
      return utf8Text(bytes).replace(/\r\n?/g, '\n');
    case 'text/html':
      return htmlToText(utf8Text(bytes));
    case 'application/pdf':
      return pdfText(bytes, textBytes);
    case DOCX:
      return docxText(bytes, unzippedBytes);
    default:
      throw new AppError('MOSAIC_INVALID_INPUT', `extract: unsupported media type ${type}`);
  }
}

/** A text content chunk of pdf.js (a marked-content item has no `str`). */
interface TextChunk {
  readonly items: readonly { readonly str?: string; readonly hasEOL?: boolean }[];
}

/**
 * A PDF's text, page by page as unpdf's extractText reads it (an item's string, a line break
 * after an item ending a line), from pdf.js's stream of each page's text, which is left once the
 * text passes `textBytes`: a page's content stream may expand to hundreds of MB of text.
 */
async function pdfText(bytes: Uint8Array, textBytes: number): Promise<string> {
  try {
    return await pdfPagesText(bytes, textBytes);
  } catch (error) {
    // text past the limit is refused as it is; anything else met reading it is the document's fault
    if (error instanceof AppError) throw error;
    const reason = pdfProblem(error, bytes);
    throw new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason });
  }
}

/** pdf.js's VerbosityLevel.ERRORS: only its errors logged, no warnings. */
const PDF_ERRORS_ONLY = 0;

async function pdfPagesText(bytes: Uint8Array, textBytes: number): Promise<string> {
  // pdf.js's own warnings ("Indexing all PDF objects" as it reads a damaged file) are its errors only:
  // they went to the user's stderr beside the reason given, and the reason says what they meant
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: PDF_ERRORS_ONLY });
  try {
    const pages: string[] = [];
    let read = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const reader = (page.streamTextContent() as ReadableStream<TextChunk>).getReader();
      const parts: string[] = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        for (const item of chunk.value.items) {
          if (item.str === undefined) continue;
          const part = item.hasEOL ? `${item.str}\n` : item.str;
          read += Buffer.byteLength(part);
          if (read > textBytes) throw tooMuchText(textBytes);
          parts.push(part);
        }
      }
      pages.push(parts.join(''));
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await pdf.destroy();
  }
}

/**
 * A DOCX's raw text, mammoth reading its parts from the archive as read-zip.ts opens it, within
 * `unzippedBytes`. mammoth reads an archive given to it opened (`file`: exists, read; its
 * lib/unzip.js), which its types leave out (they name `path` and `buffer`).
 */
async function docxText(bytes: Uint8Array, unzippedBytes: number): Promise<string> {
  try {
    const zip = openZip(bytes, { budget: unzippedBytes });
    const file = {
      exists: (name: string): boolean => zip.exists(name),
      read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
        const part = zip.read(name);
        if (encoding === 'base64') return Buffer.from(part).toString('base64');
        return encoding ? new TextDecoder(encoding).decode(part) : part;
      },
    };
    const result = await mammoth.extractRawText({ file } as unknown as Parameters<typeof mammoth.extractRawText>[0]);
    return result.value.replace(/\n{3,}/g, '\n\n').trim();
  } catch (error) {
    // a budget spent is refused as it is; anything else met reading it is the document's fault
    if (error instanceof AppError) throw error;
    const reason = docxProblem(error, bytes);
    throw new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason });
  }
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((byte, i) => bytes[i] === byte);
const PDF_SIGNATURE = [...'%PDF-'].map((c) => c.charCodeAt(0));
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/**
 * Whether bytes that are not UTF-8 are no text in any encoding: a NUL, or C0 control bytes other
 * than tab, line breaks, form feed and escape in more than one byte in a hundred of the first 8 kB
 * (text in Latin-1 or Windows-1252 holds none; an image, an archive or a program many).
 */
function binary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) controls += 1;
  }
  return controls * 100 > head.length;
}

/**
 * The text of UTF-8 bytes (a UTF-8 byte-order mark dropped), else an invalid-input error naming
 * `content` that says what the bytes are: a PDF or a DOCX sent as text (a file named .txt, a
 * media type mistaken), which a PDF written without compression, all ASCII, would otherwise be
 * read as, its syntax stored as the report's text; another binary file; UTF-16; or text in
 * another encoding.
 */
function utf8Text(bytes: Uint8Array): string {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const reason = startsWith(bytes, PDF_SIGNATURE) ? 'is a PDF document, not text: send it as application/pdf (a .pdf file)'
    : startsWith(bytes, ZIP_SIGNATURE) ? `is a ZIP archive, as a DOCX document is, not text: send a DOCX as ${DOCX} (a .docx file)`
      : utf16 ? 'is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8'
        : isUtf8(bytes) ? undefined
          : binary(bytes) ? 'is not text: it holds bytes no text file holds (an image, an archive or a program?)'
            : 'is not valid UTF-8 (the file may be in another encoding, such as Latin-1 or Windows-1252; convert it to UTF-8)';
  if (reason !== undefined) throw new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason });
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * The text of an HTML page, a block element's content on lines of its own. One walk over the
 * tree, with a stack of its own (a page may nest deeper than the call stack goes): inserting the
 * line breaks into the tree took time in proportion to the page for each block, seconds for a
 * page of a few megabytes.
 */
function htmlToText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } });
  const parts: string[] = [];
  // a node to read, or the line break that closes a block once its content is read
  const stack: Array<Node | '\n'> = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node | '\n';
    if (node === '\n') {
      parts.push(node);
      continue;
    }
    if (node instanceof TextNode) {
      parts.push(node.text);
      continue;
    }
    if (!(node instanceof HTMLElement)) continue;
    const block = BLOCKS.has(node.rawTagName?.toLowerCase() ?? '');
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
  }
  return parts.join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
