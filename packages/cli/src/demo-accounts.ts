/**
 * The demo accounts `mosaic start` names: one per role a visitor may want to try, so that
 * nobody needs the users list to sign in as an officer or an auditor.
 */
import { CLASSIFICATION, roleWords, type Classification } from '@mosaic/model';

/** Every demo account's password (the demo organisation, packages/demo/src/org.ts). */
export const DEMO_PASSWORD = 'mosaic-demo';

/** The roles named, in the order shown, each in the words the web app shows it in (roleWords). */
const SHOWN_ROLES = ['analyst', 'officer', 'checkpoint_officer', 'auditor', 'agency_admin'] as const;

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
  const words = (role: string): string => roleWords(role).toLowerCase();
  const width = Math.max(...SHOWN_ROLES.map((role) => words(role).length)) + 2;
  const shown = SHOWN_ROLES.flatMap((role) => {
    const account = users.filter((u) => u.roles.includes(role)).sort((a, b) => CLASSIFICATION.indexOf(b.clearance) - CLASSIFICATION.indexOf(a.clearance) || a.name.localeCompare(b.name))[0];
    return account ? [`  ${words(role).padEnd(width)}${account.name}`] : [];
  });
  if (shown.length === 0) return [];
  return [`Demo accounts, each with the password ${DEMO_PASSWORD}:`, ...shown, `The others: ${listCommand}`];
}
