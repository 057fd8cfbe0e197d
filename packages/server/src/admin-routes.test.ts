/**
 * Administration and retention over HTTP on a real store: who may change what, that changes
 * apply at the next request (org cache, sessions), that every change is audited, that
 * validation errors name field and reason, need-to-know records, legal holds and the sweep.
 */
import type { AuditEntry } from '@mosaic/audit';
import { openTestMosaic, putFixtures, testProvenance, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createUser, sweepRetention, WEBHOOK_RETRY_KIND, WEBHOOK_UNDELIVERED_KIND } from '@mosaic/service';
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let today = new Date('2030-06-01T10:00:00Z');
const tokens: Record<string, string> = {};

async function signIn(name: string, password = TEST_PASSWORD): Promise<{ status: number; token: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password } });
  return { status: response.statusCode, token: (response.json() as { token?: string }).token ?? '' };
}

const why = { 'x-mosaic-purpose': 'administration', 'x-mosaic-case': 'CHG-42' };
const as = (name: string, extra: Record<string, string> = why) => ({ authorization: `Bearer ${tokens[name] ?? ''}`, ...extra });

async function call(user: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url: `/api/v1${url}`, headers: as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

async function auditEntries(): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) all.push(entry);
  return all;
}

/** The command line's operator (cli operator.ts), as `mosaic users add` acts. */
const OPERATOR: User = {
  id: UserId('system:cli'), agency: AgencyId('system'), desk: DeskId('system:cli'), name: 'system:cli', roles: ['sysadmin'], clearance: 'TOP_SECRET', groups: [], passwordHash: '',
};

const everyCategory = ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'];

beforeAll(async () => {
  world = await openTestMosaic({ now: () => today });
  app = await buildApp({ mosaic: world.mosaic });
  for (const name of ['fedAnalyst', 'zoneOfficer', 'intelAnalyst', 'intelAdmin', 'fedAdmin', 'sysadmin', 'auditor']) tokens[name] = (await signIn(name)).token;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('administration of agencies and agreements', () => {
  it('lets the system administrator create an agency and an agreement, which the policy applies at once', async () => {
    const created = await call('sysadmin', 'POST', '/admin/agencies', { id: 'customs', name: 'Customs', country: 'be', contactDesk: { id: 'customs-desk', name: 'Customs duty desk', contact: '+32 2 000 00 09' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: 'customs', name: 'Customs', country: 'BE', contactDesk: 'customs-desk' });
    const user = await call('sysadmin', 'POST', '/admin/users', { name: 'customs.analyst', agency: 'customs', desk: 'customs-desk', roles: ['analyst'], clearance: 'RESTRICTED', password: 'a long enough password' });
    expect(user.statusCode).toBe(201);
    tokens['customsAnalyst'] = (await signIn('customs.analyst', 'a long enough password')).token;

    await call('fedAnalyst', 'POST', '/records', { id: 'adm-1', schema: 'Person', properties: { name: ['Oskar Vandermeulen'] }, provenance: testProvenance('fedpol') });
    const read = () => app.inject({ url: '/api/v1/records/fedpol:adm-1', headers: as('customsAnalyst', { 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-1' }) });
    expect((await read()).statusCode).toBe(404);
    const agreement = { owner: 'fedpol', recipient: 'customs', conditions: { tlp: ['CLEAR', 'GREEN', 'AMBER'], maxClassification: 'RESTRICTED', handling: ['H0', 'H1'], categories: everyCategory }, effect: 'full' };
    expect((await call('fedAnalyst', 'PUT', '/admin/agreements/fedpol-customs', agreement)).statusCode).toBe(403);
    expect((await call('sysadmin', 'PUT', '/admin/agreements/fedpol-customs', agreement)).statusCode).toBe(200);
    const now = await read();
    expect(now.statusCode).toBe(200);
    expect(now.body).toContain('Oskar Vandermeulen');
    // The owner's data administrator withdraws it; the next read no longer sees the record.
    expect((await call('fedAdmin', 'DELETE', '/admin/agreements/fedpol-customs')).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(404);

    const audit = await auditEntries();
    const admin = audit.filter((e) => e.action === 'administration');
    expect(admin.map((e) => e.reason)).toEqual(expect.arrayContaining(['agency created', 'user created', 'agreement created', 'agreement withdrawn']));
    expect(admin.every((e) => e.purpose === 'administration' && e.caseRef === 'CHG-42')).toBe(true);
    expect(JSON.stringify(admin)).not.toContain('a long enough password');
  });

  it('says of each agreement listed whether the reader may withdraw it: its owner\'s data administrator and a system administrator, never its recipient\'s', async () => {
    const agreement = { owner: 'intel', recipient: 'fedpol', conditions: { tlp: ['GREEN'], maxClassification: 'RESTRICTED', handling: ['H0'], categories: ['suspect'] }, effect: 'pointer' };
    expect((await call('sysadmin', 'PUT', '/admin/agreements/intel-fedpol-w', agreement)).statusCode).toBe(200);
    const withdrawable = async (user: string) => ((await call(user, 'GET', '/admin/organisation')).json() as { agreements: { id: string; withdrawable: boolean }[] }).agreements.find((a) => a.id === 'intel-fedpol-w')?.withdrawable;
    // fedpol's administrator was offered "Withdraw" and then refused
    expect(await withdrawable('fedAdmin')).toBe(false);
    expect(await withdrawable('intelAdmin')).toBe(true);
    expect(await withdrawable('sysadmin')).toBe(true);
    // a party who is no administrator sees it, and may not withdraw it
    expect(await withdrawable('fedAnalyst')).toBe(false);
    expect((await call('fedAdmin', 'DELETE', '/admin/agreements/intel-fedpol-w')).statusCode).toBe(403);
    expect((await call('fedAnalyst', 'DELETE', '/admin/agreements/intel-fedpol-w')).statusCode).toBe(403);
    expect((await call('intelAdmin', 'DELETE', '/admin/agreements/intel-fedpol-w')).statusCode).toBe(200);
  });

  it('refuses agencies to anyone but the system administrator, and changes without a purpose', async () => {
    const body = { id: 'x-agency', name: 'X', country: 'BE', contactDesk: { id: 'x-desk', name: 'Desk', contact: '+32' } };
    expect((await call('intelAdmin', 'POST', '/admin/agencies', body)).statusCode).toBe(403);
    const noPurpose = await app.inject({ method: 'POST', url: '/api/v1/admin/agencies', headers: { authorization: `Bearer ${tokens['sysadmin']}` }, payload: body });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
  });

  it('names the field and the reason of every validation error, and writes nothing', async () => {
    const bad = await call('sysadmin', 'POST', '/admin/agencies', { id: 'Bad Id', name: 'Y', country: 'BE', contactDesk: { id: 'y-desk', name: 'Desk', contact: '+32' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'id' }] } });
    const country = await call('sysadmin', 'POST', '/admin/agencies', { id: 'yy', name: 'Y', country: 'Belgium', contactDesk: { id: 'yy-desk', name: 'Desk', contact: '+32' } });
    expect(country.json()).toMatchObject({ error: { details: [{ field: 'country', reason: expect.stringContaining('ISO 3166') }] } });
    const schema = await call('sysadmin', 'PUT', '/admin/agreements/zz', { owner: 'fedpol', recipient: 'intel', conditions: { tlp: ['PURPLE'], maxClassification: 'SECRET', handling: [], categories: [] }, effect: 'full' });
    expect(schema.statusCode).toBe(400);
    expect(schema.json()).toMatchObject({ error: { details: expect.arrayContaining([expect.objectContaining({ field: 'conditions.tlp.0' })]) } });
    const empty = await call('sysadmin', 'PUT', '/admin/agreements/zz', { owner: 'fedpol', recipient: 'nowhere', conditions: { tlp: ['CLEAR'], maxClassification: 'SECRET', handling: ['H0'], categories: ['suspect'] }, effect: 'full' });
    expect(empty.json()).toMatchObject({ error: { details: [{ field: 'recipient', reason: 'no agency nowhere' }] } });
    const twice = await call('sysadmin', 'PUT', '/admin/agreements/zz', { owner: 'fedpol', recipient: 'intel', conditions: { tlp: ['GREEN', 'GREEN'], maxClassification: 'SECRET', handling: ['H0'], categories: ['suspect', 'victim', 'suspect'] }, effect: 'full' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'conditions.tlp', reason: expect.stringContaining('GREEN more than once') }] } });
    const org = (await call('sysadmin', 'GET', '/admin/organisation')).json() as { agencies: { id: string }[]; agreements: { id: string }[] };
    expect(org.agencies.map((a) => a.id)).not.toContain('yy');
    expect(org.agreements.map((a) => a.id)).not.toContain('zz');
  });
});

describe('administration of users, desks and groups', () => {
  it('refuses names, contacts, descriptions and reasons holding control characters, naming the field', async () => {
    const cases: [string, 'POST' | 'PUT', string, unknown, string][] = [
      ['intelAdmin', 'POST', '/admin/desks', { id: 'intel-ctl', agency: 'intel', name: 'Night\u0000desk', contact: '+32 2 000 00 31' }, 'name'],
      ['intelAdmin', 'POST', '/admin/desks', { id: 'intel-ctl', agency: 'intel', name: 'Night desk', contact: '+32\n2 000' }, 'contact'],
      ['intelAdmin', 'PUT', '/admin/groups/ctl-group', { name: 'Case\u001b[2J team' }, 'name'],
      ['intelAdmin', 'PUT', '/admin/groups/ctl-group', { name: 'Case team', description: 'line one\rline two' }, 'description'],
    ];
    for (const [user, method, url, body, field] of cases) {
      const response = await call(user, method, url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ error: { details: [{ field, reason: 'must not hold control characters' }] } });
    }
  });

  it('lets a data administrator manage their own agency only, without granting more than they hold', async () => {
    const desk = await call('intelAdmin', 'POST', '/admin/desks', { id: 'intel-night', agency: 'intel', name: 'Night desk', contact: '+32 2 000 00 30' });
    expect(desk.statusCode).toBe(201);
    expect((await call('intelAdmin', 'POST', '/admin/desks', { id: 'fed-x', agency: 'fedpol', name: 'X', contact: '+32' })).statusCode).toBe(403);
    const base = { name: 'intel.new', agency: 'intel', desk: 'intel-night', roles: ['analyst'], clearance: 'SECRET', password: 'twelve chars ok' };
    expect((await call('intelAdmin', 'POST', '/admin/users', { ...base, roles: ['sysadmin'] })).json()).toMatchObject({ error: { details: [{ field: 'roles.0' }] } });
    expect((await call('intelAdmin', 'POST', '/admin/users', { ...base, clearance: 'TOP_SECRET' })).json()).toMatchObject({ error: { details: [{ field: 'clearance' }] } });
    expect((await call('intelAdmin', 'POST', '/admin/users', { ...base, password: 'short' })).json()).toMatchObject({ error: { details: [{ field: 'password' }] } });
    expect((await call('intelAdmin', 'POST', '/admin/users', { ...base, agency: 'fedpol', desk: 'fedpol-ops' })).statusCode).toBe(403);
    expect((await call('intelAdmin', 'POST', '/admin/users', base)).statusCode).toBe(201);
    // the same name again: it exists (409); a user, desk or group that does not: 404
    expect((await call('intelAdmin', 'POST', '/admin/users', base)).statusCode).toBe(409);
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.nobody/disable')).statusCode).toBe(404);
    expect((await call('intelAdmin', 'PATCH', '/admin/desks/no-such-desk', { name: 'X' })).statusCode).toBe(404);
    expect((await call('intelAdmin', 'PUT', '/admin/groups/no-such-group/members', { users: [] })).statusCode).toBe(404);
    const listed = (await call('intelAdmin', 'GET', '/admin/users')).json() as { users: { name: string; agency: string }[] };
    expect(listed.users.every((u) => u.agency === 'intel')).toBe(true);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    // another agency's user is not this administrator's to change: as if there were none
    expect((await call('intelAdmin', 'PATCH', '/admin/users/fedpol.fedAnalyst', { clearance: 'RESTRICTED' })).statusCode).toBe(404);
  });

  it('gives a new user the id <agency>.<name>, a name that carries its agency already not prefixed twice, as `mosaic users add` does', async () => {
    const create = (name: string, agency = 'fedpol') => call('fedAdmin', 'POST', '/admin/users', { name, agency, desk: 'fedpol-ops', roles: ['analyst'], clearance: 'RESTRICTED', password: 'twelve chars ok' });
    // fedpol.analyst5 was stored as fedpol.fedpol.analyst5
    expect((await create('fedpol.analyst5')).json()).toMatchObject({ id: 'fedpol.analyst5', name: 'fedpol.analyst5' });
    expect((await create('analyst6')).json()).toMatchObject({ id: 'fedpol.analyst6', name: 'fedpol.analyst6' });
    // the same id by the other spelling exists already
    expect((await create('fedpol.analyst6')).statusCode).toBe(409);
    // a name read as another agency's user
    expect((await create('intel.analyst7')).json()).toMatchObject({ error: { details: [{ field: 'name', reason: expect.stringContaining('starts with intel., another agency\'s') }] } });
    // the command line's path (the operator through createUser) makes the same ids
    const operator = { user: OPERATOR, purpose: 'administration', caseRef: 'CHG-42' };
    const user = { agency: 'fedpol', desk: 'fedpol-ops', roles: ['analyst'], clearance: 'RESTRICTED' as const, password: 'twelve chars ok' };
    expect((await createUser(world.mosaic, operator, { ...user, name: 'fedpol.analyst8' })).id).toBe('fedpol.analyst8');
    expect((await createUser(world.mosaic, operator, { ...user, name: 'analyst9' })).id).toBe('fedpol.analyst9');
    // and the members of a group are named by those ids
    expect((await call('fedAdmin', 'PUT', '/admin/groups/ids-team', { name: 'Ids team' })).statusCode).toBe(200);
    expect((await call('fedAdmin', 'PUT', '/admin/groups/ids-team/members', { users: ['fedpol.analyst5', 'fedpol.analyst6'] })).json()).toEqual({ members: ['fedpol.analyst5', 'fedpol.analyst6'] });
  });

  it('lets a new user sign in with the id the form and the API promise, <agency>.<name>, each agency with a name space of its own', async () => {
    const create = (admin: string, agency: string, desk: string, name: string) => call(admin, 'POST', '/admin/users', { name, agency, desk, roles: ['analyst'], clearance: 'RESTRICTED', password: 'twelve chars ok' });
    // analyst5 signed in as analyst5 only, and fedpol.analyst5, the id promised, was 401
    expect((await create('fedAdmin', 'fedpol', 'fedpol-ops', 'analyst5b')).json()).toMatchObject({ id: 'fedpol.analyst5b', name: 'fedpol.analyst5b' });
    expect((await signIn('fedpol.analyst5b', 'twelve chars ok')).status).toBe(200);
    expect((await signIn('analyst5b', 'twelve chars ok')).status).toBe(401);
    // intel's analyst5b was 409 "a user named analyst5b already exists": fedpol's, told to intel
    expect((await create('intelAdmin', 'intel', 'intel-liaison', 'analyst5b')).json()).toMatchObject({ id: 'intel.analyst5b', name: 'intel.analyst5b' });
    expect((await signIn('intel.analyst5b', 'twelve chars ok')).status).toBe(200);
    // a real duplicate, within the agency, names the agency's own id and nothing of another's
    const again = await create('intelAdmin', 'intel', 'intel-liaison', 'analyst5b');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { details: [{ field: 'name', reason: 'a user intel.analyst5b already exists' }] } });
    expect(again.body).not.toContain('fedpol');
    // the name refused for upper case says so, and which name would do
    expect((await create('intelAdmin', 'intel', 'intel-liaison', 'Analyst6b')).json()).toMatchObject({ error: { details: [{ field: 'name', reason: 'must be lower case: analyst6b, not Analyst6b' }] } });
  });

  it('says of each user listed whether the reader may administer them, and why not, by the rule a change is judged by', async () => {
    type Listed = { id: string; desk: string; administrable: boolean; notAdministrable?: string };
    const listed = async (admin: string) => new Map(((await call(admin, 'GET', '/admin/users')).json() as { users: Listed[] }).users.map((u) => [u.id, u]));
    const fed = await listed('fedAdmin');
    expect(fed.get('fedpol.fedAnalyst')).toMatchObject({ administrable: true });
    expect(fed.get('fedpol.fedAnalyst')).not.toHaveProperty('notAdministrable');
    expect(fed.get('fedpol.auditor')).toMatchObject({ administrable: false, notAdministrable: 'auditor' });
    expect(fed.get('fedpol.sysadmin')).toMatchObject({ administrable: false, notAdministrable: 'sysadmin' });
    // intel.intelAnalyst is cleared TOP_SECRET, intelligence's administrator SECRET
    expect((await listed('intelAdmin')).get('intel.intelAnalyst')).toMatchObject({ administrable: false, notAdministrable: 'clearance' });
    // a system administrator administers anyone
    expect([...(await listed('sysadmin')).values()].every((u) => u.administrable)).toBe(true);
    // what the listing says is what a change then meets
    for (const u of fed.values()) expect((await call('fedAdmin', 'PATCH', `/admin/users/${u.id}`, { desk: u.desk })).statusCode, u.id).toBe(u.administrable ? 200 : 403);
  });

  it('lets a data administrator set and remove the agency\'s webhook, never showing the secret, audited', async () => {
    const secret = 'intel-webhook-secret-0123456789';
    expect((await call('intelAnalyst', 'PUT', '/admin/webhook', { url: 'https://hooks.intel.example/mosaic', secret })).statusCode).toBe(403);
    const bad = await call('intelAdmin', 'PUT', '/admin/webhook', { url: 'ftp://hooks.intel.example', secret });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'url', reason: 'http or https only' }] } });
    expect((await call('intelAdmin', 'PUT', '/admin/webhook', { url: 'https://hooks.intel.example/mosaic', secret: 'short' })).json()).toMatchObject({ error: { details: [{ field: 'secret', reason: 'at least 16 characters' }] } });
    // a reason or reference too long for the audit log is named
    const wordy = await app.inject({ method: 'PUT', url: '/api/v1/admin/webhook', headers: { ...as('intelAdmin'), 'x-mosaic-case': 'C'.repeat(101) }, payload: { url: 'https://hooks.intel.example/mosaic', secret } });
    expect(wordy.json()).toMatchObject({ error: { details: [{ field: 'caseRef', reason: 'at most 100 characters' }] } });
    const set = await call('intelAdmin', 'PUT', '/admin/webhook', { url: 'https://hooks.intel.example/mosaic', secret });
    expect(set.json()).toEqual({ url: 'https://hooks.intel.example/mosaic' });
    expect((await call('intelAdmin', 'GET', '/admin/webhook')).json()).toEqual({ url: 'https://hooks.intel.example/mosaic', pending: 0, undelivered: [] });
    // a notice given up on after its retries: listed for the administrator, who has it tried again
    const given = { notification: 'n-given-up', kind: 'alert.hit', attempts: 7, firstAt: '2026-02-28T09:00:00.000Z', lastAt: '2026-02-28T18:00:00.000Z', failure: 'HTTP 503' };
    await world.mosaic.store.putDocument({ kind: WEBHOOK_UNDELIVERED_KIND, id: 'n-given-up', owner: 'intel', body: given });
    expect((await call('intelAdmin', 'GET', '/admin/webhook')).json()).toMatchObject({ pending: 0, undelivered: [given] });
    expect((await call('intelAnalyst', 'GET', '/admin/webhook')).statusCode).toBe(403);
    expect((await call('intelAnalyst', 'POST', '/admin/webhook/redeliver')).statusCode).toBe(403);
    expect((await call('intelAdmin', 'POST', '/admin/webhook/redeliver')).json()).toEqual({ queued: 1 });
    expect((await call('intelAdmin', 'GET', '/admin/webhook')).json()).toMatchObject({ pending: 1, undelivered: [] });
    await world.mosaic.store.deleteDocument(WEBHOOK_RETRY_KIND, 'n-given-up');
    expect((await call('intelAdmin', 'DELETE', '/admin/webhook')).json()).toEqual({ url: null });
    expect((await call('intelAdmin', 'GET', '/admin/webhook')).json()).toEqual({ url: null, pending: 0, undelivered: [] });
    const logged = (await auditEntries()).filter((e) => JSON.stringify(e.query).includes('webhook'));
    expect(logged.map((e) => e.reason)).toEqual(['webhook set', 'webhook redelivery', 'webhook removed']);
    expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it('leaves a system administrator\'s account, and the auditor role, to system administrators', async () => {
    // a data administrator of the same agency: not the sysadmin's password, clearance or access
    expect((await call('fedAdmin', 'POST', '/admin/users/fedpol.sysadmin/password', { password: 'taken over at last' })).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
    expect((await call('fedAdmin', 'POST', '/admin/users/fedpol.sysadmin/disable')).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
    expect((await call('fedAdmin', 'PATCH', '/admin/users/fedpol.sysadmin', { clearance: 'RESTRICTED' })).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
    expect((await signIn('sysadmin')).token).toBeTruthy();
    // nor an auditor of those who audit them: not for a new user, not for themselves, not taken away
    const base = { name: 'fed.audit2', agency: 'fedpol', desk: 'fedpol-ops', roles: ['auditor'], clearance: 'RESTRICTED', password: 'twelve chars ok' };
    expect((await call('fedAdmin', 'POST', '/admin/users', base)).json()).toMatchObject({ error: { details: [{ field: 'roles.0', reason: 'only a system administrator grants the auditor role' }] } });
    expect((await call('fedAdmin', 'PATCH', '/admin/users/fedpol.fedAdmin', { roles: ['agency_admin', 'auditor'] })).json()).toMatchObject({ error: { details: [{ field: 'roles' }] } });
    expect((await call('fedAdmin', 'PATCH', '/admin/users/fedpol.auditor', { roles: ['analyst'] })).json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
    // a system administrator may
    expect((await call('sysadmin', 'POST', '/admin/users', base)).statusCode).toBe(201);
    expect((await call('sysadmin', 'PATCH', '/admin/users/fedpol.fed.audit2', { clearance: 'UNCLASSIFIED' })).statusCode).toBe(200);
  });

  it('refuses a system administrator a clearance above their own, as it does anyone (the command line\'s operator is cleared TOP_SECRET)', async () => {
    // the test system administrator is cleared RESTRICTED
    const base = { name: 'intel.above', agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'TOP_SECRET', password: 'twelve chars ok' };
    const created = await call('sysadmin', 'POST', '/admin/users', base);
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ error: { details: [{ field: 'clearance', reason: 'above your own clearance (Restricted)' }] } });
    expect(await world.mosaic.store.findUserByName('intel.above')).toBeUndefined();
    expect((await call('sysadmin', 'PATCH', '/admin/users/zone-north.zoneOfficer', { clearance: 'SECRET' })).json()).toMatchObject({ error: { details: [{ field: 'clearance' }] } });
    expect((await call('sysadmin', 'POST', '/admin/users', { ...base, clearance: 'RESTRICTED' })).statusCode).toBe(201);
  });

  it('leaves the accounts of auditors, and of users cleared above the administrator, to system administrators', async () => {
    // made as `mosaic users add` makes it: nobody signed in is cleared TOP_SECRET and a system administrator
    await createUser(world.mosaic, { user: OPERATOR, purpose: 'administration', caseRef: 'CHG-42' }, { name: 'intel.top', agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'TOP_SECRET', groups: [], password: 'twelve chars ok' });
    const auditor = await call('sysadmin', 'POST', '/admin/users', { name: 'fed.audit3', agency: 'fedpol', desk: 'fedpol-ops', roles: ['auditor'], clearance: 'RESTRICTED', password: 'twelve chars ok' });
    expect(auditor.statusCode).toBe(201);
    // a data administrator (SECRET) could otherwise sign in as an auditor, or as someone cleared above them, or silence the auditor
    for (const [admin, id] of [['fedAdmin', 'fedpol.fed.audit3'], ['intelAdmin', 'intel.top']] as const) {
      for (const [method, url, body] of [['POST', `/admin/users/${id}/password`, { password: 'taken over at last' }], ['POST', `/admin/users/${id}/disable`, undefined], ['PATCH', `/admin/users/${id}`, { clearance: 'RESTRICTED' }]] as const) {
        const refused = await call(admin, method, url, body);
        expect(refused.statusCode, `${admin} ${url}`).toBe(403);
        expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
      }
    }
    // the refusal says the clearances in words, as the administrator reads them, no code
    expect((await call('intelAdmin', 'PATCH', '/admin/users/intel.top', { desk: 'intel-liaison' })).json()).toMatchObject({ error: {
      code: 'MOSAIC_FORBIDDEN', message: 'intel.top: cleared Top secret, above your own clearance (Secret): only a system administrator or an administrator cleared Top secret administers them',
    } });
    expect((await call('fedAdmin', 'POST', '/admin/users/fedpol.fed.audit3/disable')).json()).toMatchObject({ error: { message: 'fedpol.fed.audit3: an auditor: only a system administrator administers them' } });
    expect((await signIn('intel.top', 'twelve chars ok')).status).toBe(200);
    expect((await signIn('fedpol.fed.audit3', 'twelve chars ok')).status).toBe(200);
    // one of their own agency no higher than them, yes; a system administrator, any
    expect((await call('intelAdmin', 'PATCH', '/admin/users/intel.intelAnalyst', { desk: 'intel-liaison' })).statusCode).toBe(403);
    expect((await call('intelAdmin', 'PATCH', '/admin/users/intel.intelAdmin', { desk: 'intel-liaison' })).statusCode).toBe(200);
    expect((await call('sysadmin', 'POST', '/admin/users/intel.top/password', { password: 'reset by the platform' })).statusCode).toBe(200);
    expect((await call('sysadmin', 'POST', '/admin/users/fedpol.fed.audit3/disable')).statusCode).toBe(200);
    expect((await call('sysadmin', 'POST', '/admin/users/fedpol.fed.audit3/enable')).statusCode).toBe(200);
  });

  it('keeps an enabled data administrator in every agency, whoever asks', async () => {
    const refusedNaming = (field: string) => ({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field }] } });
    // intel's one data administrator
    for (const admin of ['intelAdmin', 'sysadmin']) {
      expect((await call(admin, 'PATCH', '/admin/users/intel.intelAdmin', { roles: ['analyst'] })).json(), admin).toMatchObject(refusedNaming('roles'));
    }
    expect((await call('sysadmin', 'POST', '/admin/users/intel.intelAdmin/disable')).json()).toMatchObject(refusedNaming('id'));
    expect((await call('intelAdmin', 'GET', '/admin/users')).statusCode).toBe(200);
    // with a second one enabled, either may go; a disabled one does not count
    expect((await call('sysadmin', 'POST', '/admin/users', { name: 'intel.admin2', agency: 'intel', desk: 'intel-liaison', roles: ['agency_admin'], clearance: 'RESTRICTED', password: 'twelve chars ok' })).statusCode).toBe(201);
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.admin2/disable')).statusCode).toBe(200);
    expect((await call('intelAdmin', 'PATCH', '/admin/users/intel.intelAdmin', { roles: ['agency_admin', 'analyst'] })).statusCode).toBe(200);
    expect((await call('intelAdmin', 'PATCH', '/admin/users/intel.intelAdmin', { roles: ['analyst'] })).json()).toMatchObject(refusedNaming('roles'));
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.admin2/enable')).statusCode).toBe(200);
    expect((await call('sysadmin', 'PATCH', '/admin/users/intel.admin2', { roles: ['officer'] })).statusCode).toBe(200);
    // a data administrator already disabled may lose the role
    expect((await call('sysadmin', 'PATCH', '/admin/users/intel.admin2', { roles: ['agency_admin'] })).statusCode).toBe(200);
    expect((await call('sysadmin', 'POST', '/admin/users/intel.admin2/disable')).statusCode).toBe(200);
    expect((await call('sysadmin', 'PATCH', '/admin/users/intel.admin2', { roles: ['officer'] })).statusCode).toBe(200);
  });

  it('ends a disabled user\'s sessions at once, and lets them in again once enabled', async () => {
    const { token } = await signIn('intel.new', 'twelve chars ok');
    const me = () => app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.new/disable')).json()).toMatchObject({ disabled: true });
    expect((await me()).statusCode).toBe(401);
    expect((await signIn('intel.new', 'twelve chars ok')).status).toBe(401);
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.new/enable')).json()).toMatchObject({ disabled: false });
    expect((await signIn('intel.new', 'twelve chars ok')).status).toBe(200);
    expect((await call('intelAdmin', 'POST', '/admin/users/intel.new/password', { password: 'another fine password' })).statusCode).toBe(200);
    expect((await signIn('intel.new', 'twelve chars ok')).status).toBe(401);
    expect((await signIn('intel.new', 'another fine password')).status).toBe(200);
  });

  it('restricts a record to a need-to-know group: colleagues outside it see nothing, members see it', async () => {
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-lantern', { name: 'Operation Lantern' })).statusCode).toBe(200);
    expect((await call('fedAnalyst', 'POST', '/records', { id: 'ntk-1', schema: 'Person', properties: { name: ['Lieven Achterberg'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-lantern'] } }) })).statusCode).toBe(403);
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-lantern/members', { users: ['fedpol.fedAnalyst'] })).json()).toEqual({ members: ['fedpol.fedAnalyst'] });
    const written = await call('fedAnalyst', 'POST', '/records', { id: 'ntk-1', schema: 'Person', properties: { name: ['Lieven Achterberg'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-lantern'] } }) });
    expect(written.statusCode).toBe(200);
    const search = (user: string) => app.inject({ method: 'POST', url: '/api/v1/search', headers: as(user, {}), payload: { q: 'Lieven Achterberg', purpose: 'investigation', caseRef: 'C-2' } });
    expect((await search('fedAnalyst')).body).toContain('Lieven Achterberg');
    // The zone shares fully with fedpol, but the record is for the case team only.
    expect((await search('zoneOfficer')).body).not.toContain('Lieven Achterberg');
    // A colleague outside the group can neither read it nor overwrite it without the restriction.
    expect((await app.inject({ url: '/api/v1/records/fedpol:ntk-1', headers: as('auditor', { 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-2' }) })).statusCode).not.toBe(200);
    await world.mosaic.store.upsertUser({ ...(await world.mosaic.store.getUser('fedpol.fedAnalyst' as never))!, id: 'fedpol.colleague' as never, name: 'colleague', groups: [] });
    tokens['colleague'] = (await signIn('colleague')).token;
    expect((await search('colleague')).body).not.toContain('Lieven Achterberg');
    expect((await app.inject({ url: '/api/v1/records/fedpol:ntk-1', headers: as('colleague', { 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-2' }) })).statusCode).toBe(404);
    const overwrite = await call('colleague', 'POST', '/records', { id: 'ntk-1', schema: 'Person', properties: { name: ['Someone Else'] }, provenance: testProvenance('fedpol') });
    // refused as a taken id, not saying what hides the record (need-to-know)
    expect(overwrite.statusCode).toBe(409);
    expect(overwrite.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT', message: 'record id fedpol:ntk-1 is taken: choose another id' } });
    expect((await search('fedAnalyst')).body).toContain('Lieven Achterberg');
    expect((await call('intelAdmin', 'PUT', '/admin/groups/op-lantern/members', { users: [] })).statusCode).toBe(403);
    const groups = (await call('fedAnalyst', 'GET', '/admin/groups')).json() as { groups: { id: string; members: string[] }[] };
    expect(groups.groups.find((g) => g.id === 'op-lantern')?.members).toEqual(['fedpol.fedAnalyst']);
  });

  it('lets only the owner agency\'s groups open a need-to-know record: another agency\'s group of the same name admits no one', async () => {
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-x', { name: 'Operation X' })).statusCode).toBe(200);
    expect((await call('fedAdmin', 'PUT', '/admin/groups/op-x/members', { users: ['fedpol.fedAnalyst'] })).statusCode).toBe(200);
    const red = (id: string, needToKnow: string[]) => ({ id, schema: 'Person', properties: { name: ['Ottokar Brinkhuis'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'RED', classification: 'RESTRICTED', releasability: ['ALL'], needToKnow } }) });
    // a group the agency does not have (a slip, or another agency's) is refused, naming the field
    expect((await call('intelAdmin', 'PUT', '/admin/groups/intel-team', { name: 'Intel team' })).statusCode).toBe(200);
    for (const needToKnow of [['op-x', 'op-typo'], ['OP-X'], ['op-x', 'intel-team']]) {
      const refused = await call('fedAnalyst', 'POST', '/records', red('red-0', needToKnow));
      expect(refused.statusCode, needToKnow.join()).toBe(400);
      expect(JSON.stringify(refused.json())).toContain('provenance.marking.needToKnow');
    }
    expect((await call('fedAnalyst', 'POST', '/records', red('red-1', ['op-x']))).statusCode).toBe(200);
    // a record stored before groups were checked names one no group used
    await putFixtures(world.mosaic, [red('red-2', ['op-x', 'op-typo'])]);
    // another agency takes that name, and a name differing only in case from one taken is refused
    expect((await call('intelAdmin', 'PUT', '/admin/groups/op-typo', { name: 'mine' })).statusCode).toBe(200);
    // intel.intelAnalyst is cleared above intelligence's administrator (TOP_SECRET, SECRET), who may
    // not add them (403): one cleared for it did
    expect((await call('intelAdmin', 'PUT', '/admin/groups/op-typo/members', { users: ['intel.intelAnalyst'] })).statusCode).toBe(403);
    const analyst = await world.mosaic.store.getUser(UserId('intel.intelAnalyst'));
    await world.mosaic.store.upsertUser({ ...analyst!, groups: [...analyst!.groups, 'op-typo'] });
    world.mosaic.sessions.forgetUser(UserId('intel.intelAnalyst'));
    expect((await call('intelAdmin', 'PUT', '/admin/groups/op-typo/members', { users: ['intel.intelAnalyst'] })).statusCode).toBe(200);
    expect((await call('intelAdmin', 'PUT', '/admin/groups/op-x', { name: 'mine too' })).statusCode).toBe(400);
    const alike = await call('intelAdmin', 'PUT', '/admin/groups/OP-X', { name: 'mine too' });
    expect(alike.statusCode).toBe(409);
    expect(alike.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT' } });
    expect(alike.body).toContain('"field":"id"');
    const reader = { 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'C-3' };
    for (const id of ['fedpol:red-1', 'fedpol:red-2']) {
      expect((await app.inject({ url: `/api/v1/records/${id}`, headers: as('intelAnalyst', reader) })).statusCode, id).toBe(404);
      expect((await app.inject({ url: `/api/v1/records/${id}`, headers: as('fedAnalyst', reader) })).statusCode, id).toBe(200);
    }
    const search = await app.inject({ method: 'POST', url: '/api/v1/search', headers: as('intelAnalyst', {}), payload: { q: 'Ottokar Brinkhuis', purpose: 'investigation', caseRef: 'C-3' } });
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('Brinkhuis');
  });
});

describe('retention', () => {
  it('lists due records for the data administrator, extends, holds, refuses erasure under hold, and sweeps the rest', async () => {
    today = new Date('2030-06-01T10:00:00Z');
    // records whose review dates have come (written before them: the API refuses a date already reached)
    const due = [['ret-old', '2030-01-01'], ['ret-held', '2030-02-01']] as const;
    await putFixtures(world.mosaic, due.map(([id, reviewDate]) => ({ id, schema: 'Person', properties: { name: [`Retention ${id}`] }, provenance: testProvenance('intel', { reviewDate }) })));
    const past = await call('intelAnalyst', 'POST', '/records', { id: 'ret-past', schema: 'Person', properties: { name: ['Retention past'] }, provenance: testProvenance('intel', { reviewDate: '2030-05-31' }) });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: { details: [{ field: 'provenance.reviewDate', reason: expect.stringContaining('must be after today (2030-06-01)') }] } });
    for (const [id, reviewDate] of [['ret-soon', '2030-06-20'], ['ret-later', '2035-01-01']] as const) {
      expect((await call('intelAnalyst', 'POST', '/records', { id, schema: 'Person', properties: { name: [`Retention ${id}`] }, provenance: testProvenance('intel', { reviewDate }) })).statusCode).toBe(200);
    }
    expect((await call('intelAnalyst', 'GET', '/retention/queue')).statusCode).toBe(403);
    const queue = (await call('intelAdmin', 'GET', '/retention/queue?withinDays=30')).json() as { items: { id: string; overdueDays: number; erasable: boolean }[] };
    expect(queue.items.map((i) => i.id)).toEqual(['intel:ret-old', 'intel:ret-held', 'intel:ret-soon']);
    expect(queue.items[0]).toMatchObject({ overdueDays: 151, erasable: true });
    // Another agency's administrator sees none of them, and cannot act on them.
    expect(JSON.stringify((await call('fedAdmin', 'GET', '/retention/queue?withinDays=3650')).json())).not.toContain('intel:');
    expect((await call('fedAdmin', 'POST', '/retention/records/intel:ret-old/holds', { reference: 'Court order 1' })).statusCode).toBe(404);

    const hold = await call('intelAdmin', 'POST', '/retention/records/intel:ret-held/holds', { reference: 'Brussels court order 2030/17' });
    expect(hold.statusCode).toBe(201);
    const erase = await call('intelAdmin', 'POST', '/retention/records/intel:ret-held/erase', { reason: 'reviewed, no longer needed' });
    expect(erase.statusCode).toBe(409);
    expect((await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/extend', { until: '2030-05-01', reason: 'still relevant' })).json()).toMatchObject({ error: { details: [{ field: 'until' }] } });
    // of the right shape, but no calendar has them: refused, not stored to stop the sweep
    const notADay = (reason: string) => ({ code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'until', reason }] });
    const extended = await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/extend', { until: '2099-02-30', reason: 'still relevant' });
    expect(extended.statusCode).toBe(400);
    expect(extended.json()).toMatchObject({ error: notADay('is not a date: its month has no such day') });
    const held = await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/holds', { reference: 'Court order 3', until: '2030-02-31' });
    expect(held.statusCode).toBe(400);
    expect(held.json()).toMatchObject({ error: notADay('is not a date: its month has no such day') });
    // each refused for what is wrong with it: a year no record lives to, a date not written as one
    const forever = await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/extend', { until: '9999-12-31', reason: 'still relevant' });
    expect(forever.json()).toMatchObject({ error: notADay('is not a date in the years 1800 to 2200') });
    const american = await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/holds', { reference: 'Court order 3', until: '12/31/2031' });
    expect(american.json()).toMatchObject({ error: notADay('must be a date YYYY-MM-DD') });
    expect((await call('intelAdmin', 'POST', '/retention/records/intel:ret-soon/extend', { until: '2032-06-20', reason: 'open investigation' })).json()).toMatchObject({ reviewDate: '2032-06-20', version: 2 });

    today = new Date('2030-07-01T10:00:00Z');
    // Sessions last hours: a month later everyone signs in again.
    for (const name of ['intelAdmin', 'sysadmin', 'intelAnalyst']) tokens[name] = (await signIn(name)).token;
    expect((await call('intelAdmin', 'POST', '/retention/sweep')).statusCode).toBe(403);
    const swept = await call('sysadmin', 'POST', '/retention/sweep?wait=true');
    expect(swept.json()).toMatchObject({ job: { state: 'done', summary: { erased: 1, held: 1, checksErased: 0, notificationsErased: 0, unreadable: [] } } });
    expect(await world.mosaic.store.getRecord('intel:ret-old' as never)).toBeUndefined();
    expect(await world.mosaic.store.getRecord('intel:ret-held' as never)).toBeDefined();
    expect(await world.mosaic.store.getRecord('intel:ret-soon' as never)).toBeDefined();

    expect((await call('intelAdmin', 'POST', '/retention/records/intel:ret-held/holds/lift', { reason: 'order expired' })).json()).toEqual({ lifted: 1 });
    expect((await sweepRetention(world.mosaic)).erased).toBe(1);
    expect(await world.mosaic.store.getRecord('intel:ret-held' as never)).toBeUndefined();
    const history = await world.mosaic.store.recordHistory('intel:ret-held' as never);
    expect(history.at(-1)).toMatchObject({ op: 'delete', actor: 'system:retention' });

    const audit = await auditEntries();
    const erasures = audit.filter((e) => e.action === 'erasure').flatMap((e) => e.records);
    expect(erasures).toEqual(expect.arrayContaining(['intel:ret-old', 'intel:ret-held']));
    expect(audit.some((e) => e.action === 'alteration' && e.records.includes('intel:ret-soon' as never) && e.reason === 'review date extended')).toBe(true);
    expect(audit.filter((e) => e.reason === 'legal hold placed' || e.reason === 'legal hold lifted')).toHaveLength(2);
    expect(audit.some((e) => e.reason === 'retention review' && e.purpose === 'administration')).toBe(true);
  });

  it('sets review dates of new records from the agency\'s own retention rules', async () => {
    expect((await call('intelAdmin', 'GET', '/admin/retention/rules')).json()).toMatchObject({ rules: { checks: { years: 1 } } });
    const rules = await call('intelAdmin', 'PUT', '/admin/retention/rules', { rules: { witness: { months: 6 }, checks: { days: 90 } } });
    expect(rules.json()).toMatchObject({ agency: 'intel', rules: { witness: { years: 0, months: 6, days: 0 }, suspect: { years: 3 }, checks: { years: 0, months: 0, days: 90 } } });
    expect((await call('intelAdmin', 'PUT', '/admin/retention/rules', { rules: { bystander: { years: 1 } } })).json()).toMatchObject({ error: { details: [{ field: 'rules.bystander' }] } });
    // over 100 years, however it is written (9,000 years ends past the year 9999)
    for (const period of [{ years: 101 }, { years: 9000 }, { years: 99999 }, { months: 1300 }, { years: 60, months: 500 }]) {
      const long = await call('intelAdmin', 'PUT', '/admin/retention/rules', { rules: { other: period } });
      expect(long.statusCode, JSON.stringify(period)).toBe(400);
      expect(long.json()).toMatchObject({ error: { details: [{ field: 'rules.other', reason: 'longer than 100 years' }] } });
    }
    const { reviewDate: _r, ...noReview } = testProvenance('intel', { category: 'witness' });
    const written = await call('intelAnalyst', 'POST', '/records', { id: 'ret-witness', schema: 'Person', properties: { name: ['Retention Witness'] }, provenance: noReview });
    expect((written.json() as { record: { provenance: { reviewDate: string } } }).record.provenance.reviewDate).toBe('2031-01-01');
    const { reviewDate: _s, ...suspect } = testProvenance('intel', { category: 'suspect' });
    const other = await call('intelAnalyst', 'POST', '/records', { id: 'ret-suspect', schema: 'Person', properties: { name: ['Retention Suspect'] }, provenance: suspect });
    expect((other.json() as { record: { provenance: { reviewDate: string } } }).record.provenance.reviewDate).toBe('2033-07-01');
  });
});

describe('the audit log\'s retention', () => {
  it('is set by the system administrator, seen by auditors, and the sweep prunes by it behind a cut that verifies', async () => {
    for (const name of ['fedAnalyst', 'auditor', 'fedAdmin', 'sysadmin']) tokens[name] = (await signIn(name)).token;
    expect((await call('fedAnalyst', 'GET', '/admin/audit/retention')).statusCode).toBe(403);
    expect((await call('auditor', 'GET', '/admin/audit/retention')).json()).toEqual({ retention: null });
    expect((await call('fedAdmin', 'PUT', '/admin/audit/retention', { retention: { years: 1 } })).statusCode).toBe(403);
    const zero = await call('sysadmin', 'PUT', '/admin/audit/retention', { retention: { days: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ error: { details: [{ field: 'retention' }] } });
    const long = await call('sysadmin', 'PUT', '/admin/audit/retention', { retention: { years: 9000 } });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: { details: [{ field: 'retention', reason: 'longer than 100 years' }] } });
    const set = await call('sysadmin', 'PUT', '/admin/audit/retention', { retention: { years: 1, endOfYear: true } });
    expect(set.json()).toEqual({ retention: { years: 1, months: 0, days: 0, endOfYear: true } });
    const logged = await auditEntries();

    // two and a half years on, every entry made in 2030 is past the end of 2031
    today = new Date('2032-06-01T10:00:00Z');
    for (const name of ['sysadmin', 'auditor']) tokens[name] = (await signIn(name)).token;
    const swept = await call('sysadmin', 'POST', '/retention/sweep?wait=true');
    expect(swept.json()).toMatchObject({ job: { summary: { auditPruned: logged.length } } });
    const verified = await call('auditor', 'POST', '/audit/verify');
    expect(verified.json()).toMatchObject({ ok: true, prunedThrough: logged.at(-1)?.seq });
    const kept = await auditEntries();
    expect(kept[0]?.seq).toBe((logged.at(-1)?.seq ?? 0) + 1);
    expect(kept.find((e) => e.reason === 'audit log pruned')).toMatchObject({ action: 'erasure', query: { auditPrune: { entries: logged.length, before: '2031-01-01T00:00:00.000Z' } } });
  });
});
