/**
 * The auditor's view of the log: an agency's auditor's filters are matched against the entry as
 * that auditor sees it, so that a filter cannot tell what another agency's user was shown of a
 * third agency (LED Art. 25(2): the log is the agency's own to check, not a window on others').
 */
import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, EntityId, RecordId, UserId } from '@mosaic/model';
import { AgreementId, type SharingAgreement } from '@mosaic/policy';
import type { User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgency, createDesk, deleteAgreement, putAgreement, updateAgency, updateDesk } from './admin/organisation-admin.ts';
import { putGroup, resetPassword, setGroupMembers, setUserDisabled, updateUser } from './admin/user-admin.ts';
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

/** The entries of the search's page. */
const searchEntries = async (...args: Parameters<typeof searchAuditLog>): Promise<readonly AuditEntry[]> => (await searchAuditLog(...args)).entries;

const seqs = (entries: readonly AuditEntry[]): number[] => entries.map((e) => e.seq);

describe('searchAuditLog for an agency\'s auditor', () => {
  it('finds another agency\'s user\'s entry by what concerns the auditor\'s agency, cut down', async () => {
    const { test, auditor } = await worldWithConsultation();
    world = test;
    const found = await searchEntries(test.mosaic, { user: auditor, ...asked }, { record: RecordId('fedpol:f1') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ purpose: 'operation x', query: null, subjects: [], records: ['fedpol:f1'], pointers: [] });
    expect(seqs(await searchEntries(test.mosaic, { user: auditor, ...asked }, { owner: AgencyId('fedpol') }))).toHaveLength(1);
  });

  it('does not match filters against what the auditor may not see: another agency\'s record, owner, subject or pointer', async () => {
    const { test, auditor } = await worldWithConsultation();
    world = test;
    const consultation = { user: auditor, ...asked };
    expect(seqs(await searchEntries(test.mosaic, consultation, { record: RecordId('intel:i1') }))).toEqual([]);
    expect(seqs(await searchEntries(test.mosaic, consultation, { owner: AgencyId('intel') }))).toEqual([]);
    expect(seqs(await searchEntries(test.mosaic, consultation, { subject: EntityId('E-intel-only') }))).toEqual([]);
    expect(seqs(await searchEntries(test.mosaic, consultation, { recipient: AgencyId('intel') }))).toEqual([]);
  });

  it('leaves an oversight body\'s auditor every filter over the whole entry', async () => {
    const { test } = await worldWithConsultation();
    world = test;
    const org = await test.mosaic.store.getOrg();
    await test.mosaic.store.putOrg({ ...org, agencies: org.agencies.map((a) => (a.id === 'intel' ? { ...a, oversight: true } : a)) });
    await test.mosaic.reloadOrg();
    const dpa: User = { id: UserId('intel.dpa'), name: 'dpa', agency: AgencyId('intel'), desk: DeskId('intel-liaison'), roles: ['auditor'], clearance: 'TOP_SECRET', groups: [], passwordHash: '' };
    const found = await searchEntries(test.mosaic, { user: dpa, ...asked }, { subject: EntityId('E-intel-only') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ query: { q: 'Karim' }, records: ['fedpol:f1', 'intel:i1'], pointers: ['intel'] });
  });
});

/** An auditor of `agency`, outside the test world's users (the policy asks only the role). */
const auditorOf = (agency: string): User => ({ id: UserId(`${agency}.aud`), name: `${agency}.aud`, agency: AgencyId(agency), desk: DeskId(`${agency}-desk`), roles: ['auditor'], clearance: 'RESTRICTED', groups: [], passwordHash: '' });

describe('searchAuditLog: the records behind a pointer (`pointed`)', () => {
  /** A zone officer's screening shown pointers to intelligence and to the federal police, with the records behind them. */
  async function worldWithPointers(): Promise<TestMosaic> {
    const test = await openTestMosaic();
    await test.mosaic.audit.append({
      actor: { user: UserId('zone-north.zoneOfficer'), agency: AgencyId('zone-north') }, action: 'screening', purpose: 'checkpoint check', caseRef: 'ZN-9',
      query: { name: 'MORINA, Agron' }, pointers: [AgencyId('fedpol'), AgencyId('intel')],
      pointed: [{ agency: AgencyId('fedpol'), records: [RecordId('fedpol:f24')] }, { agency: AgencyId('intel'), records: [RecordId('intel:i24')] }], outcome: 'ok',
    });
    return test;
  }

  it('are hidden from the acting agency\'s auditor, who cannot find the entry by them: no hidden id anywhere in the answer', async () => {
    world = await worldWithPointers();
    const zoneAuditor = { user: auditorOf('zone-north'), ...asked };
    expect(seqs(await searchEntries(world.mosaic, zoneAuditor, { record: RecordId('intel:i24') }))).toEqual([]);
    expect(seqs(await searchEntries(world.mosaic, zoneAuditor, { owner: AgencyId('intel') }))).toEqual([]);
    const own = await searchAuditLog(world.mosaic, zoneAuditor, { user: UserId('zone-north.zoneOfficer') });
    expect(own.entries).toHaveLength(1);
    // the rest of its own user's entry is whole
    expect(own.entries[0]).toMatchObject({ query: { name: 'MORINA, Agron' }, pointers: ['fedpol', 'intel'] });
    expect(own.entries[0]).not.toHaveProperty('pointed');
    // the ids as an answer would hold them: the entry's hashes are hex, in which "f24" alone may stand
    expect(JSON.stringify(own)).not.toMatch(/intel:i24|fedpol:f24|"[if]24"/);
  });

  it('are found by the owner\'s auditor, who is given its own agency\'s alone', async () => {
    world = await worldWithPointers();
    const intelAuditor = { user: auditorOf('intel'), ...asked };
    const found = await searchAuditLog(world.mosaic, intelAuditor, { record: RecordId('intel:i24') });
    expect(found.entries).toHaveLength(1);
    expect(found.entries[0]).toMatchObject({ query: null, pointers: ['intel'], pointed: [{ agency: 'intel', records: ['intel:i24'] }] });
    expect(JSON.stringify(found)).not.toMatch(/fedpol:f24|"f24"|MORINA/);
    expect(seqs(await searchEntries(world.mosaic, intelAuditor, { owner: AgencyId('intel') }))).toHaveLength(1);
    expect(seqs(await searchEntries(world.mosaic, intelAuditor, { record: RecordId('fedpol:f24') }))).toEqual([]);
  });

  it('are all given to an oversight body\'s auditor, and found by any of them', async () => {
    world = await worldWithPointers();
    const org = await world.mosaic.store.getOrg();
    await world.mosaic.store.putOrg({ ...org, agencies: org.agencies.map((a) => (a.id === 'intel' ? { ...a, oversight: true } : a)) });
    await world.mosaic.reloadOrg();
    const dpa = { user: auditorOf('intel'), ...asked };
    const found = await searchEntries(world.mosaic, dpa, { record: RecordId('fedpol:f24') });
    expect(found).toHaveLength(1);
    expect(found[0]?.pointed).toEqual([{ agency: 'fedpol', records: ['fedpol:f24'] }, { agency: 'intel', records: ['intel:i24'] }]);
  });
});

describe('searchAuditLog: paging', () => {
  it('walks entries that share a millisecond without a gap, page by page, by the seq of the last entry given', async () => {
    const at = new Date('2026-12-06T13:28:27.551Z');
    world = await openTestMosaic({ now: () => at });
    const analyst = { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') };
    for (let i = 0; i < 5; i++) await world.mosaic.audit.append({ actor: analyst, action: 'consultation', purpose: 'operation x', caseRef: 'FP-5', query: { q: `q${i}` }, outcome: 'ok' });
    const auditor = (await world.mosaic.store.listUsers()).find((u) => u.name === 'auditor')!;

    const walked: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await searchAuditLog(world.mosaic, { user: auditor, ...asked }, { caseRef: 'FP-5', limit: 2, ...(before === undefined ? {} : { before }) });
      expect(page.entries.every((e) => e.time === at.toISOString())).toBe(true);
      walked.push(...seqs(page.entries));
      if (page.next === undefined) break;
      expect(page.next).toBe(page.entries.at(-1)?.seq);
      before = page.next;
    }
    const all = seqs(await searchEntries(world.mosaic, { user: auditor, ...asked }, { caseRef: 'FP-5' }));
    expect(all).toHaveLength(5);
    expect(walked).toEqual(all);
    // as `to`, the shared instant itself reaches none of them
    expect(await searchEntries(world.mosaic, { user: auditor, ...asked }, { caseRef: 'FP-5', to: at.toISOString() })).toEqual([]);
  });

  it('reads the log newest first, from the entry below `before` down to the last one the page needs', async () => {
    world = await openTestMosaic();
    const analyst = { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') };
    for (let i = 0; i < 30; i++) await world.mosaic.audit.append({ actor: analyst, action: 'consultation', purpose: 'operation x', caseRef: 'FP-6', query: { q: `q${i}` }, outcome: 'ok' });
    const auditor = (await world.mosaic.store.listUsers()).find((u) => u.name === 'auditor')!;
    const read: number[] = [];
    const store = world.mosaic.store;
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'readAudit') {
          return async (...args: Parameters<typeof store.readAudit>) => {
            const rows = await target.readAudit(...args);
            read.push(...rows.map((row) => row.seq));
            return rows;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const head = (await store.auditHead())!.seq;
    const first = await searchAuditLog({ ...world.mosaic, store: counting }, { user: auditor, ...asked }, { caseRef: 'FP-6', limit: 2 });
    expect(seqs(first.entries)).toEqual([head, head - 1]);
    // the page and the entry below it, which tells that older ones match too
    expect(read).toEqual([head, head - 1, head - 2]);
    read.length = 0;
    const second = await searchAuditLog({ ...world.mosaic, store: counting }, { user: auditor, ...asked }, { caseRef: 'FP-6', limit: 2, before: first.next! });
    expect(seqs(second.entries)).toEqual([head - 2, head - 3]);
    expect(read).toEqual([head - 2, head - 3, head - 4]);
  });

  it('gives no next when the page holds every entry that matches', async () => {
    const { test, auditor } = await worldWithConsultation();
    world = test;
    expect(await searchAuditLog(test.mosaic, { user: auditor, ...asked }, { caseRef: 'ZN-77', limit: 1 })).toEqual({ entries: [expect.objectContaining({ caseRef: 'ZN-77' })] });
  });
});

describe('searchAuditLog: administrative changes concerning an agency (its users, groups, desks, details, agreements)', () => {
  const why = { purpose: 'administration', caseRef: 'CHG-9' };
  const byName = async (test: TestMosaic, name: string): Promise<User> => (await test.mosaic.store.listUsers()).find((u) => u.name === name)!;

  it('are in the changed agency\'s auditor\'s scope, whoever made them, with the change as it concerns the agency', async () => {
    const test = await openTestMosaic();
    world = test;
    const { mosaic } = test;
    const sysadmin = { user: await byName(test, 'sysadmin'), ...why };
    const fedAdmin = { user: await byName(test, 'fedAdmin'), ...why };
    // the platform's administrator (of the federal police) on intelligence's users
    await resetPassword(mosaic, sysadmin, UserId('intel.intelAnalyst'), 'a new long password');
    await setUserDisabled(mosaic, sysadmin, UserId('intel.intelAnalyst'), true);
    await updateUser(mosaic, sysadmin, UserId('intel.intelAnalyst'), { clearance: 'RESTRICTED' });
    // the federal police's group, taking members of intelligence and of the zone
    await putGroup(mosaic, fedAdmin, { id: 'jit-9', name: 'Joint team 9' });
    await setGroupMembers(mosaic, fedAdmin, 'jit-9', ['fedpol.fedAnalyst', 'intel.intelAnalyst', 'zone-north.zoneOfficer']);

    const administration = async (agency: string): Promise<AuditEntry[]> => [...await searchEntries(mosaic, { user: auditorOf(agency), ...asked }, { action: 'administration' })].reverse();
    const intel = await administration('intel');
    expect(intel.map((e) => [e.actor.user, e.reason, e.query])).toEqual([
      ['fedpol.sysadmin', 'password reset', { resetPassword: { id: 'intel.intelAnalyst' } }],
      ['fedpol.sysadmin', 'user disabled', { disableUser: { id: 'intel.intelAnalyst' } }],
      ['fedpol.sysadmin', 'user updated', { updateUser: { id: 'intel.intelAnalyst', clearance: 'RESTRICTED' } }],
      // of another agency's group, only its own users: the group's other members are its owner's to list
      ['fedpol.fedAdmin', 'group membership changed', { setGroupMembers: { group: 'jit-9', members: ['intel.intelAnalyst'], changed: ['intel.intelAnalyst'] } }],
    ]);
    expect(seqs(await searchEntries(mosaic, { user: auditorOf('intel'), ...asked }, { recipient: AgencyId('intel'), action: 'administration' }))).toEqual(seqs(intel).reverse());
    const zone = await administration('zone-north');
    expect(zone.map((e) => e.query)).toEqual([{ setGroupMembers: { group: 'jit-9', members: ['zone-north.zoneOfficer'], changed: ['zone-north.zoneOfficer'] } }]);
    // the acting agency's auditor sees its own administrators' entries whole
    const fedpol = await administration('fedpol');
    expect(fedpol.at(-1)?.query).toEqual({ setGroupMembers: { group: 'jit-9', members: ['fedpol.fedAnalyst', 'intel.intelAnalyst', 'zone-north.zoneOfficer'], changed: ['fedpol.fedAnalyst', 'intel.intelAnalyst', 'zone-north.zoneOfficer'] } });
    expect(fedpol).toHaveLength(5);
  });

  it('take in changes to the agency\'s desks and details, and to the agreements it is party to, both parties\'', async () => {
    const test = await openTestMosaic();
    world = test;
    const { mosaic } = test;
    const sysadmin = { user: await byName(test, 'sysadmin'), ...why };
    const fedAdmin = { user: await byName(test, 'fedAdmin'), ...why };
    await createAgency(mosaic, sysadmin, { id: 'customs', name: 'Customs', country: 'be', contactDesk: { id: 'customs:duty', name: 'Duty desk', contact: '+32 2 000 00 09' } });
    await updateAgency(mosaic, sysadmin, AgencyId('intel'), { name: 'State Security Service' });
    await createDesk(mosaic, sysadmin, { id: 'intel:night', agency: 'intel', name: 'Night desk', contact: '+32 2 000 00 31' });
    await updateDesk(mosaic, sysadmin, DeskId('intel:night'), { contact: '+32 2 000 00 32' });
    const conditions = { tlp: ['GREEN'], maxClassification: 'RESTRICTED', handling: ['H0'], categories: ['suspect'] } as const;
    const agreement = (recipient: string): SharingAgreement => ({
      id: AgreementId('fedpol-intel'), owner: AgencyId('fedpol'), recipient: AgencyId(recipient), conditions: { ...conditions, tlp: [...conditions.tlp], handling: [...conditions.handling], categories: [...conditions.categories] },
      effect: 'full', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false,
    });
    // the owner's administrator gives intelligence its records, then gives them to customs instead
    await putAgreement(mosaic, fedAdmin, agreement('intel'));
    await putAgreement(mosaic, fedAdmin, agreement('customs'));
    await deleteAgreement(mosaic, fedAdmin, 'fedpol-intel');

    const administration = async (agency: string): Promise<AuditEntry[]> => [...await searchEntries(mosaic, { user: auditorOf(agency), ...asked }, { action: 'administration' })].reverse();
    const sent = JSON.parse(JSON.stringify(agreement('intel'))) as unknown;
    expect((await administration('intel')).map((e) => [e.reason, e.recipients, e.query])).toEqual([
      ['agency updated', ['intel'], { updateAgency: { id: 'intel', name: 'State Security Service' } }],
      ['desk created', ['intel'], { createDesk: { id: 'intel:night', agency: 'intel', name: 'Night desk', contact: '+32 2 000 00 31' } }],
      ['desk updated', ['intel'], { updateDesk: { id: 'intel:night', contact: '+32 2 000 00 32' } }],
      ['agreement created', ['intel'], { putAgreement: sent }],
      // no party to the agreement that replaced theirs: its id only
      ['agreement updated', ['intel'], { putAgreement: { id: 'fedpol-intel' } }],
    ]);
    expect((await administration('customs')).map((e) => [e.reason, e.query])).toEqual([
      ['agency created', { createAgency: { id: 'customs', name: 'Customs', country: 'BE', contactDesk: 'customs:duty' } }],
      ['agreement updated', { putAgreement: JSON.parse(JSON.stringify(agreement('customs'))) as unknown }],
      ['agreement withdrawn', { deleteAgreement: { id: 'fedpol-intel' } }],
    ]);
    // a recipient filter finds them, and an agency none concerns sees none
    expect(await searchEntries(mosaic, { user: auditorOf('intel'), ...asked }, { recipient: AgencyId('intel'), action: 'administration' })).toHaveLength(5);
    expect(await administration('zone-north')).toEqual([]);
  });
});
