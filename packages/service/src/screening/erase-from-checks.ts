/**
 * Erasing a record from the checks that show it (LED Art. 16): a kept check holds what each hit
 * showed the officer (the listed person's name, dates and nationalities, what matched, the
 * alerts' instructions). When the listed record is erased, its hits keep only that there was a
 * hit on that record, its score and band, and the officer's decision (the check is the officer's
 * agency's record of the encounter); when an alert is erased, it leaves the hits that showed it;
 * when a record behind another agency's pointer is erased, its id leaves the pointer's records.
 * Reading a check already leaves out a hit on a record that is gone (read-check.ts); this
 * removes the copy at rest. The checks are found by their mentions of the record (checkMentions).
 *
 * Notifications kept in inboxes are treated alike: a watch notice loses the record's caption, an
 * encounter notice the record's name, and each lists the records erased from it (`erased`). They
 * are found by their mentions of the record (notificationDocuments). A notice addressed
 * to an agency was also POSTed to its webhook, if it had one, and that copy is beyond the store:
 * the agency is told to erase the record from it (`erasureNotices`; LED Art. 16(6): the
 * recipients of erased data are notified and erase it under their own responsibility).
 */
import type { AgencyId, RecordId } from '@mosaic/model';
import type { Store, StoredDocument } from '@mosaic/store';
import { createHash } from 'node:crypto';
import type { Notification } from '../notifier.ts';
import { NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';
import { CHECK_KIND, recordsOfHit, type CheckRecord, type HitView } from './screen-check.ts';

/**
 * Within `store`'s transaction, as part of the erasure of `records`, each erased from the checks
 * showing it in turn; returns how many checks changed.
 */
export async function eraseFromChecks(store: Store, records: readonly RecordId[]): Promise<number> {
  const rewritten = await rewriteMentioning(store, records, CHECK_KIND, (body, record) => {
    const check = body as CheckRecord;
    const showing = new Set(check.hits.filter((hit) => recordsOfHit(hit, check.pointerRecords).includes(record)).map((hit) => hit.n));
    const pointed = new Set(check.hits.flatMap((hit) => (hit.kind === 'pointer' && showing.has(hit.n) ? [hit.agency as string] : [])));
    return {
      ...check,
      hits: check.hits.map((hit) => (showing.has(hit.n) ? without(hit, record) : hit)),
      ...(check.pointerRecords ? { pointerRecords: withoutPointed(check.pointerRecords, pointed, record) } : {}),
    };
  });
  return rewritten.documents;
}

/**
 * `pointerRecords` without `record` behind the pointers of the agencies in `pointed`. The
 * pointer hit itself stays (that the agency was to be called is the officer's agency's record of
 * the encounter); a pointer left with no record behind it is shown to no later reader (read-check.ts).
 */
function withoutPointed(pointerRecords: NonNullable<CheckRecord['pointerRecords']>, pointed: ReadonlySet<string>, record: RecordId): NonNullable<CheckRecord['pointerRecords']> {
  return Object.fromEntries(Object.entries(pointerRecords).map(([agency, records]) => [agency, pointed.has(agency) ? records.filter((r) => r !== record) : records]));
}

/** A hit with nothing of `record` left in it. */
function without(hit: HitView, record: RecordId): HitView {
  if (hit.kind !== 'match') return hit;
  if (hit.subject !== record) return { ...hit, alerts: hit.alerts.filter((alert) => alert.id !== record) };
  const { n, ref, kind, subject, schema, score, band, decision, sameSubjectAs } = hit;
  return { n, ...(ref === undefined ? {} : { ref }), kind, subject, schema, score, band, explain: {}, alerts: [], erased: true, ...(decision ? { decision } : {}), ...(sameSubjectAs === undefined ? {} : { sameSubjectAs }) };
}

export interface NotificationErasureOptions {
  /**
   * Applied to each notification read, once, before the records are erased from it: the labels
   * naming an erased record replaced (erase-from-watch-labels.ts noticeRelabelling), so that the
   * notifications an erasure's step shows are read and written once for both.
   */
  readonly relabel?: (stored: StoredNotification) => StoredNotification;
}

/**
 * Within `store`'s transaction, as part of the erasure of `records`, each erased from the
 * notifications showing it in turn (each relabelled first, given `relabel`); returns the notifications each changed, by record, as that
 * record's erasure left them.
 */
export async function eraseFromNotifications(store: Store, records: readonly RecordId[], { relabel }: NotificationErasureOptions = {}): Promise<ReadonlyMap<RecordId, readonly Notification[]>> {
  const { byRecord } = await rewriteMentioning(store, records, NOTIFICATION_KIND, (body, record) => {
    const stored = body as StoredNotification;
    return { ...stored, notification: { ...stored.notification, body: withoutRecord(stored.notification.body, record) } };
  }, relabel === undefined ? undefined : (body) => relabel(body as StoredNotification));
  return new Map([...byRecord].map(([record, bodies]) => [record, bodies.map((body) => (body as StoredNotification).notification)]));
}

/**
 * What each agency that received one of `changed` (notifications that showed `record`, as
 * eraseFromNotifications left them) is sent to its webhook: which of its notifications showed
 * the erased record, and that it must erase it from its copy. Ids only: no content of the record.
 * A notice addressed to one user never left the store (webhooks are per agency). Its id is made
 * from the notification and the record: sent twice, it is the same notice.
 */
export function erasureNotices(record: RecordId, changed: readonly Notification[], at: string): Array<Notification & { readonly to: { readonly agency: AgencyId } }> {
  return changed.flatMap((notification) => ('agency' in notification.to ? [{
    id: createHash('sha256').update(`erased\u0000${notification.id}\u0000${record}`).digest('hex').slice(0, 32),
    at,
    to: notification.to,
    kind: 'notification.erased',
    title: 'A record a notification showed was erased: erase it from your copy',
    body: { notification: notification.id, record },
  }] : []));
}

/**
 * Each document of `kind` kept with a mention of one of `records` rewritten by `rewrite` for each
 * record it mentions, the records in the order given (`first`, given, applied to it once before
 * them), owner and subject kept; then the mentions go. The mentions are read in one statement,
 * the documents in one (Store.getDocuments) and written in one, for all the records of an
 * erasure's step (a statement or two each, a round trip each on PostgreSQL, cost a step of ten
 * records most of its time). Returns the bodies written by each record's rewrite, as it left
 * them, and how many documents changed.
 */
async function rewriteMentioning(store: Store, records: readonly RecordId[], kind: string, rewrite: (body: unknown, record: RecordId) => unknown, first?: (body: unknown) => unknown): Promise<{ readonly byRecord: ReadonlyMap<RecordId, readonly unknown[]>; readonly documents: number }> {
  const distinct = [...new Set(records)];
  const byRecord = new Map<RecordId, unknown[]>(distinct.map((record) => [record, []]));
  if (distinct.length === 0) return { byRecord, documents: 0 };
  const mentions = await store.documentMentions(kind, distinct);
  const mentioning = new Map<string, string[]>();
  for (const { record, id } of mentions) mentioning.set(record, [...mentioning.get(record) ?? [], id]);
  // a mention outlives the document it was kept with (deleted by the sweep, say): no document, nothing to rewrite
  const found = new Map<string, StoredDocument>((await store.getDocuments(kind, mentions.map((mention) => mention.id))).map((stored) => [stored.id, stored]));
  const bodies = new Map<string, unknown>();
  for (const record of distinct) {
    for (const id of mentioning.get(record) ?? []) {
      const stored = found.get(id);
      if (stored === undefined) continue;
      const body = rewrite(bodies.has(id) ? bodies.get(id) : first === undefined ? stored.body : first(stored.body), record);
      bodies.set(id, body);
      byRecord.get(record)?.push(body);
    }
  }
  await store.putDocuments([...bodies].flatMap(([id, body]) => {
    const stored = found.get(id);
    return stored === undefined ? [] : [{ kind, id, owner: stored.owner, ...(stored.subject === undefined ? {} : { subject: stored.subject }), body }];
  }));
  await store.forgetMentions(kind, mentions);
  return { byRecord, documents: bodies.size };
}

/** A notification's body with nothing of `record`'s content left: its caption, or its name among others'. */
export function withoutRecord(body: Notification['body'], record: RecordId): Notification['body'] {
  const erased = [...(Array.isArray(body['erased']) ? body['erased'] : []), record];
  // a watch notice names its subject and a link's other end by name as well (watch-projection.ts)
  const named: Record<string, unknown> = { ...body };
  if (body['subject'] === record) delete named['subjectName'];
  if (body['other'] === record) delete named['otherName'];
  if (body['record'] === record && 'caption' in body) {
    const { caption: _caption, ...rest } = named;
    return { ...rest, erased };
  }
  if (typeof body['caption'] === 'string' && typeof body['record'] === 'string') return { ...named, erased };
  const records = Array.isArray(body['records']) ? body['records'] : [];
  // a hit's notice names its subject alone (subjectName, above), and lists no names
  if (!Array.isArray(body['names'])) return { ...named, erased };
  const names = body['names'] as unknown[];
  return { ...named, names: names.map((name, i) => (records[i] === record ? '' : name)), erased };
}
