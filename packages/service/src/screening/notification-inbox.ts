/**
 * Every notification published in this process is kept as a document (kind 'notification',
 * owner: the agency or user it is addressed to), so an inbox survives reconnects and restarts,
 * and those addressed to an agency that configured a webhook are delivered to it, signed.
 * The live stream (server-sent events) reads the notifier directly; this is its memory.
 */
import { AppError, type RecordId, type UserId } from '@mosaic/model';
import type { DocumentInput, StoredDocument, User } from '@mosaic/store';
import type { Notification } from '../notifier.ts';
import { policyContext, policyUser } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
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

/**
 * A kept notification's mention of a record whose content it shows (a watch notice's caption, an
 * encounter notice's names): one document per notification and record, whose subject is the
 * record, so that erasing the record finds the notices that name it (erase-from-checks.ts).
 */
export const NOTIFICATION_RECORD_KIND = 'notification-record';

/** The records whose content a notification shows: `record` beside a `caption`, `records` beside `names`. */
export function recordsShownIn(notification: Notification): string[] {
  const { body } = notification;
  if (typeof body['caption'] === 'string' && typeof body['record'] === 'string') return [body['record']];
  if (Array.isArray(body['names']) && Array.isArray(body['records'])) return (body['records'] as unknown[]).filter((r): r is string => typeof r === 'string');
  return [];
}

/** The notification's document and its mentions of records (kept together, erased together). */
export function notificationDocuments(notification: Notification): DocumentInput[] {
  const owner = ownerOf(notification);
  return [notificationDocument(notification), ...recordsShownIn(notification).map((record) => ({
    kind: NOTIFICATION_RECORD_KIND, id: `${notification.id}/${record}`, owner, subject: record, body: { notification: notification.id },
  }))];
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
    // put in one turn: the writer's group commit keeps them in one statement
    if (!stored) for (const document of notificationDocuments(notification)) track(mosaic.documents.put(document));
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
 * A notification as `user` may see it. One addressed to their agency shows its own records'
 * names or captions (an encounter, a watch notice) to every user of the agency; a user who may
 * not read one of those records (its classification above their clearance, a need-to-know group
 * they are not in) gets it without that record's name (listed in `withheld`).
 */
export async function asSeenBy(mosaic: Mosaic, user: User, notification: Notification): Promise<Notification> {
  const shown = recordsShownIn(notification);
  if (shown.length === 0 || !('agency' in notification.to)) return notification;
  const stored = await mosaic.store.getRecords(shown as RecordId[]);
  // the notice is the agency's own business, told to it: read as a notification, under its id
  const context = policyContext(await mosaic.org(), { user, purpose: 'notification', caseRef: notification.id });
  const reader = policyUser(user);
  const withheld = stored.filter((r) => mosaic.decide(reader, 'read', { kind: 'record', id: r.record.id, provenance: r.record.provenance }, context).effect !== 'allow').map((r) => r.record.id as string);
  if (withheld.length === 0) return notification;
  const { body } = notification;
  if (typeof body['record'] === 'string' && withheld.includes(body['record']) && 'caption' in body) {
    const { caption: _caption, ...rest } = body;
    return { ...notification, body: { ...rest, withheld } };
  }
  const records = Array.isArray(body['records']) ? body['records'] : [];
  const names = Array.isArray(body['names']) ? body['names'] : [];
  return { ...notification, body: { ...body, names: names.map((name, i) => (withheld.includes(records[i] as string) ? '' : name)), withheld } };
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
 * (asSeenBy). `before` pages to older ones, `after` (the newest `limit` of those) catches up with
 * newer ones; a cursor that is none of the user's notifications (another's, erased since, never
 * there) finds none.
 */
export async function listNotifications(mosaic: Mosaic, user: User, { limit = 100, before, after }: InboxQuery = {}): Promise<readonly InboxItem[]> {
  const owners = [user.agency as string, user.id as string];
  const cursorId = before ?? after;
  const cursor = cursorId === undefined ? undefined : await mosaic.store.getDocument(NOTIFICATION_KIND, cursorId);
  if (cursorId !== undefined && (cursor === undefined || !owners.includes(cursor.owner))) return [];
  const keep = (d: StoredDocument): boolean => cursor === undefined || (before === undefined ? newerFirst(d, cursor) < 0 : newerFirst(cursor, d) < 0);
  const found = await Promise.all(owners.map((owner) => newestOf(mosaic, owner, keep, limit)));
  const items = found.flat().sort(newerFirst).slice(0, limit).map((d) => d.body as StoredNotification);
  return Promise.all(items.map(async (s) => ({ ...(await asSeenBy(mosaic, user, s.notification)), read: s.readBy.includes(user.id) })));
}

/** Mark one of the user's notifications read; someone else's answers like a missing one. */
export async function markNotificationRead(mosaic: Mosaic, user: User, id: string): Promise<InboxItem> {
  const found = await mosaic.store.getDocument(NOTIFICATION_KIND, id);
  if (!found || (found.owner !== user.agency && found.owner !== user.id)) throw new AppError('MOSAIC_NOT_FOUND', `notification ${id} not found`);
  const stored = found.body as StoredNotification;
  const readBy = stored.readBy.includes(user.id) ? stored.readBy : [...stored.readBy, user.id];
  await mosaic.store.putDocument({ kind: NOTIFICATION_KIND, id, owner: found.owner, body: { ...stored, readBy } });
  return { ...(await asSeenBy(mosaic, user, stored.notification)), read: true };
}
