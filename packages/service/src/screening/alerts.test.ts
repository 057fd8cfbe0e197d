import { RecordId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
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
  it('lists the agency\'s alerts the user may read, as a logged consultation with a purpose', async () => {
    const officer = await user('zoneOfficer');
    await expect(listAlerts(world.mosaic, { user: officer }, projections.screening)).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED' });
    const before = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const listed = await listAlerts(world.mosaic, { user: officer, purpose: 'alert review', caseRef: 'ZN-7' }, projections.screening);
    expect(listed.map((a) => a.id)).toEqual(['zone-north:a1']);
    const logged = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { action: string; purpose: string; caseRef: string; records: string[] });
    expect(logged).toEqual([expect.objectContaining({ action: 'consultation', purpose: 'alert review', caseRef: 'ZN-7', records: ['zone-north:a1'] })]);
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
});
