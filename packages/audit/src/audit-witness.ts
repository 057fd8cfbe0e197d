/**
 * A witness of how far the log went: an entry's seq and hash, written `SEQ:HASH`, kept by an
 * auditor outside the database (after a verification: the last entry verified, as
 * `POST /audit/verify` answers it, or the last signed checkpoint, as `mosaic audit verify` prints it). A chain
 * whose checkpoints sit in the same database cannot show its tail deleted together with the
 * checkpoints over it; checked against a witness (VerifyOptions.witness), it can.
 */
import type { ChainHead } from './checkpoint.ts';

export function formatWitness(head: ChainHead): string {
  return `${head.seq}:${head.hash}`;
}

/** A witness as `formatWitness` wrote it; anything else is named, not guessed at. */
export function readWitness(text: string): { readonly ok: true; readonly witness: ChainHead } | { readonly ok: false; readonly reason: string } {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  const seq = Number(match?.[1]);
  if (!match || !(seq >= 1)) return { ok: false, reason: `${JSON.stringify(text)} is not SEQ:HASH (an entry's number, from 1, and its hash in 64 hex digits, as a verification gave them: the witness in its answer, or the one mosaic audit verify printed)` };
  return { ok: true, witness: { seq, hash: match[2]! } };
}
