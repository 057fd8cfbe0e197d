/**
 * Verification of the whole stored audit chain against the signing keys' public halves, taken
 * from the key file (or given by the auditor), not from the database that holds the log: the
 * current key, and each one it replaced up to where it was retired (Mosaic.auditVerifyKeys).
 * `expect`, a witness the auditor kept (`SEQ:HASH`, audit-witness.ts), must still be reached.
 */
import { formatWitness, readWitness, verifyStoredChain, type AuditEntry, type AuditStorage, type AuditVerifyKey, type VerifyResult } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import type { Consultation } from './organisation.ts';
import type { Mosaic } from './runtime.ts';

export async function verifyAuditLog(store: Store, keys: readonly AuditVerifyKey[], options: { readonly requireSealedTail?: boolean; readonly expect?: string } = {}): Promise<VerifyResult> {
  return verifyStorage(createStoreAuditStorage(store), keys, options);
}

async function verifyStorage(storage: AuditStorage, keys: readonly AuditVerifyKey[], options: { readonly requireSealedTail?: boolean; readonly expect?: string }): Promise<VerifyResult> {
  const { expect, ...rest } = options;
  if (expect === undefined) return verifyStoredChain(storage, keys, rest);
  const read = readWitness(expect);
  if (!read.ok) throw new AppError('MOSAIC_INVALID_INPUT', `expect: ${read.reason}`, { field: 'expect', reason: read.reason });
  return verifyStoredChain(storage, keys, { ...rest, witness: read.witness });
}

/**
 * A verification as the auditor is answered it: with the intact chain, `witness`, the last entry
 * verified (`SEQ:HASH`, audit-witness.ts), for the auditor to keep outside Mosaic and verify
 * with again (`expect`): a log that no longer reaches it, or whose entry there was rewritten,
 * fails. Absent when no entry was verified (an empty log).
 */
export type AuditVerification = VerifyResult | (Extract<VerifyResult, { ok: true }> & { readonly witness: string });

/**
 * The storage as the verifier reads it, remembering the last entry it was given: of a chain that
 * verified, the last entry read is the last one verified (a verification read again after a
 * prune reads on to the end too), so the witness is the entry whose hash was just checked, not
 * one read again after it, which an entry written or rewritten meanwhile could be.
 */
function rememberingLast(storage: AuditStorage): { readonly storage: AuditStorage; readonly last: () => AuditEntry | undefined } {
  let last: AuditEntry | undefined;
  const entries = async function* (range?: Parameters<AuditStorage['entries']>[0]): AsyncIterable<AuditEntry> {
    for await (const entry of storage.entries(range)) {
      last = entry;
      yield entry;
    }
  };
  const remembering: AuditStorage = {
    head: () => storage.head(), append: (batch) => storage.append(batch), appendOnHead: (build) => storage.appendOnHead(build), entries,
    putCheckpoint: (checkpoint) => storage.putCheckpoint(checkpoint), checkpoints: () => storage.checkpoints(), cut: () => storage.cut(),
    deleteThrough: (throughSeq, limit) => storage.deleteThrough(throughSeq, limit),
  };
  return { storage: remembering, last: () => last };
}

/**
 * An auditor's verification (`POST /audit/verify`): a read of the whole log, logged as a search of
 * it is, with the purpose and case reference when given (a verification shows no entry, so
 * neither is required), and the witness checked against. Any agency's auditor may verify, not an
 * oversight body's alone: the chain can only be checked whole, and the number of entries it
 * answers is told already, near enough, by the seq of the entry that logs the auditor's own
 * search. The witness answered is an entry's seq and SHA-256 hash, which tell nothing of its
 * content (the hash is over every field and the hash before it, the time to the millisecond and
 * the purpose and case as typed among them: no entry is guessed from it), as the hashes an
 * agency's auditor is shown of the entries in its view, other agencies' users' among them, do
 * not. `mosaic audit verify` is the operator's, on the machine that holds the key file, and is
 * not logged.
 */
export async function verifyAuditLogAs(mosaic: Mosaic, consultation: Consultation, options: { readonly expect?: string } = {}): Promise<AuditVerification> {
  const { user, purpose, caseRef } = consultation;
  if (!user.roles.includes('auditor')) throw new AppError('MOSAIC_FORBIDDEN', 'only auditors verify the audit log');
  const read = rememberingLast(createStoreAuditStorage(mosaic.store));
  const verified = await verifyStorage(read.storage, mosaic.auditVerifyKeys(), options);
  const last = read.last();
  const result: AuditVerification = verified.ok && last !== undefined ? { ...verified, witness: formatWitness(last) } : verified;
  await mosaic.audit.append({
    actor: { user: user.id, agency: user.agency }, action: 'consultation', purpose: purpose ?? null, caseRef: caseRef ?? null,
    query: { auditVerify: options.expect === undefined ? {} : { expect: options.expect } }, outcome: 'ok', reason: 'audit verify',
  });
  return result;
}
