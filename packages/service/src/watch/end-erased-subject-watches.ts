/**
 * A subject watch whose subject the retention sweep erased to the last record ends, and its user
 * is told once. Without it the watch stayed active on records that no longer exist, the user was
 * never told why it fell silent, and it waited on the ids for whatever was written under them
 * next. The notice names the watch (its id and the user's own label), nothing of the records:
 * they are gone, and the user may not read what was erased.
 *
 * A subject is the watched record's resolved entity as stored (its `entity-member` documents,
 * written by the entity projection): the watch ends when none of the entity's records is left,
 * not when the one it was made on goes. Only watches whose subject holds a record the sweep
 * erased are looked at; one whose subject an owner erased by hand is not retention's to end.
 */
import type { RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { createHash } from 'node:crypto';
import type { Notification } from '../notifier.ts';
import type { Mosaic } from '../runtime.ts';
import { notificationDocuments } from '../screening/notification-inbox.ts';
import { SUBSCRIPTION_KIND, type Subscription } from './subscriptions.ts';

/** The resolution's stored membership of a record in its entity (store-resolution-store.ts): id the record, subject the entity. */
const ENTITY_MEMBER_KIND = 'entity-member';
const ALL = 1_000_000;

export const SUBJECT_ERASED_KIND = 'watch.subject-erased';

/** Ends the subject watches whose records `erased` (by the sweep) took the last of; how many it ended. */
export async function endErasedSubjectWatches(mosaic: Mosaic, erased: ReadonlySet<RecordId>): Promise<number> {
  if (erased.size === 0) return 0;
  let ended = 0;
  for (const document of await mosaic.store.listDocuments(SUBSCRIPTION_KIND, { limit: ALL, oldestFirst: true })) {
    const watch = document.body as Subscription;
    if (watch.target.kind !== 'entity') continue;
    const members = await subjectOf(mosaic.store, watch.target.record);
    if (!members.some((id) => erased.has(id))) continue;
    if ((await mosaic.store.getRecords(members)).length > 0) continue;
    const notice: Notification = {
      id: createHash('sha256').update(`subject-erased\u0000${watch.id}`).digest('hex').slice(0, 32),
      at: mosaic.now().toISOString(), to: { user: watch.user }, kind: SUBJECT_ERASED_KIND,
      title: 'The watched subject\'s records were erased under retention: the watch has ended',
      body: { subscription: watch.id, label: watch.label },
    };
    // the watch goes and its user is told, together; of two sweeps at once (two nodes) only the
    // one that deletes it tells
    const told = await mosaic.store.transaction(async (tx) => {
      if (!(await tx.deleteDocumentIf(SUBSCRIPTION_KIND, watch.id, document.body))) return false;
      await tx.putDocuments(notificationDocuments(notice));
      return true;
    });
    if (!told) continue;
    mosaic.notifier.publish(notice, { stored: true });
    ended += 1;
  }
  return ended;
}

/** The records of the entity `record` belongs to as stored, or the record alone when it is no stored entity's member. */
async function subjectOf(store: Store, record: RecordId): Promise<readonly RecordId[]> {
  const entity = (await store.getDocument(ENTITY_MEMBER_KIND, record))?.subject;
  if (entity === undefined) return [record];
  const members = (await store.listDocuments(ENTITY_MEMBER_KIND, { subject: entity, limit: ALL })).map((member) => member.id as RecordId);
  return [...new Set([record, ...members])];
}
