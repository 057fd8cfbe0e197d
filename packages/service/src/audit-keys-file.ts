/**
 * The audit signing key lives in the data folder (mode 0600), not in the database whose log it
 * signs: someone who can rewrite the log's tables must not also be able to re-sign it. In server
 * mode every node is given the same key file. The public key is also kept in the store's
 * settings so an auditor can verify without the private key.
 *
 * The key can be rotated (rotateAuditKey): the file then keeps the public halves of the keys it
 * replaced, each with the last position it signed, so the whole log still verifies and a retired
 * key vouches for nothing after it.
 */
import { generateAuditKeyPair, loadAuditPublicKey, type AuditKeyPairPem, type AuditVerifyKey } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { makeDataFolder } from '@mosaic/store';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_KEY_FILE = 'audit-signing-key.json';

/** A key rotated out: its public half, the last chain position it signed, and when. */
export interface RetiredAuditKey {
  readonly publicKeyPem: string;
  readonly through: number;
  readonly retiredAt: string;
}

export interface AuditKeyFile extends AuditKeyPairPem {
  /** The keys this one replaced, oldest first. */
  readonly retired?: readonly RetiredAuditKey[];
}

export function loadOrCreateAuditKeys(dataDir: string): AuditKeyFile {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as AuditKeyFile;
  makeDataFolder(dataDir);
  const keys = generateAuditKeyPair();
  writeFileSync(path, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  return keys;
}

/** The key file as it is (it must exist: the store was opened with it). */
export function readAuditKeys(dataDir: string): AuditKeyFile {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (!existsSync(path)) throw new AppError('MOSAIC_INVALID_CONFIG', `audit: no signing key file ${AUDIT_KEY_FILE} in ${dataDir}`);
  return JSON.parse(readFileSync(path, 'utf8')) as AuditKeyFile;
}

/** The keys the log verifies against: the current one, and each retired one up to where it was retired. */
export function auditVerifyKeys(file: AuditKeyFile): readonly AuditVerifyKey[] {
  return [loadAuditPublicKey(file.publicKeyPem), ...(file.retired ?? []).map((r) => loadAuditPublicKey(r.publicKeyPem, { through: r.through }))];
}

/** The public halves of the keys, for an auditor's own copy (what `mosaic audit verify --public-key` reads back). */
export interface AuditPublicKeys {
  readonly keys: readonly { readonly keyId: string; readonly publicKeyPem: string; readonly through?: number }[];
}

export function auditPublicKeys(file: AuditKeyFile): AuditPublicKeys {
  const pems = [file.publicKeyPem, ...(file.retired ?? []).map((r) => r.publicKeyPem)];
  return { keys: auditVerifyKeys(file).map((k, i) => ({ keyId: k.keyId, publicKeyPem: pems[i] as string, ...(k.through === undefined ? {} : { through: k.through }) })) };
}

/**
 * Keys an auditor gives: a PEM public key (valid throughout), or the JSON of auditPublicKeys.
 * `what` names the input in an error.
 */
export function readAuditPublicKeys(text: string, what: string): readonly AuditVerifyKey[] {
  if (!text.trimStart().startsWith('{')) {
    try {
      return [loadAuditPublicKey(text)];
    } catch (error) {
      // named by what was given (the option and its file), not as "the public key"
      if (error instanceof AppError && /not a valid PEM key$/.test(error.message)) throw new AppError('MOSAIC_INVALID_INPUT', `${what}: not a PEM public key nor the JSON of mosaic audit keys`);
      throw error;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('MOSAIC_INVALID_INPUT', `${what}: not a PEM public key nor the JSON of mosaic audit keys`);
  }
  const keys = (parsed as Partial<AuditPublicKeys>).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new AppError('MOSAIC_INVALID_INPUT', `${what}: "keys" must list at least one key`);
  return keys.map((k: Partial<AuditPublicKeys['keys'][number]>, i) => {
    if (typeof k.publicKeyPem !== 'string') throw new AppError('MOSAIC_INVALID_INPUT', `${what}: keys[${i}].publicKeyPem: a PEM public key is required`);
    if (k.through !== undefined && !Number.isSafeInteger(k.through)) throw new AppError('MOSAIC_INVALID_INPUT', `${what}: keys[${i}].through: a whole number (an entry's seq) is required`);
    return loadAuditPublicKey(k.publicKeyPem, k.through === undefined ? {} : { through: k.through });
  });
}

/**
 * Writes the key file with a new key, the current one retired through `through` (the position of
 * the last checkpoint it signed). The file is replaced at once (a new file renamed over it), so a
 * crash leaves either the old file or the new one.
 */
export function writeRotatedKeys(dataDir: string, current: AuditKeyFile, next: AuditKeyPairPem, through: number, at: string): AuditKeyFile {
  const rotated: AuditKeyFile = { ...next, retired: [...(current.retired ?? []), { publicKeyPem: current.publicKeyPem, through, retiredAt: at }] };
  const path = join(dataDir, AUDIT_KEY_FILE);
  const fresh = `${path}.new`;
  writeFileSync(fresh, JSON.stringify(rotated, null, 2), { mode: 0o600 });
  renameSync(fresh, path);
  return rotated;
}
