/**
 * The signed-in user's notifications: the newest page of those already waiting (GET
 * /notifications), older pages on request (`before`: the last page's `next`), and those arriving
 * live over server-sent events (GET /notifications/stream), newest first. EventSource reconnects
 * by itself; the state says whether the stream is currently open.
 *
 * The state belongs to one user: when another signs in at this tab (or nobody is signed in), it
 * starts again empty, and answers still in flight for the previous user are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { API_BASE, type ApiClient } from '../api/api-client.ts';
import type { Notification } from '../api/api-types.ts';

export interface NotificationsState {
  readonly items: readonly Notification[];
  /** The first page has not been answered yet. */
  readonly loading: boolean;
  /** Older notifications than those loaded exist: `showOlder` loads the next page of them. */
  readonly hasOlder: boolean;
  readonly loadingOlder: boolean;
  readonly live: 'connecting' | 'open' | 'closed';
  readonly error: unknown;
  showOlder(): void;
  markRead(id: string): void;
}

interface Inbox {
  readonly user: string | undefined;
  readonly items: readonly Notification[];
  readonly loading: boolean;
  /** The `before` of the next older page; undefined when the oldest page is loaded. */
  readonly next: string | undefined;
  readonly loadingOlder: boolean;
  readonly live: NotificationsState['live'];
  readonly error: unknown;
}

const emptyInbox = (user: string | undefined): Inbox => ({ user, items: [], loading: user !== undefined, next: undefined, loadingOlder: false, live: 'connecting', error: undefined });

const isNotification = (value: unknown): value is Notification =>
  typeof value === 'object' && value !== null && typeof (value as Notification).id === 'string' && typeof (value as Notification).title === 'string';

const merged = (current: readonly Notification[], incoming: readonly Notification[]): readonly Notification[] => {
  const known = new Set(current.map((n) => n.id));
  const fresh = incoming.filter((n) => !known.has(n.id));
  return fresh.length ? [...fresh, ...current].sort((a, b) => b.at.localeCompare(a.at)) : current;
};

/** `user`: the signed-in user's id, undefined when nobody is signed in. */
export function useNotifications(api: ApiClient, user: string | undefined): NotificationsState {
  const [inbox, setInbox] = useState<Inbox>(() => emptyInbox(user));
  // Another user, or none: nothing of the previous user's inbox is shown, not even for one render.
  const current = inbox.user === user ? inbox : emptyInbox(user);
  if (current !== inbox) setInbox(current);
  const userRef = useRef(user);
  userRef.current = user;

  /** Changes the inbox only while it is still `owner`'s. */
  const update = useCallback((owner: string, change: (inbox: Inbox) => Inbox) => {
    setInbox((state) => (state.user === owner && userRef.current === owner ? change(state) : state));
  }, []);

  useEffect(() => {
    if (user === undefined) return undefined;
    api.notifications().then(
      (page) => update(user, (s) => ({ ...s, items: merged(s.items, page.notifications), next: page.next, loading: false })),
      (error: unknown) => update(user, (s) => ({ ...s, error, loading: false })),
    );
    const source = new EventSource(`${API_BASE}/notifications/stream`, { withCredentials: true });
    const onMessage = (event: MessageEvent<string>): void => {
      try {
        const parsed: unknown = JSON.parse(event.data);
        if (isNotification(parsed)) update(user, (s) => ({ ...s, items: merged(s.items, [parsed]) }));
      } catch {
        // Keep-alive comments and malformed frames are ignored.
      }
    };
    source.onopen = () => update(user, (s) => ({ ...s, live: 'open' }));
    source.onerror = () => update(user, (s) => ({ ...s, live: source.readyState === EventSource.CLOSED ? 'closed' : 'connecting' }));
    source.onmessage = onMessage;
    source.addEventListener('notification', onMessage as EventListener);
    return () => source.close();
  }, [api, user, update]);

  const { next, loadingOlder } = current;
  const showOlder = useCallback(() => {
    if (user === undefined || next === undefined || loadingOlder) return;
    update(user, (s) => ({ ...s, loadingOlder: true }));
    api.notifications(next).then(
      (page) => update(user, (s) => ({ ...s, items: merged(s.items, page.notifications), next: page.next, loadingOlder: false })),
      (error: unknown) => update(user, (s) => ({ ...s, error, loadingOlder: false })),
    );
  }, [api, user, next, loadingOlder, update]);

  const markRead = useCallback((id: string) => {
    if (user === undefined) return;
    update(user, (s) => ({ ...s, items: s.items.map((n) => (n.id === id ? { ...n, read: true } : n)) }));
    api.markRead(id).catch((error: unknown) => update(user, (s) => ({ ...s, error })));
  }, [api, user, update]);

  return {
    items: current.items, loading: current.loading, hasOlder: next !== undefined, loadingOlder, live: current.live, error: current.error, showOlder, markRead,
  };
}
