/**
 * The demo accounts `mosaic start` names: one per role a visitor may want to try, so that
 * nobody needs the users list to sign in as an officer or an auditor.
 */
import { CLASSIFICATION, type Classification } from '@mosaic/model';

/** Every demo account's password (the demo organisation, packages/demo/src/org.ts). */
export const DEMO_PASSWORD = 'mosaic-demo';

/** The roles named, in the order shown, with their words. */
const SHOWN_ROLES = [
  ['analyst', 'analyst'],
  ['officer', 'officer'],
  ['checkpoint_officer', 'checkpoint officer'],
  ['auditor', 'auditor'],
  ['agency_admin', 'administrator'],
] as const;

export interface Account {
  readonly name: string;
  readonly roles: readonly string[];
  readonly clearance: Classification;
}

/**
 * Lines naming one account per role (the one who sees most: the highest clearance, then by
 * name), the password, and the command that lists the others; none when no account has a role shown.
 */
export function demoAccountLines(users: readonly Account[], listCommand: string): string[] {
  const shown = SHOWN_ROLES.flatMap(([role, words]) => {
    const account = users.filter((u) => u.roles.includes(role)).sort((a, b) => CLASSIFICATION.indexOf(b.clearance) - CLASSIFICATION.indexOf(a.clearance) || a.name.localeCompare(b.name))[0];
    return account ? [`  ${words.padEnd(20)}${account.name}`] : [];
  });
  if (shown.length === 0) return [];
  return [`Demo accounts, each with the password ${DEMO_PASSWORD}:`, ...shown, `The others: ${listCommand}`];
}
