/**
 * The embedded store's bus between nodes on one machine, over real IPC channels: two child
 * processes and this one relaying, as `mosaic serve --nodes N` runs them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcMessageBus, relayBusMessages } from './ipc-message-bus.ts';

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
    const child = fork(join(import.meta.dirname, 'ipc-bus-node.fixture.ts'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const heard: string[] = [];
    const ready = new Promise<void>((resolve) => {
      child.on('message', (message: { heard?: string; ready?: boolean }) => {
        if (relay(message)) return;
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

  it('stops delivering to a node whose bus is closed, and skips a node that is gone', async () => {
    const [a, b, c] = await startNodes(3);
    c!.child.send('close');
    await new Promise((resolve) => c!.child.once('disconnect', resolve));
    b!.child.kill();
    await new Promise((resolve) => b!.child.once('exit', resolve));
    a!.child.send({ say: 'after' });
    await expect.poll(() => a!.heard, { timeout: 5_000 }).toEqual(['after']);
    expect(c!.heard).toEqual([]);
  });

  it('leaves messages that are not its own to the parent, and needs an IPC channel', () => {
    const relay = relayBusMessages(() => []);
    expect(relay({ ready: true })).toBe(false);
    expect(relay({ tag: 'mosaic.bus', channel: 'org', payload: '{}' })).toBe(true);
    expect(() => createIpcMessageBus({ on: () => undefined, off: () => undefined })).toThrow(/no IPC channel/);
  });
});
