/**
 * A refusal of a field said as the person at the form reads it: the field by the label they see,
 * then why, never the API's name for the field ("birthDate") nor its error code. The server's
 * reason is said as it wrote it where it is in plain words ("too short to identify anyone"); a
 * field whose refusals are about how it is written (a date, a country, a witness) says instead
 * what it takes, in the form's words, since the server writes that in its own notation
 * ("YYYY, YYYY-MM or YYYY-MM-DD", "SEQ:HASH") for every client (WCAG 3.3.3, Error Suggestion).
 */
import { concerns, refusalsOf } from './use-refused-fields.ts';

/** How a form names one of its fields, as the API names it ("birthDate"). */
export interface FieldWords {
  /** The label the user sees. */
  readonly label: string;
  /** Said instead of the server's reason: what is wrong and what the field takes ("not a date of birth — write it as 1985-03-14…"). */
  readonly refused?: string;
}

/** The form's refusals said, each with the form's field it concerns; `unsaid`: the error names other fields, or none. */
export interface SaidRefusals {
  readonly fields: readonly { readonly field: string; readonly said: string }[];
  readonly unsaid: boolean;
}

/**
 * The refusals `error` names of the fields `words` lists (by the form's field a refusal is of, or
 * of a part of: "releasability.0"), each said "Label: reason". A refusal of a field the form
 * does not hold, or an error that names no field, is left `unsaid`: shown as a whole
 * (common/error-message.tsx).
 */
export function saidRefusals(error: unknown, words: Readonly<Record<string, FieldWords>>): SaidRefusals {
  const refusals = refusalsOf(error);
  const fields: { field: string; said: string }[] = [];
  let unsaid = refusals.length === 0;
  for (const { field: refused, reason } of refusals) {
    const field = Object.keys(words).find((f) => concerns(refused, f));
    const named = field === undefined ? undefined : words[field];
    if (field === undefined || named === undefined) {
      unsaid = true;
      continue;
    }
    // one message a field, the first reason given for it
    if (fields.some((f) => f.field === field)) continue;
    const why = named.refused ?? (reason.trim() || 'refused');
    fields.push({ field, said: `${named.label}: ${why}` });
  }
  return { fields, unsaid };
}

/** The id of the message said beside `field` on the form whose ids start with `prefix`. */
export const refusalId = (prefix: string, field: string): string => `${prefix}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}-error`;
