/**
 * `mosaic extract FILE`: a text file that is not UTF-8 is refused, naming the file, not read into
 * replacement characters; a PDF is read within the time an upload's is (10 s and 20 s a MB), and
 * its text read for entities within the time an upload's is (10 s and 10 s a million characters).
 */
import { namesListedOf, pdfOf, pdfRedrawnOf } from '@mosaic/extract/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './extract.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mosaic extract', () => {
  it('refuses a Latin-1 or UTF-16 text file as invalid input naming the file, and reads UTF-8 with a byte-order mark', async () => {
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln.', 'latin1'));
    await expect(run([latin1])).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringMatching(new RegExp(`^extract: FILE ${latin1}: is not valid UTF-8 .*Latin-1`)) });
    const utf16 = join(dir, 'utf16.txt');
    writeFileSync(utf16, Buffer.from('\uFEFFFrançois Müller met Jürgen Weiß.', 'utf16le'));
    await expect(run([utf16])).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringMatching(new RegExp(`^extract: FILE ${utf16}: is UTF-16`)) });

    const utf8 = join(dir, 'utf8.txt');
    writeFileSync(utf8, Buffer.from('\uFEFFFrançois Müller met Jürgen Weiß in Köln.'));
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => { printed += chunk; return true; }) as typeof process.stdout.write;
    try {
      expect((await capturingStderr(() => run([utf8]))).value).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const names = (JSON.parse(printed) as { entities: { schema: string; name: string }[] }).entities.filter((e) => e.schema === 'Person').map((e) => e.name);
    expect(names).toEqual(['François Müller', 'Jürgen Weiß']);
  });

  it('refuses a damaged PDF, one protected by a password and one with no text, naming the file and why in plain words', async () => {
    const good = pdfOf([['Ingram Vollsaeter was seen in Aalst on 7 June 2025.']]);
    const files: [string, Uint8Array, string][] = [
      ['cut.pdf', good.subarray(0, Math.floor(good.byteLength * 0.9)), 'is not a valid PDF document (it is cut short: it lacks the end of file (%%EOF) a whole PDF ends with; copy it again from where it came)'],
      ['locked.pdf', pdfOf([['Ingram Vollsaeter was seen in Ninove.']], { password: true }), 'is not a valid PDF document (it is protected by a password: save it again without one)'],
      ['scan.pdf', pdfRedrawnOf({ pages: 1, drawings: 10 }), 'holds no text: a PDF whose pages are images, as a scanned document\'s are, has no text layer to read; run text recognition (OCR) on it and send the PDF it makes'],
    ];
    for (const [name, bytes, reason] of files) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      await expect(run([file])).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `extract: FILE ${file}: ${reason}` });
    }
  });

  it('gives up a PDF that takes longer to read than an upload may (10 s and 20 s a MB), naming the file and why', async () => {
    // 290 kB whose 2,000 pages each redraw 28 MB of line drawing: minutes of a core, read in-thread with no end
    const bomb = join(dir, 'redrawn.pdf');
    writeFileSync(bomb, pdfRedrawnOf({ pages: 2000, drawings: 2_000_000 }));
    const started = performance.now();
    await expect(run([bomb])).rejects.toMatchObject({
      code: 'MOSAIC_INVALID_INPUT', message: expect.stringMatching(new RegExp(`^extract: FILE ${bomb}: given up: takes more than 1\\d\\.\\d s to read$`)) as unknown,
    });
    expect(performance.now() - started).toBeLessThan(25_000);
  }, 40_000);

  it('gives up a text read for entities for longer than its time limit, naming the file and the limit', async () => {
    // one sentence listing names, 4 MB: seconds of a core, given 1 s here
    const listed = join(dir, 'listed.txt');
    writeFileSync(listed, namesListedOf(4_000_000));
    const started = performance.now();
    await expect(run([listed], { timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'MOSAIC_INVALID_INPUT', message: `extract: FILE ${listed}: given up: finding its entities takes more than the time limit of 1 s`,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
