/**
 * An agency's retention rules and the audit entry their change leaves: written together or not
 * at all (LED Art. 25: an alteration is logged with who, when and why).
 */
import { AgencyId } from '@mosaic/model';
import { DEFAULT_RETENTION } from '@mosaic/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { putRetentionRules, retentionRulesOf } from './retention-rules.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('a change to retention rules and its audit entry', () => {
  it('are kept together or not at all: an audit log that cannot be written leaves the rules as they were', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const request = { user: (await mosaic.store.findUserByName('intelAdmin'))!, purpose: 'retention rules', caseRef: 'DPO-4' };
    await putRetentionRules(mosaic, request, { suspect: { years: 3 } });
    // the audit log's storage failing (a full disk, the database gone) as the entry is written
    const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
    Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
    await expect(putRetentionRules(mosaic, request, { suspect: { years: 1 }, witness: { months: 6 } })).rejects.toThrow('audit storage unavailable');
    expect(await retentionRulesOf(mosaic, AgencyId('intel'))).toEqual({ ...DEFAULT_RETENTION, suspect: { years: 3, months: 0, days: 0 } });
  });
});
