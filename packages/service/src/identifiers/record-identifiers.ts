/**
 * The identifiers a record holds, as the lookup of who holds one reads them (identifier-holders.ts):
 * from the properties the screening model reads as each kind for the record's schema (a person's
 * phone, e-mail and document numbers; a Phone's, Email's, Passport's or Identification's own
 * number; a Vehicle's registration plate; an organisation's registration number), keyed as the
 * screening index keys them (indexedIdentifiers). So two records found by one search for a number
 * are the two records that hold it for everything else that asks, the network's ties included.
 */
import type { EntityRecord } from '@mosaic/model';
import { entryFromFtm, indexedIdentifiers } from '@mosaic/screening';
import type { IdentifierKind } from './identifier-holders.ts';

export interface HeldIdentifierKey {
  readonly kind: IdentifierKind;
  /** The identifier as the index keys it. */
  readonly key: string;
}

export function recordIdentifiers(record: Pick<EntityRecord, 'id' | 'schema' | 'properties'>): HeldIdentifierKey[] {
  const converted = entryFromFtm(record, () => record.id, { identifiersOnly: true });
  if (!converted.ok) return [];
  const { documents, plates, phones, emails } = indexedIdentifiers(converted.entry);
  const held = (kind: IdentifierKind, keys: readonly string[]): HeldIdentifierKey[] => keys.map((key) => ({ kind, key }));
  return [...held('document', documents), ...held('plate', plates), ...held('phone', phones), ...held('email', emails)];
}
