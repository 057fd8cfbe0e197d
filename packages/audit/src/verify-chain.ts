/**
 * Verifies an audit chain against its signed checkpoints. Detects:
 * - an edited entry (its recomputed hash differs: `hash_mismatch`),
 * - an edited and rehashed entry (its successor no longer links to it: `prev_hash_mismatch`;
 *   if it was the last entry, the checkpoint over it no longer matches: `checkpoint_mismatch`),
 * - a deleted entry (`entry_missing`), a reordered or duplicated one (`entry_out_of_order`),
 * - a truncated tail (a valid checkpoint beyond the last entry: `truncated`),
 * - a rewritten chain (valid links, but a checkpoint's hash differs: `checkpoint_mismatch`),
 * - a forged or altered checkpoint (`checkpoint_signature_invalid`).
 * Entries after the last checkpoint can be cut without trace: that is the limit of any hash
 * chain, which is why the writer checkpoints every N entries and on demand, and why
 * `requireSealedTail` exists for verifying a log that was closed cleanly.
 *
 * `firstBroken` is the lowest seq that can no longer be trusted. For a checkpoint mismatch that
 * is the entry after the previous good checkpoint: a rewrite could have started anywhere there.
 */
import { hashEntry, type AuditEntry, GENESIS_HASH } from './audit-entry.ts';
import type { AuditStorage } from './audit-storage.ts';
import type { AuditVerifyKey } from './audit-keys.ts';
import { verifyCheckpoint, type ChainHead, type Checkpoint } from './checkpoint.ts';

export const BROKEN_REASONS = [
  'entry_missing',
  'entry_out_of_order',
  'prev_hash_mismatch',
  'hash_mismatch',
  'checkpoint_signature_invalid',
  'checkpoint_mismatch',
  'truncated',
  'unsealed_tail',
] as const;
export type BrokenReason = (typeof BROKEN_REASONS)[number];

export type VerifyResult = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly firstBroken: number; readonly reason: BrokenReason; readonly message: string };

export interface VerifyOptions {
  /** Start from a trusted position (e.g. a checkpoint verified earlier) instead of the genesis. */
  readonly anchor?: ChainHead;
  /** Fail unless the last entry is covered by a valid checkpoint. */
  readonly requireSealedTail?: boolean;
}

type Keys = AuditVerifyKey | readonly AuditVerifyKey[];

export function verifyChain(entries: Iterable<AuditEntry>, checkpoints: readonly Checkpoint[], keys: Keys, options: VerifyOptions = {}): VerifyResult {
  const verifier = chainVerifier(checkpoints, keys, options);
  for (const entry of entries) {
    const failure = verifier.next(entry);
    if (failure !== null) return failure;
  }
  return verifier.finish();
}

/** Streams the whole stored log through the verifier; memory stays constant in the number of entries. */
export async function verifyStoredChain(storage: AuditStorage, keys: Keys, options: VerifyOptions = {}): Promise<VerifyResult> {
  const verifier = chainVerifier(await storage.checkpoints(), keys, options);
  const range = options.anchor === undefined ? {} : { fromSeq: options.anchor.seq + 1 };
  for await (const entry of storage.entries(range)) {
    const failure = verifier.next(entry);
    if (failure !== null) return failure;
  }
  return verifier.finish();
}

function chainVerifier(checkpoints: readonly Checkpoint[], keys: Keys, options: VerifyOptions) {
  const keyList: readonly AuditVerifyKey[] = Array.isArray(keys) ? keys : [keys as AuditVerifyKey];
  const start = options.anchor ?? { seq: 0, hash: GENESIS_HASH };
  const pending = checkpoints.filter((c) => c.seq > start.seq).sort((a, b) => a.seq - b.seq);
  let next = 0;
  let expected = start.seq + 1;
  let prevHash = start.hash;
  let lastGood = start.seq;
  let count = 0;

  const broken = (firstBroken: number, reason: BrokenReason, message: string): VerifyResult => ({ ok: false, firstBroken, reason, message });

  return {
    next(entry: AuditEntry): VerifyResult | null {
      if (entry.seq > expected) return broken(expected, 'entry_missing', `expected entry ${expected}, found ${entry.seq}`);
      if (entry.seq !== expected) return broken(expected, 'entry_out_of_order', `expected entry ${expected}, found ${entry.seq}`);
      if (entry.prevHash !== prevHash) return broken(entry.seq, 'prev_hash_mismatch', `entry ${entry.seq} does not link to entry ${entry.seq - 1}`);
      if (hashEntry(entry, entry.prevHash) !== entry.hash) return broken(entry.seq, 'hash_mismatch', `entry ${entry.seq} was altered`);
      // A checkpoint that fell between entries (a non-integer seq) is over no entry at all.
      const stray = pending[next];
      if (stray !== undefined && stray.seq < entry.seq) {
        return verifyCheckpoint(stray, keyList)
          ? broken(lastGood + 1, 'checkpoint_mismatch', `checkpoint ${stray.seq} is over no entry`)
          : broken(Math.ceil(stray.seq), 'checkpoint_signature_invalid', `checkpoint ${stray.seq} has no valid signature`);
      }
      for (; next < pending.length && pending[next]!.seq === entry.seq; next++) {
        const checkpoint = pending[next]!;
        if (!verifyCheckpoint(checkpoint, keyList)) return broken(checkpoint.seq, 'checkpoint_signature_invalid', `checkpoint ${checkpoint.seq} has no valid signature`);
        if (checkpoint.hash !== entry.hash) return broken(lastGood + 1, 'checkpoint_mismatch', `checkpoint ${checkpoint.seq} does not match the chain`);
        lastGood = entry.seq;
      }
      prevHash = entry.hash;
      expected += 1;
      count += 1;
      return null;
    },

    finish(): VerifyResult {
      const beyond = pending.slice(next);
      const forged = beyond.find((c) => !verifyCheckpoint(c, keyList));
      if (forged !== undefined) return broken(forged.seq, 'checkpoint_signature_invalid', `checkpoint ${forged.seq} has no valid signature`);
      if (beyond.length > 0) return broken(expected, 'truncated', `a checkpoint covers entry ${beyond.at(-1)!.seq}, the log ends at ${expected - 1}`);
      if (options.requireSealedTail === true && lastGood !== expected - 1) return broken(lastGood + 1, 'unsealed_tail', `entries after ${lastGood} are not covered by a checkpoint`);
      return { ok: true, count };
    },
  };
}
