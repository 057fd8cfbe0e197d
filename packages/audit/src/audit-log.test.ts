import { describe, expect, it } from 'vitest';
import { AgencyId, AppError, EntityId, RecordId, UserId } from '@mosaic/model';
import { createAuditLog } from './audit-log.ts';
import { createMemoryAuditStorage } from './memory-audit-storage.ts';
import { generateAuditKeyPair, loadAuditSigner } from './audit-keys.ts';
import { GENESIS_HASH, hashEntry, type AuditEntry, type AuditEvent } from './audit-entry.ts';
import { verifyChain, verifyStoredChain } from './verify-chain.ts';
import type { AuditStorage } from './audit-storage.ts';

const signer = loadAuditSigner(generateAuditKeyPair());
const event: AuditEvent = {
  actor: { user: UserId('analyst-1'), agency: AgencyId('fedpol') },
  action: 'consultation',
  purpose: 'counter-terrorism investigation',
  caseRef: 'CT-2025-001',
  query: { name: 'Fictional Person', birthDate: '1990-01-01' },
  subjects: [EntityId('e1')],
  records: [RecordId('fedpol:1'), RecordId('zone5:7')],
  outcome: 'ok',
};

function ticking(): () => string {
  let t = Date.UTC(2025, 5, 1);
  return () => new Date((t += 1000)).toISOString();
}

describe('createAuditLog', () => {
  it('rotates its signing key in turn with the writes: the old key signs through the rotation, the new one after it', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, checkpointEvery: 2, clock: ticking() });
    const next = loadAuditSigner(generateAuditKeyPair());
    await log.append(event);
    await log.append(event);
    // writes asked for while the rotation runs come after it, signed by the new key
    const rotation = log.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, async () => undefined);
    const after = Promise.all([log.append({ ...event, reason: 'after 1' }), log.append({ ...event, reason: 'after 2' })]);
    const { through } = await rotation;
    expect(through).toBe(3);
    expect((await after).map((e) => e.seq)).toEqual([4, 5]);
    await log.checkpoint();
    const checkpoints = await storage.checkpoints();
    expect(checkpoints.map((c) => [c.seq, c.keyId])).toEqual([[2, signer.keyId], [3, signer.keyId], [4, next.keyId], [5, next.keyId]]);
    const retired = { ...signer.verifyKey, through };
    expect(await verifyStoredChain(storage, [retired, next.verifyKey], { requireSealedTail: true })).toEqual({ ok: true, count: 5 });
    // the old key alone does not verify what came after
    expect(await verifyStoredChain(storage, [retired])).toMatchObject({ ok: false, firstBroken: 4, reason: 'unknown_key' });
  });

  it('keeps its key when the rotation cannot be committed', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, clock: ticking() });
    const next = loadAuditSigner(generateAuditKeyPair());
    await expect(log.rotate(next, event, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await log.append(event);
    expect((await log.checkpoint())?.keyId).toBe(signer.keyId);
    // the rotation's entry, the one saying it was not committed, and the append
    expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 3 });
  });

  it('lets another writer of the log go on while the key is rotated: it signs nothing with the retired key, and with the new one once it holds it', async () => {
    const storage = createMemoryAuditStorage();
    const next = loadAuditSigner(generateAuditKeyPair());
    let given: typeof next | null = null;
    // two nodes on one store; the second is given the new key file only later (resolveSigner)
    const rotating = createAuditLog({ storage, signer, checkpointEvery: 3, clock: ticking() });
    const serving = createAuditLog({ storage, signer, checkpointEvery: 3, clock: ticking(), resolveSigner: (keyId) => (given?.keyId === keyId ? given : null) });
    await serving.append(event);
    const { through } = await rotating.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, async () => undefined);
    expect(through).toBe(2);
    for (let i = 0; i < 5; i++) await serving.append(event);
    // due at 3 and 6, and on demand (a node stopping): the serving node holds only the retired key
    expect(await serving.checkpoint()).toBeNull();
    const keys = [{ ...signer.verifyKey, through }, next.verifyKey];
    expect((await storage.checkpoints()).map((c) => [c.seq, c.keyId])).toEqual([[2, signer.keyId]]);
    expect(await verifyStoredChain(storage, keys)).toEqual({ ok: true, count: 7 });
    // given the new key, it signs with it from the next checkpoint on, without a restart
    given = next;
    await serving.appendAll([event, event]);
    expect((await storage.checkpoints()).map((c) => [c.seq, c.keyId])).toEqual([[2, signer.keyId], [9, next.keyId]]);
    expect(await verifyStoredChain(storage, keys, { requireSealedTail: true })).toEqual({ ok: true, count: 9 });
  });

  it('learns of a rotation that another writer then pruned away, from the checkpoints after it', async () => {
    const storage = createMemoryAuditStorage();
    const clock = ticking();
    const next = loadAuditSigner(generateAuditKeyPair());
    const stale = createAuditLog({ storage, signer, checkpointEvery: 3, clock });
    const other = createAuditLog({ storage, signer, checkpointEvery: 3, clock });
    await stale.appendAll([event, event, event]);
    const { through } = await other.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, async () => undefined);
    await other.appendAll([event, event]);
    const keys = [{ ...signer.verifyKey, through }, next.verifyKey];
    expect((await other.prune({ before: clock(), actor: event.actor, keys })).through?.seq).toBe(6);
    await stale.appendAll([event, event]);
    expect((await storage.checkpoints()).map((c) => [c.seq, c.keyId])).toEqual([[7, next.keyId]]);
    expect(await verifyStoredChain(storage, keys)).toMatchObject({ ok: true, count: 3, prunedThrough: 6 });
  });

  it('refuses to prune or rotate with a key another writer retired, which would sign what does not verify', async () => {
    const storage = createMemoryAuditStorage();
    const clock = ticking();
    const rotating = createAuditLog({ storage, signer, clock });
    const stale = createAuditLog({ storage, signer, clock });
    const next = loadAuditSigner(generateAuditKeyPair());
    await stale.appendAll([event, event, event]);
    const { through } = await rotating.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, async () => undefined);
    const retired = { code: 'MOSAIC_CONFLICT', message: expect.stringContaining(`signing key ${signer.keyId} was retired`) };
    await expect(stale.prune({ before: clock(), actor: event.actor, keys: [{ ...signer.verifyKey, through }, next.verifyKey] })).rejects.toMatchObject(retired);
    await expect(stale.rotate(loadAuditSigner(generateAuditKeyPair()), event, async () => undefined)).rejects.toMatchObject(retired);
    expect(await verifyStoredChain(storage, [{ ...signer.verifyKey, through }, next.verifyKey])).toEqual({ ok: true, count: 4 });
  });

  it('signs again with the old key when a rotation is not committed, the log saying so', async () => {
    const storage = createMemoryAuditStorage();
    const other = createAuditLog({ storage, signer, checkpointEvery: 2, clock: ticking() });
    const log = createAuditLog({ storage, signer, checkpointEvery: 2, clock: ticking() });
    const next = loadAuditSigner(generateAuditKeyPair());
    await expect(log.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await other.append(event);
    expect((await storage.checkpoints()).map((c) => [c.seq, c.keyId])).toEqual([[1, signer.keyId], [2, signer.keyId]]);
    expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: false })).toEqual({ ok: true, count: 3 });
  });

  it('appends in a caller\'s transaction through the storage it is given, on the head read there, chained with the log\'s own appends', async () => {
    const storage = createMemoryAuditStorage();
    let through = 0;
    // what a caller holding a transaction hands in: the same log, bound to that transaction
    const inTransaction: AuditStorage = { ...storage, appendOnHead: (build) => { through += 1; return storage.appendOnHead(build); } };
    const log = createAuditLog({ storage, signer, checkpointEvery: 3, clock: ticking() });
    await log.append(event);
    const entries = await log.appendIn(inTransaction, [{ ...event, action: 'collection' }, { ...event, action: 'collection' }]);
    await log.append(event);
    expect(entries.map((e) => [e.seq, e.action])).toEqual([[2, 'collection'], [3, 'collection']]);
    expect(through).toBe(1);
    expect(await log.appendIn(inTransaction, [])).toEqual([]);
    expect(through).toBe(1);
    // the checkpoint due at 3 fell in the caller's batch, and was signed in it
    expect((await storage.checkpoints()).map((c) => c.seq)).toEqual([3]);
    expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 4 });
  });

  it('signs no checkpoint in a caller\'s transaction while a rotation is under way: the retiring key signs none past its last', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, checkpointEvery: 2, clock: ticking() });
    const next = loadAuditSigner(generateAuditKeyPair());
    await log.append(event);
    let appended: Promise<unknown> = Promise.resolve();
    // a node's transaction appends between the rotation's entry and its switch to the new key
    const { through } = await log.rotate(next, { ...event, action: 'administration', reason: 'audit signing key rotated' }, async () => {
      appended = log.appendIn(storage, [{ ...event, action: 'collection' }, { ...event, action: 'collection' }]);
      await appended;
    });
    await appended;
    expect(through).toBe(2);
    // the entry at 4 fell due in the caller's batch, during the rotation: left to the new key
    expect((await storage.checkpoints()).filter((c) => c.seq > through)).toEqual([]);
    await log.checkpoint();
    expect(await verifyStoredChain(storage, [{ ...signer.verifyKey, through }, next.verifyKey], { requireSealedTail: true })).toEqual({ ok: true, count: 4 });
  });

  it('writes concurrent appends together (group commit), each caller getting its own entries in order', async () => {
    const storage = createMemoryAuditStorage();
    let appends = 0;
    const counting: AuditStorage = { ...storage, appendOnHead: (build) => { appends += 1; return storage.appendOnHead(build); } };
    const log = createAuditLog({ storage: counting, signer, clock: ticking() });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append({ ...event, reason: `r${i}` })));
    expect(results.map((e) => e.reason)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(results.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(appends).toBe(1);
    expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 20 });
  });

  it('hands the storage each batch\'s riders with its entries, from every caller of the batch in order', async () => {
    const storage = createMemoryAuditStorage();
    const batches: { readonly entries: readonly number[]; readonly riders: readonly string[] }[] = [];
    const riding: AuditStorage<string> = {
      ...storage,
      append: () => Promise.reject(new Error('not used')),
      appendOnHead: (build) => storage.appendOnHead((head) => {
        const { riders = [], ...batch } = build(head);
        batches.push({ entries: batch.entries.map((e) => e.seq), riders });
        return batch;
      }),
    };
    const log = createAuditLog({ storage: riding, signer, clock: ticking() });
    await Promise.all([
      log.appendAll([event, event], ['check c1']),
      log.append(event),
      log.appendAll([event], ['check c2', 'notice n2']),
    ]);
    await log.appendAll([], ['check c3']);
    expect(batches).toEqual([{ entries: [1, 2, 3, 4], riders: ['check c1', 'check c2', 'notice n2'] }, { entries: [], riders: ['check c3'] }]);
    expect(await log.appendAll([])).toEqual([]);
    expect(batches).toHaveLength(2);
  });

  it('numbers entries from 1, links each to the previous hash and records the time', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, clock: ticking() });
    const a = await log.append(event);
    const b = await log.append({ ...event, action: 'disclosure', recipients: [AgencyId('zone5')] });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toBe(hashEntry(a, GENESIS_HASH));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.time).toBe('2025-06-01T00:00:01.000Z');
    expect(b.recipients).toEqual(['zone5']);
    expect(a.pointers).toEqual([]);
    expect(a.reason).toBeNull();
  });

  it('signs a checkpoint every N entries, once the entry is appended', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, checkpointEvery: 3, clock: ticking() });
    for (let i = 0; i < 7; i++) await log.append(event);
    expect((await storage.checkpoints()).map((c) => c.seq)).toEqual([3, 6]);
    expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 7 });
  });

  it('checkpoints on demand, sealing the tail', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, clock: ticking() });
    expect(await log.checkpoint()).toBeNull();
    await log.appendAll([event, event]);
    expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: true })).toMatchObject({ ok: false, reason: 'unsealed_tail', firstBroken: 1 });
    const checkpoint = await log.checkpoint();
    expect(checkpoint).toMatchObject({ seq: 2, keyId: signer.keyId });
    expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: true })).toEqual({ ok: true, count: 2 });
  });

  it('keeps the chain linear under concurrent appends from one process', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, checkpointEvery: 10, clock: ticking() });
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ ...event, caseRef: `c${i}` })));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(50);
    expect(await verifyStoredChain(storage, signer.verifyKey)).toEqual({ ok: true, count: 50 });
  });

  it('rejects invalid events and keeps going afterwards', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, clock: ticking() });
    await expect(log.append({ ...event, action: 'peek' as never })).rejects.toThrow(AppError);
    await expect(log.append({ ...event, actor: { user: UserId(''), agency: AgencyId('a') } })).rejects.toThrow(AppError);
    await expect(log.append({ ...event, query: { n: Number.NaN } })).rejects.toThrow(AppError);
    const badClock = createAuditLog({ storage, signer, clock: () => 'yesterday' });
    await expect(badClock.append(event)).rejects.toThrow(/ISO 8601/);
    expect((await log.append(event)).seq).toBe(1);
  });

  it('logs an export after entries written before it was an action, and the chain verifies; an export altered into a consultation does not', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer, clock: ticking() });
    const before = await log.append(event);
    const exported = await log.append({ ...event, action: 'export', query: { graph: { export: ['fedpol:1'], format: 'graphml' } } });
    await log.checkpoint();
    expect(exported).toMatchObject({ seq: 2, action: 'export', prevHash: before.hash });
    expect(await verifyStoredChain(storage, signer.verifyKey, { requireSealedTail: true })).toEqual({ ok: true, count: 2 });

    const entries: AuditEntry[] = [];
    for await (const entry of storage.entries()) entries.push(entry);
    const altered = entries.map((e) => (e.action === 'export' ? { ...e, action: 'consultation' as const } : e));
    expect(verifyChain(altered, await storage.checkpoints(), signer.verifyKey)).toMatchObject({ ok: false, firstBroken: 2, reason: 'hash_mismatch' });
  });

  it('passes storage errors through to every caller of the batch, and keeps going afterwards', async () => {
    const inner = createMemoryAuditStorage();
    let down = true;
    const flaky: AuditStorage = {
      ...inner,
      appendOnHead: (build) => (down ? Promise.reject(new AppError('MOSAIC_STORE_UNAVAILABLE')) : inner.appendOnHead(build)),
    };
    const log = createAuditLog({ storage: flaky, signer });
    const failed = await Promise.allSettled([log.append(event), log.append(event)]);
    expect(failed.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'ok'))).toEqual(['MOSAIC_STORE_UNAVAILABLE', 'MOSAIC_STORE_UNAVAILABLE']);
    down = false;
    expect((await log.append(event)).seq).toBe(1);
  });

  it('refuses a nonsensical checkpoint interval', () => {
    expect(() => createAuditLog({ storage: createMemoryAuditStorage(), signer, checkpointEvery: 0 })).toThrow(AppError);
  });
});
