import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { blockRecords, compareCandidatePairs, prepareRecords, type ResolvableRecord } from '@mosaic/resolution';
import { RecordId } from '@mosaic/model';
import { compareRequest, compareShare } from './compare-share.ts';

const names = ['Mira Vandersteen', 'Mira Van der Steen', 'Tomasz Wrobel', 'Tomasz Wróbel', 'Katrien Olbrechts', 'Katrien Olbrecht'];
const records: ResolvableRecord[] = Array.from({ length: 300 }, (_, i) => ({
  id: RecordId(`r${i}`),
  schema: 'Person',
  properties: { name: [names[i % names.length] as string], birthDate: [`19${60 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`] },
}));

describe('compareShare', () => {
  it('two threads taking ranges from one counter fill in what compareCandidatePairs gives', async () => {
    const batch = prepareRecords(records);
    const { pairs } = blockRecords(batch.prepared, batch.groups);
    const request = compareRequest(pairs, 8);
    // a second thread runs the same loop over the same shared request (its own copy of the records)
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       parentPort.once('message', async ({ records, request }) => {
         const { prepareRecords } = await import('@mosaic/resolution');
         const { compareShare } = await import(workerData);
         parentPort.postMessage(compareShare(prepareRecords(records).prepared, request));
       });`,
      { eval: true, workerData: new URL('./compare-share.ts', import.meta.url).href },
    );
    try {
      const theirs = new Promise<number>((resolve) => worker.once('message', resolve));
      worker.postMessage({ records, request });
      // let the worker start before this thread takes its share
      await new Promise((resolve) => setTimeout(resolve, 300));
      const mine = compareShare(batch.prepared, request);
      expect(mine + (await theirs)).toBe(pairs.count);
      const serial = compareCandidatePairs(batch.prepared, pairs);
      expect([...request.out.levels]).toEqual([...serial.levels]);
      expect([...request.out.tf]).toEqual([...serial.tf]);
    } finally {
      await worker.terminate();
    }
  });

  it('asks with the pairs in shared memory, copying only pairs that are not', () => {
    const batch = prepareRecords(records);
    const { pairs } = blockRecords(batch.prepared, batch.groups);
    expect(compareRequest(pairs, 8).left.buffer).toBe(pairs.left.buffer);
    const copied = compareRequest({ ...pairs, left: Int32Array.from(pairs.left), right: Int32Array.from(pairs.right) }, 8);
    expect(copied.left.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...copied.left]).toEqual([...pairs.left.subarray(0, pairs.count)]);
    expect([...copied.right]).toEqual([...pairs.right.subarray(0, pairs.count)]);
  });
});
