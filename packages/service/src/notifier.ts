/**
 * Notifications inside one process: deconfliction notices to owners, hits on alerts, changes to
 * watched subjects. Listeners (the server's event streams, webhooks) subscribe per agency or
 * per user; each notification is addressed, so a listener only ever receives its own.
 */
import type { AgencyId, UserId } from '@mosaic/model';

export interface Notification {
  readonly id: string;
  readonly at: string;
  /** Addressed to every user of an agency, or to one user. */
  readonly to: { readonly agency: AgencyId } | { readonly user: UserId };
  readonly kind: string;
  readonly title: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export type Listener = (notification: Notification) => void;

export interface Notifier {
  publish(notification: Notification): void;
  subscribe(listener: Listener): () => void;
}

export function createNotifier(): Notifier {
  const listeners = new Set<Listener>();
  return {
    publish(notification) {
      for (const listener of listeners) {
        try {
          listener(notification);
        } catch {
          // One broken listener must not keep the others from being told.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const isAddressedTo = (notification: Notification, user: { readonly id: UserId; readonly agency: AgencyId }): boolean =>
  'agency' in notification.to ? notification.to.agency === user.agency : notification.to.user === user.id;
