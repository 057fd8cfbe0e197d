import { describe, expect, it } from 'vitest';
import { openZip } from './read-zip.ts';
import { docxOf } from './test-documents.ts';

const MB = 1024 * 1024;
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The archive with the size its central directory declares for `name` set to `size`. */
function declaring(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 < bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== wanted.length) continue;
    if (decode(bytes.subarray(at + 46, at + 46 + wanted.length)) !== name) continue;
    view.setUint32(at + 24, size, true);
    return bytes;
  }
  throw new Error(`no entry ${name}`);
}

describe('openZip', () => {
  it('reads the parts of a DOCX, knowing what they unzip to before unzipping them', async () => {
    const docx = await docxOf(['Jan Peeters met Sofie Claes.']);
    const zip = openZip(docx, { budget: MB });
    expect(zip.exists('word/document.xml')).toBe(true);
    expect(zip.exists('word/styles.xml')).toBe(false);
    const parts = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'].map((name) => zip.read(name));
    expect(decode(parts[2]!)).toContain('<w:t>Jan Peeters met Sofie Claes.</w:t>');
    expect(zip.unzippedBytes).toBe(parts.reduce((sum, part) => sum + part.byteLength, 0));
  });

  it('refuses, naming content, a part that would take its reads past the budget, before unzipping it', async () => {
    const bomb = await docxOf(Array.from({ length: 20_000 }, () => 'Jan Peeters met Sofie Claes in Ghent on the fourth of May.'));
    expect(bomb.byteLength).toBeLessThan(16 * 1024);
    const zip = openZip(bomb, { budget: MB });
    expect(zip.unzippedBytes).toBeGreaterThan(MB);
    expect(() => zip.read('word/document.xml')).toThrow(expect.objectContaining({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'expands to more than 1 MB when unzipped' } }));
    // each read counts: the same part read twice is unzipped twice
    const docx = await docxOf(['Jan Peeters.']);
    const [rels, document] = ['_rels/.rels', 'word/document.xml'].map((name) => openZip(docx, { budget: MB }).read(name).byteLength) as [number, number];
    const small = openZip(docx, { budget: 2 * rels + document - 1 });
    small.read('_rels/.rels');
    small.read('_rels/.rels');
    expect(() => small.read('word/document.xml')).toThrow(/expands to more than/);
  });

  it('refuses a part that unzips to more than its entry declares, and what is no archive', async () => {
    const docx = await docxOf(Array.from({ length: 1000 }, () => 'Jan Peeters met Sofie Claes.'));
    const lying = openZip(declaring(docx, 'word/document.xml', 100), { budget: MB });
    expect(() => lying.read('word/document.xml')).toThrow('zip: word/document.xml unzips to more than the 100 bytes it declares');
    expect(() => openZip(new TextEncoder().encode('not a zip at all'), { budget: MB })).toThrow(/not a ZIP archive/);
  });
});
