import type { StoredDocument } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { whileClaimed, type ClaimStore } from './claim-lease.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const options = { staleMs: 1_000, waitMs: 10_000, busy: () => new Error('busy') };
const claim = { kind: 'test-claim', id: 'r1', owner: 'fedpol' };

describe('work done while holding a claim', () => {
  it('takes over a stale claim on one node only, when two nodes read it stale at once', async () => {
    world = await openTestMosaic({ now: () => new Date() });
    const store = world.mosaic.store;
    // a node stopped while holding the claim
    await store.createDocument({ ...claim, body: { claim: 'left', by: 'stopped' } });
    await pause(1_050);
    // node b reads the stale claim, and takes 60 ms to act on it: node a takes the claim over meanwhile
    const slowReader: ClaimStore = {
      createDocument: (d) => store.createDocument(d),
      deleteDocumentIf: (kind, id, body) => store.deleteDocumentIf(kind, id, body),
      renewDocumentIf: (kind, id, body) => store.renewDocumentIf(kind, id, body),
      async getDocument(kind, id): Promise<StoredDocument | undefined> {
        const read = await store.getDocument(kind, id);
        await pause(60);
        return read;
      },
    };
    let working = 0;
    let most = 0;
    const work = (name: string) => async () => {
      working += 1;
      most = Math.max(most, working);
      await pause(150);
      working -= 1;
      return name;
    };
    const a = whileClaimed(store, { ...claim, by: 'a' }, options, work('a'));
    const b = whileClaimed(slowReader, { ...claim, by: 'b' }, options, work('b'));
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(most).toBe(1);
    expect(await store.getDocument(claim.kind, claim.id)).toBeUndefined();
  });

  it('writes its claim again while the work runs, so that work longer than staleMs is not taken over, and a claim no longer written is', async () => {
    world = await openTestMosaic({ now: () => new Date() });
    const store = world.mosaic.store;
    const renewing = { ...options, staleMs: 300, renewMs: 50 };
    let working = 0;
    let most = 0;
    const work = (ms: number) => async () => {
      working += 1;
      most = Math.max(most, working);
      await pause(ms);
      working -= 1;
    };
    const long = whileClaimed(store, { ...claim, by: 'long' }, renewing, work(1_000));
    await pause(100);
    const waiting = whileClaimed(store, { ...claim, by: 'waiting' }, renewing, work(10));
    await Promise.all([long, waiting]);
    expect(most).toBe(1);

    // a node stopped while holding the claim writes it no more: taken over once stale
    await store.createDocument({ ...claim, body: { claim: 'left', by: 'stopped' } });
    const started = Date.now();
    await whileClaimed(store, { ...claim, by: 'next' }, renewing, work(10));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('leaves a claim another node made after its own was taken over', async () => {
    world = await openTestMosaic({ now: () => new Date() });
    const store = world.mosaic.store;
    const done = whileClaimed(store, { ...claim, by: 'slow' }, options, async () => {
      // too slow: its claim went stale, another node took it over
      const held = await store.getDocument(claim.kind, claim.id);
      expect(await store.deleteDocumentIf(claim.kind, claim.id, held!.body)).toBe(true);
      expect(await store.createDocument({ ...claim, body: { claim: 'other', by: 'other' } })).toBe(true);
    });
    await done;
    expect((await store.getDocument(claim.kind, claim.id))?.body).toEqual({ claim: 'other', by: 'other' });
  });
});
