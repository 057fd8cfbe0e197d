/**
 * Signed checkpoints: an Ed25519 signature over (seq, hash) of a chain position. A hash chain
 * alone shows that entries were not altered relative to each other, but anyone who can write
 * the store can rebuild the whole chain or cut its tail; a signature by a key the store does
 * not hold anchors the chain, so truncation or rewriting before a checkpoint is detected.
 * (Schneier & Kelsey, "Secure audit logs to support computer forensics", 1999; Crosby &
 * Wallach, "Efficient data structures for tamper-evident logging", 2009.)
 */
import { canonicalJson } from './canonical-json.ts';
import { verifySignature, type AuditSigner, type AuditVerifyKey } from './audit-keys.ts';

export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly keyId: string;
  /** Base64 Ed25519 signature over checkpointPayload(seq, hash, keyId). */
  readonly signature: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** The signed bytes; a domain-separation tag keeps them from ever meaning anything else. */
export function checkpointPayload(seq: number, hash: string, keyId: string): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ v: 'mosaic-audit-checkpoint/1', seq, hash, keyId }));
}

export function signCheckpoint(signer: AuditSigner, head: ChainHead): Checkpoint {
  const signature = signer.sign(checkpointPayload(head.seq, head.hash, signer.keyId));
  return Object.freeze({ seq: head.seq, hash: head.hash, keyId: signer.keyId, signature: Buffer.from(signature).toString('base64') });
}

/** True when one of the keys has the checkpoint's key id and its signature verifies. */
export function verifyCheckpoint(checkpoint: Checkpoint, keys: readonly AuditVerifyKey[]): boolean {
  const key = keys.find((k) => k.keyId === checkpoint.keyId);
  if (key === undefined) return false;
  if (typeof checkpoint.signature !== 'string') return false;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  return verifySignature(key, checkpointPayload(checkpoint.seq, checkpoint.hash, checkpoint.keyId), signature);
}
