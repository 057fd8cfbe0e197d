/**
 * The audit log's retention period and the audit entry its change leaves: written together or not
 * at all, so a period no entry accounts for never governs what the next prune deletes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auditRetentionOf, putAuditRetention } from './audit-retention.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('a change to the audit retention period and its audit entry', () => {
  it('are kept together or not at all: an audit log that cannot be written leaves the period as it was', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const request = { user: (await mosaic.store.findUserByName('sysadmin'))!, purpose: 'audit retention', caseRef: 'CHG-12' };
    await putAuditRetention(mosaic, request, { years: 2 });
    const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
    Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
    await expect(putAuditRetention(mosaic, request, { days: 1 })).rejects.toThrow('audit storage unavailable');
    await expect(putAuditRetention(mosaic, request, null)).rejects.toThrow('audit storage unavailable');
    expect(await auditRetentionOf(mosaic)).toEqual({ years: 2, months: 0, days: 0, endOfYear: false });
  });
});
