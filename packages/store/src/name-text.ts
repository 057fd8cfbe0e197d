/**
 * The text the name index sees. Names are folded in code, the same way for both dialects, so
 * sqlite (FTS5) and PostgreSQL (tsvector 'simple') index and query identical tokens:
 * NFKD, combining marks removed ("Abdeslâm" -> "abdeslam"), lower-cased, split on anything
 * that is not a letter or digit ("al-Salam" -> "al", "salam"). FTS5's unicode61 tokenizer with
 * remove_diacritics 2 is configured as well, as a second line for text that bypasses this.
 */
import type { EntityRecord } from '@mosaic/model';

/** FollowTheMoney name-like properties that identify the subject itself (not a relative). */
export const NAME_PROPERTIES = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'middleName', 'secondName', 'lastName', 'fatherName'] as const;

const MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const ASCII = /^[\x00-\x7f]*$/;

export function nameTokens(text: string): string[] {
  // ASCII has nothing to decompose; skipping NFKD halves the cost for most Latin-script names.
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return folded.split(SEPARATORS).filter((token) => token.length > 0);
}

/**
 * The words a report's text is searched by (Store.putReportText): its distinct tokens,
 * space-separated, in first appearance order. A report's ranking counts the share of its distinct
 * words that are words of the query, so how often one recurs is not kept.
 */
export function reportWords(text: string): string {
  return [...new Set(nameTokens(text))].join(' ');
}

/**
 * The indexed text of a record: every distinct token of its names, space-separated, in first
 * appearance order. Distinct tokens only: firstName and lastName repeat `name`, and each token
 * indexed costs ingest time; ranking counts covered query tokens, not repetitions.
 */
export function namesText(record: Pick<EntityRecord, 'properties'>, properties: readonly string[] = NAME_PROPERTIES): string {
  const tokens = new Set<string>();
  for (const property of properties) {
    const values = record.properties[property];
    if (values === undefined) continue;
    for (const value of values) for (const token of nameTokens(value)) tokens.add(token);
  }
  return [...tokens].join(' ');
}
