import { validateRecord, type RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from './change-follower.ts';
import { openTestMosaic, testProvenance, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('followChanges', () => {
  it('a catch-up asked for while another runs applies the changes committed before it was asked', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    // the feed as the store gives it, except that one read can be held after it has been made
    let hold: Promise<void> | undefined;
    const feed = new Proxy(mosaic.store, {
      get: (target, property, receiver) => (property === 'changesSince'
        ? async (...args: Parameters<Store['changesSince']>) => {
          const changes = await target.changesSince(...args);
          if (hold) await hold;
          return changes;
        }
        : Reflect.get(target, property, receiver) as unknown),
    });
    const applied: RecordId[] = [];
    const follower = followChanges(feed, [{ name: 'test', apply: (changes) => { applied.push(...changes.map((c) => c.id)); } }]);

    let release = (): void => undefined;
    hold = new Promise((resolve) => { release = resolve; });
    const first = follower.catchUp(); // reads an empty feed, then waits
    await new Promise((resolve) => setImmediate(resolve));
    const v = validateRecord(mosaic.registry, { id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'] }, provenance: testProvenance('fedpol') });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await mosaic.store.putRecords([v.record], { actor: 'test' });
    const second = follower.catchUp();
    hold = undefined;
    release();
    expect(await first).toBe(0);
    expect(await second).toBe(1);
    expect(applied).toEqual([v.record.id]);
    // callers that ask while a step runs share the one queued after it
    expect(follower.catchUp()).toBe(follower.catchUp());
    await follower.catchUp();
  });

  it('hands a large feed to the projections a slice at a time, and lets the event loop run between slices', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const records = Array.from({ length: 1000 }, (_, i) => {
      const v = validateRecord(mosaic.registry, { id: `bulk${i}`, schema: 'Person', properties: { name: [`Bulk Person ${i}`] }, provenance: testProvenance('fedpol') });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.record;
    });
    await mosaic.store.putRecords(records, { actor: 'test' });
    // An event-loop turn counter, and a projection as slow as resolving each record would be.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const slices: { size: number; turn: number }[] = [];
    const slow = { name: 'slow', apply: (changes: readonly { id: RecordId }[]) => {
      const until = performance.now() + 15;
      while (performance.now() < until) { /* work that holds the thread */ }
      slices.push({ size: changes.length, turn: turns });
    } };
    expect(await followChanges(mosaic.store, [slow]).catchUp()).toBe(1000);
    ticking = false;
    expect(slices.reduce((sum, s) => sum + s.size, 0)).toBe(1000);
    expect(slices.length).toBeGreaterThan(1);
    for (let i = 1; i < slices.length; i++) expect(slices[i]?.turn).toBeGreaterThan(slices[i - 1]?.turn ?? Infinity);
  });
});
