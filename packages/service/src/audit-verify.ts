/**
 * Verification of the whole stored audit chain against the signing keys' public halves, taken
 * from the key file (or given by the auditor), not from the database that holds the log: the
 * current key, and each one it replaced up to where it was retired (Mosaic.auditVerifyKeys).
 * `expect`, a witness the auditor kept (`SEQ:HASH`, audit-witness.ts), must still be reached.
 */
import { readWitness, verifyStoredChain, type AuditVerifyKey, type VerifyResult } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { createStoreAuditStorage, type Store } from '@mosaic/store';

export async function verifyAuditLog(store: Store, keys: readonly AuditVerifyKey[], options: { readonly requireSealedTail?: boolean; readonly expect?: string } = {}): Promise<VerifyResult> {
  const { expect, ...rest } = options;
  if (expect === undefined) return verifyStoredChain(createStoreAuditStorage(store), keys, rest);
  const read = readWitness(expect);
  if (!read.ok) throw new AppError('MOSAIC_INVALID_INPUT', `expect: ${read.reason}`, { field: 'expect', reason: read.reason });
  return verifyStoredChain(createStoreAuditStorage(store), keys, { ...rest, witness: read.witness });
}
