/**
 * Rotating the audit signing key (`mosaic audit rotate-key`): a routine change of key, or one that
 * may have leaked. An `administration` entry says so, the current key signs a checkpoint over it
 * (its last), the key file gets a new key and keeps the old one's public half retired through that
 * entry (audit-keys-file.ts), and the store names the new key; from then on the log is signed with
 * the new key. The whole log still verifies, and a checkpoint the old key signs after the rotation
 * does not: a leaked key vouches for nothing written since.
 *
 * The serving nodes may go on meanwhile. Each reads, before it signs a checkpoint, which key the
 * log is signed with there (the rotation's entry names it: audit-log.ts in @mosaic/audit), so none
 * signs with the retired key after the rotation; a node takes the new key from its key file when
 * that holds it (a node on this folder at once), and signs nothing until then, its entries being
 * covered by the checkpoints of the nodes that have it. Give every node the new key file: a node
 * started with the old one is refused, as with any other key.
 */
import { generateAuditKeyPair, loadAuditSigner, type AuditEvent } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { readAuditKeys, writeRotatedKeys } from './audit-keys-file.ts';
import type { Mosaic } from './runtime.ts';

export interface AuditKeyRotation {
  /** Key ids (the first 16 hex digits of SHA-256 over the public key). */
  readonly retired: string;
  readonly current: string;
  /** The last entry the retired key signed (the rotation's own). */
  readonly through: number;
}

export async function rotateAuditKey(mosaic: Mosaic, { actor, purpose, caseRef }: { readonly actor: AuditEvent['actor']; readonly purpose: string; readonly caseRef: string }): Promise<AuditKeyRotation> {
  const dataDir = mosaic.config.dataDir;
  const current = readAuditKeys(dataDir);
  const retiring = loadAuditSigner(current);
  const signedWith = await mosaic.store.getSetting('audit.publicKey');
  if (signedWith !== current.publicKeyPem) throw new AppError('MOSAIC_INVALID_CONFIG', 'audit rotate-key: the key file is not the key the store\'s log is signed with now; nothing was changed');
  const next = generateAuditKeyPair();
  const nextSigner = loadAuditSigner(next);
  const event: AuditEvent = {
    actor, action: 'administration', purpose, caseRef, records: [], outcome: 'ok', reason: 'audit signing key rotated',
    query: { auditKey: { retired: retiring.keyId, current: nextSigner.keyId } },
  };
  const { through } = await mosaic.audit.rotate(nextSigner, event, async (seq) => {
    // The file first: a store left naming the retired key follows the file at the next start.
    // Once the file is written the rotation holds, so a failure to name the new key in the store
    // must not undo it (the log would say the retired key signs on, and it does not verify).
    writeRotatedKeys(dataDir, current, next, seq, mosaic.now().toISOString());
    await mosaic.store.putSetting('audit.publicKey', next.publicKeyPem).catch(() => undefined);
  });
  return { retired: retiring.keyId, current: nextSigner.keyId, through };
}
