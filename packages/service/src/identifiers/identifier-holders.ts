/**
 * Who holds an identifier: the records holding a document number, a plate, a phone number or an
 * e-mail address, exactly or (documents and plates) as OCR misreads it, found in the in-memory
 * screening indexes (the checkpoint's watchlist, and the identifier projection for what the
 * watchlist does not hold) with the checkpoint's own lookup, screenPrepared. The one lookup
 * behind the search's identifiers and the identifier proposals of a report's review. Policy is
 * the caller's: the indexes are read as if every entry were visible, and the records found then
 * go through consult().
 */
import { confusableForm, normalizeEmail, normalizeIdentifier, normalizePhone } from '@mosaic/matching';
import type { EntityRecord, RecordId } from '@mosaic/model';
import { identifierProperties, screenPrepared, type IdentifierField, type PreparedQuery, type ScreeningIndex } from '@mosaic/screening';

export const IDENTIFIER_KINDS = ['document', 'plate', 'phone', 'email'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** How a record holds an identifier asked: `confusable` once letters and digits OCR confuses are read alike (O/0, I/1, S/5…). */
export interface IdentifierMatch {
  readonly kind: IdentifierKind;
  readonly how: 'exact' | 'confusable';
}

export interface HeldIdentifier extends IdentifierMatch {
  /** The index's score, as a check scores it: 1 a document or plate as asked, 0.99 confusable, a phone or e-mail a possible match. */
  readonly score: number;
}

export interface IdentifierHolders {
  readonly held: ReadonlyMap<RecordId, HeldIdentifier>;
  /** An index gave as many holders as asked: more may hold it. */
  readonly truncated: boolean;
}

/**
 * The records holding what the query asks as an identifier (a query may ask one value as several
 * kinds: a record found as more than one is said to hold it as the first of document, plate,
 * phone, e-mail), at most `limit` per index. Entries are records in both indexes.
 */
export function identifierHolders(indexes: readonly ScreeningIndex[], query: PreparedQuery, limit: number): IdentifierHolders {
  const held = new Map<RecordId, HeldIdentifier>();
  let truncated = false;
  for (const index of indexes) {
    const outcome = screenPrepared(index, query, { limit });
    if (!outcome.ok) continue;
    truncated ||= outcome.truncated || outcome.hits.length === limit;
    for (const hit of outcome.hits) {
      if (hit.kind !== 'match') continue;
      const { document, plate, phone, email } = hit.explain;
      const found: IdentifierMatch | undefined = document ? { kind: 'document', how: document } : plate ? { kind: 'plate', how: plate } : phone ? { kind: 'phone', how: phone } : email ? { kind: 'email', how: email } : undefined;
      const id = hit.id as string as RecordId;
      if (found && !held.has(id)) held.set(id, { ...found, score: hit.score });
    }
  }
  return { held, truncated };
}

/** The property of a record holding an identifier, the value as it holds it, and how it agrees with the one asked. */
export interface HeldIn {
  readonly property: string;
  readonly value: string;
  readonly how: 'exact' | 'confusable';
}

const FIELD_OF: Readonly<Record<IdentifierKind, IdentifierField>> = { document: 'documents', plate: 'plates', phone: 'phones', email: 'emails' };

/** Phones agree on their last nine digits when one is written without its country (screening-index.ts). */
const SUBSCRIBER_DIGITS = 9;

/**
 * Which property of the record holds the identifier asked, and how; undefined when none does. The
 * index finds a phone by its subscriber's nine digits: two numbers both written with their
 * country are the same only when equal whole (+32 475… is not +33 475…), so for those this is
 * stricter than the index.
 */
export function heldIn(record: Pick<EntityRecord, 'schema' | 'properties'>, kind: IdentifierKind, query: PreparedQuery): HeldIn | undefined {
  const properties = identifierProperties(record.schema)[FIELD_OF[kind]];
  const find = (same: (value: string) => boolean): { property: string; value: string } | undefined => {
    for (const property of properties) {
      const value = (record.properties[property] ?? []).find(same);
      if (value !== undefined) return { property, value };
    }
    return undefined;
  };
  switch (kind) {
    case 'document':
    case 'plate': {
      const asked = kind === 'document' ? query.document : query.plate;
      const askedConfusable = kind === 'document' ? query.documentConfusable : query.plateConfusable;
      if (asked === undefined) return undefined;
      const exact = find((v) => normalizeIdentifier(v) === asked);
      if (exact) return { ...exact, how: 'exact' };
      // as the index reads them: five characters at least, else too many chance hits
      const confusable = askedConfusable !== undefined && askedConfusable.length >= 5 ? find((v) => confusableForm(normalizeIdentifier(v)) === askedConfusable) : undefined;
      return confusable ? { ...confusable, how: 'confusable' } : undefined;
    }
    case 'phone': {
      const asked = query.phone;
      if (asked === undefined) return undefined;
      const found = find((v) => {
        const held = normalizePhone(v);
        if (held === asked) return true;
        const international = (digits: string): boolean => !digits.startsWith('0');
        return !(international(held) && international(asked)) && held.slice(-SUBSCRIBER_DIGITS) === asked.slice(-SUBSCRIBER_DIGITS);
      });
      return found ? { ...found, how: 'exact' } : undefined;
    }
    case 'email': {
      const asked = query.email;
      const found = asked === undefined ? undefined : find((v) => normalizeEmail(v) === asked);
      return found ? { ...found, how: 'exact' } : undefined;
    }
  }
}
