import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateAuditKeyPair, loadAuditPublicKey, loadAuditSigner } from './audit-keys.ts';
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { entryBody, GENESIS_HASH, hashEntry, sealEntry, type AuditEntry } from './audit-entry.ts';
import { signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { verifyChain, verifyStoredChain } from './verify-chain.ts';
import { formatWitness, readWitness } from './audit-witness.ts';
import { fakeEntries } from './testing.ts';
import type { AuditStorage } from './audit-storage.ts';
import { signCut, type AuditCut } from './audit-cut.ts';

const pair = generateAuditKeyPair();
const signer = loadAuditSigner(pair);
const key = loadAuditPublicKey(pair.publicKeyPem);
const other = loadAuditSigner(generateAuditKeyPair());

/** Ten entries, checkpoints at 3, 6, 9 (the writer's "every 3"); entry 10 is the unsealed tail. */
function chain(): { entries: AuditEntry[]; checkpoints: Checkpoint[] } {
  const entries = fakeEntries(10);
  const checkpoints = entries.filter((e) => e.seq % 3 === 0).map((e) => signCheckpoint(signer, e));
  return { entries, checkpoints };
}

/** Replaces entries from index i on with a consistently rehashed chain, as an attacker with write access would. */
function rehashFrom(entries: readonly AuditEntry[], i: number, edit: (e: AuditEntry) => AuditEntry): AuditEntry[] {
  const out = entries.slice(0, i);
  let prev = out.at(-1)?.hash ?? entries[0]!.prevHash;
  for (const [j, entry] of entries.slice(i).entries()) {
    const next = sealEntry(j === 0 ? edit(entry) : entry, prev);
    out.push(next);
    prev = next.hash;
  }
  return out;
}

function storageOf(entries: readonly AuditEntry[], checkpoints: readonly Checkpoint[], cut: AuditCut | null = null): AuditStorage {
  return {
    cut: () => Promise.resolve(cut),
    deleteThrough: () => Promise.reject(new Error('read-only')),
    head: () => Promise.resolve(null),
    append: () => Promise.reject(new Error('read-only')),
    appendOnHead: () => Promise.reject(new Error('read-only')),
    putCheckpoint: () => Promise.reject(new Error('read-only')),
    checkpoints: () => Promise.resolve(checkpoints),
    async *entries(range = {}) {
      for (const e of entries) if (e.seq >= (range.fromSeq ?? 1)) yield e;
    },
  };
}

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    const { entries, checkpoints } = chain();
    expect(verifyChain(entries, checkpoints, key)).toEqual({ ok: true, count: 10 });
    expect(verifyChain([], [], key)).toEqual({ ok: true, count: 0 });
  });

  it('detects an edited entry', () => {
    const { entries, checkpoints } = chain();
    entries[4] = { ...entries[4]!, purpose: 'something else' };
    expect(verifyChain(entries, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 5, reason: 'hash_mismatch' });
  });

  it('detects an edit in any hashed field, nested ones included', () => {
    const edits: Array<(e: AuditEntry) => AuditEntry> = [
      (e) => ({ ...e, time: '2030-01-01T00:00:00.000Z' }),
      (e) => ({ ...e, actor: { ...e.actor, user: 'someone-else' as AuditEntry['actor']['user'] } }),
      (e) => ({ ...e, action: 'erasure' }),
      (e) => ({ ...e, query: { n: -1 } }),
      (e) => ({ ...e, records: [...e.records, 'x:1' as AuditEntry['records'][number]] }),
      (e) => ({ ...e, outcome: 'denied' }),
      (e) => ({ ...e, reason: 'x' }),
      (e) => ({ ...e, caseRef: null }),
    ];
    for (const edit of edits) {
      const { entries, checkpoints } = chain();
      entries[1] = edit(entries[1]!);
      expect(verifyChain(entries, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 2, reason: 'hash_mismatch' });
    }
  });

  it('hashes an entry without `pointed` as before it existed, and detects `pointed` added, altered or removed', () => {
    const event = { actor: { user: UserId('tcu.analyst1'), agency: AgencyId('tcu') }, action: 'screening', purpose: 'checkpoint check', caseRef: 'C-1', query: { name: 'X' }, pointers: [AgencyId('partner-fr')], outcome: 'ok' } as const;
    // the hash this entry had before `pointed` existed (entry format 1, computed then)
    expect(hashEntry(entryBody(event, 7, '2026-01-31T08:00:00.000Z'), GENESIS_HASH)).toBe('a13cda912810ca4677f8555494d6f505358a3e25f128460b0bc52ec8f5a0163f');
    expect(hashEntry(entryBody({ ...event, pointed: [] }, 7, '2026-01-31T08:00:00.000Z'), GENESIS_HASH)).toBe('a13cda912810ca4677f8555494d6f505358a3e25f128460b0bc52ec8f5a0163f');

    const pointed = [{ agency: AgencyId('partner-fr'), records: [RecordId('partner-fr:FR-24')] }];
    const { entries } = chain();
    entries[1] = sealEntry({ ...entries[1]!, pointed }, entries[0]!.hash);
    const sealed = rehashFrom(entries, 2, (e) => e);
    const signed = sealed.filter((e) => e.seq % 3 === 0).map((e) => signCheckpoint(signer, e));
    expect(verifyChain(sealed, signed, key)).toEqual({ ok: true, count: 10 });
    const edits: Array<(e: AuditEntry) => AuditEntry> = [
      (e) => ({ ...e, pointed: [{ agency: AgencyId('partner-fr'), records: [RecordId('partner-fr:FR-25')] }] }),
      (e) => ({ ...e, pointed: [{ agency: AgencyId('intel'), records: [RecordId('partner-fr:FR-24')] }] }),
      (e) => ({ ...e, pointed: [{ agency: AgencyId('partner-fr'), records: [] }] }),
      ({ pointed: _removed, ...e }) => e,
    ];
    for (const edit of edits) {
      const edited = [...sealed];
      edited[1] = edit(edited[1]!);
      expect(verifyChain(edited, signed, key)).toMatchObject({ ok: false, firstBroken: 2, reason: 'hash_mismatch' });
    }
    // and on an entry that had none
    const added = [...sealed];
    added[2] = { ...added[2]!, pointed };
    expect(verifyChain(added, signed, key)).toMatchObject({ ok: false, firstBroken: 3, reason: 'hash_mismatch' });
  });

  it('detects an edited entry whose own hash was recomputed', () => {
    const { entries, checkpoints } = chain();
    entries[4] = sealEntry({ ...entries[4]!, purpose: 'cover-up' }, entries[4]!.prevHash);
    expect(verifyChain(entries, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 6, reason: 'prev_hash_mismatch' });
  });

  it('detects an edited and rehashed last entry through the checkpoint over it', () => {
    const { entries, checkpoints } = chain();
    const sealed = entries.slice(0, 9);
    sealed[8] = sealEntry({ ...sealed[8]!, purpose: 'cover-up' }, sealed[8]!.prevHash);
    expect(verifyChain(sealed, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 7, reason: 'checkpoint_mismatch' });
  });

  it('detects a rewritten chain whose links are all consistent', () => {
    const { entries, checkpoints } = chain();
    const rewritten = rehashFrom(entries, 4, (e) => ({ ...e, purpose: 'rewritten' }));
    expect(verifyChain(rewritten, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 4, reason: 'checkpoint_mismatch' });
  });

  it('detects a deleted entry', () => {
    const { entries, checkpoints } = chain();
    expect(verifyChain(entries.toSpliced(6, 1), checkpoints, key)).toMatchObject({ ok: false, firstBroken: 7, reason: 'entry_missing' });
    expect(verifyChain(entries.slice(1), checkpoints, key)).toMatchObject({ ok: false, firstBroken: 1, reason: 'entry_missing' });
  });

  it('detects a deleted entry even when the remaining entries were renumbered and rehashed', () => {
    const { entries, checkpoints } = chain();
    const kept = entries.toSpliced(1, 1);
    const renumbered = rehashFrom(kept.map((e, i) => ({ ...e, seq: i + 1 })), 1, (e) => e);
    expect(verifyChain(renumbered, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 1, reason: 'checkpoint_mismatch' });
  });

  it('detects reordered entries', () => {
    const { entries, checkpoints } = chain();
    const swapped = entries.with(3, entries[4]!).with(4, entries[3]!);
    expect(verifyChain(swapped, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 4 });
    const relabelled = entries.with(3, { ...entries[4]!, seq: 4 }).with(4, { ...entries[3]!, seq: 5 });
    expect(verifyChain(relabelled, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 4, reason: 'prev_hash_mismatch' });
  });

  it('detects a duplicated entry', () => {
    const { entries, checkpoints } = chain();
    expect(verifyChain(entries.toSpliced(3, 0, entries[2]!), checkpoints, key)).toMatchObject({ ok: false, firstBroken: 4, reason: 'entry_out_of_order' });
  });

  it('detects truncation below a checkpoint', () => {
    const { entries, checkpoints } = chain();
    expect(verifyChain(entries.slice(0, 7), checkpoints, key)).toMatchObject({ ok: false, firstBroken: 8, reason: 'truncated' });
    expect(verifyChain([], checkpoints, key)).toMatchObject({ ok: false, firstBroken: 1, reason: 'truncated' });
  });

  it('cannot see truncation of the unsigned tail unless the tail must be sealed', () => {
    const { entries, checkpoints } = chain();
    // Entry 10 follows the last checkpoint (9): cutting it leaves a valid-looking chain...
    expect(verifyChain(entries.slice(0, 9), checkpoints, key)).toEqual({ ok: true, count: 9 });
    // ...which is why a cleanly closed log is verified with requireSealedTail.
    expect(verifyChain(entries, checkpoints, key, { requireSealedTail: true })).toMatchObject({ ok: false, firstBroken: 10, reason: 'unsealed_tail' });
    const sealed = [...checkpoints, signCheckpoint(signer, entries[9]!)];
    expect(verifyChain(entries, sealed, key, { requireSealedTail: true })).toEqual({ ok: true, count: 10 });
    expect(verifyChain(entries.slice(0, 9), sealed, key, { requireSealedTail: true })).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('detects a checkpoint signed by another key', () => {
    const { entries, checkpoints } = chain();
    // under its own key id: a key not given, named as such
    const forged = checkpoints.with(1, signCheckpoint(other, entries[5]!));
    expect(verifyChain(entries, forged, key)).toEqual({ ok: false, firstBroken: 6, reason: 'unknown_key', message: `checkpoint 6 is signed with key ${other.keyId}, which is not among the keys given (${signer.keyId})` });
    // under the key id of one given: a signature that does not verify
    const claimed = checkpoints.with(1, { ...signCheckpoint(other, entries[5]!), keyId: signer.keyId });
    expect(verifyChain(entries, claimed, key)).toMatchObject({ ok: false, firstBroken: 6, reason: 'checkpoint_signature_invalid' });
  });

  it('detects a checkpoint altered after signing', () => {
    const { entries, checkpoints } = chain();
    const rewritten = rehashFrom(entries, 4, (e) => ({ ...e, purpose: 'rewritten' }));
    // The attacker moves the checkpoints onto the rewritten chain but cannot re-sign them.
    const moved = checkpoints.map((c) => ({ ...c, hash: rewritten[c.seq - 1]!.hash }));
    expect(verifyChain(rewritten, moved, key)).toMatchObject({ ok: false, firstBroken: 6, reason: 'checkpoint_signature_invalid' });
    const shifted = checkpoints.with(0, { ...checkpoints[0]!, seq: 4, hash: entries[3]!.hash });
    expect(verifyChain(entries, shifted, key)).toMatchObject({ ok: false, firstBroken: 4, reason: 'checkpoint_signature_invalid' });
    const garbled = checkpoints.with(2, { ...checkpoints[2]!, signature: 'not base64 at all!' });
    expect(verifyChain(entries, garbled, key)).toMatchObject({ ok: false, firstBroken: 9, reason: 'checkpoint_signature_invalid' });
  });

  it('detects a forged checkpoint beyond the end or between entries', () => {
    const { entries, checkpoints } = chain();
    const beyond = [...checkpoints, { ...checkpoints[2]!, seq: 12 }];
    expect(verifyChain(entries, beyond, key)).toMatchObject({ ok: false, firstBroken: 12, reason: 'checkpoint_signature_invalid' });
    const between = [...checkpoints, { ...checkpoints[0]!, seq: 4.5 }];
    expect(verifyChain(entries, between, key)).toMatchObject({ ok: false, firstBroken: 5, reason: 'checkpoint_signature_invalid' });
  });

  it('accepts several keys for rotation and rejects checkpoints of an unlisted key', () => {
    const { entries, checkpoints } = chain();
    const rotated = checkpoints.with(2, signCheckpoint(other, entries[8]!));
    expect(verifyChain(entries, rotated, [key, other.verifyKey])).toEqual({ ok: true, count: 10 });
    expect(verifyChain(entries, rotated, [key])).toMatchObject({ ok: false, firstBroken: 9, reason: 'unknown_key' });
  });

  it('accepts a retired key\'s checkpoints only up to where it was retired', () => {
    // checkpoints at 3, 6 and 9: the first key retired at 6, the next signs 9
    const { entries, checkpoints } = chain();
    const rotated = checkpoints.with(2, signCheckpoint(other, entries[8]!));
    const retiredAt6 = loadAuditPublicKey(pair.publicKeyPem, { through: 6 });
    expect(verifyChain(entries, rotated, [retiredAt6, other.verifyKey])).toEqual({ ok: true, count: 10 });
    // the retired key signs past where it was retired (it leaked, say): refused
    expect(verifyChain(entries, checkpoints, [retiredAt6, other.verifyKey])).toMatchObject({ ok: false, firstBroken: 9, reason: 'checkpoint_signature_invalid' });
    expect(verifyChain(entries, rotated, [loadAuditPublicKey(pair.publicKeyPem, { through: 5 }), other.verifyKey])).toMatchObject({ ok: false, firstBroken: 6, reason: 'checkpoint_signature_invalid' });
  });

  it('verifies a range from a trusted anchor', () => {
    const { entries, checkpoints } = chain();
    const anchor = { seq: 6, hash: entries[5]!.hash };
    expect(verifyChain(entries.slice(6), checkpoints, key, { anchor })).toEqual({ ok: true, count: 4 });
    expect(verifyChain(entries.slice(7), checkpoints, key, { anchor })).toMatchObject({ ok: false, firstBroken: 7, reason: 'entry_missing' });
    expect(verifyChain(entries.slice(6), checkpoints, key, { anchor: { seq: 6, hash: entries[4]!.hash } })).toMatchObject({ ok: false, firstBroken: 7, reason: 'prev_hash_mismatch' });
  });

  describe('a pruned log', () => {
    /** Entries 1 to 4 pruned: a cut signed through 4, entries 5 to 10 kept (checkpoints 6 and 9 among them). */
    function pruned(): { entries: AuditEntry[]; kept: AuditEntry[]; checkpoints: Checkpoint[]; cut: AuditCut } {
      const { entries, checkpoints } = chain();
      return { entries, kept: entries.slice(4), checkpoints, cut: signCut(signer, entries[3]!) };
    }

    it('verifies from its signed cut, and says where it was pruned', async () => {
      const { entries, kept, checkpoints, cut } = pruned();
      expect(verifyChain(kept, checkpoints, key, { cut })).toEqual({ ok: true, count: 6, prunedThrough: 4 });
      // the checkpoint below the cut (3) may be gone with its entries
      expect(verifyChain(kept, checkpoints.slice(1), key, { cut })).toEqual({ ok: true, count: 6, prunedThrough: 4 });
      expect(await verifyStoredChain(storageOf(kept, checkpoints, cut), key)).toEqual({ ok: true, count: 6, prunedThrough: 4 });
      // entries at or below the cut that a prune has yet to delete are not read
      expect(await verifyStoredChain(storageOf(entries.slice(2), checkpoints, cut), key)).toEqual({ ok: true, count: 6, prunedThrough: 4 });
      expect(await verifyStoredChain(storageOf(kept, checkpoints, cut), key, { requireSealedTail: true })).toMatchObject({ ok: false, reason: 'unsealed_tail', firstBroken: 10 });
    });

    it('detects an entry after the cut altered, rehashed or removed', async () => {
      const { kept, checkpoints, cut } = pruned();
      expect(verifyChain(kept.with(2, { ...kept[2]!, purpose: 'cover-up' }), checkpoints, key, { cut })).toMatchObject({ ok: false, firstBroken: 7, reason: 'hash_mismatch' });
      expect(verifyChain(kept.with(0, { ...kept[0]!, purpose: 'cover-up' }), checkpoints, key, { cut })).toMatchObject({ ok: false, firstBroken: 5, reason: 'hash_mismatch' });
      const rewritten = rehashFrom(kept, 0, (e) => ({ ...e, purpose: 'rewritten' }));
      expect(verifyChain(rewritten, checkpoints, key, { cut })).toMatchObject({ ok: false, firstBroken: 5, reason: 'checkpoint_mismatch' });
      expect(verifyChain(kept.toSpliced(3, 1), checkpoints, key, { cut })).toMatchObject({ ok: false, firstBroken: 8, reason: 'entry_missing' });
      expect(await verifyStoredChain(storageOf(kept.with(1, { ...kept[1]!, outcome: 'denied' }), checkpoints, cut), key)).toMatchObject({ ok: false, firstBroken: 6, reason: 'hash_mismatch' });
    });

    it('detects more entries cut away than the signed cut says', async () => {
      const { kept, checkpoints, cut } = pruned();
      expect(verifyChain(kept.slice(1), checkpoints, key, { cut })).toMatchObject({ ok: false, firstBroken: 5, reason: 'entry_missing' });
      expect(await verifyStoredChain(storageOf(kept.slice(2), checkpoints, cut), key)).toMatchObject({ ok: false, firstBroken: 5, reason: 'entry_missing' });
      // every entry after the cut gone (the prune's own entry always follows it)
      expect(verifyChain([], checkpoints, key, { cut: signCut(signer, chain().entries[9]!) })).toMatchObject({ ok: false, firstBroken: 11, reason: 'truncated' });
    });

    it('detects the head cut away without a signed cut, or behind a cut that is not one', async () => {
      const { entries, kept, checkpoints } = pruned();
      // no cut: exactly as before there were cuts
      expect(verifyChain(kept, checkpoints, key)).toMatchObject({ ok: false, firstBroken: 1, reason: 'entry_missing' });
      expect(await verifyStoredChain(storageOf(kept, checkpoints), key)).toMatchObject({ ok: false, firstBroken: 1, reason: 'entry_missing' });
      // a checkpoint (signed, in the same store) passed off as a cut
      const checkpointAsCut: AuditCut = { ...checkpoints[0]! };
      expect(verifyChain(entries.slice(3), checkpoints, key, { cut: checkpointAsCut })).toMatchObject({ ok: false, firstBroken: 4, reason: 'cut_signature_invalid' });
      expect(await verifyStoredChain(storageOf(entries.slice(3), checkpoints, checkpointAsCut), key)).toMatchObject({ ok: false, firstBroken: 4, reason: 'cut_signature_invalid' });
      // a cut signed by a key not given (named), under the id of one given, or moved further than it was signed for
      expect(verifyChain(kept, checkpoints, key, { cut: signCut(other, entries[3]!) })).toEqual({ ok: false, firstBroken: 5, reason: 'unknown_key', message: `the cut at entry 4 (the log pruned through it) is signed with key ${other.keyId}, which is not among the keys given (${signer.keyId})` });
      expect(verifyChain(kept, checkpoints, key, { cut: { ...signCut(other, entries[3]!), keyId: signer.keyId } })).toMatchObject({ ok: false, firstBroken: 5, reason: 'cut_signature_invalid' });
      const moved = { ...signCut(signer, entries[3]!), seq: 6, hash: entries[5]!.hash };
      expect(verifyChain(entries.slice(6), checkpoints, key, { cut: moved })).toMatchObject({ ok: false, firstBroken: 7, reason: 'cut_signature_invalid' });
      // a cut signed over another hash than the first kept entry links to
      expect(verifyChain(kept, checkpoints, key, { cut: signCut(signer, { seq: 4, hash: entries[2]!.hash }) })).toMatchObject({ ok: false, firstBroken: 5, reason: 'prev_hash_mismatch', message: 'entry 5 does not link to the cut at entry 4' });
    });

    it('starts from a trusted anchor beyond the cut', () => {
      const { entries, checkpoints, cut } = pruned();
      expect(verifyChain(entries.slice(6), checkpoints, key, { cut, anchor: { seq: 6, hash: entries[5]!.hash } })).toEqual({ ok: true, count: 4, prunedThrough: 4 });
    });

    it('reads again from the new cut when a prune moved it while the entries were read', async () => {
      const { entries, checkpoints, cut } = pruned();
      const later = signCut(signer, entries[6]!);
      let reads = 0;
      const storage: AuditStorage = { ...storageOf(entries.slice(7), checkpoints), cut: () => Promise.resolve(reads++ === 0 ? cut : later) };
      expect(await verifyStoredChain(storage, key)).toEqual({ ok: true, count: 3, prunedThrough: 7 });
    });
  });

  it('gives the same answers streaming from a storage', async () => {
    const { entries, checkpoints } = chain();
    expect(await verifyStoredChain(storageOf(entries, checkpoints), key)).toEqual({ ok: true, count: 10 });
    const edited = entries.with(2, { ...entries[2]!, outcome: 'denied' });
    expect(await verifyStoredChain(storageOf(edited, checkpoints), key)).toMatchObject({ ok: false, firstBroken: 3, reason: 'hash_mismatch' });
    expect(await verifyStoredChain(storageOf(entries.slice(0, 5), checkpoints), key)).toMatchObject({ ok: false, firstBroken: 6, reason: 'truncated' });
    expect(await verifyStoredChain(storageOf(entries, checkpoints), key, { anchor: { seq: 3, hash: entries[2]!.hash } })).toEqual({ ok: true, count: 7 });
  });

  it('detects the tail deleted with the checkpoints over it, given a witness kept outside the database', async () => {
    const { entries, checkpoints } = chain();
    const witness = readWitness(formatWitness(checkpoints.at(-1)!));
    expect(witness).toEqual({ ok: true, witness: { seq: 9, hash: entries[8]!.hash } });
    if (!witness.ok) return;
    expect(verifyChain(entries, checkpoints, key, { witness: witness.witness, requireSealedTail: false })).toEqual({ ok: true, count: 10 });
    // entries 7 to 10 and the checkpoint at 9 deleted: sealed through 6, nothing else shows it
    const cutBack = entries.slice(0, 6);
    const left = checkpoints.filter((c) => c.seq <= 6);
    expect(verifyChain(cutBack, left, key, { requireSealedTail: true })).toEqual({ ok: true, count: 6 });
    expect(verifyChain(cutBack, left, key, { witness: witness.witness, requireSealedTail: true })).toEqual({
      ok: false, firstBroken: 7, reason: 'truncated', message: 'the log ends at entry 6, but the witness given says it reached entry 9: entries 7 to 9 are missing',
    });
    expect(await verifyStoredChain(storageOf(cutBack, left), key, { witness: witness.witness })).toMatchObject({ ok: false, firstBroken: 7, reason: 'truncated' });
    // the tail rewritten from entry 8 on, the checkpoint at 9 dropped: entry 9 is not the one witnessed
    const rewritten = rehashFrom(entries, 7, (e) => ({ ...e, purpose: 'rewritten' }));
    expect(verifyChain(rewritten, checkpoints.filter((c) => c.seq <= 6), key, { witness: witness.witness })).toMatchObject({ ok: false, firstBroken: 7, reason: 'witness_mismatch' });
  });

  it('takes a witness pruned behind a signed cut as reached, and refuses a malformed one', () => {
    const { entries, checkpoints } = chain();
    const cut = signCut(signer, entries[5]!);
    expect(verifyChain(entries.slice(6), checkpoints, key, { cut, witness: { seq: 3, hash: entries[2]!.hash } })).toEqual({ ok: true, count: 4, prunedThrough: 6 });
    expect(verifyChain(entries.slice(6), checkpoints, key, { cut, witness: { seq: 6, hash: entries[5]!.hash } })).toEqual({ ok: true, count: 4, prunedThrough: 6 });
    for (const text of ['', '9', `0:${entries[0]!.hash}`, `9:${entries[0]!.hash.slice(1)}`, `x:${entries[0]!.hash}`]) {
      expect(readWitness(text), text).toMatchObject({ ok: false, reason: expect.stringContaining('is not SEQ:HASH') });
    }
  });

  it('detects any single deletion, edit, swap or checkpointed truncation (property)', () => {
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), purpose: fc.string() }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), tamper, (length, t) => {
        const entries = fakeEntries(length);
        // A sealed log: a checkpoint over the last entry, as after log.checkpoint().
        const checkpoints = [signCheckpoint(signer, entries.at(-1)!)];
        const i = t.at % length;
        let tampered: AuditEntry[];
        switch (t.kind) {
          case 'delete':
            tampered = entries.toSpliced(i, 1);
            break;
          case 'edit':
            fc.pre(t.purpose !== entries[i]!.purpose);
            tampered = entries.with(i, { ...entries[i]!, purpose: t.purpose });
            break;
          case 'swap':
            tampered = entries.with(i, entries[(i + 1) % length]!).with((i + 1) % length, entries[i]!);
            break;
          case 'truncate':
            tampered = entries.slice(0, i);
            break;
        }
        expect(verifyChain(entries, checkpoints, key)).toEqual({ ok: true, count: length });
        expect(verifyChain(tampered, checkpoints, key).ok).toBe(false);
      }),
    );
  });
});
