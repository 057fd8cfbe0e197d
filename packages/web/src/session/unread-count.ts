/**
 * The inbox badge: how many loaded notifications are unread. The API gives no unread total, only
 * pages, so while older pages are still unloaded the count is a floor and is shown as one ("3+").
 */
import type { Notification } from '../api/api-types.ts';

export interface UnreadCount {
  readonly count: number;
  /** Older notifications are not loaded yet: some of them may be unread too. */
  readonly atLeast: boolean;
}

export function unreadCount(items: readonly Pick<Notification, 'read'>[], olderUnloaded: boolean): UnreadCount {
  return { count: items.filter((n) => !n.read).length, atLeast: olderUnloaded };
}

/** "3", or "3+" when older notifications are not loaded; empty when nothing loaded is unread. */
export const unreadBadge = ({ count, atLeast }: UnreadCount): string => (count === 0 ? '' : `${count}${atLeast ? '+' : ''}`);
