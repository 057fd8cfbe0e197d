import { describe, expect, it } from 'vitest';
import { readDocument } from './read-document.ts';
import { docxOf as minimalDocx, pdfOf } from './test-documents.ts';

const enc = (s: string) => new TextEncoder().encode(s);

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
  it('refuses other media types as invalid input', async () => {
    await expect(readDocument(enc('x'), 'image/png')).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
  });
});
