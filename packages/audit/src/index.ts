export { canonicalJson, type JsonValue } from './canonical-json.ts';
export {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  GENESIS_HASH,
  entryBody,
  hashEntry,
  sealEntry,
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditEntryBody,
  type AuditEvent,
  type AuditOutcome,
  type PointedRecords,
} from './audit-entry.ts';
export { generateAuditKeyPair, loadAuditPublicKey, loadAuditSigner, type AuditKeyPairPem, type AuditSigner, type AuditVerifyKey } from './audit-keys.ts';
export { checkpointPayload, signCheckpoint, verifyCheckpoint, type ChainHead, type Checkpoint } from './checkpoint.ts';
export { signCut, verifyCut, type AuditCut } from './audit-cut.ts';
export type { PruneOptions, PruneResult, PruneStage, PrunedThrough } from './audit-prune.ts';
export type { AuditAppend, AuditStorage, SeqRange } from './audit-storage.ts';
export { createMemoryAuditStorage } from './memory-audit-storage.ts';
export { createAuditLog, type AuditLog, type AuditLogOptions } from './audit-log.ts';
export { formatWitness, readWitness } from './audit-witness.ts';
export { BROKEN_REASONS, verifyChain, verifyStoredChain, type BrokenReason, type VerifyOptions, type VerifyResult } from './verify-chain.ts';
export { matchesAuditQuery, searchAudit, searchStoredAudit, type AuditQuery } from './search-audit.ts';
