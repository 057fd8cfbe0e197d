import { loadAuditSigner, signCheckpoint, type AuditEvent } from '@mosaic/audit';
import { AgencyId, UserId } from '@mosaic/model';
import { createStoreAuditStorage } from '@mosaic/store';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished as after } from 'vitest';
import { AUDIT_KEY_FILE, readAuditKeys } from './audit-keys-file.ts';
import { rotateAuditKey } from './audit-key-rotation.ts';
import { verifyAuditLog } from './audit-verify.ts';
import { parseConfig } from './config.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

const consultation: AuditEvent = { actor: { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation', purpose: 'test', outcome: 'ok' };
const operator = { actor: { user: UserId('system:cli'), agency: AgencyId('system') }, purpose: 'key rotation', caseRef: 'SEC-1' };

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const reopen = (dir: string): Promise<Mosaic> => openMosaic(parseConfig({ dataDir: dir }, dir));

describe('rotating the audit signing key', () => {
  it('retires the key through the rotation\'s entry: the whole log verifies, and the old key vouches for nothing after', async () => {
    world = await openTestMosaic();
    const { mosaic, dir } = world;
    for (let i = 0; i < 7; i++) await mosaic.audit.append(consultation);
    const before = readAuditKeys(dir);
    const rotation = await rotateAuditKey(mosaic, operator);
    expect(rotation.retired).toBe(loadAuditSigner(before).keyId);
    expect(rotation.current).not.toBe(rotation.retired);

    // the key file: a new key, the old one's public half retired through the rotation's entry; private
    const after = readAuditKeys(dir);
    expect(after.retired).toEqual([{ publicKeyPem: before.publicKeyPem, through: rotation.through, retiredAt: expect.any(String) }]);
    expect(loadAuditSigner(after).keyId).toBe(rotation.current);
    expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8')).not.toContain(before.privateKeyPem);
    expect(await mosaic.store.getSetting('audit.publicKey')).toBe(after.publicKeyPem);
    const storage = createStoreAuditStorage(mosaic.store);
    const entries = [];
    for await (const e of storage.entries()) entries.push(e);
    expect(entries.at(-1)).toMatchObject({ seq: rotation.through, action: 'administration', reason: 'audit signing key rotated', query: { auditKey: { retired: rotation.retired, current: rotation.current } } });

    // later entries are signed with the new key
    for (let i = 0; i < 12; i++) await mosaic.audit.append(consultation);
    await mosaic.audit.checkpoint();
    expect((await storage.checkpoints()).filter((c) => c.seq > rotation.through).every((c) => c.keyId === rotation.current)).toBe(true);
    expect(await verifyAuditLog(mosaic.store, mosaic.auditVerifyKeys(), { requireSealedTail: true })).toEqual({ ok: true, count: rotation.through + 12 });

    // the old key leaked: a checkpoint it signs over a later entry is refused
    const head = await storage.head();
    await storage.putCheckpoint(signCheckpoint(loadAuditSigner(before), head!));
    expect(await verifyAuditLog(mosaic.store, mosaic.auditVerifyKeys())).toMatchObject({ ok: false, firstBroken: head!.seq, reason: 'checkpoint_signature_invalid' });
  });

  it('can be run while another node serves the store: that node signs nothing with the retired key, and takes the new one from its key file', async () => {
    world = await openTestMosaic();
    const { mosaic, dir } = world;
    // a serving node on the same folder (on PostgreSQL, a node given the same key file)
    const serving = await openMosaic(parseConfig({ dataDir: dir }, dir), { checkpointEvery: 5 });
    await serving.audit.append(consultation);
    const rotation = await rotateAuditKey(mosaic, operator);
    // entries due a checkpoint on the serving node, and its shutdown checkpoint
    for (let i = 0; i < 12; i++) await serving.audit.append(consultation);
    await serving.close();
    const checkpoints = await createStoreAuditStorage(mosaic.store).checkpoints();
    expect(checkpoints.filter((c) => c.seq > rotation.through).map((c) => c.keyId)).toEqual([rotation.current, rotation.current, rotation.current]);
    expect(await verifyAuditLog(mosaic.store, mosaic.auditVerifyKeys(), { requireSealedTail: true })).toMatchObject({ ok: true });
  });

  it('refuses a node still holding the old key file; accepts the new one, and a store that a rotation left naming the old key', async () => {
    world = await openTestMosaic();
    const { mosaic, dir } = world;
    await mosaic.audit.append(consultation);
    const old = readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8');
    await rotateAuditKey(mosaic, operator);
    await mosaic.audit.append(consultation);
    // closed here (the folder is removed at the end)
    await mosaic.close();
    world = undefined;
    after(() => rmSync(dir, { recursive: true, force: true }));
    const rotated = readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8');

    writeFileSync(join(dir, AUDIT_KEY_FILE), old);
    await expect(reopen(dir)).rejects.toThrow(/audit signing key .* is not the one the store's audit log is signed with/);
    writeFileSync(join(dir, AUDIT_KEY_FILE), rotated);
    // the rotation wrote the file and stopped before the store named the new key
    let again = await reopen(dir);
    await again.store.putSetting('audit.publicKey', readAuditKeys(dir).retired![0]!.publicKeyPem);
    await again.close();
    again = await reopen(dir);
    expect(await again.store.getSetting('audit.publicKey')).toBe(readAuditKeys(dir).publicKeyPem);
    // and a second rotation retires the second key after the first
    const second = await rotateAuditKey(again, operator);
    await again.audit.append(consultation);
    expect(readAuditKeys(dir).retired?.map((r) => r.through)).toEqual([2, second.through]);
    expect(await verifyAuditLog(again.store, again.auditVerifyKeys())).toMatchObject({ ok: true });
    await again.close();
  });
});
