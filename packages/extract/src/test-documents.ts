/**
 * Documents written by hand for the tests: a PDF of pages of lines, a hostile PDF, the smallest DOCX
 * Word accepts, one long sentence listing names and a long text of dates.
 */
import JSZip from 'jszip';
import { deflateSync } from 'node:zlib';

/**
 * A PDF of these pages (each a list of lines): catalogue, page tree, the pages, Helvetica, one
 * text stream per page, compressed (FlateDecode) with `deflate`. Lines past a page's 50th are
 * written over the first ones, so that a page holds any number: pdf.js leaves out text off the page.
 * With `password`, the file is encrypted as one saved with a password to open it is: the standard
 * security handler (revision 2), whose user password no empty password answers (its strings are
 * left as they are: no reader gets as far as them).
 */
export function pdfOf(pages: readonly (readonly string[])[], { deflate = false, password = false }: { readonly deflate?: boolean; readonly password?: boolean } = {}): Uint8Array {
  const objects: Buffer[] = [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'), Buffer.alloc(0)];
  const kids: string[] = [];
  const font = 3 + pages.length * 2;
  for (const lines of pages) {
    const text = Buffer.from(lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - (i % 50) * 14} Td (${line}) Tj ET`).join('\n'), 'latin1');
    const stream = deflate ? deflateSync(text, { level: 9 }) : text;
    const page = objects.length + 1;
    objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${page + 1} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`));
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${stream.length}${deflate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`), stream, Buffer.from('\nendstream')]));
    kids.push(`${page} 0 R`);
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`);
  objects.push(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'));
  const hex = (seed: number): string => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  if (password) objects.push(Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O <${hex(1)}> /U <${hex(2)}> /P -4 >>`));
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) trailer += `${String(o).padStart(10, '0')} 00000 n \n`;
  const encrypted = password ? ` /Encrypt ${objects.length} 0 R /ID [<${hex(3).slice(0, 32)}> <${hex(3).slice(0, 32)}>]` : '';
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypted} >>\nstartxref\n${length}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([...parts, Buffer.from(trailer)]));
}

/**
 * A hostile PDF: `pages` pages that all draw one content stream of `drawings` line segments
 * (no text), compressed, so that a file of a few hundred kB has pdf.js parse gigabytes of
 * drawing for its text, page after page.
 */
export function pdfRedrawnOf({ pages, drawings }: { readonly pages: number; readonly drawings: number }): Uint8Array {
  const stream = deflateSync(Buffer.from('0 0 m 1 1 l S\n'.repeat(drawings)), { level: 9 });
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream')]),
    ...Array.from({ length: pages }, () => Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>')),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) trailer += `${String(o).padStart(10, '0')} 00000 n \n`;
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([...parts, Buffer.from(trailer)]));
}

/** The smallest DOCX Word accepts: content types, package relationship, one document part. */
export async function docxOf(paragraphs: readonly string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * A text of about `characters` that is one sentence listing names ("Present were Ivan Kowalski,
 * Piotr Nowak, …"): its relations were once looked for in time growing with the square of its
 * length (a million characters: a minute), and are now in time linear in it (a million characters:
 * about a second of a core, so that four million outlast a time limit of one second).
 */
export function namesListedOf(characters: number): string {
  const given = ['Ivan', 'Piotr', 'Marek', 'Jan', 'Ahmed', 'Youssef', 'Karim', 'Luc'];
  const family = ['Kowalski', 'Nowak', 'Benali', 'Janssens', 'Peeters', 'Dubois', 'Maes', 'Haddad'];
  const names: string[] = [];
  for (let i = 0, length = 13; length < characters; i++) {
    const name = `${given[i % 8]} ${family[(i * 3 + (i >> 3)) % 8]}`;
    names.push(name);
    length += name.length + 2;
  }
  return `Present were ${names.join(', ')}.`;
}

/**
 * A fictional text of about `characters` with a date in every sentence, written as reports write
 * them: "on 4 March 2019", "04/03/2019", "2019-03-04", "In March 2019", a day and month that
 * borrow their year from a full date after them ("From 4 March to 4 April 2019") and one with no
 * year ("On 4 March …"). Its dates were once found in time growing with the square of its length (a
 * million characters: seconds).
 */
export function datesWrittenOf(characters: number): string {
  const given = ['Ivan', 'Piotr', 'Marek', 'Jan', 'Ahmed', 'Youssef', 'Karim', 'Luc'];
  const family = ['Kowalski', 'Nowak', 'Benali', 'Janssens', 'Peeters', 'Dubois', 'Maes', 'Haddad'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const two = (n: number) => String(n).padStart(2, '0');
  const sentences: string[] = [];
  for (let i = 0, length = 0; length < characters; i++) {
    const [day, month, year] = [(i % 28) + 1, i % 12, 2000 + (i % 25)];
    const who = `${given[i % 8]} ${family[(i * 3 + (i >> 3)) % 8]}`;
    const sentence = [
      `${who} was seen in Antwerp on ${day} ${months[month]} ${year}.`,
      `The transfer of ${two(day)}/${two(month + 1)}/${year} was made by ${who}.`,
      `A ticket dated ${year}-${two(month + 1)}-${two(day)} names ${who}.`,
      `In ${months[month]} ${year} ${who} moved to Brussels.`,
      `From ${day} ${months[month]} to ${day} ${months[(month + 1) % 12]} ${year} ${who} rented a flat.`,
      `On ${day} ${months[month]} ${who} called the harbour office.`,
    ][i % 6] as string;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}
