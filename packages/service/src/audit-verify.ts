/**
 * Verification of the whole stored audit chain against the signing keys' public halves, taken
 * from the key file (or given by the auditor), not from the database that holds the log: the
 * current key, and each one it replaced up to where it was retired (Mosaic.auditVerifyKeys).
 * `expect`, a witness the auditor kept (`SEQ:HASH`, audit-witness.ts), must still be reached.
 */
import { readWitness, verifyStoredChain, type AuditVerifyKey, type VerifyResult } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import type { Consultation } from './organisation.ts';
import type { Mosaic } from './runtime.ts';

export async function verifyAuditLog(store: Store, keys: readonly AuditVerifyKey[], options: { readonly requireSealedTail?: boolean; readonly expect?: string } = {}): Promise<VerifyResult> {
  const { expect, ...rest } = options;
  if (expect === undefined) return verifyStoredChain(createStoreAuditStorage(store), keys, rest);
  const read = readWitness(expect);
  if (!read.ok) throw new AppError('MOSAIC_INVALID_INPUT', `expect: ${read.reason}`, { field: 'expect', reason: read.reason });
  return verifyStoredChain(createStoreAuditStorage(store), keys, { ...rest, witness: read.witness });
}

/**
 * An auditor's verification (`POST /audit/verify`): a read of the whole log, logged as a search of
 * it is, with the purpose and case reference when given (a verification shows no entry, so
 * neither is required), and the witness checked against. Any agency's auditor may verify, not an
 * oversight body's alone: the chain can only be checked whole, and the number of entries it
 * answers is told already, near enough, by the seq of the entry that logs the auditor's own
 * search. `mosaic audit verify` is the operator's, on the machine that holds the key file, and
 * is not logged.
 */
export async function verifyAuditLogAs(mosaic: Mosaic, consultation: Consultation, options: { readonly expect?: string } = {}): Promise<VerifyResult> {
  const { user, purpose, caseRef } = consultation;
  if (!user.roles.includes('auditor')) throw new AppError('MOSAIC_FORBIDDEN', 'only auditors verify the audit log');
  const result = await verifyAuditLog(mosaic.store, mosaic.auditVerifyKeys(), options);
  await mosaic.audit.append({
    actor: { user: user.id, agency: user.agency }, action: 'consultation', purpose: purpose ?? null, caseRef: caseRef ?? null,
    query: { auditVerify: options.expect === undefined ? {} : { expect: options.expect } }, outcome: 'ok', reason: 'audit verify',
  });
  return result;
}
