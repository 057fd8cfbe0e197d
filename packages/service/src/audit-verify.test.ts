/**
 * An auditor's verification on a real store: the witness it answers is the last entry verified
 * (its number and hash, as stored), of a pruned log too, and the log verified again with it must
 * still reach it; verifying is the auditors' alone.
 */
import type { AuditEntry, AuditEvent } from '@mosaic/audit';
import { AgencyId, UserId } from '@mosaic/model';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneAuditLog } from './audit-prune.ts';
import { verifyAuditLogAs } from './audit-verify.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const consultation: AuditEvent = { actor: { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation', purpose: 'test', outcome: 'ok' };

async function entries(test: TestMosaic): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(test.mosaic.store).entries()) all.push(entry);
  return all;
}

async function userNamed(test: TestMosaic, name: string) {
  const user = await test.mosaic.store.findUserByName(name);
  if (!user) throw new Error(`no ${name}`);
  return user;
}

describe('verifyAuditLogAs', () => {
  it('answers the last entry verified as the witness, of a log pruned behind a cut too, which a later verification still reaches', async () => {
    let today = new Date('2028-03-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    for (const day of ['2028-03-01', '2029-03-01']) {
      today = new Date(`${day}T12:00:00Z`);
      for (let i = 0; i < 3; i++) await world.mosaic.audit.append(consultation);
    }
    await pruneAuditLog(world.mosaic, { before: '2029-01-01', actor: consultation.actor, purpose: 'audit retention', caseRef: 'DPO-7' });
    const auditor = await userNamed(world, 'auditor');
    const last = (await entries(world)).at(-1)!;

    const result = await verifyAuditLogAs(world.mosaic, { user: auditor });
    expect(result).toMatchObject({ ok: true, witness: `${last.seq}:${last.hash}` });
    expect(result.ok && result.prunedThrough).toBeGreaterThan(0);

    // the verification logged itself after it ran: the log goes on past the witness, and still reaches it
    const again = await verifyAuditLogAs(world.mosaic, { user: auditor }, { expect: `${last.seq}:${last.hash}` });
    const logged = (await entries(world)).at(-2)!;
    expect(logged.seq).toBe(last.seq + 1);
    expect(again).toMatchObject({ ok: true, witness: `${logged.seq}:${logged.hash}` });
  });

  it('answers no witness for a chain that is broken, and refuses anyone but an auditor', async () => {
    world = await openTestMosaic();
    await world.mosaic.audit.append(consultation);
    const auditor = await userNamed(world, 'auditor');
    const broken = await verifyAuditLogAs(world.mosaic, { user: auditor }, { expect: `1:${'d'.repeat(64)}` });
    expect(broken).toMatchObject({ ok: false, reason: 'witness_mismatch' });
    expect(broken).not.toHaveProperty('witness');
    await expect(verifyAuditLogAs(world.mosaic, { user: await userNamed(world, 'fedAnalyst') })).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
  });
});
