/**
 * The contract every AuditStorage implementation must pass (house rule 8: one suite, every
 * implementation). The store package calls `auditStorageContract('sqlite', () => ...)` and
 * `auditStorageContract('postgres', () => ...)` from its own tests.
 */
import { describe, expect, it } from 'vitest';
import { AgencyId, isAppError, UserId } from '@mosaic/model';
import { entryBody, GENESIS_HASH, sealEntry, type AuditEntry } from './audit-entry.ts';
import type { AuditStorage } from './audit-storage.ts';
import { loadAuditSigner, generateAuditKeyPair } from './audit-keys.ts';
import { signCheckpoint } from './checkpoint.ts';
import { signCut } from './audit-cut.ts';
import { verifyStoredChain } from './verify-chain.ts';
import { createAuditLog } from './audit-log.ts';

/** A fictional chain of `count` entries after `after`, for storage tests. */
export function fakeEntries(count: number, after: { seq: number; hash: string } | null = null): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = after?.hash ?? GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const seq = (after?.seq ?? 0) + i;
    const body = entryBody(
      { actor: { user: UserId(`u${seq % 3}`), agency: AgencyId(`ag${seq % 2}`) }, action: 'consultation', purpose: 'test', caseRef: `case-${seq}`, outcome: 'ok', query: { n: seq } },
      seq,
      new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    );
    const entry = sealEntry(body, prev);
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

async function collect(iterable: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

async function rejectsWithConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isAppError(error) && error.code === 'MOSAIC_CONFLICT').toBe(true);
}

export function auditStorageContract(name: string, makeStorage: () => Promise<AuditStorage> | AuditStorage): void {
  describe(`AuditStorage contract: ${name}`, () => {
    const signer = loadAuditSigner(generateAuditKeyPair());

    it('starts empty', async () => {
      const storage = await makeStorage();
      expect(await storage.head()).toBeNull();
      expect(await collect(storage.entries())).toEqual([]);
      expect(await storage.checkpoints()).toEqual([]);
    });

    it('appends, reports the head and reads ranges in seq order', async () => {
      const storage = await makeStorage();
      const entries = fakeEntries(5);
      await storage.append({ after: null, entries });
      expect(await storage.head()).toEqual({ seq: 5, hash: entries[4]!.hash });
      expect(await collect(storage.entries())).toEqual(entries);
      expect((await collect(storage.entries({ fromSeq: 2, toSeq: 4 }))).map((e) => e.seq)).toEqual([2, 3, 4]);
    });

    it('rejects a batch built on a stale head and writes nothing', async () => {
      const storage = await makeStorage();
      const first = fakeEntries(2);
      await storage.append({ after: null, entries: first });
      await rejectsWithConflict(storage.append({ after: null, entries: fakeEntries(1) }));
      const stale = { seq: 1, hash: first[0]!.hash };
      await rejectsWithConflict(storage.append({ after: stale, entries: fakeEntries(1, stale) }));
      expect((await collect(storage.entries())).length).toBe(2);
    });

    it('is all or nothing when a batch does not continue the chain', async () => {
      const storage = await makeStorage();
      const good = fakeEntries(3);
      const gap = [good[0]!, good[2]!];
      await rejectsWithConflict(storage.append({ after: null, entries: gap }));
      const unlinked = [good[0]!, { ...good[1]!, prevHash: GENESIS_HASH }];
      await rejectsWithConflict(storage.append({ after: null, entries: unlinked }));
      expect(await storage.head()).toBeNull();
    });

    it('stores checkpoints with their batch and on demand, and the chain verifies', async () => {
      const storage = await makeStorage();
      const entries = fakeEntries(4);
      await storage.append({ after: null, entries, checkpoints: [signCheckpoint(signer, entries[1]!)] });
      await storage.putCheckpoint(signCheckpoint(signer, entries[3]!));
      expect((await storage.checkpoints()).map((c) => c.seq)).toEqual([2, 4]);
      expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: true })).toEqual({ ok: true, count: 4 });
    });

    it('refuses a checkpoint over no stored entry', async () => {
      const storage = await makeStorage();
      const entries = fakeEntries(2);
      await storage.append({ after: null, entries });
      await rejectsWithConflict(storage.putCheckpoint(signCheckpoint(signer, { seq: 3, hash: entries[1]!.hash })));
      await rejectsWithConflict(storage.putCheckpoint(signCheckpoint(signer, { seq: 2, hash: entries[0]!.hash })));
    });

    it('appends on the head it reads, so concurrent writers never conflict (appendOnHead)', async () => {
      const storage = await makeStorage();
      const writers = [0, 1, 2].map(() => createAuditLog({ storage, signer, checkpointEvery: 4 }));
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => writers[i % 3]!.append({ actor: { user: UserId('u1'), agency: AgencyId('ag1') }, action: 'consultation', outcome: 'ok' })),
      );
      expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 30 });
      // the batch it builds is still checked: one that does not continue the head writes nothing
      await expect(storage.appendOnHead(() => ({ after: null, entries: fakeEntries(1) }))).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT' });
      expect((await storage.head())?.seq).toBe(30);
    });

    it('records a cut with a batch: over a stored entry or one of the batch, beyond the last cut, never over the last entry', async () => {
      const storage = await makeStorage();
      const entries = fakeEntries(10);
      await storage.append({ after: null, entries: entries.slice(0, 6) });
      expect(await storage.cut()).toBeNull();
      const head = (seq: number) => ({ seq, hash: entries[seq - 1]!.hash });
      const cut3 = signCut(signer, entries[2]!);
      await storage.append({ after: head(6), entries: entries.slice(6, 7), cut: cut3 });
      expect(await storage.cut()).toEqual(cut3);
      // refused whole, entries with it: not beyond the recorded cut, over no stored entry, over the last entry
      await rejectsWithConflict(storage.append({ after: head(7), entries: entries.slice(7, 8), cut: signCut(signer, entries[1]!) }));
      await rejectsWithConflict(storage.append({ after: head(7), entries: entries.slice(7, 8), cut: signCut(signer, { seq: 5, hash: entries[3]!.hash }) }));
      await rejectsWithConflict(storage.append({ after: head(7), entries: entries.slice(7, 8), cut: signCut(signer, entries[7]!) }));
      await rejectsWithConflict(storage.append({ after: head(7), entries: [], cut: signCut(signer, entries[6]!) }));
      expect(await storage.head()).toEqual(head(7));
      expect(await storage.cut()).toEqual(cut3);
      const cut8 = signCut(signer, entries[7]!);
      await storage.appendOnHead((h) => ({ after: h, entries: entries.slice(7, 9), cut: cut8 }));
      expect(await storage.cut()).toEqual(cut8);
      expect(await storage.head()).toEqual(head(9));
    });

    it('deletes the oldest entries through the recorded cut, in batches, never beyond it', async () => {
      const storage = await makeStorage();
      const entries = fakeEntries(11);
      await storage.append({ after: null, entries: entries.slice(0, 10), checkpoints: [2, 5, 9].map((seq) => signCheckpoint(signer, entries[seq - 1]!)) });
      await rejectsWithConflict(storage.deleteThrough(3, 10));
      await storage.append({ after: { seq: 10, hash: entries[9]!.hash }, entries: entries.slice(10), cut: signCut(signer, entries[4]!) });
      await rejectsWithConflict(storage.deleteThrough(6, 10));
      expect((await collect(storage.entries()))[0]?.seq).toBe(1);
      expect(await storage.deleteThrough(5, 2)).toBe(2);
      expect((await collect(storage.entries())).map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect((await storage.checkpoints()).map((c) => c.seq)).toEqual([5, 9]);
      expect(await storage.deleteThrough(5, 10)).toBe(3);
      expect(await storage.deleteThrough(5, 10)).toBe(0);
      expect((await collect(storage.entries())).map((e) => e.seq)).toEqual([6, 7, 8, 9, 10, 11]);
      expect((await collect(storage.entries({ fromSeq: 1, toSeq: 7 }))).map((e) => e.seq)).toEqual([6, 7]);
      expect((await storage.checkpoints()).map((c) => c.seq)).toEqual([9]);
      expect(await storage.head()).toEqual({ seq: 11, hash: entries[10]!.hash });
      expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 6, prunedThrough: 5 });
      // the log goes on after its cut
      await storage.append({ after: { seq: 11, hash: entries[10]!.hash }, entries: fakeEntries(1, { seq: 11, hash: entries[10]!.hash }) });
      expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 7, prunedThrough: 5 });
    });

    it('prunes an audit log behind a signed cut, and it verifies', async () => {
      const storage = await makeStorage();
      const log = createAuditLog({ storage, signer, checkpointEvery: 4, clock: () => '2025-06-01T00:00:00.000Z' });
      await storage.append({ after: null, entries: fakeEntries(9) });
      const result = await log.prune({ before: '2025-01-01T00:00:06.000Z', actor: { user: UserId('dpo'), agency: AgencyId('ag1') }, keys: signer.verifyKey, batchSize: 2 });
      expect(result).toMatchObject({ pruned: 5, deleted: 5, through: { seq: 5 }, entry: { seq: 10 } });
      expect((await collect(storage.entries())).map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
      expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: true })).toEqual({ ok: true, count: 5, prunedThrough: 5 });
    });

    it('serves an audit log with concurrent writers without forking the chain', async () => {
      const storage = await makeStorage();
      const writers = [0, 1, 2].map(() => createAuditLog({ storage, signer, checkpointEvery: 4 }));
      await Promise.all(
        Array.from({ length: 24 }, (_, i) => writers[i % 3]!.append({ actor: { user: UserId('u1'), agency: AgencyId('ag1') }, action: 'consultation', outcome: 'ok' })),
      );
      expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 24 });
    });
  });
}
