/**
 * What the users and groups screens say of a user before anything is sent: the id a new user will
 * have, and why the administrator may not administer a user the server lists as not theirs to.
 */
import { clearanceWords, otherAgencyNamed, userIdFor, userNameProblem } from '@mosaic/model';
import type { AgencyRow, ListedUser } from './admin-types.ts';

/**
 * What the form says under the user name before it is sent, by the rule the server makes the id
 * by (@mosaic/model user-names.ts): the id the user will have and sign in with, or why the server
 * would refuse the name — not lower case (with the name that would do), not a user name at all, or
 * starting with another agency's id and a dot (the id would read as that agency's user) — and
 * what to do instead. `problem` is true when the words say why the name would be refused.
 */
export function newUserIdWords(agency: AgencyRow | undefined, name: string, agencies: readonly AgencyRow[]): { readonly words: string; readonly problem: boolean } {
  if (!agency || name.trim() === '') return { words: 'Its user id is the agency\'s id, a dot and the name; the user signs in with it.', problem: false };
  const otherId = otherAgencyNamed(agency.id, name, agencies.map((a) => a.id));
  const other = agencies.find((a) => a.id === otherId);
  if (other) return { words: `A name starting with "${other.id}." would read as a user of ${other.name}: give the name without it, or choose that agency.`, problem: true };
  const problem = userNameProblem(name);
  if (problem !== undefined) {
    // the server's words for `name`; for upper case, the id the name it suggests would have
    const lower = name.toLowerCase();
    const then = userNameProblem(lower) === undefined ? ` Its user id would then be ${userIdFor(agency.id, lower)}.` : '';
    return { words: `The user name ${problem}.${then}`, problem: true };
  }
  return { words: `Its user id will be ${userIdFor(agency.id, name)}; the user signs in with it.`, problem: false };
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
