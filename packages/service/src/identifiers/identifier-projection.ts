/**
 * The identifiers the checkpoint's watchlist does not hold, in a screening index of their own,
 * so that one lookup (identifier-holders.ts) answers who holds a phone number, an e-mail
 * address, a document number or a plate whatever the record: the numbers of records of other
 * schemata (a Phone, an Email account, an Identification or Passport, an Organization's phone
 * or registration number), and the e-mail addresses of the persons the watchlist holds without
 * them. Identifiers only: no names, dates or alerts, which are the watchlist's. Kept current from
 * the change feed entry by entry, as the watchlist is; a full node's, not a checkpoint's.
 */
import type { RecordId } from '@mosaic/model';
import { createScreeningIndex, entryFromFtm, IDENTIFIER_FIELDS, type IdentifierField, type ScreeningIndex } from '@mosaic/screening';
import type { Projection, RecordChange } from '../change-follower.ts';
import { SCREENED_IDENTIFIERS, SCREENED_SCHEMATA, type ScreeningProjection } from '../screening/screening-projection.ts';

/** What the watchlist leaves out of the records it holds. */
const NOT_SCREENED: readonly IdentifierField[] = IDENTIFIER_FIELDS.filter((field) => !SCREENED_IDENTIFIERS.includes(field));

export interface IdentifierProjection extends Projection {
  /** Entries are records (an entry's id is its record's), holding identifiers only. */
  readonly index: ScreeningIndex;
}

export function createIdentifierProjection(): IdentifierProjection {
  const index = createScreeningIndex([], { frequencies: 'none' });
  return {
    name: 'identifiers',
    index,
    apply(changes: readonly RecordChange[]) {
      for (const change of changes) index.remove(change.id);
      for (const { record } of changes) {
        if (!record) continue;
        const converted = entryFromFtm(record, () => record.id as RecordId, SCREENED_SCHEMATA.has(record.schema) ? { identifiersOnly: true, identifiers: NOT_SCREENED } : { identifiersOnly: true });
        if (converted.ok) index.upsert({ ...converted.entry, owner: { agency: record.provenance.agency } });
      }
    },
  };
}

/** Every index an identifier is looked up in (identifier-holders.ts): the watchlist's, and this projection's for the rest. */
export function identifierIndexes({ screening, identifiers }: { readonly screening: Pick<ScreeningProjection, 'index'>; readonly identifiers: IdentifierProjection }): readonly ScreeningIndex[] {
  return [screening.index, identifiers.index];
}
