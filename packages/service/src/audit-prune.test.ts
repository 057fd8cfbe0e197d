/**
 * The audit log's retention on a real store: the period is the system administrator's setting
 * (audited), a prune deletes what is past it behind a signed cut and logs itself, and the log
 * still verifies; a prune with nothing to go by, or a date that is not one or is to come, is
 * refused naming `before`, and deletes nothing.
 */
import type { AuditEntry, AuditEvent } from '@mosaic/audit';
import { AgencyId, UserId } from '@mosaic/model';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { readPruneBefore, pruneAuditLog } from './audit-prune.ts';
import { auditRetentionOf, putAuditRetention, readAuditRetention } from './audit-retention.ts';
import { verifyAuditLog } from './audit-verify.ts';
import { sweepRetention } from './retention/retention-sweep.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const dpo = { user: UserId('fedpol.dpo'), agency: AgencyId('fedpol') };
const consultation: AuditEvent = { actor: { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation', purpose: 'test', outcome: 'ok' };

async function entries(test: TestMosaic): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(test.mosaic.store).entries()) all.push(entry);
  return all;
}

/** A Mosaic whose clock the test moves, with `count` consultations logged on each of the given days. */
async function worldWithEntries(days: readonly string[], count = 3): Promise<{ test: TestMosaic; setToday: (day: string) => void }> {
  let today = new Date(`${days[0]}T12:00:00Z`);
  const test = await openTestMosaic({ now: () => today });
  for (const day of days) {
    today = new Date(`${day}T12:00:00Z`);
    for (let i = 0; i < count; i++) await test.mosaic.audit.append(consultation);
  }
  return { test, setToday: (day) => (today = new Date(`${day}T12:00:00Z`)) };
}

async function sysadminRequest(test: TestMosaic) {
  const user = await test.mosaic.store.findUserByName('sysadmin');
  if (!user) throw new Error('no sysadmin');
  return { user, purpose: 'retention policy', caseRef: 'DPO-7' };
}

describe('readPruneBefore', () => {
  const now = new Date('2030-06-01T12:00:00Z');
  it('reads a day as its first instant, or an instant, not in the future', () => {
    expect(readPruneBefore('2029-01-01', now)).toEqual({ ok: true, before: '2029-01-01T00:00:00.000Z' });
    expect(readPruneBefore('2030-06-01', now)).toEqual({ ok: true, before: '2030-06-01T00:00:00.000Z' });
    expect(readPruneBefore('2030-06-01T11:59Z', now)).toEqual({ ok: true, before: '2030-06-01T11:59:00.000Z' });
    expect(readPruneBefore('2030-06-02', now)).toEqual({ ok: false, reason: '2030-06-02T00:00:00.000Z is in the future: only entries already made can be pruned' });
    for (const text of ['2029-02-30', '2029-13-01', 'last year', '01/01/2029', '2029-01-01T00:00:00+02:00', '2029-02-30T00:00Z', '']) {
      expect(readPruneBefore(text, now)).toEqual({ ok: false, reason: 'not a day YYYY-MM-DD nor an ISO 8601 UTC instant' });
    }
  });
});

describe('audit retention', () => {
  it('is the system administrator\'s to set, checked, audited, and none unless set', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    expect(await auditRetentionOf(mosaic)).toBeNull();
    const admin = await sysadminRequest(world);
    const fedAdmin = await mosaic.store.findUserByName('fedAdmin');
    const auditor = await mosaic.store.findUserByName('auditor');
    const analyst = await mosaic.store.findUserByName('fedAnalyst');
    if (!fedAdmin || !auditor || !analyst) throw new Error('test users missing');
    await expect(putAuditRetention(mosaic, { ...admin, user: fedAdmin }, { years: 1 })).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
    await expect(putAuditRetention(mosaic, admin, { years: 0 })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'retention' } });
    await expect(putAuditRetention(mosaic, admin, { months: -1 })).rejects.toMatchObject({ details: { field: 'retention.months' } });
    await expect(putAuditRetention(mosaic, admin, { years: 101 })).rejects.toMatchObject({ details: { field: 'retention' } });
    expect(await auditRetentionOf(mosaic)).toBeNull();

    expect(await putAuditRetention(mosaic, admin, { years: 1, endOfYear: true })).toEqual({ years: 1, months: 0, days: 0, endOfYear: true });
    expect(await readAuditRetention(mosaic, { user: auditor })).toEqual({ years: 1, months: 0, days: 0, endOfYear: true });
    await expect(readAuditRetention(mosaic, { user: analyst })).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
    expect(await putAuditRetention(mosaic, admin, null)).toBeNull();
    expect(await auditRetentionOf(mosaic)).toBeNull();
    const changes = (await entries(world)).filter((e) => e.action === 'administration');
    expect(changes.map((e) => e.reason)).toEqual(['audit retention set', 'audit retention removed: the whole log is kept']);
    expect(changes[0]).toMatchObject({ actor: { user: admin.user.id }, purpose: 'retention policy', caseRef: 'DPO-7', query: { auditRetention: { years: 1, months: 0, days: 0, endOfYear: true } } });
  });
});

describe('pruneAuditLog', () => {
  it('prunes before a given day, logs the prune, and the log still verifies', async () => {
    const { test } = await worldWithEntries(['2028-03-01', '2029-03-01', '2030-03-01']);
    world = test;
    const before = await entries(test);
    const summary = await pruneAuditLog(test.mosaic, { before: '2029-03-01', actor: dpo, purpose: 'audit retention', caseRef: 'DPO-7' });
    expect(summary).toEqual({ pruned: 3, deleted: 3, before: '2029-03-01T00:00:00.000Z', through: { seq: 3, time: '2028-03-01T12:00:00.000Z' } });
    const after = await entries(test);
    expect(after.map((e) => e.seq)).toEqual([...before.slice(3).map((e) => e.seq), before.length + 1]);
    expect(after.at(-1)).toMatchObject({
      actor: dpo, action: 'erasure', purpose: 'audit retention', caseRef: 'DPO-7', reason: 'audit log pruned',
      query: { auditPrune: { before: '2029-03-01T00:00:00.000Z', fromSeq: 1, throughSeq: 3, throughTime: '2028-03-01T12:00:00.000Z', entries: 3 } },
    });
    expect(await verifyAuditLog(test.mosaic.store, test.mosaic.auditVerifyKeys(), { requireSealedTail: true })).toEqual({ ok: true, count: after.length, prunedThrough: 3 });
  });

  it('prunes by the configured period, from today', async () => {
    const { test, setToday } = await worldWithEntries(['2028-03-01', '2029-03-01', '2030-03-01']);
    world = test;
    await putAuditRetention(test.mosaic, await sysadminRequest(test), { years: 1, endOfYear: true });
    // 2030-06-01: entries made in 2028 are past the end of 2029; those made in 2029 are kept to the end of 2030
    setToday('2030-06-01');
    expect(await pruneAuditLog(test.mosaic, { actor: dpo })).toMatchObject({ pruned: 3, before: '2029-01-01T00:00:00.000Z' });
    // a date past the period's cut would delete what the period keeps: refused, nothing deleted
    const kept = await entries(test);
    await expect(pruneAuditLog(test.mosaic, { actor: dpo, before: '2030-01-01' })).rejects.toMatchObject({
      details: { field: 'before', reason: '2030-01-01T00:00:00.000Z is after 2029-01-01T00:00:00.000Z, the retention period\'s cut: the entries made since are kept; nothing is pruned' },
    });
    expect(await entries(test)).toEqual(kept);
    expect(await pruneAuditLog(test.mosaic, { actor: dpo, before: '2028-12-31' })).toMatchObject({ pruned: 0 });
    setToday('2031-01-01');
    expect(await pruneAuditLog(test.mosaic, { actor: dpo })).toMatchObject({ pruned: 3, before: '2030-01-01T00:00:00.000Z' });
    expect((await entries(test))[0]?.time).toBe('2030-03-01T12:00:00.000Z');
    expect(await verifyAuditLog(test.mosaic.store, test.mosaic.auditVerifyKeys())).toMatchObject({ ok: true, prunedThrough: 6 });
  });

  it('refuses, naming before, with no period and no date, a date that is not one, or one to come; nothing is deleted', async () => {
    const { test } = await worldWithEntries(['2030-03-01']);
    world = test;
    const before = await entries(test);
    await expect(pruneAuditLog(test.mosaic, { actor: dpo })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'before', reason: 'no audit retention period is set and no date was given: nothing is pruned' } });
    await expect(pruneAuditLog(test.mosaic, { actor: dpo, before: '2030-02-30' })).rejects.toMatchObject({ details: { field: 'before', reason: 'not a day YYYY-MM-DD nor an ISO 8601 UTC instant' } });
    await expect(pruneAuditLog(test.mosaic, { actor: dpo, before: '2030-03-02' })).rejects.toMatchObject({ details: { field: 'before', reason: expect.stringContaining('is in the future') as unknown } });
    expect(await entries(test)).toEqual(before);
    expect(await test.mosaic.store.readAuditCut()).toBeUndefined();
  });

  it('joins the retention sweep when a period is set, and only then', async () => {
    const { test, setToday } = await worldWithEntries(['2028-03-01', '2030-03-01'], 4);
    world = test;
    setToday('2030-06-01');
    expect((await sweepRetention(test.mosaic)).auditPruned).toBe(0);
    expect((await entries(test))[0]?.seq).toBe(1);
    await putAuditRetention(test.mosaic, await sysadminRequest(test), { years: 1 });
    expect((await sweepRetention(test.mosaic)).auditPruned).toBe(4);
    expect((await sweepRetention(test.mosaic)).auditPruned).toBe(0);
    const kept = await entries(test);
    expect(kept[0]?.seq).toBe(5);
    expect(kept.filter((e) => e.reason === 'audit log pruned')).toEqual([expect.objectContaining({ actor: { user: 'system:retention', agency: 'system' }, purpose: 'retention' })]);
    expect(await verifyAuditLog(test.mosaic.store, test.mosaic.auditVerifyKeys())).toMatchObject({ ok: true, prunedThrough: 4 });
  });
});
