import { describe, expect, it } from 'vitest';
import { AgencyId, AppError, UserId } from '@mosaic/model';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { generateAuditKeyPair, loadAuditSigner } from './audit-keys.ts';
import { createMemoryAuditStorage } from './memory-audit-storage.ts';
import { sealEntry, type AuditEntry } from './audit-entry.ts';
import type { AuditStorage } from './audit-storage.ts';
import { signCheckpoint } from './checkpoint.ts';
import { fakeEntries } from './testing.ts';
import { verifyStoredChain } from './verify-chain.ts';

const signer = loadAuditSigner(generateAuditKeyPair());
const keys = signer.verifyKey;
const dpo = { user: UserId('dpo'), agency: AgencyId('fedpol') };
const NOW = '2025-06-01T00:00:00.000Z';
/** fakeEntries are made at 2025-01-01T00:00:SS, SS = seq: entry n is made before `secondOf(n + 1)`. */
const secondOf = (n: number): string => new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString();

async function seqsOf(storage: AuditStorage): Promise<number[]> {
  const seqs: number[] = [];
  for await (const entry of storage.entries()) seqs.push(entry.seq);
  return seqs;
}

/** A log of 20 entries, checkpoints every 5, written as a real log writes them. */
async function logOf(entries: readonly AuditEntry[] = fakeEntries(20), storage: AuditStorage = createMemoryAuditStorage()): Promise<{ storage: AuditStorage; log: AuditLog }> {
  await storage.append({ after: null, entries, checkpoints: entries.filter((e) => e.seq % 5 === 0).map((e) => signCheckpoint(signer, e)) });
  return { storage, log: createAuditLog({ storage, signer, checkpointEvery: 5, clock: () => NOW }) };
}

describe('AuditLog.prune', () => {
  it('deletes the entries made before the instant, oldest first, and logs who pruned what', async () => {
    const { storage, log } = await logOf();
    const progress: [number, number, string][] = [];
    const result = await log.prune({ before: secondOf(8), actor: dpo, purpose: 'retention', caseRef: 'DPO-1', keys, batchSize: 3, onProgress: (done, total, stage) => progress.push([done, total, stage]) });
    expect(result.pruned).toBe(7);
    expect(result.deleted).toBe(7);
    expect(result.through).toEqual({ seq: 7, hash: fakeEntries(7)[6]!.hash, time: secondOf(7) });
    expect(progress).toEqual([[0, 20, 'verify'], [0, 7, 'delete'], [3, 7, 'delete'], [6, 7, 'delete'], [7, 7, 'delete']]);
    expect(await seqsOf(storage)).toEqual([...Array.from({ length: 13 }, (_, i) => i + 8), 21]);
    // the prune's own entry: who, when, through which entry and date, how many; sealed by a checkpoint
    expect(result.entry).toMatchObject({
      seq: 21, time: NOW, actor: dpo, action: 'erasure', purpose: 'retention', caseRef: 'DPO-1', outcome: 'ok', reason: 'audit log pruned',
      query: { auditPrune: { before: secondOf(8), fromSeq: 1, throughSeq: 7, throughHash: result.through?.hash, throughTime: secondOf(7), entries: 7 } },
    });
    expect(await verifyStoredChain(storage, keys, { requireSealedTail: true })).toEqual({ ok: true, count: 14, prunedThrough: 7 });
  });

  it('stops when asked, after the batch under way: the log verifies as left, and the next prune deletes the rest first', async () => {
    const { storage, log } = await logOf();
    const stop = new AbortController();
    const stopped = await log.prune({ before: secondOf(8), actor: dpo, keys, batchSize: 3, signal: stop.signal, onProgress: (done, _, stage) => { if (stage === 'delete' && done > 0) stop.abort(); } });
    expect(stopped).toMatchObject({ pruned: 7, deleted: 3, through: { seq: 7 }, entry: { seq: 21 }, stopped: true });
    expect(await seqsOf(storage)).toEqual([...Array.from({ length: 17 }, (_, i) => i + 4), 21]);
    expect(await verifyStoredChain(storage, keys, { requireSealedTail: true })).toEqual({ ok: true, count: 14, prunedThrough: 7 });
    const rest = await log.prune({ before: secondOf(8), actor: dpo, keys });
    expect(rest).toMatchObject({ pruned: 0, deleted: 4 });
    expect(rest).not.toHaveProperty('stopped');
    expect(await seqsOf(storage)).toEqual([...Array.from({ length: 13 }, (_, i) => i + 8), 21]);
  });

  it('stopped while verifying, writes nothing', async () => {
    const { storage, log } = await logOf();
    const stop = new AbortController();
    const stopped = await log.prune({ before: secondOf(8), actor: dpo, keys, signal: stop.signal, onProgress: () => stop.abort() });
    expect(stopped).toEqual({ pruned: 0, deleted: 0, through: null, entry: null, stopped: true });
    expect(await seqsOf(storage)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyStoredChain(storage, keys)).toEqual({ ok: true, count: 20 });
  });

  it('prunes again from where it was cut, and the log goes on', async () => {
    const { storage, log } = await logOf();
    await log.prune({ before: secondOf(4), actor: dpo, keys });
    await log.append({ actor: dpo, action: 'consultation', outcome: 'ok' });
    const second = await log.prune({ before: secondOf(11), actor: dpo, keys });
    expect(second).toMatchObject({ pruned: 7, deleted: 7, through: { seq: 10 }, entry: { seq: 23, query: { auditPrune: { fromSeq: 4, throughSeq: 10, entries: 7 } } } });
    expect(await verifyStoredChain(storage, keys)).toEqual({ ok: true, count: 13, prunedThrough: 10 });
    // entries made at the instant itself are kept
    expect(await log.prune({ before: NOW, actor: dpo, keys })).toMatchObject({ pruned: 10, entry: { seq: 24 } });
    expect(await seqsOf(storage)).toEqual([21, 22, 23, 24]);
    expect(await verifyStoredChain(storage, keys, { requireSealedTail: true })).toEqual({ ok: true, count: 4, prunedThrough: 20 });
  });

  it('does nothing when no entry is due, and writes no entry', async () => {
    const { storage, log } = await logOf();
    expect(await log.prune({ before: secondOf(1), actor: dpo, keys })).toEqual({ pruned: 0, deleted: 0, through: null, entry: null });
    expect(await seqsOf(storage)).toHaveLength(20);
    expect(await storage.cut()).toBeNull();
    const empty = createAuditLog({ storage: createMemoryAuditStorage(), signer, clock: () => NOW });
    expect(await empty.prune({ before: NOW, actor: dpo, keys })).toEqual({ pruned: 0, deleted: 0, through: null, entry: null });
  });

  it('refuses an instant that is not one or is in the future, and deletes nothing', async () => {
    const { storage, log } = await logOf();
    for (const before of ['2025-13-01T00:00:00.000Z', 'yesterday', '2025-01-01', '2025-06-01T00:00:00.001Z', '2030-01-01T00:00:00Z']) {
      await expect(log.prune({ before, actor: dpo, keys })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
    }
    await expect(log.prune({ before: NOW, actor: dpo, keys, batchSize: 0 })).rejects.toThrow(AppError);
    expect(await seqsOf(storage)).toHaveLength(20);
    expect(await storage.cut()).toBeNull();
  });

  it('refuses to prune a broken log, so that the evidence stays', async () => {
    const edited = fakeEntries(20);
    edited[2] = { ...edited[2]!, purpose: 'cover-up' };
    const { storage, log } = await logOf(edited);
    await expect(log.prune({ before: secondOf(8), actor: dpo, keys })).rejects.toMatchObject({ code: 'MOSAIC_AUDIT_BROKEN', message: expect.stringContaining('broken at entry 3 (hash_mismatch') as unknown });
    expect(await seqsOf(storage)).toHaveLength(20);
    expect(await storage.cut()).toBeNull();
    // a break after the entries due is not the prune's to find: verify finds it
    expect(await log.prune({ before: secondOf(3), actor: dpo, keys })).toMatchObject({ pruned: 2 });
  });

  it('refuses a chain rewritten over a checkpoint it would prune', async () => {
    const entries = fakeEntries(20);
    const { storage, log } = await logOf(entries);
    const checkpoints = await storage.checkpoints();
    let prev = entries[1]!.hash;
    const rewritten = entries.map((e, i) => {
      if (i < 2) return e;
      const next = sealEntry(i === 2 ? { ...e, purpose: 'rewritten' } : e, prev);
      prev = next.hash;
      return next;
    });
    const inner = createMemoryAuditStorage();
    await inner.append({ after: null, entries: rewritten });
    // the genuine checkpoints stay beside the rewritten chain: they cannot be signed again
    const forged: AuditStorage = { ...inner, checkpoints: () => Promise.resolve(checkpoints) };
    await expect(createAuditLog({ storage: forged, signer, clock: () => NOW }).prune({ before: secondOf(8), actor: dpo, keys })).rejects.toMatchObject({ code: 'MOSAIC_AUDIT_BROKEN' });
    expect(await seqsOf(forged)).toHaveLength(20);
    expect(await log.prune({ before: secondOf(8), actor: dpo, keys })).toMatchObject({ pruned: 7 });
  });

  it('finishes an interrupted prune: entries left at or below the cut go first, and verification never reads them', async () => {
    const inner = (await logOf()).storage;
    let failAfter = 1;
    const flaky: AuditStorage = {
      ...inner,
      deleteThrough: (through, limit) => (failAfter-- > 0 ? inner.deleteThrough(through, limit) : Promise.reject(new AppError('MOSAIC_STORE_UNAVAILABLE'))),
    };
    const log = createAuditLog({ storage: flaky, signer, checkpointEvery: 5, clock: () => NOW });
    await expect(log.prune({ before: secondOf(11), actor: dpo, keys, batchSize: 4 })).rejects.toMatchObject({ code: 'MOSAIC_STORE_UNAVAILABLE' });
    expect((await seqsOf(inner))[0]).toBe(5);
    expect(await verifyStoredChain(inner, keys)).toEqual({ ok: true, count: 11, prunedThrough: 10 });
    const progress: [number, number, string][] = [];
    const again = createAuditLog({ storage: inner, signer, clock: () => NOW });
    expect(await again.prune({ before: secondOf(1), actor: dpo, keys, onProgress: (done, total, stage) => progress.push([done, total, stage]) })).toEqual({ pruned: 0, deleted: 6, through: null, entry: null });
    expect(progress).toEqual([[0, 11, 'verify'], [0, 6, 'delete'], [6, 6, 'delete']]);
    expect((await seqsOf(inner))[0]).toBe(11);
    expect(await verifyStoredChain(inner, keys)).toEqual({ ok: true, count: 11, prunedThrough: 10 });
  });

  it('two prunes at once cut once, and the log verifies', async () => {
    const { storage } = await logOf();
    const logs = [0, 1].map(() => createAuditLog({ storage, signer, clock: () => NOW }));
    const results = await Promise.all(logs.map((log) => log.prune({ before: secondOf(8), actor: dpo, keys, batchSize: 2 })));
    expect(results.map((r) => r.pruned).sort()).toEqual([0, 7]);
    expect(results.filter((r) => r.entry !== null)).toHaveLength(1);
    expect(await verifyStoredChain(storage, keys)).toEqual({ ok: true, count: 14, prunedThrough: 7 });
  });
});
