/**
 * Verification of the whole stored audit chain against the signing keys' public halves, taken
 * from the key file (or given by the auditor), not from the database that holds the log: the
 * current key, and each one it replaced up to where it was retired (Mosaic.auditVerifyKeys).
 */
import { verifyStoredChain, type AuditVerifyKey, type VerifyResult } from '@mosaic/audit';
import { createStoreAuditStorage, type Store } from '@mosaic/store';

export async function verifyAuditLog(store: Store, keys: readonly AuditVerifyKey[], options: { readonly requireSealedTail?: boolean } = {}): Promise<VerifyResult> {
  return verifyStoredChain(createStoreAuditStorage(store), keys, options);
}
