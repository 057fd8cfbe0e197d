/**
 * Verification of the whole stored audit chain against the signing key's public half, taken
 * from the key file (or given by the auditor), not from the database that holds the log.
 */
import { loadAuditPublicKey, verifyStoredChain, type VerifyResult } from '@mosaic/audit';
import { createStoreAuditStorage, type Store } from '@mosaic/store';

export async function verifyAuditLog(store: Store, publicKeyPem: string, options: { readonly requireSealedTail?: boolean } = {}): Promise<VerifyResult> {
  return verifyStoredChain(createStoreAuditStorage(store), loadAuditPublicKey(publicKeyPem), options);
}
