/**
 * The bus of embedded-store nodes on one machine (`mosaic serve --nodes N`): each node is a child
 * process of one parent, sends its messages to the parent over the IPC channel, and the parent
 * relays every message to every other node; the sender's own listeners hear it from the sender
 * (the MessageBus contract: every node, this one included). The nodes share the sqlite file, so
 * what must survive a lost message is in the store, as on PostgreSQL.
 */
import { createLocalMessageBus, type MessageBus } from './message-bus.ts';

/** Marks the bus's messages among whatever else a parent and its children say to each other. */
const TAG = 'mosaic.bus';

interface BusMessage {
  readonly channel: string;
  readonly payload: string;
}

/**
 * What one IPC message carries: the bus messages a node sent together, in order. A busy node
 * sends a notice per check, and the checks of one group commit resume together: one IPC message
 * for all their notices instead of one each saves a system call and an envelope each, in the
 * node and in the relaying parent. The batch goes out as a microtask, so before anything the
 * sender does next (a sign-out's answer leaves after the other nodes were told).
 */
interface BusBatch {
  readonly tag: typeof TAG;
  readonly messages: readonly BusMessage[];
}

const isBusBatch = (message: unknown): message is BusBatch =>
  typeof message === 'object' && message !== null && (message as { tag?: unknown }).tag === TAG && Array.isArray((message as { messages?: unknown }).messages);

const isBusMessage = (message: unknown): message is BusMessage =>
  typeof message === 'object' && message !== null
  && typeof (message as { channel?: unknown }).channel === 'string' && typeof (message as { payload?: unknown }).payload === 'string';

/** The child's end of its IPC channel (a process started with one: cluster.fork, child_process.fork). */
export interface IpcEndpoint {
  send?: ((message: BusBatch) => boolean) | undefined;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** A node's bus over its IPC channel to the parent that relays (`relayBusMessages`). */
export function createIpcMessageBus(endpoint: IpcEndpoint = process as IpcEndpoint): MessageBus {
  const send = endpoint.send?.bind(endpoint);
  if (send === undefined) throw new Error('bus: this process has no IPC channel to a parent that relays its messages');
  // This node's listeners: what it sends itself and what the relay brings from the others.
  const local = createLocalMessageBus();
  const receive = (message: unknown): void => {
    if (!isBusBatch(message)) return;
    for (const m of message.messages) if (isBusMessage(m)) void local.send(m.channel, m.payload);
  };
  endpoint.on('message', receive);
  let pending: BusMessage[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const messages = pending;
    pending = [];
    send({ tag: TAG, messages });
  };
  return {
    shared: true,
    async send(channel, payload) {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push({ channel, payload });
      await local.send(channel, payload);
    },
    listen: (channel, handler) => local.listen(channel, handler),
    // an IPC channel does not drop and come back: it lasts as long as the node and its parent
    onReconnected: () => () => undefined,
    async close() {
      flush();
      endpoint.off('message', receive);
      await local.close();
    },
  };
}

/** What the parent holds of each node: a process it can send to while it is connected. */
export interface RelayTarget {
  readonly connected: boolean;
  send(message: unknown): boolean;
}

/**
 * The parent's relay: hand it every message a node sends, with the node; a bus message goes to
 * every other node connected at the time, anything else is not its business (false).
 */
export function relayBusMessages(nodes: () => Iterable<RelayTarget>): (message: unknown, from: RelayTarget) => boolean {
  return (message, from) => {
    if (!isBusBatch(message)) return false;
    for (const node of nodes()) if (node !== from && node.connected) node.send(message);
    return true;
  };
}

/**
 * How the parent and its nodes encode IPC messages: V8's serializer, which carries the bus's
 * string payloads as they are (JSON would escape them inside the envelope).
 */
export const IPC_SERIALIZATION = 'advanced' as const;
