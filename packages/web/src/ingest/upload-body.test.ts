import { describe, expect, it } from 'vitest';
import { countLines, uploadBody, uploadLimitText } from './upload-body.ts';

/** A Blob whose stream hands out `pieces` as they are, so that a character can be split between two. */
function pieced(pieces: readonly Uint8Array<ArrayBuffer>[]): Blob {
  const blob = new Blob([...pieces]);
  return Object.assign(blob, {
    stream: () => new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    }),
  });
}

describe('uploadBody', () => {
  it('is the JSON of the fields with the file\'s text as content, quotes, backslashes, line ends and controls escaped', async () => {
    const text = 'id;name\r\nx-1;"Amira ""the \\ one"" Haddad"\n\tx-2;Tom\u0001Vos\n';
    const body = await uploadBody(new Blob([text]), { format: 'csv', filename: 'export.csv', mapping: { schema: 'Person', id: 'id' } });
    expect(body.type).toBe('application/json');
    expect(JSON.parse(await body.text())).toEqual({ format: 'csv', filename: 'export.csv', mapping: { schema: 'Person', id: 'id' }, content: text });
  });

  it('keeps a character whose bytes the file\'s pieces split, and drops a byte-order mark as File.text() does', async () => {
    const bytes = new TextEncoder().encode('\uFEFFZoë Ødegård 𝒜 — صلاح\n');
    const pieces = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const body = await uploadBody(pieced(pieces), { format: 'jsonl', filename: 'names.jsonl' });
    expect((JSON.parse(await body.text()) as { content: string }).content).toBe(await new Blob([bytes]).text());
    expect((JSON.parse(await body.text()) as { content: string }).content).toBe('Zoë Ødegård 𝒜 — صلاح\n');
  });

  it('sends an empty file as empty content', async () => {
    expect(JSON.parse(await (await uploadBody(new Blob([]), { format: 'jsonl', filename: 'e.jsonl' })).text())).toEqual({ format: 'jsonl', filename: 'e.jsonl', content: '' });
  });
});

describe('countLines', () => {
  it('counts the lines holding more than blanks, the last one without its line end too', async () => {
    expect(await countLines(new Blob(['a\r\n\r\n  \nb\n\tc']))).toBe(3);
    expect(await countLines(new Blob(['a\nb\n']))).toBe(2);
    expect(await countLines(new Blob(['']))).toBe(0);
    expect(await countLines(new Blob([' \n\t\n']))).toBe(0);
  });
});

describe('uploadLimitText', () => {
  it('states the server\'s limit in megabytes, whole where it is whole', () => {
    expect(uploadLimitText(64 * 1024 * 1024)).toBe('64 MB');
    expect(uploadLimitText(1024 * 1024)).toBe('1 MB');
    expect(uploadLimitText(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
