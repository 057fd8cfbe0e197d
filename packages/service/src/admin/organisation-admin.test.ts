/**
 * Desk ids: unique across the deployment, so an agency's own desks are written `agency:slug`, as
 * the demo's are (demo/org.ts), and two agencies may each have a desk `duty` that way.
 */
import { AgencyId, DeskId, isAppError } from '@mosaic/model';
import { AgreementId } from '@mosaic/policy';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { createAgency, createDesk, deleteAgreement, listOrganisation, putAgreement, updateAgency, updateDesk } from './organisation-admin.ts';
import { createUser } from './user-admin.ts';

let world: TestMosaic;
const users: Record<string, User> = {};
const as = (name: string) => ({ user: users[name] as User, purpose: 'administration', caseRef: 'CHG-7' });

/** The error a promise is refused with: its code and the field it names. */
async function refusal(attempt: Promise<unknown>): Promise<{ code: string; field: unknown } | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, field: error.details?.['field'] };
  }
}

beforeAll(async () => {
  world = await openTestMosaic();
  for (const name of ['sysadmin', 'intelAdmin']) users[name] = (await world.mosaic.store.findUserByName(name)) as User;
});

afterAll(async () => {
  await world.cleanup();
});

describe('desk ids', () => {
  it('takes an agency\'s desk as agency:slug, so two agencies may each have a desk of one slug', async () => {
    await createAgency(world.mosaic, as('sysadmin'), { id: 'customs', name: 'Customs', country: 'be', contactDesk: { id: 'customs:duty', name: 'Duty desk', contact: '+32 2 000 00 09' } });
    await createDesk(world.mosaic, as('intelAdmin'), { id: 'intel:duty', agency: 'intel', name: 'Duty desk', contact: '+32 2 000 00 31' });
    await createDesk(world.mosaic, as('sysadmin'), { id: 'customs:night', agency: 'customs', name: 'Night desk', contact: '+32 2 000 00 10' });
    const desks = (await listOrganisation(world.mosaic, { user: users['sysadmin'] as User, purpose: 'administration', caseRef: 'CHG-7' })).desks;
    expect(desks.filter((d) => d.id.endsWith(':duty')).map((d) => [d.id, d.agency])).toEqual([['customs:duty', 'customs'], ['intel:duty', 'intel']]);
    expect((await createUser(world.mosaic, as('sysadmin'), { name: 'customs.officer', agency: 'customs', desk: 'customs:night', roles: ['officer'], clearance: 'RESTRICTED', password: 'a long enough password' })).desk).toBe('customs:night');
  });

  it('refuses a desk id that names another agency, or is no slug, naming the field', async () => {
    expect(await refusal(createDesk(world.mosaic, as('intelAdmin'), { id: 'fedpol:duty', agency: 'intel', name: 'Duty desk', contact: '+32' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'id' });
    expect(await refusal(createDesk(world.mosaic, as('intelAdmin'), { id: 'intel:', agency: 'intel', name: 'Duty desk', contact: '+32' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'id' });
    expect(await refusal(createDesk(world.mosaic, as('intelAdmin'), { id: 'intel:a:b', agency: 'intel', name: 'Duty desk', contact: '+32' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'id' });
    expect(await refusal(createAgency(world.mosaic, as('sysadmin'), { id: 'ports', name: 'Ports', country: 'be', contactDesk: { id: 'customs:ports', name: 'Desk', contact: '+32' } }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'contactDesk.id' });
  });

  it('keeps an id without an agency unique across the deployment: another agency\'s desk of that id is 409', async () => {
    await createDesk(world.mosaic, as('intelAdmin'), { id: 'watch', agency: 'intel', name: 'Watch desk', contact: '+32' });
    expect(await refusal(createDesk(world.mosaic, as('sysadmin'), { id: 'watch', agency: 'customs', name: 'Watch desk', contact: '+32' }))).toEqual({ code: 'MOSAIC_CONFLICT', field: 'id' });
  });
});

describe('an agency\'s country', () => {
  it('is an ISO 3166 alpha-2 code, kept uppercase: two letters that are no country (ZZ) are refused naming country, on creation and on change', async () => {
    const ports = { id: 'ports', name: 'Ports', contactDesk: { id: 'ports:duty', name: 'Duty desk', contact: '+32' } };
    expect(await refusal(createAgency(world.mosaic, as('sysadmin'), { ...ports, country: 'ZZ' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'country' });
    expect(await refusal(createAgency(world.mosaic, as('sysadmin'), { ...ports, country: 'NLD' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'country' });
    expect((await createAgency(world.mosaic, as('sysadmin'), { ...ports, country: 'nl' })).country).toBe('NL');
    expect(await refusal(updateAgency(world.mosaic, as('sysadmin'), AgencyId('ports'), { country: 'zz' }))).toEqual({ code: 'MOSAIC_INVALID_INPUT', field: 'country' });
    expect((await updateAgency(world.mosaic, as('sysadmin'), AgencyId('ports'), { country: 'be' })).country).toBe('BE');
  });
});

describe('an administrative change and its audit entry', () => {
  it('are kept together or not at all: an audit log that cannot be written leaves the agreements, agencies and desks as they were', async () => {
    const test = await openTestMosaic();
    try {
      const { mosaic } = test;
      const sysadmin = { user: (await mosaic.store.findUserByName('sysadmin')) as User, purpose: 'administration', caseRef: 'CHG-9' };
      const before = await mosaic.store.getOrg();
      // the audit log's storage failing (a full disk, the database gone) as the entry is written
      const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
      Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
      const conditions = { tlp: ['AMBER' as const], maxClassification: 'RESTRICTED' as const, handling: ['H0' as const], categories: ['suspect' as const] };
      const attempts: Promise<unknown>[] = [
        deleteAgreement(mosaic, sysadmin, 'fedpol-zone'),
        putAgreement(mosaic, sysadmin, { id: AgreementId('intel-fedpol'), owner: AgencyId('intel'), recipient: AgencyId('fedpol'), conditions, effect: 'full', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false }),
        createAgency(mosaic, sysadmin, { id: 'customs', name: 'Customs', country: 'be', contactDesk: { id: 'customs:duty', name: 'Duty desk', contact: '+32 2 000 00 09' } }),
        updateAgency(mosaic, sysadmin, AgencyId('intel'), { name: 'Renamed' }),
        createDesk(mosaic, sysadmin, { id: 'intel:night', agency: 'intel', name: 'Night desk', contact: '+32' }),
        updateDesk(mosaic, sysadmin, DeskId('intel-liaison'), { contact: '+32 9' }),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toThrow('audit storage unavailable');
      expect(await mosaic.store.getOrg()).toEqual(before);
      expect((await mosaic.org()).agreements.map((a) => a.id)).toContain('fedpol-zone');
    } finally {
      await test.cleanup();
    }
  });
});

describe('withdrawing an agreement one is not party to', () => {
  it('is answered as for a missing agreement, naming neither its owner nor that it exists; a party not entitled to withdraw it is told who is', async () => {
    const intelAdmin = as('intelAdmin');
    const missing = await refusal(deleteAgreement(world.mosaic, intelAdmin, 'no-such-agreement'));
    expect(missing).toEqual({ code: 'MOSAIC_NOT_FOUND', field: 'id' });
    // fedpol's agreement with the zone: intelligence is no party to it
    expect(await refusal(deleteAgreement(world.mosaic, intelAdmin, 'fedpol-zone'))).toEqual(missing);
    await expect(deleteAgreement(world.mosaic, intelAdmin, 'fedpol-zone')).rejects.toThrow('id: no agreement fedpol-zone');
    // intelligence's own agreement with the zone: the zone is party to it, and may know whose it is
    const zoneOfficer = { user: (await world.mosaic.store.findUserByName('zoneOfficer')) as User, purpose: 'administration', caseRef: 'CHG-7' };
    expect(await refusal(deleteAgreement(world.mosaic, zoneOfficer, 'intel-zone'))).toEqual({ code: 'MOSAIC_FORBIDDEN', field: undefined });
    expect((await world.mosaic.org()).agreements.map((a) => a.id)).toEqual(expect.arrayContaining(['fedpol-zone', 'intel-zone']));
  });
});
