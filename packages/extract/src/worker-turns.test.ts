import { describe, expect, it } from 'vitest';
import { createTurns, NoTurnLeft } from './worker-turns.ts';

describe('turns for work in worker threads', () => {
  it('gives at most its size at once, the others in the order they asked as turns end', async () => {
    const turns = createTurns(2);
    const order: number[] = [];
    const ends = await Promise.all([turns.take(), turns.take()]);
    const later = [3, 4].map((n) => turns.take().then((end) => { order.push(n); return end; }));
    await new Promise((done) => setTimeout(done, 10));
    expect({ running: turns.running, waiting: turns.waiting, order }).toEqual({ running: 2, waiting: 2, order: [] });
    ends[0]!();
    ends[0]!();
    const third = await later[0]!;
    expect({ running: turns.running, waiting: turns.waiting, order }).toEqual({ running: 2, waiting: 1, order: [3] });
    ends[1]!();
    third();
    (await later[1]!)();
    expect({ running: turns.running, waiting: turns.waiting, order }).toEqual({ running: 0, waiting: 0, order: [3, 4] });
  });

  it('refuses at once a turn asked for while waitingAtMost others wait, and gives one again once the queue is shorter', async () => {
    const turns = createTurns(1, { waitingAtMost: 2 });
    const first = await turns.take();
    const queued = [turns.take(), turns.take()];
    await expect(turns.take()).rejects.toBeInstanceOf(NoTurnLeft);
    expect({ running: turns.running, waiting: turns.waiting }).toEqual({ running: 1, waiting: 2 });
    first();
    const second = await queued[0]!;
    const fourth = turns.take();
    expect(turns.waiting).toBe(2);
    second();
    (await queued[1]!)();
    (await fourth)();
    expect({ running: turns.running, waiting: turns.waiting }).toEqual({ running: 0, waiting: 0 });
  });
});
