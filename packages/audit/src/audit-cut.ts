/**
 * Signed cuts: where the log was pruned. Logs are kept only as long as they are needed for
 * checking lawfulness, self-monitoring, integrity and criminal proceedings (LED Art. 25(2)) and
 * then deleted, after a period national law sets (e.g. BDSG §76(4): at the end of the year
 * after the one they were made in). But a chain whose first entries were deleted looks exactly
 * like one whose head an intruder cut away.
 *
 * A cut is a signed statement that the entries up to and including `seq` (the last of them
 * with hash `hash`) were deleted on purpose. Verification then starts after it: the first kept
 * entry must be `seq + 1` and link to `hash`. It is signed under a tag of its own, so a
 * checkpoint (there is one every N entries, in the same store, within an intruder's reach)
 * can never be passed off as a cut: deleting the head of the log still needs the key.
 */
import type { AuditSigner, AuditVerifyKey } from './audit-keys.ts';
import { signPosition, verifyPosition, type ChainHead } from './checkpoint.ts';

export interface AuditCut {
  /** The last deleted entry. */
  readonly seq: number;
  /** Its hash: the next entry's prevHash. */
  readonly hash: string;
  readonly keyId: string;
  /** Base64 Ed25519 signature over the cut's payload (tag mosaic-audit-cut/1, seq, hash, keyId). */
  readonly signature: string;
}

const CUT_TAG = 'mosaic-audit-cut/1';

/** Signs a cut through `last`, the last entry to delete. */
export function signCut(signer: AuditSigner, last: ChainHead): AuditCut {
  return signPosition(CUT_TAG, signer, last);
}

/** True when one of the keys has the cut's key id and its signature (as a cut) verifies. */
export function verifyCut(cut: AuditCut, keys: readonly AuditVerifyKey[]): boolean {
  return verifyPosition(CUT_TAG, cut, keys);
}
