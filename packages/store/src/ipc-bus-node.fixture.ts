/**
 * A node of ipc-message-bus.test.ts, run as a real child process: it listens on the `greetings`
 * channel and tells its parent what it heard; told `{ say }`, it sends that on the bus.
 */
import { createIpcMessageBus } from './ipc-message-bus.ts';

const report = (message: Record<string, unknown>): void => void process.send?.(message);
const bus = createIpcMessageBus();
await bus.listen('greetings', (payload) => report({ heard: payload }));
process.on('message', (message: unknown) => {
  const say = (message as { say?: unknown } | null)?.say;
  if (typeof say === 'string') void bus.send('greetings', say);
  if (message === 'close') void bus.close().then(() => process.disconnect());
});
report({ ready: true });
