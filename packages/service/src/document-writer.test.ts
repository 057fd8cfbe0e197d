import type { DocumentInput } from '@mosaic/store';
import { describe, expect, it } from 'vitest';
import { createDocumentWriter } from './document-writer.ts';

const doc = (id: string): DocumentInput => ({ kind: 'check', id, owner: 'zone-north', body: { id } });

describe('createDocumentWriter', () => {
  it('writes documents put in the same turn together, and those put while a batch is in flight in the next one', async () => {
    const batches: string[][] = [];
    let release: (() => void) | undefined;
    const writer = createDocumentWriter({
      putDocuments: async (documents) => {
        batches.push(documents.map((d) => d.id));
        if (batches.length === 1) await new Promise<void>((r) => { release = r; });
      },
    });
    const first = [writer.put(doc('a')), writer.put(doc('b'))];
    await new Promise((r) => setImmediate(r));
    const later = [writer.put(doc('c')), writer.put(doc('d')), writer.put(doc('e'))];
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([['a', 'b']]);
    release?.();
    await Promise.all([...first, ...later]);
    expect(batches).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('rejects only the callers whose batch failed, and goes on writing', async () => {
    let calls = 0;
    const writer = createDocumentWriter({
      putDocuments: async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
    });
    const failed = writer.put(doc('a'));
    await expect(failed).rejects.toThrow('disk full');
    await expect(writer.put(doc('b'))).resolves.toBeUndefined();
    await writer.idle();
    expect(calls).toBe(2);
  });
});
