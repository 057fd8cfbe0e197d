/**
 * What the Mosaic nodes sharing one store tell each other over its message bus, so that any
 * node may serve any user (DESIGN: several stateless nodes behind a load balancer):
 * notifications published on one node reach the live streams on the others; an administrative
 * change (organisation, agreements), a change to a user or a sign-out makes the others reload
 * or forget their cached copies at once; what one node committed to the entities (a judgement, an
 * undone merge, records resolved) is applied by the others as it was made (entity-projection.ts:
 * the outcome is stored, the message names it). Each node ignores its own messages. The bus loses
 * what is sent while a node is not listening (its connection to PostgreSQL dropped): when it
 * listens again, the node is told (onReconnected) to read again what it keeps from these
 * messages.
 */
import type { Store } from '@mosaic/store';
import { MAX_MESSAGE_BYTES } from '@mosaic/store';
import type { Notification, Notifier } from './notifier.ts';

const CHANNEL = { notifications: 'notifications', org: 'org', users: 'users', sessions: 'sessions', entities: 'entities' } as const;
/** A notification too large for one message is fetched from the store, where its node keeps it. */
const FETCH_TRIES = 10;
const FETCH_WAIT_MS = 100;

export interface NodeBridge {
  notificationPublished(notification: Notification): void;
  organisationChanged(): void;
  userChanged(userId: string): void;
  /** A session was signed out here (by the hash of its token, as the store keeps it). */
  sessionEnded(tokenHash: string): void;
  /** A judgement, an undone merge or records resolved were committed here: the stored outcome, by id. */
  entitiesChanged(outcomeId: string): void;
  stop(): Promise<void>;
}

export interface NodeBridgeOptions {
  readonly nodeId: string;
  readonly notifier: Notifier;
  readonly onOrganisationChanged: () => void;
  readonly onUserChanged: (userId: string) => void;
  readonly onSessionEnded: (tokenHash: string) => void;
  readonly onEntitiesChanged: (outcomeId: string) => void;
  /** The bus listens again after losing its connection: any of the messages above may have been lost meanwhile. */
  readonly onReconnected: () => void;
  /** Where a node keeps the notifications it published (kind and id of the document). */
  readonly storedNotification: (id: string) => Promise<Notification | undefined>;
}

/** A single node has nobody to tell: nothing is sent or listened to (the checkpoint's hot path stays free of it). */
const ALONE: NodeBridge = { notificationPublished: () => undefined, organisationChanged: () => undefined, userChanged: () => undefined, sessionEnded: () => undefined, entitiesChanged: () => undefined, stop: async () => undefined };

export async function bridgeNodes(store: Store, options: NodeBridgeOptions): Promise<NodeBridge> {
  if (!store.bus.shared) return ALONE;
  const { nodeId, notifier } = options;
  const parse = (payload: string): Record<string, unknown> | undefined => {
    try {
      const value: unknown = JSON.parse(payload);
      return typeof value === 'object' && value !== null && (value as { from?: unknown }).from !== nodeId ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const fetchStored = async (id: string): Promise<void> => {
    for (let i = 0; i < FETCH_TRIES; i++) {
      const found = await options.storedNotification(id).catch(() => undefined);
      if (found) return notifier.receive(found);
      await new Promise((r) => setTimeout(r, FETCH_WAIT_MS));
    }
  };
  const stops = [
    await store.bus.listen(CHANNEL.notifications, (payload) => {
      const message = parse(payload);
      if (!message) return;
      if (typeof message['notification'] === 'object' && message['notification'] !== null) notifier.receive(message['notification'] as Notification);
      else if (typeof message['id'] === 'string') void fetchStored(message['id']);
    }),
    await store.bus.listen(CHANNEL.org, (payload) => {
      if (parse(payload)) options.onOrganisationChanged();
    }),
    await store.bus.listen(CHANNEL.users, (payload) => {
      const message = parse(payload);
      if (message && typeof message['user'] === 'string') options.onUserChanged(message['user']);
    }),
    await store.bus.listen(CHANNEL.sessions, (payload) => {
      const message = parse(payload);
      if (message && typeof message['session'] === 'string') options.onSessionEnded(message['session']);
    }),
    await store.bus.listen(CHANNEL.entities, (payload) => {
      const message = parse(payload);
      if (message && typeof message['outcome'] === 'string') options.onEntitiesChanged(message['outcome']);
    }),
  ];
  const stopHearingReconnections = store.bus.onReconnected(options.onReconnected);
  // A lost message is a late one at worst: caches also expire, and notifications are stored.
  const send = (channel: string, message: Record<string, unknown>): void => void store.bus.send(channel, JSON.stringify({ from: nodeId, ...message })).catch(() => undefined);
  return {
    notificationPublished(notification) {
      const whole = JSON.stringify({ from: nodeId, notification });
      if (Buffer.byteLength(whole) <= MAX_MESSAGE_BYTES) void store.bus.send(CHANNEL.notifications, whole).catch(() => undefined);
      else send(CHANNEL.notifications, { id: notification.id });
    },
    organisationChanged: () => send(CHANNEL.org, {}),
    userChanged: (user) => send(CHANNEL.users, { user }),
    sessionEnded: (session) => send(CHANNEL.sessions, { session }),
    entitiesChanged: (outcome) => send(CHANNEL.entities, { outcome }),
    async stop() {
      stopHearingReconnections();
      for (const stop of stops) await stop().catch(() => undefined);
    },
  };
}
