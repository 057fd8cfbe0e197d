/**
 * An audit entry's codes in words, for the Audit screen's rows: its action ("combination" reads
 * "Who is whom"), its outcome and its reason ("judgement:same" reads "judged the same",
 * "judgement undone:same" "judgement “the same” undone"). The entry keeps its codes (its
 * details, the export, the action filter's values); a code this version has no words for is
 * made readable (readable-code.ts), never left as the server wrote it; a reason in words is.
 */
import { readableCode } from '@mosaic/model';
import type { AUDIT_ACTIONS } from '../api/api-types.ts';
import { verdictWords } from '../common/verdict-words.ts';

/** The log's actions (LED Art. 25's operations, @mosaic/audit's AUDIT_ACTIONS) as an auditor reads them. */
const ACTION_WORDS: Readonly<Record<(typeof AUDIT_ACTIONS)[number], string>> = {
  collection: 'Records collected', alteration: 'Records changed', consultation: 'Read', disclosure: 'Disclosed',
  combination: 'Who is whom', erasure: 'Erased', screening: 'Screening', export: 'Export',
  administration: 'Administration', authentication: 'Sign-in',
};

const OUTCOME_WORDS: Readonly<Record<string, string>> = { ok: 'done', denied: 'refused', error: 'failed' };

const hasWords = (action: string): action is keyof typeof ACTION_WORDS => action in ACTION_WORDS;

export function auditActionWords(action: string): string {
  return hasWords(action) ? ACTION_WORDS[action] : readableCode(action);
}

export function auditOutcomeWords(outcome: string): string {
  return OUTCOME_WORDS[outcome] ?? readableCode(outcome);
}

/**
 * The reason an entry gives, in words: a judgement's verdict (service entity-view.ts,
 * `judgement:<verdict>`), the undo of one (`judgement undone:<verdict>`), a bare code made
 * readable. A reason with a space in it is someone's words (why an alert was withdrawn) and is
 * shown as written: made readable, "warrant BE-2025.0412" read "warrant be 2025 0412".
 */
export function auditReasonWords(reason: string): string {
  const judged = /^judgement:(\w+)$/.exec(reason);
  if (judged?.[1] !== undefined) return `judged ${verdictWords(judged[1])}`;
  const undone = /^judgement undone:(\w+)$/.exec(reason);
  if (undone?.[1] !== undefined) return `judgement “${verdictWords(undone[1])}” undone`;
  return /\s/.test(reason) ? reason : readableCode(reason);
}
