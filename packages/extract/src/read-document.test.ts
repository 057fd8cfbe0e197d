import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocument } from './read-document.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** A one-page PDF written by hand: catalogue, page tree, page, Helvetica, one text stream. */
function minimalPdf(line: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc(body);
}

/** The smallest DOCX Word accepts: content types, package relationship, one document part. */
async function minimalDocx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

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
