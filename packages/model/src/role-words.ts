/**
 * A user's role as a person reads it, in the web app and in what the server writes for a person
 * (a refusal): "Agency administrator", not agency_admin. The roles are @mosaic/policy's (ROLES,
 * whose test keeps this table equal to them); the API and the policy keep the code.
 */
import { readableCode } from './readable-code.ts';
import { withArticle } from './with-article.ts';

/** Each role of @mosaic/policy's ROLES in words, in its order. */
export const ROLE_WORDS: Readonly<Record<string, string>> = Object.freeze({
  analyst: 'Analyst',
  officer: 'Officer',
  checkpoint_officer: 'Checkpoint officer',
  agency_admin: 'Agency administrator',
  auditor: 'Auditor',
  sysadmin: 'System administrator',
});

/** roleWords('agency_admin') is "Agency administrator"; a role this version does not know reads as its code made readable. */
export function roleWords(role: string): string {
  return ROLE_WORDS[role] ?? readableCode(role);
}

/**
 * Who may, in a sentence a person reads (a refusal naming the roles that may act):
 * rolesInWords(['analyst', 'officer']) is "an analyst or an officer".
 */
export function rolesInWords(roles: readonly string[]): string {
  const named = roles.map((role) => withArticle(roleWords(role).toLowerCase()));
  const last = named.pop();
  return named.length === 0 ? (last ?? '') : `${named.join(', ')} or ${last}`;
}
