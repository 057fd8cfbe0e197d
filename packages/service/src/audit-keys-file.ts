/**
 * The audit signing key lives in the data folder (mode 0600), not in the database whose log it
 * signs: someone who can rewrite the log's tables must not also be able to re-sign it. In server
 * mode every node is given the same key file. The public key is also kept in the store's
 * settings so an auditor can verify without the private key.
 */
import { generateAuditKeyPair, type AuditKeyPairPem } from '@mosaic/audit';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_KEY_FILE = 'audit-signing-key.json';

export function loadOrCreateAuditKeys(dataDir: string): AuditKeyPairPem {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as AuditKeyPairPem;
  mkdirSync(dataDir, { recursive: true });
  const keys = generateAuditKeyPair();
  writeFileSync(path, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  return keys;
}
