/**
 * Administration of users and need-to-know groups. A user's roles, clearance, desk and groups
 * are read from the store on every request (authenticate), so a change applies at the next
 * request; disabling a user or resetting their password also ends their sessions.
 *
 * Guards against privilege escalation: only a system administrator grants the sysadmin role or
 * changes a system administrator's account (password, roles, clearance, disabling), only a system
 * administrator grants or removes the auditor role or changes an auditor's account (an agency's
 * administrators are among those its auditors audit), and a data administrator never grants a
 * clearance above their own (vetting is theirs to vouch for) nor changes the account of a user
 * cleared above it. Group membership is the group's owning agency's decision; a group may take members from
 * other agencies (a joint investigation team), but its administrator adds only a user whose
 * account they could change were the user their agency's: never an auditor or a system
 * administrator, nor a user cleared above them (setGroupMembers).
 */
import type { JsonValue } from '@mosaic/audit';
import { AgencyId, AppError, CLASSIFICATION, clearanceWords, otherAgencyNamed, rankOf, roleWords, UserId, userIdFor, userNameProblem, type Classification, type DeskId } from '@mosaic/model';
import { ROLES, type Role } from '@mosaic/policy';
import type { Store, User } from '@mosaic/store';
import { hashPassword } from '../password.ts';
import { clearSignInThrottle } from '../sign-in-throttle.ts';
import { GROUP_KIND, loadGroups, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { auditAdminIn, authoriseAdmin, exists, invalid, isSysadmin, notFound, plainText, type AdminRequest } from './admin-gate.ts';

/** A user as administrators see them: never the password hash. */
export interface UserView {
  readonly id: UserId;
  readonly name: string;
  readonly agency: AgencyId;
  readonly desk: DeskId;
  readonly roles: readonly string[];
  readonly clearance: Classification;
  readonly groups: readonly string[];
  readonly disabled: boolean;
}

export function userView(user: User): UserView {
  return { id: user.id, name: user.name, agency: user.agency, desk: user.desk, roles: user.roles, clearance: user.clearance, groups: user.groups, disabled: user.disabledAt !== undefined };
}

export { GROUP_KIND };

export interface Group {
  readonly id: string;
  /** The agency that owns the group and decides its membership. */
  readonly agency: AgencyId;
  readonly name: string;
  readonly description: string;
}

/**
 * Why a data administrator may not administer a user — change their account or add them to a
 * group: `sysadmin` (the user is a system administrator), `auditor` (an auditor), `clearance`
 * (cleared above the administrator).
 */
export type NotAdministrable = 'sysadmin' | 'auditor' | 'clearance';

/** A listed user, with whether the reader may administer them and, when not, why (refuseUnlessAdministrable's rule). */
export interface ListedUser extends UserView {
  readonly administrable: boolean;
  readonly notAdministrable?: NotAdministrable;
}

/** Users of the administrator's agency; all users for a system administrator. */
export async function listUsers(mosaic: Mosaic, request: Consultation): Promise<readonly ListedUser[]> {
  if (!isSysadmin(request)) await authoriseAdmin(mosaic, request, { kind: 'agency', agency: request.user.agency });
  const users = await mosaic.store.listUsers();
  return users.filter((u) => isSysadmin(request) || u.agency === request.user.agency).map((u) => {
    const why = notAdministrable(request, u);
    return { ...userView(u), administrable: why === undefined, ...(why !== undefined ? { notAdministrable: why } : {}) };
  });
}

export interface NewUser {
  readonly name: string;
  readonly agency: string;
  readonly desk: string;
  readonly roles: readonly string[];
  readonly clearance: Classification;
  readonly groups?: readonly string[] | undefined;
  readonly password: string;
}

export async function createUser(mosaic: Mosaic, request: AdminRequest, input: NewUser): Promise<UserView> {
  const agency = AgencyId(input.agency);
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency, sysadminToo: true });
  const problem = userNameProblem(input.name);
  if (problem !== undefined) throw invalid('name', problem);
  await checkDesk(mosaic, agency, input.desk);
  const other = otherAgencyNamed(agency, input.name, (await mosaic.org()).org.agencies.map((a) => a.id));
  if (other !== undefined) throw invalid('name', `starts with ${other}., another agency's: give the name without it, or with ${agency}.`);
  // The id is the name signed in with (user-names.ts): a name of its own kept beside it signed in
  // as "analyst5" a user the form had promised as fedpol.analyst5, and, unique across the
  // deployment, refused intel an analyst5 for fedpol's, saying that fedpol had one.
  const id = userIdFor(agency, input.name);
  const roles = checkRoles(request, input.roles);
  checkClearance(request, input.clearance);
  const groups = await checkGroups(mosaic, request, input.groups ?? []);
  const user: User = {
    id, name: id, agency, desk: input.desk as DeskId, roles, clearance: input.clearance, groups,
    passwordHash: await hashPassword(checkPassword(input.password)),
  };
  // both within the agency's names: an id or a sign-in name starting with `<agency>.`
  const taken = async (store: Store): Promise<boolean> => (await store.getUser(id)) !== undefined || (await store.findUserByName(id)) !== undefined;
  if (await taken(mosaic.store)) throw exists('name', `a user ${id} already exists`);
  // the account and its entry together: an account made with no entry saying who made it, with
  // which roles and clearance, is one no auditor can account for
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    // asked again under the lock: two accounts of one id asked at once, on one node or two, both
    // found the id free before it, and the second written replaced the first
    if (await taken(tx)) throw exists('name', `a user ${id} already exists`);
    await tx.upsertUser(user);
    await auditAdminIn(mosaic, tx, request, { createUser: { id: user.id, agency, desk: user.desk, roles: [...roles], clearance: user.clearance, groups: [...groups] } }, { reason: 'user created', concerning: [agency] });
  });
  mosaic.sessions.forgetUser(user.id);
  return userView(user);
}

export interface UserChange {
  readonly desk?: string;
  readonly roles?: readonly string[];
  readonly clearance?: Classification;
  readonly groups?: readonly string[];
}

export async function updateUser(mosaic: Mosaic, request: AdminRequest, id: UserId, change: UserChange): Promise<UserView> {
  const user = await userToAdminister(mosaic, request, id);
  // a change of nothing would be audited as an alteration of the account
  if (change.desk === undefined && change.roles === undefined && change.clearance === undefined && change.groups === undefined) {
    throw invalid('body', 'nothing to change: give desk, roles, clearance or groups');
  }
  if (change.desk !== undefined) await checkDesk(mosaic, user.agency, change.desk);
  if (change.clearance !== undefined) checkClearance(request, change.clearance);
  // Removing the sysadmin or auditor role is as sensitive as granting it.
  for (const role of ['sysadmin', 'auditor'] as const) {
    if (change.roles !== undefined && user.roles.includes(role) !== change.roles.includes(role) && !isSysadmin(request)) throw invalid('roles', `only a system administrator grants or removes the ${roleWords(role).toLowerCase()} role`);
  }
  const changed: Partial<User> = {
    ...(change.desk !== undefined ? { desk: change.desk as DeskId } : {}),
    ...(change.roles !== undefined ? { roles: checkRoles(request, change.roles, user.roles) } : {}),
    ...(change.clearance !== undefined ? { clearance: change.clearance } : {}),
    ...(change.groups !== undefined ? { groups: await checkGroups(mosaic, request, change.groups, user.groups) } : {}),
  };
  const next = await saveKeepingAnAdministrator(mosaic, request, user, (current) => ({ ...current, ...changed }), {
    field: 'roles', reason: 'user updated',
    change: { updateUser: { id, ...(change.desk ? { desk: change.desk } : {}), ...(change.roles ? { roles: [...change.roles] } : {}), ...(change.clearance ? { clearance: change.clearance } : {}), ...(change.groups ? { groups: [...change.groups] } : {}) } },
  });
  return userView(next);
}

/**
 * Sets a new password; the user's sessions end, and so does the count of their failed sign-ins
 * (sign-in-throttle.ts): a user locked out by their own mistakes, or by someone guessing, signs in
 * with the new password at once. The entry says whether a count was ended (`signInThrottleCleared`).
 */
export async function resetPassword(mosaic: Mosaic, request: AdminRequest, id: UserId, password: string): Promise<void> {
  const user = await userToAdminister(mosaic, request, id);
  const passwordHash = await hashPassword(checkPassword(password));
  // The password, the end of the sessions and of the count, and the entry are kept together, and
  // the sessions cache forgets the user once they are: forgotten before the sessions were ended, a
  // request arriving meanwhile found its session still there, and kept it a second longer.
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    await tx.upsertUser({ ...((await tx.getUser(id)) ?? user), passwordHash });
    await tx.deleteUserSessions(id);
    const cleared = await clearSignInThrottle(tx, user.name);
    await auditAdminIn(mosaic, tx, request, { resetPassword: { id, ...(cleared ? { signInThrottleCleared: true } : {}) } }, { reason: 'password reset', concerning: [user.agency] });
  });
  mosaic.sessions.forgetUser(id);
}

/** Disable (sessions end at once) or enable again; the account stays for the audit trail. */
export async function setUserDisabled(mosaic: Mosaic, request: AdminRequest, id: UserId, disabled: boolean): Promise<UserView> {
  const user = await userToAdminister(mosaic, request, id);
  if (disabled && id === request.user.id) throw invalid('id', 'administrators do not disable themselves');
  const next = await saveKeepingAnAdministrator(mosaic, request, user, (current) => {
    const { disabledAt: _d, ...active } = current;
    return disabled ? { ...active, disabledAt: mosaic.now().toISOString() } : active;
  }, { field: 'id', reason: disabled ? 'user disabled' : 'user enabled', change: { [disabled ? 'disableUser' : 'enableUser']: { id } }, endSessions: disabled });
  return userView(next);
}

// ---- need-to-know groups ---------------------------------------------------------------------

/** The groups of the user's agency and those the user belongs to; all for a system administrator. */
export async function listGroups(mosaic: Mosaic, request: Consultation): Promise<readonly (Group & { readonly members: readonly UserId[] })[]> {
  const docs = await mosaic.store.listDocuments(GROUP_KIND, { limit: 10_000, oldestFirst: true });
  const groups = docs.map((d) => d.body as Group).filter((g) => isSysadmin(request) || g.agency === request.user.agency || request.user.groups.includes(g.id));
  const users = await mosaic.store.listUsers();
  // Members from other agencies are listed by id only to the owning agency's administrators.
  return groups.map((g) => ({ ...g, members: users.filter((u) => u.groups.includes(g.id) && (g.agency === request.user.agency || u.agency === request.user.agency || isSysadmin(request))).map((u) => u.id) }));
}

export async function putGroup(mosaic: Mosaic, request: AdminRequest, input: { readonly id: string; readonly name: string; readonly description?: string | undefined }): Promise<Group> {
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: request.user.agency });
  if (!/^[a-z0-9][a-z0-9_.-]{0,99}$/i.test(input.id)) throw invalid('id', `${JSON.stringify(input.id)} is not a group id (letters, digits, ".", "-", "_")`);
  const taken = (): AppError => invalid('id', `group ${input.id} belongs to another agency`);
  const existing = await mosaic.store.getDocument(GROUP_KIND, input.id);
  if (existing && existing.owner !== request.user.agency) throw taken();
  const name = plainText('name', input.name);
  const group: Group = { id: input.id, agency: request.user.agency, name, description: plainText('description', input.description ?? '', { max: 2000, optional: true }) };
  const document = { kind: GROUP_KIND, id: group.id, owner: group.agency, body: group };
  if (!existing) {
    // Ids are compared as stored, so OP-X and op-x would be two groups, of perhaps two agencies,
    // that a person reading a marking takes for one.
    const alike = (await loadGroups(mosaic.store)).find((g) => g.id.toLowerCase() === group.id.toLowerCase());
    if (alike) throw exists('id', `group ${alike.id} exists, differing from ${group.id} only in case`);
  }
  // the group and its entry together: a group made with no entry saying who made it is one its
  // records' auditors cannot account for
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    // created only if no one took the id meanwhile: a group's agency never changes
    if (existing) await tx.putDocument(document);
    else if (!(await tx.createDocument(document))) {
      if ((await tx.getDocument(GROUP_KIND, group.id))?.owner !== group.agency) throw taken();
      await tx.putDocument(document);
    }
    await auditAdminIn(mosaic, tx, request, { putGroup: { ...group } }, { reason: existing ? 'group updated' : 'group created', concerning: [group.agency] });
  });
  // The policy reads each group's agency from the organisation snapshot.
  if (!existing) await mosaic.reloadOrg();
  return group;
}

/**
 * Sets the group's members to exactly `members` (user ids of any agency). Joining a group opens
 * the owning agency's records marked for it, up to the member's clearance, TLP:RED ones too, so
 * the administrator adds only a user of any agency they could administer (refuseUnlessAdministrable:
 * no auditor or system administrator, whose accounts are a system administrator's to change, and
 * no one cleared above them, for records they are not vetted to judge the need to know of), as
 * they change the groups of their own agency's users. Removing anyone is theirs: the owner
 * decides who sees its records, and taking a member out opens nothing.
 */
export async function setGroupMembers(mosaic: Mosaic, request: AdminRequest, groupId: string, members: readonly string[]): Promise<readonly UserId[]> {
  const group = await mosaic.store.getDocument(GROUP_KIND, groupId);
  if (!group) throw notFound('id', `no group ${groupId}`);
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: AgencyId(group.owner) });
  const users = await mosaic.store.listUsers();
  const wanted = new Set(members);
  for (const [i, id] of members.entries()) if (!users.some((u) => u.id === id)) throw invalid(`users.${i}`, `no user ${id}`);
  const changes = users.filter((user) => user.groups.includes(groupId) !== wanted.has(user.id));
  // refused naming the member as the request lists them (users.N), as a user unknown is
  for (const user of changes) if (!user.groups.includes(groupId)) refuseUnlessAdministrable(request, user, `users.${members.indexOf(user.id)}`);
  const changed = changes.map((user) => user.id);
  // a user of another agency joining or leaving the group is a change to that agency's user
  const concerning = [AgencyId(group.owner), ...changes.map((user) => user.agency)];
  // Every member's change and the entry in one transaction: written one user at a time, a failure
  // midway left some joined and others not, and none of it audited. Each account is read again
  // in it and only its groups changed, so that a change made to it meanwhile (a clearance
  // lowered, a role removed) is not written back over with the account as it was read above.
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    for (const user of changes) {
      const current = (await tx.getUser(user.id)) ?? user;
      const groups = current.groups.filter((g) => g !== groupId);
      await tx.upsertUser({ ...current, groups: wanted.has(user.id) ? [...groups, groupId] : groups });
    }
    await auditAdminIn(mosaic, tx, request, { setGroupMembers: { group: groupId, members: [...wanted].sort(), changed } }, { reason: 'group membership changed', concerning });
  });
  for (const user of changes) mosaic.sessions.forgetUser(user.id);
  return [...wanted].sort().map(UserId);
}

// ---- checks ----------------------------------------------------------------------------------

async function userToAdminister(mosaic: Mosaic, request: Consultation, id: UserId): Promise<User> {
  const user = await mosaic.store.getUser(id);
  // Users of other agencies look like unknown ones to a data administrator.
  if (!user || (!isSysadmin(request) && user.agency !== request.user.agency)) throw notFound('id', `no user ${id}`);
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: user.agency, sysadminToo: true });
  refuseUnlessAdministrable(request, user);
  return user;
}

/**
 * Refuses a data administrator (not a system administrator) an account they may not change.
 * A data administrator who could reset a system administrator's password could become one; an
 * auditor's, sign in as the auditor who audits them (or disable them, and go unaudited); a
 * user's cleared above them, read what they are not vetted for. Granting those is refused
 * already (checkRoles, checkClearance): taking over an account that holds them is the same.
 */
function refuseUnlessAdministrable(request: Consultation, user: User, field?: string): void {
  const id = user.id;
  const refused = (reason: string): AppError => new AppError('MOSAIC_FORBIDDEN', `${id}: ${reason}`, field === undefined ? undefined : { field, reason });
  switch (notAdministrable(request, user)) {
    case 'sysadmin': throw refused('a system administrator: only a system administrator administers them');
    case 'auditor': throw refused('an auditor: only a system administrator administers them');
    case 'clearance': {
      const level = clearanceWords(user.clearance);
      throw refused(`cleared ${level}, above your own clearance (${clearanceWords(request.user.clearance)}): only a system administrator or an administrator cleared ${level} administers them`);
    }
    case undefined: return;
  }
}

/** Why `request`'s user may not administer `user` (refuseUnlessAdministrable), or undefined when they may. */
function notAdministrable(request: Consultation, user: User): NotAdministrable | undefined {
  if (isSysadmin(request)) return undefined;
  if (user.roles.includes('sysadmin')) return 'sysadmin';
  if (user.roles.includes('auditor')) return 'auditor';
  if (rankOf(CLASSIFICATION, user.clearance) > rankOf(CLASSIFICATION, request.user.clearance)) return 'clearance';
  return undefined;
}

const administers = (user: User): boolean => user.disabledAt === undefined && user.roles.includes('agency_admin');

/**
 * Writes the change `apply` makes to the user's account as it is stored now, with its audit
 * entry, unless it would leave the user's agency without an enabled data administrator (`field`
 * names what would do it): its users, desks, groups, agreements and erasures would wait on a
 * system administrator, and the last one would have locked themselves out. A system
 * administrator is refused too: they give the agency another administrator first.
 *
 * The check, the write and the entry are one transaction under the audit log's lock (which the
 * entry takes anyway; on PostgreSQL an advisory lock every node shares, on sqlite the one writer
 * at a time): two changes made at once, on one node or two, each taking one of an agency's last
 * two administrators, are judged one after the other, the second on what the first wrote, and
 * the second is refused. Read outside it, both saw the other administrator still enabled.
 */
async function saveKeepingAnAdministrator(mosaic: Mosaic, request: AdminRequest, user: User, apply: (current: User) => User, { field, reason, change, endSessions = false }: { readonly field: string; readonly reason: string; readonly change: JsonValue; readonly endSessions?: boolean }): Promise<User> {
  // a refusal names the role and the agency in words, as the administrator reads them; the
  // organisation is read before the transaction, not within it
  const agency = (await mosaic.org()).org.agencies.find((a) => a.id === user.agency)?.name ?? user.agency;
  const next = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const current = (await tx.getUser(user.id)) ?? user;
    const changed = apply(current);
    if (administers(current) && !administers(changed)) {
      const others = (await tx.listUsers()).some((u) => u.id !== user.id && u.agency === user.agency && administers(u));
      if (!others) throw invalid(field, `${user.id} is the last enabled data administrator (the ${roleWords('agency_admin').toLowerCase()} role) of ${agency}: give the agency another first`);
    }
    await tx.upsertUser(changed);
    if (endSessions) await tx.deleteUserSessions(user.id);
    await auditAdminIn(mosaic, tx, request, change, { reason, concerning: [user.agency] });
    return changed;
  });
  mosaic.sessions.forgetUser(user.id);
  return next;
}

async function checkDesk(mosaic: Mosaic, agency: AgencyId, desk: string): Promise<void> {
  const snapshot = await mosaic.org();
  if (!snapshot.org.agencies.some((a) => a.id === agency)) throw invalid('agency', `no agency ${agency}`);
  if (!snapshot.org.desks.some((d) => d.id === desk && d.agency === agency)) throw invalid('desk', `no desk ${desk} in agency ${agency}`);
}

function checkRoles(request: Consultation, roles: readonly string[], current: readonly string[] = []): Role[] {
  if (roles.length === 0) throw invalid('roles', 'a user needs at least one role');
  const checked: Role[] = [];
  for (const [i, role] of roles.entries()) {
    const known = ROLES.find((r) => r === role);
    if (known === undefined) throw invalid(`roles.${i}`, `${JSON.stringify(role)} is not a role (${ROLES.join(', ')})`);
    if ((known === 'sysadmin' || known === 'auditor') && !current.includes(known) && !isSysadmin(request)) throw invalid(`roles.${i}`, `only a system administrator grants the ${roleWords(known).toLowerCase()} role`);
    if (!checked.includes(known)) checked.push(known);
  }
  return checked;
}

/**
 * Nobody grants a clearance above their own, a system administrator neither: vetting is not a
 * role, and a platform administrator cleared RESTRICTED could otherwise make a TOP_SECRET
 * account. The command line's operator (cli operator.ts) is cleared TOP_SECRET, so bootstrapping
 * with `mosaic users add` grants any clearance.
 */
function checkClearance(request: Consultation, clearance: Classification): void {
  if (rankOf(CLASSIFICATION, clearance) > rankOf(CLASSIFICATION, request.user.clearance)) throw invalid('clearance', `above your own clearance (${clearanceWords(request.user.clearance)})`);
}

/** Groups must exist; an agency's administrator adds or removes only its own agency's groups. */
async function checkGroups(mosaic: Mosaic, request: Consultation, groups: readonly string[], current: readonly string[] = []): Promise<string[]> {
  for (const [i, id] of groups.entries()) {
    const group = await mosaic.store.getDocument(GROUP_KIND, id);
    if (!group) throw invalid(`groups.${i}`, `no group ${id}`);
  }
  const changed = [...groups.filter((g) => !current.includes(g)), ...current.filter((g) => !groups.includes(g))];
  for (const id of changed) {
    const group = await mosaic.store.getDocument(GROUP_KIND, id);
    if (group && group.owner !== request.user.agency) throw invalid('groups', `membership of ${id} is decided by ${group.owner}`);
  }
  return [...new Set(groups)];
}

function checkPassword(password: string): string {
  if ([...password].length < 12) throw invalid('password', 'must be at least 12 characters');
  if (password.length > 200) throw invalid('password', 'is longer than 200 characters');
  return password;
}
