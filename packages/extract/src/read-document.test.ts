import { describe, expect, it } from 'vitest';
import { readDocument } from './read-document.ts';
import { docxOf as minimalDocx, pdfOf } from './test-documents.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const MB = 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const minimalPdf = (line: string): Uint8Array => pdfOf([[line]]);

describe('readDocument', () => {
  it('decodes plain text, dropping a byte-order mark and carriage returns', async () => {
    expect(await readDocument(enc('\uFEFFline one\r\nline two'), 'text/plain; charset=utf-8')).toBe('line one\nline two');
  });
  it('turns HTML blocks into lines and drops scripts', async () => {
    const html = '<html><body><h1>Report</h1><p>Jan Peeters was <b>arrested</b>.</p><script>var x = 1;</script><p>End</p></body></html>';
    expect(await readDocument(enc(html), 'text/html')).toBe('Report\nJan Peeters was arrested.\nEnd');
  });
  it('extracts the text of a PDF', async () => {
    expect(await readDocument(minimalPdf('Suspect seen in Ghent'), 'application/pdf')).toContain('Suspect seen in Ghent');
  });
  it('extracts the paragraphs of a DOCX', async () => {
    const docx = await minimalDocx(['First paragraph.', 'Second paragraph.']);
    const text = await readDocument(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(text).toBe('First paragraph.\n\nSecond paragraph.');
  });
  it('refuses plain text or HTML that is not UTF-8, naming content, and says which encoding it may be', async () => {
    const latin1 = Buffer.from('Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln.', 'latin1');
    for (const type of ['text/plain', 'text/html']) {
      await expect(readDocument(latin1, type)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: expect.stringMatching(/^is not valid UTF-8 .*Latin-1.*convert it to UTF-8\)$/) } });
    }
    const utf16 = Buffer.from('\uFEFFFrançois Müller met Jürgen Weiß.', 'utf16le');
    await expect(readDocument(utf16, 'text/plain')).rejects.toMatchObject({ details: { field: 'content', reason: expect.stringMatching(/^is UTF-16 /) } });
    await expect(readDocument(Buffer.from([0xfe, 0xff, 0x00, 0x46]), 'text/plain')).rejects.toMatchObject({ details: { field: 'content' } });
    // UTF-8, with or without its byte-order mark, is read as it is
    expect(await readDocument(enc('\uFEFFFrançois Müller'), 'text/plain')).toBe('François Müller');
  });
  it('refuses a PDF, a DOCX or another binary file sent as plain text or HTML, saying what it is, naming content', async () => {
    // a PDF written without compression is ASCII, and so valid UTF-8: it was stored as its own syntax
    const plainPdf = pdfOf([['Suspect seen in Ghent']]);
    const packedPdf = pdfOf([['Suspect seen in Ghent']], { deflate: true });
    const docx = await minimalDocx(['First paragraph.']);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]);
    for (const type of ['text/plain', 'text/html']) {
      for (const pdf of [plainPdf, packedPdf]) {
        await expect(readDocument(pdf, type)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'is a PDF document, not text: send it as application/pdf (a .pdf file)' } });
      }
      await expect(readDocument(docx, type)).rejects.toMatchObject({ details: { field: 'content', reason: `is a ZIP archive, as a DOCX document is, not text: send a DOCX as ${DOCX} (a .docx file)` } });
      await expect(readDocument(png, type)).rejects.toMatchObject({ details: { field: 'content', reason: 'is not text: it holds bytes no text file holds (an image, an archive or a program?)' } });
    }
  });
  it('refuses a damaged DOCX, or a file that is none, naming content and saying what is wrong in plain words', async () => {
    const docx = await minimalDocx(['First paragraph.']);
    const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
    // the document part's compressed bytes overwritten: its entry and the archive's list intact
    const start = latin1(docx).indexOf('word/document.xml') + 'word/document.xml'.length;
    const garbled = Uint8Array.from(docx, (byte, i) => (i >= start && i < start + 40 ? 0xff : byte));
    const refusals: [Uint8Array, string][] = [
      [enc('a letter, not a DOCX'), 'it is not a ZIP archive, as a DOCX is: another kind of file named .docx, or one cut short'],
      [docx.subarray(0, docx.byteLength - 30), 'it is not a ZIP archive, as a DOCX is: another kind of file named .docx, or one cut short'],
      // the document part's name changed (the same length): the archive holds none
      [Buffer.from(latin1(docx).replaceAll('word/document.xml', 'word/documentx.xm'), 'latin1'), 'it holds no document part, word/document.xml'],
      [garbled, 'its part word/document.xml is damaged and cannot be unzipped: the file may be corrupted'],
    ];
    for (const [bytes, why] of refusals) {
      const reason = `is not a valid DOCX document (${why})`;
      await expect(readDocument(bytes, DOCX), why).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `extract: ${reason}`, details: { field: 'content', reason } });
    }
  });
  it('refuses a damaged PDF, or a file that is none, naming content and saying what is wrong in plain words', async () => {
    const pdf = minimalPdf('Suspect seen in Ghent');
    const latin1 = Buffer.from(pdf).toString('latin1');
    // pdf.js said "Invalid PDF structure." of each of the first four, and "No password given" of the last
    const refusals: [Uint8Array, string][] = [
      [new Uint8Array(0), 'the file is empty'],
      [enc('a letter, not a PDF'), 'it does not begin as a PDF does, with %PDF-: another kind of file named .pdf'],
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(200).fill(0)]), 'it does not begin as a PDF does, with %PDF-: another kind of file named .pdf'],
      // cut before its cross-reference table, or within it
      [pdf.subarray(0, latin1.indexOf('xref')), 'it is cut short: it lacks the end of file (%%EOF) a whole PDF ends with; copy it again from where it came'],
      [pdf.subarray(0, Math.floor(pdf.byteLength * 0.9)), 'it is cut short: it lacks the end of file (%%EOF) a whole PDF ends with; copy it again from where it came'],
      // whole, but its page tree damaged beyond what pdf.js rebuilds
      [Buffer.from(latin1.replace('/Type /Catalog /Pages 2 0 R', '/Type /Catalog /Pages 9 0 R'), 'latin1'), 'its structure is damaged and could not be read: the file may be corrupted'],
      [pdfOf([['Suspect seen in Ghent']], { password: true }), 'it is protected by a password: save it again without one'],
    ];
    for (const [bytes, why] of refusals) {
      const reason = `is not a valid PDF document (${why})`;
      await expect(readDocument(bytes, 'application/pdf'), why).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `extract: ${reason}`, details: { field: 'content', reason } });
    }
  });
  it('refuses a DOCX protected by a password, or a Word 97-2003 document named .docx (an OLE compound file), saying so', async () => {
    // what Word writes for a .docx saved with a password: the encrypted package in an OLE compound file, not a ZIP archive
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(1016).fill(0)]);
    const reason = 'is not a valid DOCX document (it is protected by a password, or is a Word 97-2003 document named .docx: save it again as a .docx document, without a password)';
    await expect(readDocument(ole, DOCX)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `extract: ${reason}`, details: { field: 'content', reason } });
  });
  it('refuses a DOCX whose parts unzip to more than the limit, naming content, without reading them', async () => {
    const line = 'Jan Peeters met Sofie Claes in Ghent on the fourth of May near the station.';
    // 45 kB of DOCX, 12.6 MB of XML: mammoth took 12 s and 0.7 GB to read 10 MB of it
    const bomb = await minimalDocx(Array.from({ length: 120_000 }, () => line));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const started = performance.now();
    await expect(readDocument(bomb, DOCX)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'expands to more than 10 MB when unzipped' } });
    expect(performance.now() - started).toBeLessThan(1000);
    // within the limit it is read; its text is held to the text's limit too
    const pages = await minimalDocx(Array.from({ length: 4000 }, () => line));
    await expect(readDocument(pages, DOCX, { unzippedBytes: MB / 4 })).rejects.toMatchObject({ details: { field: 'content', reason: 'expands to more than 0.25 MB when unzipped' } });
    expect(await readDocument(pages, DOCX)).toHaveLength(4000 * (line.length + 2) - 2);
    await expect(readDocument(pages, DOCX, { textBytes: MB / 8 })).rejects.toMatchObject({ details: { field: 'content', reason: 'expands to more than 0.125 MB of text' } });
  });
  it('leaves a PDF whose text passes the limit as soon as it does, naming content', async () => {
    // one page whose compressed stream expands to 15 MB of text: 135 kB of PDF
    const bomb = pdfOf([Array.from({ length: 200_000 }, () => 'Jan Peeters met Sofie Claes in Ghent on the fourth of May near the station.')], { deflate: true });
    expect(bomb.byteLength).toBeLessThan(256 * 1024);
    await expect(readDocument(bomb, 'application/pdf', { textBytes: MB / 2 })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'expands to more than 0.5 MB of text' } });
    // pages as they come: the limit is the document's, not a page's
    const pages = pdfOf(Array.from({ length: 40 }, (_, p) => Array.from({ length: 40 }, (__, i) => `Jan Peeters met Sofie Claes, page ${p} line ${i}`)), { deflate: true });
    await expect(readDocument(pages, 'application/pdf', { textBytes: 32 * 1024 })).rejects.toMatchObject({ details: { reason: 'expands to more than 0.03125 MB of text' } });
    expect(await readDocument(pages, 'application/pdf')).toContain('page 39 line 39');
  });
  it('refuses other media types as invalid input', async () => {
    await expect(readDocument(enc('x'), 'image/png')).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
  });
});
