/** Contract of a ResolutionStore; a real store runs the same suite with its own factory. */
import { EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { memoryResolutionStore } from './memory-resolution-store.ts';
import { emptyChange, type ResolutionStore } from './resolution-store.ts';

export function resolutionStoreContract(name: string, make: () => ResolutionStore): void {
  describe(`${name} (ResolutionStore contract)`, () => {
    it('starts empty and keeps what is committed', async () => {
      const store = make();
      expect((await store.load()).membership.size).toBe(0);
      await store.commit({ ...emptyChange(3), membership: new Map([[RecordId('r1'), EntityId('e3')]]) });
      const s = await store.load();
      expect(s.membership.get(RecordId('r1'))).toBe(EntityId('e3'));
      expect(s.entitySequence).toBe(3);
      // a deleted record's membership is dropped
      await store.commit({ ...emptyChange(3), membership: new Map([[RecordId('r2'), EntityId('e3')]]), removedMembers: [RecordId('r1')] });
      expect([...(await store.load()).membership]).toEqual([[RecordId('r2'), EntityId('e3')]]);
    });
    it('follows redirect chains to a list of live ids, and drops removed redirects', async () => {
      const store = make();
      const at = '2026-01-01T00:00:00Z';
      await store.commit({ ...emptyChange(0), redirects: [{ from: EntityId('e1'), to: [EntityId('e2'), EntityId('e3')], reason: 'split', at }, { from: EntityId('e2'), to: [EntityId('e4')], reason: 'merge', at }] });
      expect(await store.resolveEntityId(EntityId('e1'))).toEqual([EntityId('e4'), EntityId('e3')]);
      await store.commit({ ...emptyChange(0), removedRedirects: [EntityId('e2')] });
      expect(await store.resolveEntityId(EntityId('e1'))).toEqual([EntityId('e2'), EntityId('e3')]);
    });
    it('keeps the judgement history of a pair with who and when, oldest first', async () => {
      const store = make();
      const j = (verdict: 'same' | 'not_same', at: string, by: string) => ({ a: RecordId('b'), b: RecordId('a'), verdict, by: UserId(by), at });
      await store.commit({ ...emptyChange(0), judgements: [j('not_same', '2026-01-02T00:00:00Z', 'u2'), j('same', '2026-01-01T00:00:00Z', 'u1')] });
      expect((await store.judgementsOf(RecordId('a'), RecordId('b'))).map((x) => [x.verdict, x.by])).toEqual([['same', 'u1'], ['not_same', 'u2']]);
    });
  });
}

resolutionStoreContract('memoryResolutionStore', () => memoryResolutionStore());
