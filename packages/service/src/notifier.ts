/**
 * Notifications inside one process: deconfliction notices to owners, hits on alerts, changes to
 * watched subjects. Listeners (the server's event streams, webhooks) subscribe per agency or
 * per user; each notification is addressed, so a listener only ever receives its own.
 */
import type { AgencyId, UserId } from '@mosaic/model';
import { createHash } from 'node:crypto';

export interface Notification {
  readonly id: string;
  readonly at: string;
  /** Addressed to every user of an agency, or to one user. */
  readonly to: { readonly agency: AgencyId } | { readonly user: UserId };
  readonly kind: string;
  readonly title: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the publisher says of a notification beside it. */
export interface Published {
  /** Stored already, in the transaction of what caused it (a check's notices ride with the check). */
  readonly stored: boolean;
}

export type Listener = (notification: Notification, published: Published) => void;

export interface SubscribeOptions {
  /**
   * Only notifications published in this process (the keeper: each node stores and delivers
   * webhooks for its own); by default a listener also hears those other nodes published.
   */
  readonly localOnly?: boolean;
}

export interface Notifier {
  publish(notification: Notification, published?: Published): void;
  subscribe(listener: Listener, options?: SubscribeOptions): () => void;
  /** A notification another node published (from the message bus); each id is delivered once. */
  receive(notification: Notification): void;
  /** Whether this process published or received the notification `id` (one of the newest SEEN_LIMIT ids). */
  heard(id: string): boolean;
}

/**
 * The id of a notification made from what it is about, for one that several nodes, or one node
 * several times, may derive from the same cause: the notifier delivers each id once, and the
 * first to store it (a claim) is the one that tells it.
 */
export const notificationId = (...parts: readonly string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** How many recent ids are remembered to deliver a notification once when several nodes publish it. */
export const SEEN_LIMIT = 10_000;
const NOT_STORED: Published = { stored: false };

export function createNotifier({ onPublish }: { readonly onPublish?: (notification: Notification) => void } = {}): Notifier {
  const listeners = new Map<Listener, SubscribeOptions>();
  // The ids remembered, and the same in the order they came (a ring): the oldest is forgotten
  // by its place in the ring, not by iterating the set, which walks past every id deleted
  // from its front since the set last rehashed.
  const seen = new Set<string>();
  const order: string[] = [];
  let oldest = 0;
  const firstTime = (id: string): boolean => {
    if (seen.has(id)) return false;
    if (order.length < SEEN_LIMIT) order.push(id);
    else {
      seen.delete(order[oldest] as string);
      order[oldest] = id;
      oldest = (oldest + 1) % SEEN_LIMIT;
    }
    seen.add(id);
    return true;
  };
  const deliver = (notification: Notification, remote: boolean, published: Published): void => {
    for (const [listener, options] of listeners) {
      if (remote && options.localOnly) continue;
      try {
        listener(notification, published);
      } catch {
        // One broken listener must not keep the others from being told.
      }
    }
  };
  return {
    publish(notification, published = NOT_STORED) {
      // Nodes that derive the same notification from the same change give it the same id.
      if (!firstTime(notification.id)) return;
      deliver(notification, false, published);
      onPublish?.(notification);
    },
    receive(notification) {
      if (firstTime(notification.id)) deliver(notification, true, NOT_STORED);
    },
    heard: (id) => seen.has(id),
    subscribe(listener, options = {}) {
      listeners.set(listener, options);
      return () => listeners.delete(listener);
    },
  };
}

export const isAddressedTo = (notification: Notification, user: { readonly id: UserId; readonly agency: AgencyId }): boolean =>
  'agency' in notification.to ? notification.to.agency === user.agency : notification.to.user === user.id;
