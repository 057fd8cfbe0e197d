import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { AppError } from '@mosaic/model';
import { generateAuditKeyPair, loadAuditPublicKey, loadAuditSigner, verifySignature } from './audit-keys.ts';

describe('audit keys', () => {
  it('generates PEM Ed25519 pairs that sign and verify', () => {
    const pair = generateAuditKeyPair();
    expect(pair.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(pair.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const signer = loadAuditSigner(pair);
    const publicKey = loadAuditPublicKey(pair.publicKeyPem);
    expect(publicKey.keyId).toBe(signer.keyId);
    const payload = new TextEncoder().encode('seq 1');
    const signature = signer.sign(payload);
    expect(verifySignature(publicKey, payload, signature)).toBe(true);
    expect(verifySignature(publicKey, new TextEncoder().encode('seq 2'), signature)).toBe(false);
  });

  it('gives different keys different ids', () => {
    expect(loadAuditSigner(generateAuditKeyPair()).keyId).not.toBe(loadAuditSigner(generateAuditKeyPair()).keyId);
  });

  it('rejects a public key that does not belong to the private key', () => {
    const a = generateAuditKeyPair();
    const b = generateAuditKeyPair();
    expect(() => loadAuditSigner({ privateKeyPem: a.privateKeyPem, publicKeyPem: b.publicKeyPem })).toThrow(AppError);
  });

  it('rejects garbage and non-Ed25519 keys without echoing the key', () => {
    expect(() => loadAuditSigner({ privateKeyPem: 'not a key SECRET' })).toThrow(/not a valid PEM key/);
    try {
      loadAuditSigner({ privateKeyPem: 'not a key SECRET' });
    } catch (error) {
      expect(String(error)).not.toContain('SECRET');
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => loadAuditPublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(/must be Ed25519/);
  });
});
