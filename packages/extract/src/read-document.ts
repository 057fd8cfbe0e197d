/**
 * Documents to plain text: text/plain (UTF-8, BOM dropped), text/html (block elements become
 * line breaks, scripts and styles dropped), application/pdf (unpdf, pages joined by blank
 * lines) and DOCX (mammoth's raw text). Other media types are refused as invalid input, and so
 * is plain text or HTML that is not UTF-8, naming `content`: decoded anyway, a Latin-1 or
 * UTF-16 file became replacement characters ("Fran\uFFFDois") in which nothing is found.
 */
import { AppError } from '@mosaic/model';
import mammoth from 'mammoth';
import { isUtf8 } from 'node:buffer';
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import { extractText, getDocumentProxy } from 'unpdf';

export const DOCUMENT_MEDIA_TYPES = [
  'text/plain', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'td', 'th', 'dt', 'dd']);

export async function readDocument(bytes: Uint8Array, mediaType: string): Promise<string> {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'text/plain':
      return utf8Text(bytes).replace(/\r\n?/g, '\n');
    case 'text/html':
      return htmlToText(utf8Text(bytes));
    case 'application/pdf': {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(pdf, { mergePages: false });
      return (Array.isArray(text) ? text : [text]).join('\n\n');
    }
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
      const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return result.value.replace(/\n{3,}/g, '\n\n').trim();
    }
    default:
      throw new AppError('MOSAIC_INVALID_INPUT', `extract: unsupported media type ${type}`);
  }
}

/** The text of UTF-8 bytes (a UTF-8 byte-order mark dropped), else an invalid-input error naming `content`. */
function utf8Text(bytes: Uint8Array): string {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16 || !isUtf8(bytes)) {
    const reason = utf16
      ? 'is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8'
      : 'is not valid UTF-8 (the file may be in another encoding, such as Latin-1 or Windows-1252; convert it to UTF-8)';
    throw new AppError('MOSAIC_INVALID_INPUT', `extract: ${reason}`, { field: 'content', reason });
  }
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
