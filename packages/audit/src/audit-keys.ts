/**
 * Ed25519 keys for signing audit checkpoints (RFC 8032). Keys arrive as PEM strings from the
 * caller (the server reads them from its configured secret store); this module never touches
 * files or the environment. The key id is the first 16 hex digits of SHA-256 over the public
 * key's SPKI DER encoding, so checkpoints name the key that signed them and keys can rotate.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '@mosaic/model';

export interface AuditKeyPairPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export interface AuditVerifyKey {
  readonly keyId: string;
  readonly key: KeyObject;
  /**
   * A retired key (rotated out): the last chain position it signed when it was retired. A
   * checkpoint or cut it signs past this is not accepted, so a retired key that leaked cannot
   * vouch for what came after it.
   */
  readonly through?: number;
}

/** Signs checkpoint payloads. An HSM-backed implementation only has to provide this shape. */
export interface AuditSigner {
  readonly keyId: string;
  sign(payload: Uint8Array): Uint8Array;
}

export function generateAuditKeyPair(): AuditKeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** `through`: the key was retired after signing that position (AuditVerifyKey.through). */
export function loadAuditPublicKey(publicKeyPem: string, { through }: { readonly through?: number } = {}): AuditVerifyKey {
  const key = parse(() => createPublicKey(publicKeyPem), 'public');
  return through === undefined ? { keyId: keyIdOf(key), key } : { keyId: keyIdOf(key), key, through };
}

/**
 * Loads a signer from a PKCS#8 PEM private key. When the public key is given too, it must be the
 * private key's own: a mismatched pair would sign checkpoints that the configured verifier rejects.
 */
export function loadAuditSigner(pair: { readonly privateKeyPem: string; readonly publicKeyPem?: string }): AuditSigner & { readonly verifyKey: AuditVerifyKey } {
  const privateKey = parse(() => createPrivateKey(pair.privateKeyPem), 'private');
  const derived = createPublicKey(privateKey);
  if (pair.publicKeyPem !== undefined) {
    const given = loadAuditPublicKey(pair.publicKeyPem);
    if (given.keyId !== keyIdOf(derived)) throw new AppError('MOSAIC_INVALID_CONFIG', 'audit: the public key does not belong to the private key');
  }
  const verifyKey: AuditVerifyKey = { keyId: keyIdOf(derived), key: derived };
  return {
    keyId: verifyKey.keyId,
    verifyKey,
    sign: (payload) => new Uint8Array(sign(null, payload, privateKey)),
  };
}

export function verifySignature(key: AuditVerifyKey, payload: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, payload, key.key, signature);
  } catch {
    return false;
  }
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function parse(load: () => KeyObject, which: string): KeyObject {
  let key: KeyObject;
  try {
    key = load();
  } catch {
    // The PEM itself is a secret for private keys: never echo it in the message.
    throw new AppError('MOSAIC_INVALID_CONFIG', `audit: the ${which} key is not a valid PEM key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('MOSAIC_INVALID_CONFIG', `audit: the ${which} key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}
