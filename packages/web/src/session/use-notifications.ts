/**
 * The user's notifications: those already waiting (GET /notifications) and those arriving live
 * over server-sent events (GET /notifications/stream), newest first. EventSource reconnects by
 * itself; the state says whether the stream is currently open.
 */
import { useCallback, useEffect, useState } from 'react';
import { API_BASE, type ApiClient } from '../api/api-client.ts';
import type { Notification } from '../api/api-types.ts';

export interface NotificationsState {
  readonly items: readonly Notification[];
  readonly live: 'connecting' | 'open' | 'closed';
  readonly error: unknown;
  markRead(id: string): void;
}

const isNotification = (value: unknown): value is Notification =>
  typeof value === 'object' && value !== null && typeof (value as Notification).id === 'string' && typeof (value as Notification).title === 'string';

export function useNotifications(api: ApiClient, enabled: boolean): NotificationsState {
  const [items, setItems] = useState<readonly Notification[]>([]);
  const [live, setLive] = useState<NotificationsState['live']>('connecting');
  const [error, setError] = useState<unknown>();

  const add = useCallback((incoming: readonly Notification[]) => {
    setItems((current) => {
      const known = new Set(current.map((n) => n.id));
      const fresh = incoming.filter((n) => !known.has(n.id));
      return fresh.length ? [...fresh, ...current].sort((a, b) => b.at.localeCompare(a.at)) : current;
    });
  }, []);

  useEffect(() => {
    if (!enabled) return undefined;
    api.notifications().then(add, setError);
    const source = new EventSource(`${API_BASE}/notifications/stream`, { withCredentials: true });
    const onMessage = (event: MessageEvent<string>): void => {
      try {
        const parsed: unknown = JSON.parse(event.data);
        if (isNotification(parsed)) add([parsed]);
      } catch {
        // Keep-alive comments and malformed frames are ignored.
      }
    };
    source.onopen = () => setLive('open');
    source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.onmessage = onMessage;
    source.addEventListener('notification', onMessage as EventListener);
    return () => source.close();
  }, [api, enabled, add]);

  const markRead = useCallback((id: string) => {
    setItems((current) => current.map((n) => (n.id === id ? { ...n, read: true } : n)));
    api.markRead(id).catch(setError);
  }, [api]);

  return { items, live, error, markRead };
}
