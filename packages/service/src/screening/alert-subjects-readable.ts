/**
 * What a user may learn of an alert never exceeds what they may learn of its subject. An alert
 * names its subject (the record's id, that the owner wants it stopped or watched, the action an
 * officer takes), so whoever is shown an alert learns that the subject is held: for a record of a
 * need-to-know group, above the reader's clearance, TLP:RED or not released to them, that is what
 * the policy never tells them, not even as a pointer (decide.ts, rule 3).
 *
 * The alert's own marking is written by its issuer and does not follow the subject's (a record
 * marked for a case team after it was alerted on, an alert written without the team's
 * needToKnow), so every read of an alert asks the policy's read decision on its subject as the
 * store holds it now, beside the decision on the alert itself: the listing of an agency's alerts,
 * withdrawing one, and reading an Alert record or its history. An alert whose subject the reader
 * may not read answers as a missing one, and a write over it (POST /records, an upload's line)
 * is refused as one over any record hidden from the writer is (id-taken.ts). The checkpoint screen, a kept check and the entity view
 * show an alert only on a listed record the reader is shown in full already, and a notification
 * about an alert is told only to a reader who may read its subject (notification-view.ts).
 *
 * An erased subject is decided on its last marking (an erasure takes the alerts on it along, so
 * one is seen only in an older version's history); an id the store holds no record under is
 * taken as hidden: nothing decides that it may be shown.
 */
import { RecordId, type EntityRecord, type Provenance } from '@mosaic/model';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { ALERT_SCHEMA } from './screening-projection.ts';

/** The records an Alert record names as its subject; none for a record of another schema. */
export function alertSubjects(record: Pick<EntityRecord, 'schema' | 'properties'>): readonly RecordId[] {
  return record.schema === ALERT_SCHEMA ? (record.properties['subject'] ?? []).map((subject) => RecordId(subject)) : [];
}

/**
 * Whether the consultation's user may read a record, for each of `subjects`, decided once for all
 * of them (one read of the store): a function answering for any of those subjects, false for an id
 * not among them.
 */
export async function subjectsReadable(mosaic: Mosaic, consultation: Consultation, subjects: readonly RecordId[]): Promise<(subject: RecordId) => boolean> {
  if (subjects.length === 0) return () => false;
  const stored = await mosaic.store.getRecords([...new Set(subjects)], { includeDeleted: true });
  const provenanceOf = new Map<RecordId, Provenance>(stored.map((s) => [s.record.id, s.record.provenance]));
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const readable = new Set<RecordId>();
  for (const [id, provenance] of provenanceOf) {
    if (mosaic.decide(user, 'read', { kind: 'record', id, provenance }, context).effect === 'allow') readable.add(id);
  }
  return (subject) => readable.has(subject);
}

/**
 * The consultation a writer over a stored Alert is asked about its subjects under: a write needs
 * no purpose (it shows nothing), and no purpose is what hides a subject from the writer, its
 * marking is (a need-to-know group, a clearance, an agreement). Without one, the write stands for
 * it, under `writing` (the record's id, an upload's job) as its case.
 */
export function asWriter(consultation: Consultation, writing: string): Consultation {
  return { ...consultation, purpose: consultation.purpose || 'record write', caseRef: consultation.caseRef || writing };
}

