/**
 * Reading the inbox is a consultation of the records its notices show (LED Art. 25(1): logs of
 * consultation and disclosure). A notice addressed to an agency shows its records' names to each
 * user of the agency who may read them, so who was shown which record, and when, is logged as any
 * read is: one `consultation` entry per read — a page of the inbox, a notice marked read, a
 * delivery of the live stream, a reconnecting stream's catch-up —, naming the reader, the notices
 * and the records shown (not those withheld or erased), under a fixed purpose, so that the inbox
 * asks its user for none. A read that shows no record logs nothing.
 */
import type { RecordId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import type { Notification } from '../notifier.ts';
import type { Mosaic } from '../runtime.ts';
import { recordsToldIn } from './notification-view.ts';

/** The purpose and case reference an inbox read is logged under (the reason says it too). */
export const NOTICE_DELIVERY = { purpose: 'notice delivery', caseRef: 'inbox' } as const;

/** How the notices were read: a page of GET /notifications, one marked read, or the stream. */
export type InboxRead = 'page' | 'read' | 'stream';

/**
 * Logs that `user` was shown `shown` (each as they may see it: asSeenBy, listNotifications).
 * Called before the notices are handed over, so that none leaves without its entry.
 */
export async function logInboxRead(mosaic: Mosaic, user: User, shown: readonly Notification[], via: InboxRead): Promise<void> {
  const telling = shown.filter((n) => recordsToldIn(n).length > 0);
  if (telling.length === 0) return;
  const records = [...new Set(telling.flatMap(recordsToldIn))] as RecordId[];
  await mosaic.audit.append({
    actor: { user: user.id, agency: user.agency }, action: 'consultation', ...NOTICE_DELIVERY,
    query: { inbox: { via, notifications: telling.map((n) => n.id) } }, records, outcome: 'ok', reason: NOTICE_DELIVERY.purpose,
  });
}
