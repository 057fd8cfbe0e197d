/**
 * Messages between the Mosaic nodes that share one store: a notification published on one node
 * reaches the live streams of users connected to another; an administrative change on one node
 * makes the others reload the organisation. On PostgreSQL this is LISTEN/NOTIFY (see
 * postgres/postgres-message-bus.ts); the embedded store serves one process, so its bus stays in
 * that process. Delivery is at most once and only to nodes listening at the time: what must
 * survive (the notification itself) is also written to the store.
 */
export type MessageHandler = (payload: string) => void;

export interface MessageBus {
  /** Whether other processes hear it (false: the embedded store's bus, within this process). */
  readonly shared: boolean;
  /** Sends to every listener of the channel on every node, this one included. */
  send(channel: string, payload: string): Promise<void>;
  /** Resolves once listening; the returned function stops it. */
  listen(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  /**
   * Calls `listener` each time the bus listens again after losing its connection: the messages
   * sent meanwhile are lost, so whatever a node keeps up to date from them is to be read again
   * from the store. The returned function stops it. A bus that cannot lose its connection never calls it.
   */
  onReconnected(listener: () => void): () => void;
  close(): Promise<void>;
}

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; larger messages are the sender's to shorten. */
export const MAX_MESSAGE_BYTES = 7900;

export function createLocalMessageBus(): MessageBus {
  const handlers = new Map<string, Set<MessageHandler>>();
  return {
    shared: false,
    async send(channel, payload) {
      // Asynchronous like a real bus, so a sender never runs its own handler inside send().
      for (const handler of [...(handlers.get(channel) ?? [])]) queueMicrotask(() => handler(payload));
    },
    async listen(channel, handler) {
      const set = handlers.get(channel) ?? new Set<MessageHandler>();
      set.add(handler);
      handlers.set(channel, set);
      return async () => {
        set.delete(handler);
      };
    },
    onReconnected: () => () => undefined,
    async close() {
      handlers.clear();
    },
  };
}
