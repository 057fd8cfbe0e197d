/**
 * The lines of an upload's batch that give the id of a stored record the uploader may not write
 * over, read in the batch's transaction: a record of their agency in a need-to-know group they
 * are not in, or above their clearance, or an alert on a subject they may not read, which is
 * shown to no one else (alert-subjects-readable.ts). Validation and the write decision (ingest-job.ts
 * writeDecision) see only the line, so without this a line would replace the record, lifting its
 * restriction, as POST /records refuses to (records.ts writeRecord). The line is refused in the
 * words POST /records uses (id-taken.ts), whatever hides the record.
 */
import type { EntityRecord, RecordId } from '@mosaic/model';
import type { PreparedRecord, Store } from '@mosaic/store';
import { alertSubjects } from '../screening/alert-subjects-readable.ts';

export interface TakenIdOptions {
  /** The uploader's write decision on a stored record; without one (the command line), every record may be written over. */
  readonly writable?: (stored: EntityRecord) => boolean;
  /** Their read decision on a stored alert's subject, less the purpose (asWriter); without one, every subject is readable. */
  readonly subjectReadable?: (subject: EntityRecord) => boolean;
}

export async function takenIds(store: Store, records: readonly PreparedRecord[], { writable, subjectReadable }: TakenIdOptions = {}): Promise<ReadonlySet<number>> {
  if (writable === undefined || records.length === 0) return new Set();
  const stored = await store.getRecords(records.map((r) => r.id));
  const subjects = [...new Set(stored.flatMap((s) => alertSubjects(s.record)))];
  // an erased subject is decided on its last marking, as its alerts' reads decide it
  const readable = subjectReadable === undefined || subjects.length === 0
    ? undefined
    : new Set<RecordId>((await store.getRecords(subjects, { includeDeleted: true })).filter((s) => subjectReadable(s.record)).map((s) => s.record.id));
  const shown = (record: EntityRecord): boolean => readable === undefined || alertSubjects(record).every((subject) => readable.has(subject));
  const taken = new Set<string>(stored.filter((s) => !writable(s.record) || !shown(s.record)).map((s) => s.record.id));
  const refused = new Set<number>();
  records.forEach((record, i) => {
    if (taken.has(record.id)) refused.add(i);
  });
  return refused;
}
