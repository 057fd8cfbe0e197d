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

/** A chain position signed under a tag that says what the signature means (a checkpoint, a cut). */
export interface SignedPosition {
  readonly seq: number;
  readonly hash: string;
  readonly keyId: string;
  readonly signature: string;
}

const CHECKPOINT_TAG = 'mosaic-audit-checkpoint/1';

/** The signed bytes; a domain-separation tag keeps them from ever meaning anything else. */
export function positionPayload(tag: string, seq: number, hash: string, keyId: string): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ v: tag, seq, hash, keyId }));
}

export function checkpointPayload(seq: number, hash: string, keyId: string): Uint8Array {
  return positionPayload(CHECKPOINT_TAG, seq, hash, keyId);
}

export function signPosition(tag: string, signer: AuditSigner, head: ChainHead): SignedPosition {
  const signature = signer.sign(positionPayload(tag, head.seq, head.hash, signer.keyId));
  return Object.freeze({ seq: head.seq, hash: head.hash, keyId: signer.keyId, signature: Buffer.from(signature).toString('base64') });
}

/**
 * True when one of the keys has the position's key id, may sign it (a retired key only up to
 * where it was retired) and its signature under `tag` verifies.
 */
export function verifyPosition(tag: string, position: SignedPosition, keys: readonly AuditVerifyKey[]): boolean {
  const key = keys.find((k) => k.keyId === position.keyId);
  if (key === undefined) return false;
  if (key.through !== undefined && !(position.seq <= key.through)) return false;
  if (typeof position.signature !== 'string') return false;
  const signature = Buffer.from(position.signature, 'base64');
  return verifySignature(key, positionPayload(tag, position.seq, position.hash, position.keyId), signature);
}

export function signCheckpoint(signer: AuditSigner, head: ChainHead): Checkpoint {
  return signPosition(CHECKPOINT_TAG, signer, head);
}

/** True when one of the keys has the checkpoint's key id and its signature verifies. */
export function verifyCheckpoint(checkpoint: Checkpoint, keys: readonly AuditVerifyKey[]): boolean {
  return verifyPosition(CHECKPOINT_TAG, checkpoint, keys);
}
