/**
 * User administration on a real store: a password reset ends the user's sign-in throttle; a
 * group's administrator adds to it only users they could administer, of any agency; an agency
 * keeps an enabled data administrator when two changes would each take one of its last two at
 * once, from one node or two, on sqlite and on PostgreSQL (MOSAIC_TEST_DATABASE_URL: that half
 * fails under CI without it, and is skipped elsewhere with a warning); of two accounts of one id
 * asked at once, one is made and the other refused.
 */
import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, isAppError, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { saveOrganisation } from '../organisation.ts';
import { openMosaic, type Mosaic } from '../runtime.ts';
import { signInAccount } from '../sign-in.ts';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '../testing.ts';
import { createUser, listGroups, putGroup, resetPassword, setGroupMembers, setUserDisabled, updateUser } from './user-admin.ts';

const postgresAvailable = await postgresReachable('user administration, PostgreSQL half');

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

  it('ends the user\'s sessions before any request can find them again: a request made as the reset forgets the user is refused, and so is every one after', async () => {
    const test = await open();
    const { mosaic } = test;
    const { token } = await signInAccount(mosaic, { name: 'fedAnalyst', password: TEST_PASSWORD });
    expect((await mosaic.sessions.authenticate(token)).id).toBe('fedpol.fedAnalyst');
    // a request of the user's arriving as the reset tells the sessions cache to forget them
    const answers: string[] = [];
    const forgetUser = mosaic.sessions.forgetUser.bind(mosaic.sessions);
    (mosaic.sessions as { forgetUser: (id: string) => void }).forgetUser = (id) => {
      forgetUser(id);
      void outcome(mosaic.sessions.authenticate(token)).then((answer) => answers.push(answer));
    };
    await resetPassword(mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), 'a new long password');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await outcome(mosaic.sessions.authenticate(token))).toBe('MOSAIC_UNAUTHENTICATED');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer === 'MOSAIC_UNAUTHENTICATED')).toBe(true);
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
    // the refusal names the member as the request lists them, the clearances in words
    await expect(setGroupMembers(mosaic, fedAdmin, 'jit-1', ['fedpol.fedAnalyst', 'intel.intelAnalyst'])).rejects.toMatchObject({
      code: 'MOSAIC_FORBIDDEN',
      details: { field: 'users.1', reason: 'cleared Top secret, above your own clearance (Secret): only a system administrator or an administrator cleared Top secret administers them' },
    });
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

describe.each([['sqlite', true], ['postgres', postgresAvailable]] as const)('the last enabled data administrator, on %s', (dialect, available) => {
  const dirs: string[] = [];
  const schemas: string[] = [];
  const nodes: Mosaic[] = [];
  afterAll(async () => {
    for (const node of nodes) await node.close().catch(() => undefined);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (dialect === 'postgres' && available) await dropTestSchemas(schemas);
  });

  /**
   * Two nodes on one fresh store: a system administrator, and agencies a1…a3, each with two
   * enabled data administrators, admin1 and admin2.
   */
  async function twoNodes(): Promise<readonly [Mosaic, Mosaic]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-admins-'));
    dirs.push(dataDir);
    const schema = `mosaic_admins_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    const config = parseConfig(dialect === 'postgres' ? { dataDir, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } : { dataDir }, dataDir);
    const first = await openMosaic(config);
    nodes.push(first);
    const agencies = ['platform', 'a1', 'a2', 'a3'];
    await saveOrganisation(first.store, {
      agencies: agencies.map((a) => ({ id: AgencyId(a), name: a, country: 'BE', contactDesk: DeskId(`${a}:desk`) })),
      desks: agencies.map((a) => ({ id: DeskId(`${a}:desk`), agency: AgencyId(a), name: 'Desk', contact: '+32 2 000 00 00' })),
      agreements: [],
    });
    const user = (agency: string, name: string, roles: User['roles']): User => ({ id: UserId(`${agency}.${name}`), name: `${agency}.${name}`, agency: AgencyId(agency), desk: DeskId(`${agency}:desk`), roles, clearance: 'SECRET', groups: [], passwordHash: 'unused' });
    await first.store.upsertUser(user('platform', 'sysadmin', ['sysadmin']));
    for (const agency of agencies.slice(1)) for (const name of ['admin1', 'admin2']) await first.store.upsertUser(user(agency, name, ['agency_admin']));
    const second = await openMosaic(config);
    nodes.push(second);
    for (const node of [first, second]) await node.reloadOrg();
    return [first, second];
  }

  const by = async (node: Mosaic, id: string) => ({ user: (await node.store.getUser(UserId(id))) as User, purpose: 'administration', caseRef: 'CHG-12' });
  const enabledAdmins = async (node: Mosaic, agency: string): Promise<string[]> => (await node.store.listUsers()).filter((u) => u.agency === agency && u.roles.includes('agency_admin') && u.disabledAt === undefined).map((u) => u.id);

  /** Of two changes made at once, one is made and the other refused naming `field`; one administrator is left. */
  async function oneOf(node: Mosaic, agency: string, changes: readonly [Promise<unknown>, Promise<unknown>], field: string): Promise<void> {
    const settled = await Promise.allSettled(changes);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = settled.find((s) => s.status === 'rejected')?.reason as unknown;
    expect(isAppError(refused) && refused.code === 'MOSAIC_INVALID_INPUT' && refused.details?.['field'] === field, String(refused)).toBe(true);
    expect(await enabledAdmins(node, agency)).toHaveLength(1);
  }

  it.runIf(available)('refuses one of two changes made at once that would each take one of an agency\'s last two, from one node or two', async () => {
    const [a, b] = await twoNodes();
    const [a1admin1, a1admin2, sysadminOnA, sysadminOnB, a3admin1] = await Promise.all([
      by(a, 'a1.admin1'), by(b, 'a1.admin2'), by(a, 'platform.sysadmin'), by(b, 'platform.sysadmin'), by(a, 'a3.admin1'),
    ]);
    // each administrator disables the other, on two nodes
    await oneOf(a, 'a1', [setUserDisabled(a, a1admin1, UserId('a1.admin2'), true), setUserDisabled(b, a1admin2, UserId('a1.admin1'), true)], 'id');
    // the system administrator takes the role from both, on one node
    await oneOf(a, 'a2', [updateUser(a, sysadminOnA, UserId('a2.admin1'), { roles: ['analyst'] }), updateUser(a, sysadminOnA, UserId('a2.admin2'), { roles: ['analyst'] })], 'roles');
    // one taken its role, the other disabled, on two nodes
    const settled = await Promise.allSettled([updateUser(a, a3admin1, UserId('a3.admin2'), { roles: ['analyst'] }), setUserDisabled(b, sysadminOnB, UserId('a3.admin1'), true)]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await enabledAdmins(b, 'a3')).toHaveLength(1);
    // the change made is logged, the one refused not
    const logged: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(a.store).entries()) if (entry.action === 'administration') logged.push(entry);
    expect(logged).toHaveLength(3);
  });

  it.runIf(available)('makes one of two accounts of one id asked at once, from one node or two, and refuses the other rather than replace it', async () => {
    const [a, b] = await twoNodes();
    const [onA, onB] = await Promise.all([by(a, 'a1.admin1'), by(b, 'a1.admin2')]);
    const account = (roles: readonly string[]) => ({ agency: 'a1', name: 'analyst9', desk: 'a1:desk', roles, clearance: 'RESTRICTED' as const, password: 'a long enough password 9' });
    for (const [x, y] of [[a, a], [a, b]] as const) {
      const name = x === y ? 'one' : 'two';
      const settled = await Promise.allSettled([createUser(x, x === a ? onA : onB, { ...account(['analyst']), name }), createUser(y, y === a ? onA : onB, { ...account(['officer']), name })]);
      expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = settled.find((s) => s.status === 'rejected')?.reason as unknown;
      expect(isAppError(refused) && refused.details?.['field'] === 'name', String(refused)).toBe(true);
      // the account kept is the one made, with its roles: not the refused one's written over it
      const made = settled.find((s) => s.status === 'fulfilled') as PromiseFulfilledResult<{ readonly roles: readonly string[] }>;
      expect((await a.store.getUser(UserId(`a1.${name}`)))?.roles).toEqual(made.value.roles);
    }
    const created: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(a.store).entries()) if (entry.action === 'administration') created.push(entry);
    expect(created).toHaveLength(2);
  });
});

describe('a change to users and its audit entry', () => {
  it('are kept together or not at all: an audit log that cannot be written leaves a group\'s members as they were, makes no account and no group', async () => {
    const test = await open();
    const { mosaic } = test;
    await putGroup(mosaic, await as(test, 'fedAdmin'), { id: 'op-x', name: 'Operation X' });
    await setGroupMembers(mosaic, await as(test, 'fedAdmin'), 'op-x', ['fedpol.fedAnalyst']);
    const admin = await as(test, 'fedAdmin');
    const users = async (): Promise<string> => JSON.stringify((await mosaic.store.listUsers()).map((u) => [u.id, u.groups]));
    const before = await users();
    // the audit log's storage failing (a full disk, the database gone) as the entry is written
    const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
    Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
    await expect(setGroupMembers(mosaic, admin, 'op-x', ['fedpol.fedAdmin', 'zone-north.zoneOfficer'])).rejects.toThrow('audit storage unavailable');
    await expect(createUserAs(mosaic, admin)).rejects.toThrow('audit storage unavailable');
    await expect(putGroup(mosaic, admin, { id: 'op-z', name: 'Operation Z' })).rejects.toThrow('audit storage unavailable');
    expect(await users()).toBe(before);
    expect(await mosaic.store.findUserByName('fedpol.newcomer')).toBeUndefined();
    expect(await mosaic.store.getDocument('need-to-know-group', 'op-z')).toBeUndefined();
  });

  it('writes a member\'s groups on the account as it is when the change is made, keeping a change made to it meanwhile', async () => {
    const test = await open();
    const { mosaic } = test;
    const admin = await as(test, 'fedAdmin');
    await putGroup(mosaic, admin, { id: 'op-y', name: 'Operation Y' });
    // the clearance is lowered as the group's members are being set: the account as read before it is stale
    const listUsers = mosaic.store.listUsers.bind(mosaic.store);
    mosaic.store.listUsers = async () => {
      const listed = await listUsers();
      mosaic.store.listUsers = listUsers;
      await updateUser(mosaic, admin, UserId('fedpol.fedAnalyst'), { clearance: 'RESTRICTED' });
      return listed;
    };
    await setGroupMembers(mosaic, admin, 'op-y', ['fedpol.fedAnalyst']);
    const analyst = await mosaic.store.getUser(UserId('fedpol.fedAnalyst'));
    expect([analyst?.clearance, analyst?.groups]).toEqual(['RESTRICTED', ['op-y']]);
  });
});

function createUserAs(mosaic: Mosaic, admin: { readonly user: User; readonly purpose: string; readonly caseRef: string }): Promise<unknown> {
  return createUser(mosaic, admin, { name: 'fedpol.newcomer', agency: 'fedpol', desk: 'fedpol-ops', roles: ['officer'], clearance: 'RESTRICTED', password: 'a long enough password' });
}

describe('updateUser with nothing to change', () => {
  it('is refused saying what may be changed, and writes no entry', async () => {
    const test = await open();
    const entries = (await administration(test)).length;
    await expect(updateUser(test.mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), {})).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('desk, roles, clearance or groups') });
    expect((await administration(test)).length).toBe(entries);
  });
});

describe('a role only a system administrator grants', () => {
  it('is named in words in the refusal a data administrator reads, the system administrator\'s role too ("sysadmin" is the API\'s code)', async () => {
    const test = await open();
    const admin = await as(test, 'fedAdmin');
    const granted = { name: 'fedpol.newcomer', agency: 'fedpol', desk: 'fedpol-ops', roles: ['sysadmin' as const], clearance: 'RESTRICTED' as const, password: 'a long enough password' };
    await expect(createUser(test.mosaic, admin, granted)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('only a system administrator grants the system administrator role') });
    await expect(updateUser(test.mosaic, admin, UserId('fedpol.fedAnalyst'), { roles: ['analyst', 'sysadmin'] })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining('only a system administrator grants or removes the system administrator role') });
  });
});

describe('an account for another agency', () => {
  it('is refused to a data administrator naming the agency whose administrators may make it by its name, not its id', async () => {
    const test = await open();
    const account = { name: 'intel.newcomer', agency: 'intel', desk: 'intel-liaison', roles: ['officer' as const], clearance: 'RESTRICTED' as const, password: 'a long enough password' };
    await expect(createUser(test.mosaic, await as(test, 'fedAdmin'), account))
      .rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: 'only a data administrator of State Security may do this' });
  });
});

describe('an agency\'s last data administrator', () => {
  it('is kept with a refusal that names the role and the agency in words, not agency_admin and the agency\'s id', async () => {
    const test = await open();
    await expect(updateUser(test.mosaic, await as(test, 'sysadmin'), UserId('intel.intelAdmin'), { roles: ['analyst'] })).rejects.toMatchObject({
      code: 'MOSAIC_INVALID_INPUT', message: 'roles: intel.intelAdmin is the last enabled data administrator (the agency administrator role) of State Security: give the agency another first',
    });
  });
});
