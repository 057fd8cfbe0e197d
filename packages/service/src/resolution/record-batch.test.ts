import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from '@mosaic/demo';
import { MATCHING_PROPERTIES, type PreparedRecord } from '@mosaic/matching';
import { parseBatchLine } from '@mosaic/resolution';
import { openRecordBatch, type RecordBatchOptions } from './record-batch.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-record-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = Array.from({ length: 400 }, (_, i) =>
  i % 97 === 5 ? '{"id":' : JSON.stringify({ id: `r${i}`, schema: i % 3 === 0 ? 'Address' : 'Person', properties: { name: [`Nom ${i} Éléonore`], notes: ['x'] } }));
const small = join(dir, 'records.jsonl');
writeFileSync(small, `\uFEFF${lines.join('\r\n')}\n`);

// a fictional generated demo (namesakes, transliterations, typos): thousands of candidate pairs
const demo = join(dir, 'demo.jsonl');
writeFileSync(demo, [...generateDemo({ persons: 1000, seed: 5 })].filter((l) => l.file === 'records.jsonl').map((l) => `${l.line}\n`).join(''));

async function readAll(path: string, options: RecordBatchOptions): Promise<{ ids: string[]; rejected: number[]; offsets: number[] }> {
  const ids: string[] = [];
  const rejected: number[] = [];
  const offsets: number[] = [];
  const batch = openRecordBatch(path, options);
  try {
    for await (const piece of batch.pieces) {
      ids.push(...piece.records.map((r) => r.id));
      rejected.push(...piece.rejected.map((r) => r.line));
      offsets.push(piece.endOffset);
    }
  } finally {
    await batch.close();
  }
  return { ids, rejected, offsets };
}

describe('openRecordBatch', () => {
  it('reads the same records and line numbers in a worker thread as in this one, in small pieces', async () => {
    const here = await readAll(small, { workerFrom: Infinity, pieceBytes: 500, keep: new Set(['name']) });
    const worker = await readAll(small, { workerFrom: 0, pieceBytes: 500, keep: new Set(['name']) });
    expect(worker).toEqual(here);
    expect(here.offsets.length).toBeGreaterThan(10);
    expect(here.rejected).toEqual([6, 103, 200, 297, 394]);
    expect(here.ids).toHaveLength(395);
    expect(here.ids[0]).toBe('r0');
    expect(here.offsets.at(-1)).toBe(Buffer.byteLength(`\uFEFF${lines.join('\r\n')}\n`));
    // decoded line by line from bytes: the same as parsing each line of the text on its own
    const each = lines.map((l) => parseBatchLine(l, { keep: new Set(['name']) }));
    expect(here.ids).toEqual(each.flatMap((p) => (p?.ok ? [p.record.id] : [])));
    expect(here.rejected).toEqual(each.flatMap((p, k) => (p !== undefined && !p.ok ? [k + 1] : [])));
    const persons = await readAll(small, { workerFrom: 0, pieceBytes: 1000, schema: 'Person' });
    expect(persons.ids).toHaveLength(lines.filter((l) => l.includes('"Person"')).length);
  });

  it('resolves with comparisons on two threads exactly as in one: the same pairs, probabilities, model and entities', async () => {
    const resolveFile = async (options: RecordBatchOptions, holdOut: number) => {
      const batch = openRecordBatch(demo, { keep: MATCHING_PROPERTIES, schema: 'Person', ...options });
      try {
        const records = [];
        for await (const piece of batch.pieces) records.push(...piece.records);
        // all but the last few, as the scale bench holds them out
        for (const record of records.slice(0, records.length - holdOut)) batch.add(record);
        const run = await batch.resolve({ at: '2026-01-01T00:00:00Z' });
        return { run, workerShare: batch.workerShare() };
      } finally {
        await batch.close();
      }
    };
    // two threads first: names the worker normalised (it does while it waits for this thread)
    // bring tokens this thread has not made yet
    const parallel = await resolveFile({ workerFrom: 0, pieceBytes: 4096, compareStep: 16, waitForWorker: true }, 7);
    const serial = await resolveFile({ workerFrom: Infinity }, 7);
    const { pairs } = serial.run.state;
    expect(pairs.count).toBeGreaterThan(1000);
    expect(serial.workerShare).toBe(0);
    expect(parallel.workerShare).toBeGreaterThan(0);
    // the candidate pairs and the random pairs u is estimated from, both shared between the threads
    expect(serial.run.stats.randomPairs).toBeGreaterThan(1000);
    expect(parallel.workerShare).toBeLessThan(pairs.count + serial.run.stats.randomPairs);
    expect(parallel.run.state.ids).toEqual(serial.run.state.ids);
    // prepared alike, the names normalised in the worker included (a name's key id is numbered
    // per batch), with one object per token
    const keyless = (prepared: readonly PreparedRecord[]) => prepared.map((r) => ({ ...r, names: r.names.map(({ keyId: _keyId, ...name }) => name) }));
    expect(keyless(parallel.run.state.prepared)).toEqual(keyless(serial.run.state.prepared));
    const tokens = new Map<string, unknown>();
    let copies = 0;
    for (const record of parallel.run.state.prepared) {
      for (const { name } of record.names) {
        for (const t of name.tokens) {
          const key = `${t.kind}/${t.text}/${t.frame ?? ''}`;
          if ((tokens.get(key) ?? t) !== t) copies++;
          tokens.set(key, t);
        }
      }
    }
    expect(tokens.size).toBeGreaterThan(500);
    expect(copies).toBe(0);
    expect([...parallel.run.state.pairs.left.subarray(0, pairs.count)]).toEqual([...pairs.left.subarray(0, pairs.count)]);
    expect([...parallel.run.state.pairs.right.subarray(0, pairs.count)]).toEqual([...pairs.right.subarray(0, pairs.count)]);
    expect([...parallel.run.state.probabilities]).toEqual([...serial.run.state.probabilities]);
    expect(parallel.run.model).toEqual(serial.run.model);
    expect(parallel.run.state.entities).toEqual(serial.run.state.entities);
    expect(parallel.run.change).toEqual(serial.run.change);
  });

  it('stops its worker when the reader stops early, and resolves a batch once', async () => {
    const batch = openRecordBatch(small, { workerFrom: 0, pieceBytes: 200 });
    try {
      for await (const piece of batch.pieces) {
        for (const record of piece.records) batch.add(record);
        break;
      }
      const run = await batch.resolve({ at: '2026-01-01T00:00:00Z' });
      expect(run.stats.records).toBeGreaterThan(0);
      await expect(batch.resolve()).rejects.toThrow(/once/);
    } finally {
      await batch.close();
    }
  });
});
