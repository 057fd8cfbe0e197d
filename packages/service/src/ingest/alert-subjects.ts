/**
 * The subjects of a batch's Alert lines, checked against the store before the batch commits:
 * validation runs in worker threads without the store, so it can only make a subject an
 * agency-scoped reference (validateRecord), not tell whether a record holds it. An alert on an id
 * no record holds (never written, or erased) would wait there for whoever is written under it
 * next, the defect an erasure's taking the alerts on it along (eraseStoredRecord) closes for a
 * subject erased later.
 */
import { RecordId, type EntityRecord } from '@mosaic/model';
import type { PreparedRecord, Store } from '@mosaic/store';
import { ALERT_SCHEMA } from '../screening/screening-projection.ts';

export interface AlertSubjectOptions {
  /** The uploader's read decision on a stored subject; without one (the command line), every record is readable. */
  readonly readable?: (subject: EntityRecord) => boolean;
  /** Lines of the batch refused already (taken-ids.ts): not written, so no subject for a later line. */
  readonly refused?: ReadonlySet<number>;
}

/**
 * The index in `records` of each Alert whose subjects are not all records of the alert's own
 * agency, stored in `store` or given by an earlier line of the batch. Another agency's record is
 * refused without being looked up: an answer that depended on it would tell the uploader the
 * record is there. For the same reason a stored record the uploader may not read (`readable`) is
 * refused as a missing one is, as writeRecord refuses it on POST /records. A subject given later
 * in the file is refused too: an alert is written after what it names.
 */
export async function alertsWithoutSubject(
  store: Store,
  records: readonly PreparedRecord[],
  { readable = () => true, refused: before = new Set() }: AlertSubjectOptions = {},
): Promise<ReadonlySet<number>> {
  const subjectsOf = new Map<number, readonly string[]>();
  records.forEach((record, i) => {
    if (record.schema !== ALERT_SCHEMA) return;
    const { properties } = JSON.parse(record.document) as { readonly properties?: Readonly<Record<string, readonly string[]>> };
    subjectsOf.set(i, properties?.['subject'] ?? []);
  });
  if (subjectsOf.size === 0) return new Set();
  const named = [...new Set([...subjectsOf.values()].flat())].map((subject) => RecordId(subject));
  const stored = new Set<string>((await store.getRecords(named)).filter((s) => readable(s.record)).map((s) => s.record.id));
  const refused = new Set<number>();
  const earlier = new Set<string>();
  records.forEach((record, i) => {
    if (before.has(i)) return;
    const subjects = subjectsOf.get(i);
    const held = (subject: string): boolean => subject.startsWith(`${record.agency}:`) && (stored.has(subject) || earlier.has(subject));
    if (subjects !== undefined && !subjects.every(held)) refused.add(i);
    else earlier.add(record.id);
  });
  return refused;
}
