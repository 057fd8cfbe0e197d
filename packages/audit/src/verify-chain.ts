/**
 * Verifies an audit chain against its signed checkpoints. Detects:
 * - an edited entry (its recomputed hash differs: `hash_mismatch`),
 * - an edited and rehashed entry (its successor no longer links to it: `prev_hash_mismatch`;
 *   if it was the last entry, the checkpoint over it no longer matches: `checkpoint_mismatch`),
 * - a deleted entry (`entry_missing`), a reordered or duplicated one (`entry_out_of_order`),
 * - a truncated tail (a valid checkpoint beyond the last entry: `truncated`),
 * - a rewritten chain (valid links, but a checkpoint's hash differs: `checkpoint_mismatch`),
 * - a forged or altered checkpoint (`checkpoint_signature_invalid`),
 * - a checkpoint or cut signed with a key not among those given (`unknown_key`): the log cannot
 *   be vouched for with them. Told apart from a bad signature because it is most often the
 *   verifier's mistake (another store's key file, the key before a rotation), which the message
 *   names by key id; but a checkpoint forged under a key of the forger's own reads the same, so
 *   it is a failure like the others.
 * - a head cut away: entries deleted from the start of the log are `entry_missing` unless a
 *   signed cut (audit-cut.ts) says they were pruned, and then only as far as it says; a cut
 *   not signed as one is `cut_signature_invalid`.
 * Entries after the last checkpoint can be cut without trace: that is the limit of any hash
 * chain, which is why the writer checkpoints every N entries and on demand, and why
 * `requireSealedTail` exists for verifying a log that was closed cleanly. So can the tail together
 * with the checkpoints over it, when both are in one database: only a `witness` kept elsewhere
 * (audit-witness.ts) shows that — the log no longer reaching it is `truncated`, the entry at its
 * seq not being the witnessed one `witness_mismatch`.
 *
 * A pruned log is verified from its cut: the first kept entry must be the cut's seq + 1 and
 * link to the cut's hash; entries at or below the cut that a prune has not deleted yet are not
 * read (they are due for deletion, and nothing after the cut rests on them).
 *
 * `firstBroken` is the lowest seq that can no longer be trusted. For a checkpoint mismatch that
 * is the entry after the previous good checkpoint: a rewrite could have started anywhere there.
 */
import { hashEntry, type AuditEntry, GENESIS_HASH } from './audit-entry.ts';
import { verifyCut, type AuditCut } from './audit-cut.ts';
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
  'cut_signature_invalid',
  'witness_mismatch',
  'unknown_key',
] as const;
export type BrokenReason = (typeof BROKEN_REASONS)[number];

export type VerifyResult =
  /** `count`: entries verified; `prunedThrough`: the log's cut (entries up to it were pruned), when it has one. */
  | { readonly ok: true; readonly count: number; readonly prunedThrough?: number }
  | { readonly ok: false; readonly firstBroken: number; readonly reason: BrokenReason; readonly message: string };

export interface VerifyOptions {
  /** Start from a trusted position (e.g. a checkpoint verified earlier) instead of the genesis. */
  readonly anchor?: ChainHead;
  /** Fail unless the last entry is covered by a valid checkpoint. */
  readonly requireSealedTail?: boolean;
  /**
   * An entry the log reached when last verified, kept outside the database: fail unless the log
   * still holds it (or pruned it behind a signed cut after it).
   */
  readonly witness?: ChainHead;
  /**
   * Where the log was pruned: the entries start after it (from the anchor instead, if that is
   * later). verifyStoredChain reads it from the storage.
   */
  readonly cut?: AuditCut;
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

/**
 * Streams the whole stored log through the verifier, from its cut if it was pruned; memory stays
 * constant in the number of entries.
 */
export async function verifyStoredChain(storage: AuditStorage, keys: Keys, options: VerifyOptions = {}): Promise<VerifyResult> {
  const cut = await storage.cut();
  const result = await verifyFrom(storage, keys, cut === null ? options : { ...options, cut });
  if (result.ok) return result;
  // A prune that moved the cut and deleted entries while they were read is no break: read again.
  const now = await storage.cut();
  return now !== null && now.seq > (cut?.seq ?? 0) ? verifyFrom(storage, keys, { ...options, cut: now }) : result;
}

async function verifyFrom(storage: AuditStorage, keys: Keys, options: VerifyOptions): Promise<VerifyResult> {
  const verifier = chainVerifier(await storage.checkpoints(), keys, options);
  for await (const entry of storage.entries({ fromSeq: verifier.start.seq + 1 })) {
    const failure = verifier.next(entry);
    if (failure !== null) return failure;
  }
  return verifier.finish();
}

export function chainVerifier(checkpoints: readonly Checkpoint[], keys: Keys, options: VerifyOptions) {
  const keyList: readonly AuditVerifyKey[] = Array.isArray(keys) ? keys : [keys as AuditVerifyKey];
  const { cut, anchor, witness } = options;
  const fromCut = cut !== undefined && (anchor === undefined || anchor.seq < cut.seq);
  const start: ChainHead = fromCut ? { seq: cut.seq, hash: cut.hash } : anchor ?? { seq: 0, hash: GENESIS_HASH };
  const pending = checkpoints.filter((c) => c.seq > start.seq).sort((a, b) => a.seq - b.seq);
  let next = 0;
  let expected = start.seq + 1;
  let prevHash = start.hash;
  let lastGood = start.seq;
  let count = 0;

  const broken = (firstBroken: number, reason: BrokenReason, message: string): VerifyResult => ({ ok: false, firstBroken, reason, message });
  const given = keyList.map((k) => k.keyId).join(', ');
  const unknownKey = (keyId: unknown): keyId is string => typeof keyId === 'string' && !keyList.some((k) => k.keyId === keyId);
  const notGiven = (firstBroken: number, what: string, keyId: string): VerifyResult =>
    broken(firstBroken, 'unknown_key', `${what} is signed with key ${keyId}, which is not among the keys given (${given})`);
  /** A checkpoint that does not verify: under a key not given, or with a bad signature. */
  const unverified = (checkpoint: Checkpoint, firstBroken: number): VerifyResult => unknownKey(checkpoint.keyId)
    ? notGiven(firstBroken, `checkpoint ${checkpoint.seq}`, checkpoint.keyId)
    : broken(firstBroken, 'checkpoint_signature_invalid', `checkpoint ${checkpoint.seq} has no valid signature`);
  // Only the key can say that the head of the log was deleted on purpose.
  const forgedCut = cut === undefined || verifyCut(cut, keyList) ? null
    : unknownKey(cut.keyId) ? notGiven(cut.seq + 1, `the cut at entry ${cut.seq} (the log pruned through it)`, cut.keyId)
      : broken(cut.seq + 1, 'cut_signature_invalid', `the cut at entry ${cut.seq} (the log pruned through it) has no valid signature`);
  // A witness at or before where verification starts was reached: pruned behind the cut, or the start itself.
  let witnessed = witness === undefined || witness.seq < start.seq || (witness.seq === start.seq && witness.hash === start.hash);
  const witnessMismatch = (seq: number): VerifyResult => broken(seq, 'witness_mismatch', `entry ${witness!.seq} is not the one witnessed (its hash differs): the log was rewritten after entry ${seq - 1}`);
  // The witness is where verification starts, which nothing read vouches for: the cut (or anchor) was made over another entry.
  const witnessAtStart = (): VerifyResult => broken(start.seq + 1, 'witness_mismatch', fromCut
    ? `the log was pruned through entry ${start.seq}, and its signed cut is over another entry ${start.seq} than the one witnessed (its hash differs): the log was rewritten up to entry ${start.seq} before it was pruned, or the witness is not of this log`
    : `entry ${start.seq}, where verification starts, is not the one witnessed (its hash differs)`);

  return {
    start,

    next(entry: AuditEntry): VerifyResult | null {
      if (forgedCut !== null) return forgedCut;
      if (entry.seq > expected) return broken(expected, 'entry_missing', `expected entry ${expected}, found ${entry.seq}`);
      if (entry.seq !== expected) return broken(expected, 'entry_out_of_order', `expected entry ${expected}, found ${entry.seq}`);
      if (entry.prevHash !== prevHash) {
        const after = fromCut && entry.seq === start.seq + 1 ? `the cut at entry ${start.seq}` : `entry ${entry.seq - 1}`;
        return broken(entry.seq, 'prev_hash_mismatch', `entry ${entry.seq} does not link to ${after}`);
      }
      if (hashEntry(entry, entry.prevHash) !== entry.hash) return broken(entry.seq, 'hash_mismatch', `entry ${entry.seq} was altered`);
      if (witness !== undefined && entry.seq === witness.seq) {
        if (entry.hash !== witness.hash) return witnessMismatch(lastGood + 1);
        witnessed = true;
      }
      // A checkpoint that fell between entries (a non-integer seq) is over no entry at all.
      const stray = pending[next];
      if (stray !== undefined && stray.seq < entry.seq) {
        return verifyCheckpoint(stray, keyList)
          ? broken(lastGood + 1, 'checkpoint_mismatch', `checkpoint ${stray.seq} is over no entry`)
          : unverified(stray, Math.ceil(stray.seq));
      }
      for (; next < pending.length && pending[next]!.seq === entry.seq; next++) {
        const checkpoint = pending[next]!;
        if (!verifyCheckpoint(checkpoint, keyList)) return unverified(checkpoint, checkpoint.seq);
        if (checkpoint.hash !== entry.hash) return broken(lastGood + 1, 'checkpoint_mismatch', `checkpoint ${checkpoint.seq} does not match the chain`);
        lastGood = entry.seq;
      }
      prevHash = entry.hash;
      expected += 1;
      count += 1;
      return null;
    },

    finish(): VerifyResult {
      if (forgedCut !== null) return forgedCut;
      const beyond = pending.slice(next);
      const forged = beyond.find((c) => !verifyCheckpoint(c, keyList));
      if (forged !== undefined) return unverified(forged, forged.seq);
      if (beyond.length > 0) return broken(expected, 'truncated', `a checkpoint covers entry ${beyond.at(-1)!.seq}, the log ends at ${expected - 1}`);
      // A prune writes its own entry after the cut, in the same transaction: a cut is never the end.
      if (fromCut && count === 0) return broken(start.seq + 1, 'truncated', `the log was pruned through entry ${start.seq}, and no entry follows the cut`);
      if (!witnessed) {
        return witness!.seq === start.seq ? witnessAtStart()
          : broken(expected, 'truncated', `the log ends at entry ${expected - 1}, but the witness given says it reached entry ${witness!.seq}: entries ${expected} to ${witness!.seq} are missing`);
      }
      if (options.requireSealedTail === true && lastGood !== expected - 1) return broken(lastGood + 1, 'unsealed_tail', `entries after ${lastGood} are not covered by a checkpoint`);
      return cut === undefined ? { ok: true, count } : { ok: true, count, prunedThrough: cut.seq };
    },
  };
}
