import { describe, expect, it } from 'vitest';
import { IN_THREAD_BYTES, pdfReadTimeoutMs, READ_WORKERS_AT_ONCE, readDocumentOffThread } from './read-document-off-thread.ts';
import { readDocument } from './read-document.ts';
import { docxOf, pdfOf, pdfRedrawnOf } from './test-documents.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How many times a 5 ms timer fired while `read` ran: 0 when it held the thread throughout. */
async function turnsWhile(read: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => { turns += 1; }, 5);
  try {
    await read();
  } finally {
    clearInterval(timer);
  }
  return turns;
}

const pages = Array.from({ length: 300 }, (_, p) => Array.from({ length: 40 }, (_, i) => `Jan Peeters met Sofie Claes in Ghent, page ${p} line ${i}`));

describe('reading a document off the calling thread', () => {
  it('reads a PDF in a worker, to the same text, while the calling thread goes on', async () => {
    const pdf = pdfOf(pages);
    let text = '';
    expect(await turnsWhile(async () => { text = await readDocumentOffThread(pdf, 'application/pdf'); })).toBeGreaterThan(3);
    expect(text).toBe(await readDocument(pdf, 'application/pdf'));
    expect(text).toContain('page 299 line 39');
  });

  it('reads a large DOCX and a large HTML page, and small ones, to the same text', async () => {
    const large = await docxOf(pages.flat());
    expect(large.byteLength).toBeGreaterThan(IN_THREAD_BYTES);
    expect(await readDocumentOffThread(large, DOCX)).toBe(await readDocument(large, DOCX));
    const small = await docxOf(['Jan Peeters met Sofie Claes.']);
    expect(await readDocumentOffThread(small, DOCX)).toBe('Jan Peeters met Sofie Claes.');
    const html = new TextEncoder().encode(`<html><body>${pages.flat().map((line) => `<p>${line}</p>`).join('')}</body></html>`);
    expect(await readDocumentOffThread(html, 'text/html')).toBe(await readDocument(html, 'text/html'));
  });

  it('reads a small DOCX that unzips to much XML in a worker, while the calling thread goes on', async () => {
    const small = await docxOf(Array.from({ length: 6000 }, () => 'Jan Peeters met Sofie Claes in Ghent on the fourth of May.'));
    expect(small.byteLength).toBeLessThan(IN_THREAD_BYTES);
    let text = '';
    expect(await turnsWhile(async () => { text = await readDocumentOffThread(small, DOCX); })).toBeGreaterThan(3);
    expect(text).toBe(await readDocument(small, DOCX));
  });

  it('refuses in a worker a DOCX that unzips past the limit, and one needing more memory than the worker may use, naming content', async () => {
    const line = 'Jan Peeters met Sofie Claes in Ghent on the fourth of May near the station.';
    const bomb = await docxOf(Array.from({ length: 120_000 }, () => line));
    await expect(readDocumentOffThread(bomb, DOCX)).rejects.toMatchObject({ name: 'AppError', code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'expands to more than 10 MB when unzipped' } });
    // 6 MB of XML within the limit, in a worker given 64 MB: the worker is stopped, the document refused
    const large = await docxOf(Array.from({ length: 60_000 }, () => line));
    await expect(readDocumentOffThread(large, DOCX, { workerMemoryMb: 64 })).rejects.toMatchObject({ name: 'AppError', code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: 'needs more than 64 MB of memory to be read' } });
  });

  it('refuses in a worker as readDocument does here: the same error, naming content', async () => {
    const latin1 = Buffer.from(`<p>${'Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln. '.repeat(1000)}</p>`, 'latin1');
    expect(latin1.byteLength).toBeGreaterThan(IN_THREAD_BYTES);
    const here = await readDocument(latin1, 'text/html').catch((error: unknown) => error);
    await expect(readDocumentOffThread(latin1, 'text/html')).rejects.toMatchObject({ name: 'AppError', code: 'MOSAIC_INVALID_INPUT', message: (here as Error).message, details: { field: 'content' } });
    // bytes that are no PDF: pdf.js's own error, told in plain words here and in a worker alike
    const notPdf = new TextEncoder().encode('not a pdf at all');
    const said = await readDocument(notPdf, 'application/pdf').catch((error: unknown) => error);
    await expect(readDocumentOffThread(notPdf, 'application/pdf')).rejects.toMatchObject({ name: 'AppError', code: 'MOSAIC_INVALID_INPUT', message: (said as Error).message, details: { field: 'content', reason: expect.stringMatching(/^is not a valid PDF document/) as unknown } });
  });

  it('stops reading a PDF whose pages redraw one long stream, within a time made of the file\'s size (10 s and 20 s a MB), naming content', async () => {
    // 290 kB: 2,000 pages each parsing 28 MB of drawing, which kept a core for the 2 minutes a worker may read
    const bomb = pdfRedrawnOf({ pages: 2000, drawings: 2_000_000 });
    const seconds = Number((pdfReadTimeoutMs(bomb.byteLength) / 1000).toFixed(1));
    expect(seconds).toBeLessThan(20);
    const started = performance.now();
    await expect(readDocumentOffThread(bomb, 'application/pdf')).rejects.toMatchObject({ name: 'AppError', code: 'MOSAIC_INVALID_INPUT', details: { field: 'content', reason: `takes more than ${seconds} s to read` } });
    expect(performance.now() - started).toBeLessThan(seconds * 1000 + 5000);
  }, 60_000);

  it('reads documents in workers READ_WORKERS_AT_ONCE at a time, the others waiting their turn', async () => {
    const bomb = pdfRedrawnOf({ pages: 200, drawings: 2_000_000 });
    const started = performance.now();
    const ended = await Promise.all(Array.from({ length: READ_WORKERS_AT_ONCE + 1 }, () => readDocumentOffThread(bomb, 'application/pdf', { workerTimeoutMs: 1500 })
      .then(() => 0, () => performance.now() - started)));
    // each read is stopped after 1.5 s: the last began once one before it had ended
    expect(Math.max(...ended)).toBeGreaterThanOrEqual(3000);
  }, 60_000);
});
