/**
 * Legal holds: a court order, proceedings or a request that requires an agency to keep a record
 * past its review date. Kept as documents (one per hold, listed by the record), lifted rather
 * than deleted so the hold's history stays.
 */
import type { AgencyId, RecordId } from '@mosaic/model';
import type { LegalHold } from '@mosaic/policy';
import type { Store } from '@mosaic/store';

export const LEGAL_HOLD_KIND = 'legal-hold';

export interface HoldDocument {
  readonly id: string;
  readonly record: RecordId;
  readonly agency: AgencyId;
  readonly reference: string;
  readonly until?: string;
  readonly placedBy: string;
  readonly placedAt: string;
  readonly liftedBy?: string;
  readonly liftedAt?: string;
  readonly liftReason?: string;
}

/** Holds on one record, lifted ones included, oldest first. */
export async function holdsOn(store: Store, record: RecordId): Promise<readonly HoldDocument[]> {
  const docs = await store.listDocuments(LEGAL_HOLD_KIND, { subject: record, limit: 1000, oldestFirst: true });
  return docs.map((d) => d.body as HoldDocument);
}

/** Every hold not lifted, in the policy's shape (erasable() applies `until`). */
export async function activeHolds(store: Store, { owner }: { readonly owner?: AgencyId } = {}): Promise<readonly LegalHold[]> {
  const docs = await store.listDocuments(LEGAL_HOLD_KIND, { limit: 1_000_000, oldestFirst: true, ...(owner ? { owner } : {}) });
  return docs.map((d) => d.body as HoldDocument).filter((h) => h.liftedAt === undefined).map(asLegalHold);
}

export function asLegalHold(hold: HoldDocument): LegalHold {
  return { record: hold.record, reference: hold.reference, ...(hold.until ? { until: hold.until } : {}) };
}
