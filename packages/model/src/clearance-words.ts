/**
 * A classification level — a user's clearance, a record's classification, an agreement's
 * ceiling — as a person reads it, in the web app and in what the server writes for a person (a
 * refusal): "Top secret", not TOP_SECRET. The API's fields and the policy keep the code.
 */
import type { Classification } from './provenance.ts';
import { readableCode } from './readable-code.ts';

/** Each level of CLASSIFICATION in words, in its order. */
export const CLEARANCE_WORDS: Readonly<Record<Classification, string>> = Object.freeze({
  UNCLASSIFIED: 'Unclassified',
  RESTRICTED: 'Restricted',
  CONFIDENTIAL: 'Confidential',
  SECRET: 'Secret',
  TOP_SECRET: 'Top secret',
});

/** clearanceWords('TOP_SECRET') is "Top secret"; a level this version does not know reads as its code made readable. */
export function clearanceWords(level: string): string {
  return (CLEARANCE_WORDS as Readonly<Record<string, string>>)[level] ?? readableCode(level);
}
