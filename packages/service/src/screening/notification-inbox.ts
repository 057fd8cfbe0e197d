/**
 * Every notification published in this process is kept as a document (kind 'notification',
 * owner: the agency or user it is addressed to), so an inbox survives reconnects and restarts,
 * and those addressed to an agency that configured a webhook are delivered to it, signed.
 * The live stream (server-sent events) reads the notifier directly; this is its memory.
 */
import { AppError, RecordId, type UserId } from '@mosaic/model';
import type { DocumentInput, StoredDocument, User } from '@mosaic/store';
import type { Notification } from '../notifier.ts';
import { policyUser } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { eraseFromNotifications } from './erase-from-checks.ts';
import { notificationsAsSeen } from './notification-view.ts';
import { deliverOrRetry, scheduleWebhookRetries, type RetryOptions } from './webhook-outbox.ts';

export const NOTIFICATION_KIND = 'notification';

export interface StoredNotification {
  readonly notification: Notification;
  /** Users who marked it read (an agency's notification is read per user). */
  readonly readBy: readonly UserId[];
}

export interface InboxItem extends Notification {
  readonly read: boolean;
}

export interface NotificationKeeper {
  /** Resolves when every notification published so far is stored and its webhook attempted (and a round of retries that is running has ended). */
  idle(): Promise<void>;
  stop(): void;
}

export const ownerOf = (notification: Notification): string => ('agency' in notification.to ? notification.to.agency : notification.to.user);

/** The document a notification is kept as. */
export function notificationDocument(notification: Notification): DocumentInput {
  const body: StoredNotification = { notification, readBy: [] };
  return { kind: NOTIFICATION_KIND, id: notification.id, owner: ownerOf(notification), body };
}

/** The records whose content a notification shows: `record` beside a `caption`, `records` beside `names`. */
export function recordsShownIn(notification: Notification): string[] {
  const { body } = notification;
  if (typeof body['caption'] === 'string' && typeof body['record'] === 'string') {
    // a watch notice's subject and a link's other end, by name (watch-projection.ts)
    const named = (id: unknown, name: unknown): string[] => (typeof id === 'string' && typeof name === 'string' && id !== body['record'] ? [id] : []);
    return [body['record'], ...named(body['subject'], body['subjectName']), ...named(body['other'], body['otherName'])];
  }
  if (Array.isArray(body['names']) && Array.isArray(body['records'])) return (body['records'] as unknown[]).filter((r): r is string => typeof r === 'string');
  // a hit on an alert and its decision name the alert's subject (screen-check.ts, decide-hit.ts)
  if (typeof body['subject'] === 'string' && typeof body['subjectName'] === 'string') return [body['subject']];
  return [];
}

/**
 * The notification's document, with its mentions of the records whose content it shows (a watch
 * notice's caption, an encounter notice's names), so that erasing a record finds the notices that
 * name it (erase-from-checks.ts).
 */
export function notificationDocuments(notification: Notification): DocumentInput[] {
  const mentions = recordsShownIn(notification);
  return [{ ...notificationDocument(notification), ...(mentions.length > 0 ? { mentions } : {}) }];
}

/**
 * Writes a notification and its mentions of records, then erases from it each record it shows
 * that is erased by now. A notice is made from a read (a consultation's owners told, a watch
 * following the change feed, which runs behind the store) and kept after it: an erasure in
 * between found no mention of it to rewrite (erase-from-checks.ts), and the record's name or
 * caption stayed in the kept copy. Read under the audit log's lock, which an erasure holds from
 * its start, so that an erasure either finds the mentions written or is over and seen here.
 */
async function keep(mosaic: Mosaic, notification: Notification): Promise<void> {
  // put in one turn: the writer's group commit keeps them in one statement
  await Promise.all(notificationDocuments(notification).map((document) => mosaic.documents.put(document)));
  const shown = recordsShownIn(notification).map((id) => RecordId(id));
  if (shown.length === 0) return;
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const held = await tx.heldRecordIds(shown);
    const missing = shown.filter((record) => !held.has(record));
    if (missing.length === 0) return;
    // erased, as a version of deletion says (not an id no record was ever stored under)
    await eraseFromNotifications(tx, (await tx.getRecords(missing, { includeDeleted: true })).flatMap(({ record, deletedAt }) => (deletedAt === undefined ? [] : [record.id])));
  });
}

/** How the keeper delivers webhooks: each attempt's options, the waits between retries and how often due retries are looked for. */
export interface KeeperWebhookOptions extends RetryOptions {
  readonly retryIntervalMs?: number;
}

/**
 * Subscribe once per process (startProjections does it for a serving node). A notification its
 * publisher stored already (a check's, in the check's transaction) is not written again. A
 * failed webhook delivery is tried again (webhook-outbox.ts): this node looks for due retries
 * every few seconds, as every node does.
 */
export function keepNotifications(mosaic: Mosaic, { retryIntervalMs, ...webhook }: KeeperWebhookOptions = {}): NotificationKeeper {
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    const p = work.catch(() => undefined).finally(() => pending.delete(p));
    pending.add(p);
  };
  const unsubscribe = mosaic.notifier.subscribe((notification, { stored }) => {
    if (!stored) track(keep(mosaic, notification));
    // Delivery runs beside the caller: a slow or dead endpoint never holds up a check's answer.
    if ('agency' in notification.to) track(deliverOrRetry(mosaic, notification.to.agency, notification, { ...webhook, kept: true }).then(() => undefined));
  }, { localOnly: true });
  const retries = scheduleWebhookRetries(mosaic, { ...webhook, ...(retryIntervalMs === undefined ? {} : { intervalMs: retryIntervalMs }) });
  return {
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
      await retries.idle();
    },
    stop: () => {
      unsubscribe();
      retries.stop();
    },
  };
}

/**
 * A notification as `user` may see it (notification-view.ts), or undefined where they may see
 * nothing of it: a notice about a record they may not read (a hit on an alert on a need-to-know
 * group's subject, for anyone outside the group) is not theirs, however it is addressed. One
 * addressed to their agency shows its own records' names to every user of the agency who may read
 * them; one above a user's clearance keeps its id, its name blanked (listed in `withheld`).
 */
export async function asSeenBy(mosaic: Mosaic, user: User, notification: Notification): Promise<Notification | undefined> {
  const [seen] = await notificationsAsSeen(mosaic, policyUser(user), [notification]);
  return seen;
}

/** Where a page of the inbox starts: older than the notification `before`, or newer than `after` (ids). */
export interface InboxQuery {
  readonly limit?: number;
  readonly before?: string;
  readonly after?: string;
}

/**
 * The inbox's order, newest first: the order its documents were stored in, the id breaking a tie
 * (the store's own order). A notice's `at` is when its cause happened, which can come before a
 * notice stored earlier (a check's notices are stored when the check commits), so paging by `at`
 * would let a page boundary skip or repeat one.
 */
const newerFirst = (a: StoredDocument, b: StoredDocument): number =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/**
 * The newest `count` of one owner's notification documents that `keep` takes, in inbox order. The
 * store lists newest first but takes no cursor, so this reads ever deeper (twice as deep each
 * round) until it has them: a page costs as much as its depth in the inbox. Only documents
 * strictly newer than the last one read are known to be complete (others stored in that same
 * instant may lie below it), and ties are ordered here rather than by the database's collation.
 */
async function newestOf(mosaic: Mosaic, owner: string, keep: (document: StoredDocument) => boolean, count: number): Promise<StoredDocument[]> {
  for (let depth = Math.max(2 * count, 16); ; depth *= 2) {
    const read = await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner, limit: depth });
    const exhausted = read.length < depth;
    const last = read.at(-1)?.createdAt ?? '';
    const kept = read.filter((d) => (exhausted || d.createdAt > last) && keep(d)).sort(newerFirst);
    if (exhausted || kept.length >= count) return kept.slice(0, count);
  }
}

/**
 * The user's inbox: addressed to them or to their agency, newest first, each as they may see it
 * (asSeenBy), those they may see nothing of left out: the inbox is read deeper (twice as deep each
 * round) until it holds `limit` they may see or ends, so that a page of hidden notices never
 * passes for the last page. `before` pages to older ones, `after` (the newest `limit` of those)
 * catches up with newer ones; a cursor that is none of the user's notifications (another's, one
 * they may see nothing of, erased since, never there) finds none.
 */
export async function listNotifications(mosaic: Mosaic, user: User, { limit = 100, before, after }: InboxQuery = {}): Promise<readonly InboxItem[]> {
  const owners = [user.agency as string, user.id as string];
  const reader = policyUser(user);
  const cursorId = before ?? after;
  const cursor = cursorId === undefined ? undefined : await mosaic.store.getDocument(NOTIFICATION_KIND, cursorId);
  if (cursorId !== undefined && (cursor === undefined || !owners.includes(cursor.owner))) return [];
  if (cursor !== undefined && (await notificationsAsSeen(mosaic, reader, [(cursor.body as StoredNotification).notification]))[0] === undefined) return [];
  const keep = (d: StoredDocument): boolean => cursor === undefined || (before === undefined ? newerFirst(d, cursor) < 0 : newerFirst(cursor, d) < 0);
  const seen = new Map<string, Notification | undefined>();
  for (let depth = limit; ; depth *= 2) {
    const found = await Promise.all(owners.map((owner) => newestOf(mosaic, owner, keep, depth)));
    const documents = found.flat().sort(newerFirst).slice(0, depth);
    const unseen = documents.filter((d) => !seen.has(d.id)).map((d) => (d.body as StoredNotification).notification);
    const views = await notificationsAsSeen(mosaic, reader, unseen);
    unseen.forEach((n, i) => seen.set(n.id, views[i]));
    const items = documents.flatMap((d) => {
      const view = seen.get(d.id);
      return view === undefined ? [] : [{ ...view, read: (d.body as StoredNotification).readBy.includes(user.id) }];
    });
    if (items.length >= limit || found.every((f) => f.length < depth)) return items.slice(0, limit);
  }
}

/**
 * Mark one of the user's notifications read; someone else's, or one they may see nothing of,
 * answers like a missing one. The notice is read again and written under the audit log's lock,
 * which an erasure holds while it rewrites the notices that showed a record (records.ts): written
 * from the copy read before, an erased name came back into the inbox, and another user's mark
 * made meanwhile was lost.
 */
export async function markNotificationRead(mosaic: Mosaic, user: User, id: string): Promise<InboxItem> {
  const missing = (): AppError => new AppError('MOSAIC_NOT_FOUND', `notification ${id} not found`);
  const found = await mosaic.store.getDocument(NOTIFICATION_KIND, id);
  if (!found || (found.owner !== user.agency && found.owner !== user.id)) throw missing();
  if ((await asSeenBy(mosaic, user, (found.body as StoredNotification).notification)) === undefined) throw missing();
  const marked = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const now = await tx.getDocument(NOTIFICATION_KIND, id);
    if (!now) return undefined;
    const stored = now.body as StoredNotification;
    if (!stored.readBy.includes(user.id)) await tx.putDocument({ kind: NOTIFICATION_KIND, id, owner: now.owner, ...(now.subject === undefined ? {} : { subject: now.subject }), body: { ...stored, readBy: [...stored.readBy, user.id] } });
    return stored.notification;
  });
  // erased meanwhile (retention), or hidden from the user since
  const seen = marked === undefined ? undefined : await asSeenBy(mosaic, user, marked);
  if (seen === undefined) throw missing();
  return { ...seen, read: true };
}
