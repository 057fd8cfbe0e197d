/**
 * The auditor's view of the log: an agency's auditor's filters are matched against the entry as
 * that auditor sees it, so that a filter cannot tell what another agency's user was shown of a
 * third agency (LED Art. 25(2): the log is the agency's own to check, not a window on others').
 */
import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, EntityId, RecordId, UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { searchAuditLog } from './audit-search.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const asked = { purpose: 'lawfulness check', caseRef: 'DPO-7' };

/** A zone officer shown a federal police record, an intelligence record and a pointer to intelligence. */
async function worldWithConsultation(): Promise<{ test: TestMosaic; auditor: User }> {
  const test = await openTestMosaic();
  await test.mosaic.audit.append({
    actor: { user: UserId('zone-north.zoneOfficer'), agency: AgencyId('zone-north') }, action: 'consultation', purpose: 'operation x', caseRef: 'ZN-77',
    query: { q: 'Karim' }, subjects: [EntityId('E-intel-only')], records: [RecordId('fedpol:f1'), RecordId('intel:i1')], recipients: [AgencyId('zone-north')], pointers: [AgencyId('intel')], outcome: 'ok',
  });
  const auditor = (await test.mosaic.store.listUsers()).find((u) => u.name === 'auditor')!;
  return { test, auditor };
}

const seqs = (entries: readonly AuditEntry[]): number[] => entries.map((e) => e.seq);

describe('searchAuditLog for an agency\'s auditor', () => {
  it('finds another agency\'s user\'s entry by what concerns the auditor\'s agency, cut down', async () => {
    const { test, auditor } = await worldWithConsultation();
    world = test;
    const found = await searchAuditLog(test.mosaic, { user: auditor, ...asked }, { record: RecordId('fedpol:f1') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ purpose: 'operation x', query: null, subjects: [], records: ['fedpol:f1'], pointers: [] });
    expect(seqs(await searchAuditLog(test.mosaic, { user: auditor, ...asked }, { owner: AgencyId('fedpol') }))).toHaveLength(1);
  });

  it('does not match filters against what the auditor may not see: another agency\'s record, owner, subject or pointer', async () => {
    const { test, auditor } = await worldWithConsultation();
    world = test;
    const consultation = { user: auditor, ...asked };
    expect(seqs(await searchAuditLog(test.mosaic, consultation, { record: RecordId('intel:i1') }))).toEqual([]);
    expect(seqs(await searchAuditLog(test.mosaic, consultation, { owner: AgencyId('intel') }))).toEqual([]);
    expect(seqs(await searchAuditLog(test.mosaic, consultation, { subject: EntityId('E-intel-only') }))).toEqual([]);
    expect(seqs(await searchAuditLog(test.mosaic, consultation, { recipient: AgencyId('intel') }))).toEqual([]);
  });

  it('leaves an oversight body\'s auditor every filter over the whole entry', async () => {
    const { test } = await worldWithConsultation();
    world = test;
    const org = await test.mosaic.store.getOrg();
    await test.mosaic.store.putOrg({ ...org, agencies: org.agencies.map((a) => (a.id === 'intel' ? { ...a, oversight: true } : a)) });
    await test.mosaic.reloadOrg();
    const dpa: User = { id: UserId('intel.dpa'), name: 'dpa', agency: AgencyId('intel'), desk: DeskId('intel-liaison'), roles: ['auditor'], clearance: 'TOP_SECRET', groups: [], passwordHash: '' };
    const found = await searchAuditLog(test.mosaic, { user: dpa, ...asked }, { subject: EntityId('E-intel-only') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ query: { q: 'Karim' }, records: ['fedpol:f1', 'intel:i1'], pointers: ['intel'] });
  });
});
