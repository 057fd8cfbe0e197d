/**
 * User administration on a real store: a password reset ends the user's sign-in throttle; a
 * group's administrator adds to it only users they could administer, of any agency.
 */
import type { AuditEntry } from '@mosaic/audit';
import { isAppError, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { signInAccount } from '../sign-in.ts';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '../testing.ts';
import { listGroups, putGroup, resetPassword, setGroupMembers } from './user-admin.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const why = { purpose: 'administration', caseRef: 'CHG-11' };

async function open(): Promise<TestMosaic> {
  world = await openTestMosaic();
  return world;
}

async function as(test: TestMosaic, name: string): Promise<{ readonly user: User; readonly purpose: string; readonly caseRef: string }> {
  return { user: (await test.mosaic.store.findUserByName(name)) as User, ...why };
}

/** The code a promise is refused with, or 'ok'. */
async function outcome(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'ok';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.code;
  }
}

async function administration(test: TestMosaic): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(test.mosaic.store).entries()) if (entry.action === 'administration') all.push(entry);
  return all;
}

describe('resetPassword', () => {
  it('ends the user\'s sign-in throttle: a user locked out signs in with the new password at once, and the entry says so', async () => {
    const test = await open();
    const { mosaic } = test;
    for (let i = 0; i < 5; i += 1) expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: `wrong ${i}` }))).toBe('MOSAIC_BAD_CREDENTIALS');
    expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: TEST_PASSWORD }))).toBe('MOSAIC_RATE_LIMITED');

    await resetPassword(mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), 'a new long password');
    expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: 'a new long password' }))).toBe('ok');
    // a reset with no count to end says nothing of one
    await resetPassword(mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), 'another long password');
    expect((await administration(test)).map((e) => e.query)).toEqual([
      { resetPassword: { id: 'fedpol.fedAnalyst', signInThrottleCleared: true } },
      { resetPassword: { id: 'fedpol.fedAnalyst' } },
    ]);
  });
});

describe('setGroupMembers', () => {
  it('adds only users the group\'s administrator could administer, of any agency: no auditor, no system administrator, no one cleared above them', async () => {
    const test = await open();
    const { mosaic } = test;
    const fedAdmin = await as(test, 'fedAdmin');
    await putGroup(mosaic, fedAdmin, { id: 'jit-1', name: 'Joint team 1' });
    const members = async (): Promise<readonly string[]> => (await listGroups(mosaic, fedAdmin)).find((g) => g.id === 'jit-1')?.members ?? [];
    // intel.intelAnalyst is cleared TOP_SECRET, the federal police's administrator SECRET
    for (const refused of ['intel.intelAnalyst', 'fedpol.auditor', 'fedpol.sysadmin']) {
      expect(await outcome(setGroupMembers(mosaic, fedAdmin, 'jit-1', ['fedpol.fedAnalyst', refused])), refused).toBe('MOSAIC_FORBIDDEN');
    }
    expect(await members()).toEqual([]);
    // at or below their clearance, of their agency or another
    await setGroupMembers(mosaic, fedAdmin, 'jit-1', ['fedpol.fedAnalyst', 'zone-north.zoneOfficer', 'intel.intelAdmin']);
    expect(await members()).toEqual(['fedpol.fedAnalyst', 'intel.intelAdmin', 'zone-north.zoneOfficer']);
    // an auditor of another agency, to another agency's group, alike
    const intelAdmin = await as(test, 'intelAdmin');
    await putGroup(mosaic, intelAdmin, { id: 'intel-team', name: 'Intelligence team' });
    expect(await outcome(setGroupMembers(mosaic, intelAdmin, 'intel-team', ['fedpol.auditor']))).toBe('MOSAIC_FORBIDDEN');
  });

  it('lets the group\'s administrator keep or remove any member, one cleared above them too: the owner decides who sees its records', async () => {
    const test = await open();
    const { mosaic } = test;
    const fedAdmin = await as(test, 'fedAdmin');
    await putGroup(mosaic, fedAdmin, { id: 'jit-2', name: 'Joint team 2' });
    // made a member by someone cleared for it
    const analyst = (await mosaic.store.getUser(UserId('intel.intelAnalyst'))) as User;
    await mosaic.store.upsertUser({ ...analyst, groups: ['jit-2'] });
    expect(await setGroupMembers(mosaic, fedAdmin, 'jit-2', ['intel.intelAnalyst', 'fedpol.fedAnalyst'])).toEqual(['fedpol.fedAnalyst', 'intel.intelAnalyst']);
    expect(await setGroupMembers(mosaic, fedAdmin, 'jit-2', ['fedpol.fedAnalyst'])).toEqual(['fedpol.fedAnalyst']);
    expect((await mosaic.store.getUser(UserId('intel.intelAnalyst')))?.groups).toEqual([]);
  });
});
