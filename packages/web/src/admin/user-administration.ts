/**
 * What the users and groups screens say of a user before anything is sent: the id a new user will
 * have, and why the administrator may not administer a user the server lists as not theirs to.
 */
import { clearanceWords } from '@mosaic/model';
import type { AgencyRow, ListedUser } from './admin-types.ts';

/**
 * The id the server gives a new user of `agency` named `name` (service user-admin.ts, userIdFor):
 * `<agency>.<name>`, a name that starts with `<agency>.` already kept as it is.
 */
export function userIdFor(agency: string, name: string): string {
  return name.startsWith(`${agency}.`) ? name : `${agency}.${name}`;
}

/**
 * What the form says under the user name before it is sent: the id the user will have, or, for a
 * name that starts with another agency's id and a dot (which the server refuses: the id would read
 * as that agency's user), what to do instead.
 */
export function newUserIdWords(agency: AgencyRow | undefined, name: string, agencies: readonly AgencyRow[]): string {
  if (!agency || name.trim() === '') return 'Its user id is the agency\'s id, a dot and the name.';
  const other = agencies.find((a) => a.id !== agency.id && name.startsWith(`${a.id}.`) && !name.startsWith(`${agency.id}.`));
  if (other) return `A name starting with "${other.id}." would read as a user of ${other.name}: give the name without it, or choose that agency.`;
  return `Its user id will be ${userIdFor(agency.id, name)}.`;
}

/** Why the administrator (cleared `own`) may not administer `user`, in words; undefined when they may. */
export function whyNotAdministrable(user: ListedUser, own: string): string | undefined {
  if (user.administrable) return undefined;
  switch (user.notAdministrable) {
    case 'sysadmin': return 'A system administrator: only a system administrator administers them.';
    case 'auditor': return 'An auditor: only a system administrator administers them.';
    case 'clearance': return `Cleared ${clearanceWords(user.clearance)}, above your clearance (${clearanceWords(own)}): only a system administrator or an administrator cleared ${clearanceWords(user.clearance)} administers them.`;
    default: return 'Only a system administrator administers them.';
  }
}
