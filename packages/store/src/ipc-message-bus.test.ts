/**
 * The embedded store's bus between nodes on one machine, over real IPC channels: two child
 * processes and this one relaying, as `mosaic serve --nodes N` runs them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcMessageBus, IPC_SERIALIZATION, relayBusMessages } from './ipc-message-bus.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

interface Node {
  readonly heard: string[];
  readonly child: ChildProcess;
}

async function startNodes(count: number): Promise<Node[]> {
  const relay = relayBusMessages(() => children);
  const nodes = Array.from({ length: count }, () => {
    const child = fork(join(import.meta.dirname, 'ipc-bus-node.fixture.ts'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: IPC_SERIALIZATION });
    children.push(child);
    const heard: string[] = [];
    const ready = new Promise<void>((resolve) => {
      child.on('message', (message: { heard?: string; ready?: boolean }) => {
        if (relay(message, child)) return;
        if (message.ready) resolve();
        if (typeof message.heard === 'string') heard.push(message.heard);
      });
    });
    return { node: { heard, child }, ready };
  });
  await Promise.all(nodes.map((n) => n.ready));
  return nodes.map((n) => n.node);
}

describe('the bus between processes on one embedded store', () => {
  it('carries a message from one node to every node, its sender included', async () => {
    const [a, b] = await startNodes(2);
    a!.child.send({ say: 'record 17 changed' });
    await expect.poll(() => [a!.heard, b!.heard], { timeout: 5_000 }).toEqual([['record 17 changed'], ['record 17 changed']]);
    b!.child.send({ say: 'é, 日本, \u0000' });
    await expect.poll(() => a!.heard, { timeout: 5_000 }).toEqual(['record 17 changed', 'é, 日本, \u0000']);
    expect(b!.heard).toEqual(a!.heard);
  });

  it('skips a node that has left the channel or is gone', async () => {
    const [a, b, c] = await startNodes(3);
    c!.child.send('close');
    await new Promise((resolve) => c!.child.once('disconnect', resolve));
    b!.child.kill();
    await new Promise((resolve) => b!.child.once('exit', resolve));
    a!.child.send({ say: 'after' });
    await expect.poll(() => a!.heard, { timeout: 5_000 }).toEqual(['after']);
    expect(c!.heard).toEqual([]);
  });

  it('relays to the other nodes only, leaves messages that are not its own to the parent, and needs an IPC channel', () => {
    const sent: unknown[] = [];
    const from = { connected: true, send: (m: unknown) => sent.push(['from', m]) > 0 };
    const other = { connected: true, send: (m: unknown) => sent.push(['other', m]) > 0 };
    const relay = relayBusMessages(() => [from, other]);
    expect(relay({ ready: true }, from)).toBe(false);
    const message = { tag: 'mosaic.bus', messages: [{ channel: 'org', payload: '{}' }] };
    expect(relay(message, from)).toBe(true);
    // The sender's own listeners hear it from the sender, not back through the relay.
    expect(sent).toEqual([['other', message]]);
    expect(() => createIpcMessageBus({ on: () => undefined, off: () => undefined })).toThrow(/no IPC channel/);
  });

  it('sends what a node says together as one IPC message, in order, before the sender goes on', async () => {
    const sent: unknown[] = [];
    const bus = createIpcMessageBus({ send: (m) => sent.push(m) > 0, on: () => undefined, off: () => undefined });
    const heard: string[] = [];
    await bus.listen('checks', (payload) => heard.push(payload));
    await Promise.all(['a', 'b', 'c'].map((p) => bus.send('checks', p)));
    // By the time the sends are done the other nodes are on their way to hear them, all three in one message.
    expect(sent).toEqual([{ tag: 'mosaic.bus', messages: [{ channel: 'checks', payload: 'a' }, { channel: 'checks', payload: 'b' }, { channel: 'checks', payload: 'c' }] }]);
    expect(heard).toEqual(['a', 'b', 'c']);
    await bus.send('sessions', 'signed out');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ tag: 'mosaic.bus', messages: [{ channel: 'sessions', payload: 'signed out' }] });
    await bus.close();
    expect(sent).toHaveLength(2);
  });
});
