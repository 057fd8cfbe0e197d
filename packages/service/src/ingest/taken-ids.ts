/**
 * The lines of an upload's batch that give the id of a stored record the uploader may not write
 * over, read in the batch's transaction: a record of their agency in a need-to-know group they
 * are not in, or above their clearance. Validation and the write decision (ingest-job.ts
 * writeDecision) see only the line, so without this a line would replace the record, lifting its
 * restriction, as POST /records refuses to (records.ts writeRecord). The line is refused in the
 * words POST /records uses (id-taken.ts), whatever hides the record.
 */
import type { EntityRecord } from '@mosaic/model';
import type { PreparedRecord, Store } from '@mosaic/store';

export interface TakenIdOptions {
  /** The uploader's write decision on a stored record; without one (the command line), every record may be written over. */
  readonly writable?: (stored: EntityRecord) => boolean;
}

export async function takenIds(store: Store, records: readonly PreparedRecord[], { writable }: TakenIdOptions = {}): Promise<ReadonlySet<number>> {
  if (writable === undefined || records.length === 0) return new Set();
  const stored = await store.getRecords(records.map((r) => r.id));
  const taken = new Set<string>(stored.filter((s) => !writable(s.record)).map((s) => s.record.id));
  const refused = new Set<number>();
  records.forEach((record, i) => {
    if (taken.has(record.id)) refused.add(i);
  });
  return refused;
}
