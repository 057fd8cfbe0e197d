/**
 * Reading report documents: for a 500-page PDF, a DOCX of 20,000 paragraphs and an HTML page of
 * 50,000 paragraphs (2.3 MB), fictional text written by the tests' builders, the time to read
 * each and the longest the calling thread was held meanwhile (the longest gap between turns of a 1 ms timer),
 * read here (`readDocument`) and as an upload reads it (`readDocumentOffThread`). Prints JSON.
 */
import { readDocument, readDocumentOffThread } from '@mosaic/extract';
import { cpus, loadavg } from 'node:os';
import { docxOf, pdfOf } from '../packages/extract/src/test-documents.ts';

const line = (i: number): string => `Jan Peeters met Sofie Claes in Ghent on 2024-03-0${(i % 9) + 1}, line ${i}`;
const documents = [
  { name: 'pdf-500-pages', type: 'application/pdf', bytes: pdfOf(Array.from({ length: 500 }, (_, p) => Array.from({ length: 50 }, (_, i) => line(p * 50 + i)))) },
  { name: 'docx-20000-paragraphs', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await docxOf(Array.from({ length: 20_000 }, (_, i) => line(i))) },
  { name: 'html-50000-paragraphs', type: 'text/html', bytes: new TextEncoder().encode(`<html><body>${Array.from({ length: 50_000 }, (_, i) => `<p>${line(i)} <b>seen</b></p>`).join('')}</body></html>`) },
];

/** The time `read` takes, and the longest gap between turns of a 1 ms timer on this thread meanwhile. */
async function measure(read: () => Promise<string>): Promise<{ ms: number; heldMs: number; characters: number }> {
  let last = performance.now();
  let held = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const started = performance.now();
  const text = await read();
  const ms = performance.now() - started;
  // the stretch that ends with the read is seen at the timer's next turn
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { ms: Math.round(ms), heldMs: Math.round(held), characters: text.length };
}

const results = [];
for (const { name, type, bytes } of documents) {
  // the first read of a kind loads its library: measured once before
  await readDocument(bytes, type);
  results.push({ document: name, megabytes: Number((bytes.byteLength / 1e6).toFixed(2)), inThread: await measure(() => readDocument(bytes, type)), offThread: await measure(() => readDocumentOffThread(bytes, type)) });
}
console.log(JSON.stringify({ bench: 'read-documents', cpus: cpus().length, load: loadavg()[0]?.toFixed(2), results }, null, 2));
