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
});
