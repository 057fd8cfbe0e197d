/**
 * The name of each subject a user watches, as they may read it now, for their list of watches
 * (GET /subscriptions): the watched record's caption where the policy lets the user read it under
 * the watch's purpose and case, and an alert watched by the subject it is on where they may read
 * the alert and every subject it names (as reading it answers: alert-subjects-readable.ts). None
 * for a record erased since, or one the user may no longer read (their clearance lowered, an
 * agreement ended): the list says so, naming nobody. No consultation is logged: the watch
 * consulted the record when it was made, and the name is what its notices tell, decided again as
 * a notice is before it is delivered (watch-projection.ts `subjectName`, notification-view.ts).
 */
import type { RecordId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { policyContext, policyUser } from '../organisation.ts';
import { captionOf } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { alertSubjects } from '../screening/alert-subjects-readable.ts';
import type { Subscription } from './subscriptions.ts';

/** Each subject watch's id, with the watched subject's name where `user` may read it. */
export async function watchedSubjectNames(mosaic: Mosaic, user: User, subscriptions: readonly Subscription[]): Promise<ReadonlyMap<string, string>> {
  const watched = subscriptions.flatMap((s) => (s.target.kind === 'entity' ? [s.target.record] : []));
  if (watched.length === 0) return new Map();
  const records = new Map((await mosaic.store.getRecords([...new Set(watched)])).map((s) => [s.record.id, s.record]));
  const subjects = [...records.values()].flatMap((r) => alertSubjects(r)).filter((id) => !records.has(id));
  for (const stored of subjects.length > 0 ? await mosaic.store.getRecords([...new Set(subjects)]) : []) records.set(stored.record.id, stored.record);
  const snapshot = await mosaic.org();
  const reader = policyUser(user);
  const names = new Map<string, string>();
  for (const subscription of subscriptions) {
    if (subscription.target.kind !== 'entity') continue;
    const context = policyContext(snapshot, { user, purpose: subscription.purpose, caseRef: subscription.caseRef });
    const readable = (id: RecordId): boolean => {
      const record = records.get(id);
      return record !== undefined && mosaic.decide(reader, 'read', { kind: 'record', id, provenance: record.provenance }, context).effect === 'allow';
    };
    const record = records.get(subscription.target.record);
    if (record === undefined || !readable(record.id)) continue;
    const on = alertSubjects(record);
    if (!on.every(readable)) continue;
    const named = on.length > 0 ? records.get(on[0]!) : record;
    if (named !== undefined) names.set(subscription.id, captionOf(mosaic.registry, named));
  }
  return names;
}
