/**
 * An existing user's edit (PATCH /admin/users/:id): what the form offers and what it sends. Only
 * the fields changed are sent — the server checks each field given, so an unchanged clearance
 * above the administrator's own would be refused though nobody asked to change it.
 */
import type { UserRow } from './admin-types.ts';

export interface UserDraft {
  readonly desk: string;
  readonly roles: readonly string[];
  readonly clearance: string;
}

export function draftOf(user: UserRow): UserDraft {
  return { desk: user.desk, roles: user.roles, clearance: user.clearance };
}

/** The fields of `draft` that differ from the stored `user` (roles compared as a set); empty when nothing changes. */
export function userChange(user: UserRow, draft: UserDraft): Partial<UserDraft> {
  const sameRoles = draft.roles.length === new Set(user.roles).size && draft.roles.every((r) => user.roles.includes(r)) && new Set(draft.roles).size === draft.roles.length;
  return {
    ...(draft.desk !== user.desk ? { desk: draft.desk } : {}),
    ...(sameRoles ? {} : { roles: draft.roles }),
    ...(draft.clearance !== user.clearance ? { clearance: draft.clearance } : {}),
  };
}

/**
 * The choices offered for a user, in the catalogue's order: those the administrator may grant,
 * and whatever the user holds now (shown as it is, though the administrator could not grant it).
 */
export function offered<T extends string>(catalogue: readonly T[], grantable: readonly T[], held: readonly string[]): T[] {
  return catalogue.filter((c) => grantable.includes(c) || held.includes(c));
}
