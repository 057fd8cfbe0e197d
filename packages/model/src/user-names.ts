/**
 * A new user's id, which is also the name they sign in with: `<agency>.<name>`, as the demo's
 * users have it (`fedpol.analyst1`). The admin API, `mosaic users add` and the web app's form all
 * take the rule from here, so the id the form promises is the one made and the one signed in with.
 *
 * Each agency names its users in a space of its own: intel's `analyst5` is `intel.analyst5`
 * whatever users fedpol has, and a duplicate is one within the agency. A name kept as typed
 * ("analyst5") and unique across the deployment told one agency which names another had used.
 */
import { UserId } from './ids.ts';

/** A name as typed: 2 to 64 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit. */
const USER_NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/**
 * The id, and sign-in name, of the user of `agency` named `name`. A name that starts with the
 * agency's id and a dot already is the id as it is, never prefixed twice (`fedpol.fedpol.analyst5`).
 */
export function userIdFor(agency: string, name: string): UserId {
  return UserId(name.startsWith(`${agency}.`) ? name : `${agency}.${name}`);
}

/**
 * Why `name` cannot be a user's name, in the words the form shows beside the field before it is
 * sent and the server gives naming `name`; undefined when it can. Upper case is told apart from
 * the rest, with the name that would do: "Analyst5" was promised as fedpol.Analyst5, then refused.
 */
export function userNameProblem(name: string): string | undefined {
  if (USER_NAME.test(name)) return undefined;
  const lower = name.toLowerCase();
  if (lower !== name && USER_NAME.test(lower)) return `must be lower case: ${lower}, not ${name}`;
  return 'must be 2 to 64 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit';
}

/**
 * The id of the other agency `name` starts with, followed by a dot, when it does: fedpol's
 * `intel.smith` would be the id fedpol.intel.smith, read as a user of intel's. A name that starts
 * with `agency.` itself is the agency's own.
 */
export function otherAgencyNamed(agency: string, name: string, agencies: readonly string[]): string | undefined {
  if (name.startsWith(`${agency}.`)) return undefined;
  return agencies.find((other) => other !== agency && name.startsWith(`${other}.`));
}
