/**
 * A classification level — a user's clearance, a record's classification, an agreement's
 * ceiling — as a person reads it; the API and the policy keep the code (TOP_SECRET).
 */
import { readableCode } from './readable-code.ts';

const WORDS: Readonly<Record<string, string>> = {
  UNCLASSIFIED: 'Unclassified',
  RESTRICTED: 'Restricted',
  CONFIDENTIAL: 'Confidential',
  SECRET: 'Secret',
  TOP_SECRET: 'Top secret',
};

/** clearanceWords('TOP_SECRET') is "Top secret"; a level this version does not know reads as its code made readable. */
export function clearanceWords(level: string): string {
  return WORDS[level] ?? readableCode(level);
}
