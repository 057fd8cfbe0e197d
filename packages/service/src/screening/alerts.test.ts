import { AgencyId, RecordId, UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { writeRecord } from '../records.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
import { createAlert, listAlerts, withdrawAlert } from './alerts.ts';

let world: TestMosaic;
let projections: Projections;

async function user(name: string): Promise<User> {
  const found = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!found) throw new Error(`no test user ${name}`);
  return found;
}

const alert = (id: string, provenance: Record<string, unknown> = {}) => ({
  id, schema: 'Alert', provenance: testProvenance('zone-north', provenance),
  properties: { subject: ['zone-north:n1'], category: ['discreet_check'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], validFrom: ['2020-01-01'], instructions: ['Note who travels with her'], status: ['active'] },
});

beforeAll(async () => {
  world = await openTestMosaic();
  await putFixtures(world.mosaic, [
    { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'], birthDate: ['1984-06-30'] }, provenance: testProvenance('zone-north') },
    alert('a1'),
    // above the zone's officers' clearance (RESTRICTED)
    alert('a2', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }),
  ]);
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('listAlerts', () => {
  it('lists the agency\'s alerts the user may read, with their subjects\' names, as a logged consultation with a purpose', async () => {
    const officer = await user('zoneOfficer');
    await expect(listAlerts(world.mosaic, { user: officer }, projections.screening)).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED' });
    const before = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const listed = await listAlerts(world.mosaic, { user: officer, purpose: 'alert review', caseRef: 'ZN-7' }, projections.screening);
    expect(listed.map((a) => [a.id, a.caption])).toEqual([['zone-north:a1', 'Lotte Verhaegen']]);
    const logged = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { action: string; purpose: string; caseRef: string; records: string[] });
    expect(logged).toEqual([expect.objectContaining({ action: 'consultation', purpose: 'alert review', caseRef: 'ZN-7', records: ['zone-north:a1', 'zone-north:n1'] })]);
  });
});

describe('listAlerts: status', () => {
  it('lists an alert outside its validity as not yet valid or expired, after those in force: the checkpoint screen shows neither', async () => {
    const dated = await openTestMosaic({ now: () => new Date('2026-03-01T10:00:00Z') });
    try {
      const within = (id: string, validity: Record<string, string[]>, status = 'active') => ({
        id, schema: 'Alert', provenance: testProvenance('zone-north'),
        properties: { subject: ['zone-north:n1'], category: ['discreet_check'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], ...validity, status: [status] },
      });
      await putFixtures(dated.mosaic, [
        { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north') },
        within('a-ended', { validFrom: ['2021-01-10'], validUntil: ['2021-01-11'] }),
        within('a-later', { validFrom: ['2027-01-01'] }),
        within('a-now', { validFrom: ['2020-01-01'], validUntil: ['2026-03-01'] }),
        within('a-off', { validFrom: ['2020-01-01'] }, 'withdrawn'),
      ]);
      const own = await startProjections(dated.mosaic, { follow: false });
      try {
        const officer = (await dated.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
        const listed = await listAlerts(dated.mosaic, { user: officer, purpose: 'alert review', caseRef: 'ZN-7' }, own.screening);
        expect(listed.map((a) => [a.id, a.status])).toEqual([
          ['zone-north:a-now', 'active'], ['zone-north:a-later', 'not_yet_valid'], ['zone-north:a-ended', 'expired'], ['zone-north:a-off', 'withdrawn'],
        ]);
      } finally {
        own.stop();
      }
    } finally {
      await dated.cleanup();
    }
  });
});

describe('createAlert', () => {
  it('answers an alert on an own-agency record the officer may not read (above their clearance, or for a need-to-know group) as on a missing one', async () => {
    const own = await openTestMosaic();
    try {
      await putFixtures(own.mosaic, [
        { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north') },
        { id: 'n2', schema: 'Person', properties: { name: ['Bram Oosterlinck'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) },
        { id: 'n3', schema: 'Person', properties: { name: ['Ilse Vandamme'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] } }) },
      ]);
      const officer = (await own.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
      const consultation = { user: officer, purpose: 'alert issue', caseRef: 'ZN-8' };
      const issue = (subject: string) => createAlert(own.mosaic, consultation, { subject, category: 'arrest' });
      for (const id of ['zone-north:n9', 'zone-north:n2', 'zone-north:n3']) {
        await expect(issue(id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `record ${id} not found` });
      }
      expect(await issue('zone-north:n1')).toMatchObject({ subject: 'zone-north:n1', category: 'arrest', status: 'active' });
      expect(await own.mosaic.store.scanRecords({ schema: 'Alert', limit: 10 })).toHaveLength(1);
    } finally {
      await own.cleanup();
    }
  });
});

describe('withdrawAlert', () => {
  it('answers withdrawing an own-agency alert the officer may not read (above their clearance, or for a need-to-know group) as a missing one', async () => {
    const own = await openTestMosaic();
    try {
      await putFixtures(own.mosaic, [
        { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north') },
        alert('a1'),
        alert('a2', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }),
        alert('a3', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] } }),
      ]);
      const officer = (await own.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
      const withdraw = (id: string) => withdrawAlert(own.mosaic, { user: officer, purpose: 'alert review', caseRef: 'ZN-9' }, RecordId(id));
      for (const id of ['zone-north:a9', 'zone-north:a2', 'zone-north:a3']) {
        await expect(withdraw(id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `alert ${id} not found` });
      }
      expect(await withdraw('zone-north:a1')).toMatchObject({ id: 'zone-north:a1', status: 'withdrawn' });
      const statuses = (await own.mosaic.store.scanRecords({ schema: 'Alert', limit: 10 })).map((s) => [s.record.id, s.record.properties['status']]);
      expect(statuses).toEqual([['zone-north:a1', ['withdrawn']], ['zone-north:a2', ['active']], ['zone-north:a3', ['active']]]);
    } finally {
      await own.cleanup();
    }
  });

  it('keeps the reason given for a withdrawal in its audit entry, and says only that the alert is withdrawn when none is given', async () => {
    const own = await openTestMosaic();
    try {
      await putFixtures(own.mosaic, [
        { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north') },
        alert('a1'), alert('a4'),
      ]);
      const officer = (await own.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
      const consultation = { user: officer, purpose: 'alert review', caseRef: 'ZN-9' };
      const before = (await own.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
      await withdrawAlert(own.mosaic, consultation, RecordId('zone-north:a1'), { reason: '  Subject arrested on 2026-12-01  ' });
      await withdrawAlert(own.mosaic, consultation, RecordId('zone-north:a4'));
      const logged = (await own.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason: string | null; purpose: string; caseRef: string });
      expect(logged.map((e) => [e.action, e.records, e.reason, e.purpose, e.caseRef])).toEqual([
        ['alteration', ['zone-north:a1'], 'alert withdrawn: Subject arrested on 2026-12-01', 'alert review', 'ZN-9'],
        ['alteration', ['zone-north:a4'], 'alert withdrawn', 'alert review', 'ZN-9'],
      ]);
      // a reason is plain text of 500 characters at most: one longer withdraws nothing
      await putFixtures(own.mosaic, [alert('a5')]);
      await expect(withdrawAlert(own.mosaic, consultation, RecordId('zone-north:a5'), { reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'reason' } });
      expect((await own.mosaic.store.getRecord(RecordId('zone-north:a5')))?.record.properties['status']).toEqual(['active']);
    } finally {
      await own.cleanup();
    }
  });
});

describe('an alert is shown only to a user who may read its subject', () => {
  /** fedpol's case team op-x (fedAnalyst in it, analyst2 not), and the zone's officer, cleared RESTRICTED. */
  async function teamWorld(): Promise<{ team: TestMosaic; own: Awaited<ReturnType<typeof startProjections>>; member: User; outsider: User; officer: User }> {
    const team = await openTestMosaic();
    await putTestGroup(team.mosaic, 'op-x', 'fedpol');
    const fed = (await team.mosaic.store.findUserByName('fedAnalyst'))!;
    await team.mosaic.store.upsertUser({ ...fed, groups: ['op-x'] as never });
    await team.mosaic.store.upsertUser({ ...fed, id: UserId('fedpol.analyst2'), name: 'analyst2', groups: [] });
    const own = await startProjections(team.mosaic, { follow: false });
    const byName = async (name: string) => (await team.mosaic.store.findUserByName(name))!;
    return { team, own, member: await byName('fedAnalyst'), outsider: await byName('analyst2'), officer: await byName('zoneOfficer') };
  }
  const ntk = (groups: string[]) => ({ marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: groups } });
  const on = (agency: string, id: string, subject: string, provenance: Record<string, unknown> = {}) => ({
    id, schema: 'Alert', provenance: testProvenance(agency, provenance),
    properties: { subject: [subject], category: ['discreet_check'], desk: [agency === 'fedpol' ? 'fedpol-ops' : 'zone-north-desk'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] },
  });
  const why = { purpose: 'alert review', caseRef: 'OP-X-1' };

  it('leaves out of the listing, and answers withdrawing as a missing one, an alert on a record of a need-to-know group, above the user\'s clearance, TLP:RED or not released to them, whatever the alert\'s own marking', async () => {
    const { team, own, member, outsider, officer } = await teamWorld();
    try {
      await putFixtures(team.mosaic, [
        { id: 'ntk-p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('fedpol', ntk(['op-x'])) },
        { id: 'open-p3', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
        // the zone's records the federal police may not read: TLP:RED, released to the zone alone
        { id: 'red-z1', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'RED', classification: 'RESTRICTED', releasability: ['be'] } }) },
        { id: 'own-z2', schema: 'Person', properties: { name: ['Bram Oosterlinck'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['zone-north'] } }) },
        // above the zone's officer's clearance
        { id: 'secret-z3', schema: 'Person', properties: { name: ['Ilse Vandamme'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) },
        // each alert marked for anyone in the agency: its subject is what hides it
        on('fedpol', 'a-ntk', 'fedpol:ntk-p2'), on('fedpol', 'a-open', 'fedpol:open-p3'), on('fedpol', 'a-red', 'zone-north:red-z1'), on('fedpol', 'a-own', 'zone-north:own-z2'),
        on('zone-north', 'a-secret', 'zone-north:secret-z3'), on('zone-north', 'a-red', 'zone-north:red-z1'),
      ]);
      await own.follower.catchUp();
      const listed = async (user: User) => (await listAlerts(team.mosaic, { user, ...why }, own.screening)).map((a) => a.id);
      expect(await listed(member)).toEqual(['fedpol:a-ntk', 'fedpol:a-open']);
      expect(await listed(outsider)).toEqual(['fedpol:a-open']);
      expect(await listed(officer)).toEqual(['zone-north:a-red']);
      // the consultation logs the alerts listed and the subjects they name, none hidden
      const logged = (await team.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { actor: { user: string }; records: string[] });
      expect(logged.filter((e) => e.actor.user === 'fedpol.analyst2').flatMap((e) => e.records)).toEqual(['fedpol:a-open', 'fedpol:open-p3']);

      const withdraw = (user: User, id: string) => withdrawAlert(team.mosaic, { user, ...why }, RecordId(id));
      for (const id of ['fedpol:a-ntk', 'fedpol:a-red', 'fedpol:a-own']) await expect(withdraw(outsider, id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `alert ${id} not found` });
      await expect(withdraw(officer, 'zone-north:a-secret')).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      expect((await team.mosaic.store.getRecord(RecordId('fedpol:a-ntk')))?.record.properties['status']).toEqual(['active']);
      expect(await withdraw(member, 'fedpol:a-ntk')).toMatchObject({ id: 'fedpol:a-ntk', subject: 'fedpol:ntk-p2', status: 'withdrawn' });
    } finally {
      own.stop();
      await team.cleanup();
    }
  });

  it('hides an alert once its subject is marked for a need-to-know group after the alert was issued', async () => {
    const { team, own, member, outsider } = await teamWorld();
    try {
      const subject = { id: 'p4', schema: 'Person', properties: { name: ['Youssef Amrani'] }, provenance: testProvenance('fedpol') };
      expect(await writeRecord(team.mosaic, { user: member, ...why }, subject)).toMatchObject({ ok: true });
      const issued = await createAlert(team.mosaic, { user: member, ...why }, { subject: 'fedpol:p4', category: 'arrest' });
      await own.follower.catchUp();
      const listed = async (user: User) => (await listAlerts(team.mosaic, { user, ...why }, own.screening)).map((a) => a.id);
      expect(await listed(outsider)).toEqual([issued.id]);
      expect(await writeRecord(team.mosaic, { user: member, ...why }, { ...subject, provenance: testProvenance('fedpol', ntk(['op-x'])) })).toMatchObject({ ok: true });
      await own.follower.catchUp();
      expect(await listed(outsider)).toEqual([]);
      expect(await listed(member)).toEqual([issued.id]);
    } finally {
      own.stop();
      await team.cleanup();
    }
  });

  it('is withdrawn, once nobody may read its subject, by its issuer or the agency\'s administrator, without the answer naming the subject', async () => {
    const { team, own, member, outsider } = await teamWorld();
    try {
      await putTestGroup(team.mosaic, 'op-y', 'fedpol');
      const subject = { id: 'p5', schema: 'Person', properties: { name: ['Youssef Amrani'] }, provenance: testProvenance('fedpol') };
      expect(await writeRecord(team.mosaic, { user: member, ...why }, subject)).toMatchObject({ ok: true });
      const first = await createAlert(team.mosaic, { user: member, ...why }, { subject: 'fedpol:p5', category: 'arrest' });
      const second = await createAlert(team.mosaic, { user: member, ...why }, { subject: 'fedpol:p5', category: 'discreet_check' });
      // above the clearance of the agency's administrator (SECRET)
      const third = { id: RecordId('fedpol:a-top') };
      await putFixtures(team.mosaic, [on('fedpol', 'a-top', 'fedpol:p5', { marking: { tlp: 'AMBER', classification: 'TOP_SECRET', releasability: ['be'] } })]);
      // the subject is restricted since to a case team of which no one is a member
      await putFixtures(team.mosaic, [{ ...subject, provenance: testProvenance('fedpol', ntk(['op-y'])) }]);
      await own.follower.catchUp();
      expect((await listAlerts(team.mosaic, { user: member, ...why }, own.screening)).map((a) => a.id)).toEqual([]);
      const byName = async (name: string) => (await team.mosaic.store.findUserByName(name))!;
      const withdraw = (user: User, id: string) => withdrawAlert(team.mosaic, { user, ...why }, RecordId(id));
      const before = (await team.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
      // the issuer: the alert's id and that it is withdrawn, nothing of the subject
      expect(await withdraw(member, first.id)).toEqual({ id: first.id, status: 'withdrawn' });
      // a colleague who issued neither, and another agency's administrator: as a missing one
      for (const [user, id] of [[outsider, second.id], [await byName('intelAdmin'), second.id]] as const) {
        await expect(withdraw(user, id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `alert ${id} not found` });
      }
      // the agency's administrator, cleared for the alert; not above their clearance
      const admin = await byName('fedAdmin');
      expect(await withdrawAlert(team.mosaic, { user: admin, ...why }, RecordId(second.id), { reason: 'The case team has closed the case' })).toEqual({ id: second.id, status: 'withdrawn' });
      await expect(withdraw(admin, third.id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `alert ${third.id} not found` });
      // withdrawn twice: the same answer, no new version
      expect(await withdraw(admin, second.id)).toEqual({ id: second.id, status: 'withdrawn' });
      const statuses = (await team.mosaic.store.getRecords([first.id, second.id, third.id])).map((s) => [s.version, s.record.properties['status'], s.record.properties['subject']]);
      expect(statuses).toEqual([[2, ['withdrawn'], ['fedpol:p5']], [2, ['withdrawn'], ['fedpol:p5']], [1, ['active'], ['fedpol:p5']]]);
      await own.follower.catchUp();
      expect(own.screening.alertsOf(AgencyId('fedpol')).filter((a) => a.status === 'active').map((a) => a.id)).toEqual([third.id]);
      // each withdrawal is an alteration of the alert in the audit log, under the withdrawer's purpose and case, the subject not named
      const logged = (await team.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { actor: { user: string }; action: string; records: string[]; purpose: string; reason: string | null });
      expect(logged.filter((e) => e.action === 'alteration').map((e) => [e.actor.user, e.records, e.purpose, e.reason])).toEqual([
        [member.id, [first.id], why.purpose, 'alert withdrawn'], [admin.id, [second.id], why.purpose, 'alert withdrawn: The case team has closed the case'],
      ]);
      expect(JSON.stringify(logged)).not.toContain('fedpol:p5');
    } finally {
      own.stop();
      await team.cleanup();
    }
  });
});
