import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordFile, type ReadRecordFileOptions } from './read-record-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-read-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = Array.from({ length: 400 }, (_, i) =>
  i % 97 === 5 ? '{"id":' : JSON.stringify({ id: `r${i}`, schema: i % 3 === 0 ? 'Address' : 'Person', properties: { name: [`Nom ${i} Éléonore`], notes: ['x'] } }));
const path = join(dir, 'records.jsonl');
writeFileSync(path, `\uFEFF${lines.join('\r\n')}\n`);

async function readAll(options: ReadRecordFileOptions): Promise<{ ids: string[]; rejected: number[]; offsets: number[] }> {
  const ids: string[] = [];
  const rejected: number[] = [];
  const offsets: number[] = [];
  for await (const piece of readRecordFile(path, options)) {
    ids.push(...piece.records.map((r) => r.id));
    rejected.push(...piece.rejected.map((r) => r.line));
    offsets.push(piece.endOffset);
  }
  return { ids, rejected, offsets };
}

describe('readRecordFile', () => {
  it('reads the same records and line numbers in a worker thread as in this one, in small pieces', async () => {
    const here = await readAll({ workerFrom: Infinity, pieceBytes: 500, keep: new Set(['name']) });
    const worker = await readAll({ workerFrom: 0, pieceBytes: 500, keep: new Set(['name']) });
    expect(worker).toEqual(here);
    expect(here.offsets.length).toBeGreaterThan(10);
    expect(here.rejected).toEqual([6, 103, 200, 297, 394]);
    expect(here.ids).toHaveLength(395);
    expect(here.ids[0]).toBe('r0');
    expect(here.offsets.at(-1)).toBe(Buffer.byteLength(`\uFEFF${lines.join('\r\n')}\n`));
  });
  it('keeps one schema and stops its worker when the reader stops early', async () => {
    const persons = await readAll({ workerFrom: 0, pieceBytes: 1000, schema: 'Person' });
    expect(persons.ids).toHaveLength(lines.filter((l) => l.includes('"Person"')).length);
    for await (const piece of readRecordFile(path, { workerFrom: 0, pieceBytes: 200 })) {
      expect(piece.records.length + piece.rejected.length).toBeGreaterThan(0);
      break;
    }
  });
});
