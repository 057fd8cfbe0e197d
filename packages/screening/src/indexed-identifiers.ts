/**
 * An entry's identifiers as the screening index keys them: documents and plates in capitals
 * without spaces or punctuation, phones as their digits (a leading "00" read as the "+" it
 * stands for), e-mail addresses trimmed and in lower case; each value once. Values too short to
 * tell anyone apart are left out: a document or plate of one character, a phone of fewer than
 * six digits, an e-mail address without "@". The one normalisation of what a record holds for
 * everything that asks who else holds it (the index, the network's shared-identifier ties).
 */
import { normalizeEmail, normalizeIdentifier, normalizePhone } from '@mosaic/matching';
import type { IdentifierField, WatchlistEntry } from './watchlist-entry.ts';

export function indexedIdentifiers(entry: Pick<WatchlistEntry, IdentifierField>): Readonly<Record<IdentifierField, readonly string[]>> {
  const keyed = (values: readonly string[] | undefined, normalise: (raw: string) => string, usable: (key: string) => boolean): string[] =>
    [...new Set((values ?? []).map(normalise).filter(usable))];
  return {
    documents: keyed(entry.documents, normalizeIdentifier, (d) => d.length >= 2),
    plates: keyed(entry.plates, normalizeIdentifier, (d) => d.length >= 2),
    phones: keyed(entry.phones, normalizePhone, (d) => d.length >= 6),
    emails: keyed(entry.emails, normalizeEmail, (m) => m.includes('@')),
  };
}
