import { emptyChange } from '@mosaic/resolution';
import { EntityId, RecordId, UserId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@mosaic/store';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { storeResolutionStore } from './store-resolution-store.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('storeResolutionStore', () => {
  it('reads every record\'s entity back page by page, letting other work run between pages', async () => {
    world = await openTestMosaic();
    let pauses = 0;
    const persistence = storeResolutionStore(world.mosaic.store, { betweenPages: async () => { pauses++; } });
    const membership = new Map(Array.from({ length: 4500 }, (_, i) => [RecordId(`fedpol:r${i}`), EntityId(`e${i % 1000}`)] as const));
    await persistence.commit({ ...emptyChange(1000), membership });
    // written in three parts (two turns between them, after the transaction of the rest)
    expect(pauses).toBe(3);
    pauses = 0;
    const snapshot = await persistence.load();
    expect(snapshot.membership).toEqual(membership);
    expect(snapshot.entitySequence).toBe(1000);
    expect(pauses).toBe(2);
  });

  it('writes a large membership after the id sequence and the redirects: a commit stopped half-way hands out no id twice, and the next commit writes it whole', async () => {
    world = await openTestMosaic();
    const { store } = world.mosaic;
    let parts = 0;
    // the second part of the membership fails (the node stopped there)
    const failing: Store = { ...store, transaction: (fn) => store.transaction((tx) => fn({ ...tx, putDocuments: async (docs) => { if (++parts === 2) throw new Error('stopped'); return tx.putDocuments(docs); } })) };
    const membership = new Map(Array.from({ length: 4500 }, (_, i) => [RecordId(`fedpol:r${i}`), EntityId(`e${i % 1000}`)] as const));
    const redirect = { from: EntityId('e-old'), to: [EntityId('e1'), EntityId('e2')], at: '2026-01-02T03:04:05.000Z', reason: 'split' as const };
    const change = { ...emptyChange(1000), membership, redirects: [redirect] };
    await expect(storeResolutionStore(failing).commit(change)).rejects.toThrow('stopped');
    const persistence = storeResolutionStore(store);
    const half = await persistence.load();
    expect(half.entitySequence).toBe(1000);
    expect(half.redirects.get(EntityId('e-old'))).toEqual(redirect);
    expect(half.membership.size).toBe(2000);
    await persistence.commit(change);
    expect((await persistence.load()).membership).toEqual(membership);
  });

  it('lists the merge events alone', async () => {
    world = await openTestMosaic();
    const persistence = storeResolutionStore(world.mosaic.store);
    const event = { id: 'm1', at: '2026-01-02T03:04:05.000Z', kind: 'automatic' as const, survivor: EntityId('e1'), absorbed: EntityId('e2'), absorbedRecords: [RecordId('fedpol:b')], link: [RecordId('fedpol:a'), RecordId('fedpol:b')] as [RecordId, RecordId], probability: 0.9 };
    await persistence.commit({ ...emptyChange(2), membership: new Map([[RecordId('fedpol:a'), EntityId('e1')]]), mergeEvents: [event] });
    expect(await persistence.mergeEvents()).toEqual([event]);
  });

  it('keeps two judgements of one pair made in the same millisecond (on two nodes) both', async () => {
    world = await openTestMosaic();
    const persistence = storeResolutionStore(world.mosaic.store);
    const at = '2026-01-02T03:04:05.000Z';
    const [a, b] = [RecordId('fedpol:a'), RecordId('fedpol:b')];
    const same = { a, b, verdict: 'same' as const, by: UserId('fedpol.analyst1'), at };
    const notSame = { a: b, b: a, verdict: 'not_same' as const, by: UserId('fedpol.analyst2'), at };
    await persistence.commit({ ...emptyChange(0), judgements: [same] });
    await persistence.commit({ ...emptyChange(0), judgements: [notSame] });
    expect(await persistence.judgementsOf(a, b)).toEqual([same, notSame]);
    expect((await persistence.load()).judgements).toEqual([same, notSame]);
  });
});
