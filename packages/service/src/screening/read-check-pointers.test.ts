import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { searchAuditLog } from '../audit-search.ts';
import { followChanges } from '../change-follower.ts';
import { saveOrganisation } from '../organisation.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
import { readCheck } from './read-check.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const asked = { name: 'Rachid Bouzid', birthDate: '1980-01-01' };

/** A checkpoint officer's check of a person intelligence lists (`marking` on its record), with its pointer to intelligence. */
async function checked(marking?: Record<string, unknown>) {
  world = await openTestMosaic();
  const { mosaic } = world;
  await putFixtures(mosaic, [{ id: 'i1', schema: 'Person', properties: { name: [asked.name], birthDate: [asked.birthDate] }, provenance: testProvenance('intel', marking ? { marking } : {}) }]);
  const checkpoint = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
  if (marking) {
    // intelligence's case team, with the zone's checkpoint officer in it
    await putTestGroup(mosaic, 'ct-team', 'intel');
    await mosaic.store.upsertUser({ ...checkpoint, groups: ['ct-team'] as never });
  }
  const projection = createScreeningProjection();
  await followChanges(mosaic.store, [projection]).catchUp();
  const officer = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
  const check = await screenCheck(mosaic, officer, projection, { query: asked });
  expect(check.hits.map((h) => (h.kind === 'pointer' ? h.agency : h.kind))).toEqual(['intel']);
  // what the check keeps for its later readers is not in its answer
  expect(check).not.toHaveProperty('pointerRecords');
  return { mosaic, projection, check, officer };
}

describe('a kept check\'s pointers', () => {
  it('name the records behind them in the audit entries of the check and of each read (`pointed`), for the owner\'s auditor alone', async () => {
    const { mosaic, projection, check, officer } = await checked();
    await readCheck(mosaic, officer, projection, check.id);
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.caseRef === check.caseRef) entries.push(entry);
    expect(entries.map((e) => [e.action, e.pointers, e.pointed])).toEqual([
      ['screening', ['intel'], [{ agency: 'intel', records: ['intel:i1'] }]],
      ['consultation', ['intel'], [{ agency: 'intel', records: ['intel:i1'] }]],
    ]);
    const auditor = (agency: string): User => ({ id: UserId(`${agency}.auditor2`), name: 'auditor2', agency: AgencyId(agency), desk: DeskId('d'), roles: ['auditor'], clearance: 'RESTRICTED', groups: [], passwordHash: '' });
    const asked = { purpose: 'lawfulness check', caseRef: 'DPO-1' };
    const byRecord = { record: RecordId('intel:i1'), action: ['screening', 'consultation'] } as const;
    expect((await searchAuditLog(mosaic, { user: auditor('intel'), ...asked }, byRecord)).entries.map((e) => e.action)).toEqual(['consultation', 'screening']);
    expect((await searchAuditLog(mosaic, { user: auditor('zone-north'), ...asked }, byRecord)).entries).toEqual([]);
    expect(JSON.stringify(await searchAuditLog(mosaic, { user: auditor('zone-north'), ...asked }, { caseRef: check.caseRef }))).not.toContain('intel:i1');
  });

  it('are shown to a later reader only where the policy would give them one now: not to a colleague outside the record\'s need-to-know group', async () => {
    const { mosaic, projection, check, officer } = await checked({ tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['ct-team'] });
    const colleague = { user: (await mosaic.store.findUserByName('zoneOfficer'))! };
    // screening the same person, the colleague gets nothing; reading the check, nothing either
    expect((await screenCheck(mosaic, colleague, projection, { query: asked })).hits).toEqual([]);
    expect((await readCheck(mosaic, colleague, projection, check.id)).hits).toEqual([]);
    // the officer in the group still reads the pointer
    const own = await readCheck(mosaic, officer, projection, check.id);
    expect(own.hits.map((h) => (h.kind === 'pointer' ? h.agency : h.kind))).toEqual(['intel']);
    expect(own).not.toHaveProperty('pointerRecords');
  });

  it('are not shown once the agreement that gave them is withdrawn', async () => {
    const { mosaic, projection, check, officer } = await checked();
    const { org, agreements: all } = await mosaic.org();
    const agreements = all.filter((a) => !(a.owner === 'intel' && a.recipient === 'zone-north'));
    expect(agreements.length).toBeLessThan(all.length);
    await saveOrganisation(mosaic.store, { agencies: org.agencies, desks: org.desks, agreements });
    await mosaic.reloadOrg();
    expect((await readCheck(mosaic, officer, projection, check.id)).hits).toEqual([]);
  });
});
