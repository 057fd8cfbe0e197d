/** A user's role as an administrator reads it; the API and the policy keep the code. */
import { readableCode } from './readable-code.ts';

const WORDS: Readonly<Record<string, string>> = {
  analyst: 'Analyst',
  officer: 'Officer',
  checkpoint_officer: 'Checkpoint officer',
  auditor: 'Auditor',
  agency_admin: 'Agency administrator',
  sysadmin: 'System administrator',
};

/** roleWords('agency_admin') is "Agency administrator"; a role this version does not know reads as its code made readable. */
export function roleWords(role: string): string {
  return WORDS[role] ?? readableCode(role);
}
