import { RecordId, type EntityId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { candidatesOf, createResolutionIndex, type ResolutionIndex } from './resolution-index.ts';
import { pairProbability, resolveRecords, type ResolvableRecord } from './resolve-records.ts';
import { reviewQueue } from './review-queue.ts';
import { person, twoPeople } from './test-fixtures.ts';
import { removeLocally, updateLocally } from './update-locally.ts';

const AT = '2026-12-05T10:00:00.000Z';

function resolved(records: readonly ResolvableRecord[]): ResolutionIndex {
  return createResolutionIndex(resolveRecords(records, { train: false, at: AT }).state);
}

/** The partition as sets of ids, whatever the entity ids. */
function partition(ids: readonly RecordId[], entities: readonly EntityId[]): string[] {
  const groups = new Map<EntityId, string[]>();
  ids.forEach((id, i) => groups.set(entities[i] as EntityId, [...(groups.get(entities[i] as EntityId) ?? []), id]));
  return [...groups.values()].map((g) => g.sort().join(' ')).sort();
}

const tomasz = twoPeople[2] as ResolvableRecord;
/** m2 corrected: it was Tomasz Wróbel's record, not Mira Vandersteen's. */
const corrected: ResolvableRecord = { ...tomasz, id: RecordId('m2') };

describe('updateLocally', () => {
  it('moves a corrected record from its entity to the one it now links to, as a full pass over the records as they are', () => {
    const index = resolved(twoPeople);
    const { state } = index;
    const mira = state.entities[0] as EntityId;
    expect(state.entities[1]).toBe(mira);
    const change = updateLocally(index, corrected, { at: AT });
    expect(change).toBeDefined();
    expect(state.entities[1]).toBe(state.entities[2]);
    expect(state.entities[0]).not.toBe(state.entities[1]);
    const records = twoPeople.map((r) => (r.id === corrected.id ? corrected : r));
    const full = resolveRecords(records, { train: false, at: AT }).state;
    expect(partition(state.ids, state.entities)).toEqual(partition(full.ids, full.entities));
    // the moved record and the one left behind are in the change to commit; the id rules hold
    expect([...(change?.membership.keys() ?? [])]).toContain(RecordId('m2'));
    expect(index.members.get(state.entities[1] as EntityId)?.sort()).toEqual([1, 2, 3]);
    // blocked under its new name: a record arriving with that name is compared with it
    expect(candidatesOf(index, { schema: 'Person', properties: { name: ['Tomasz Wrobel'], birthDate: ['1979-12-01'] } }).map((c) => c.record)).toContain(RecordId('m2'));
  });

  it('leaves entities over the bound, and a record that changed schema group, to a full pass, changing nothing', () => {
    const many = Array.from({ length: 12 }, (_, i) => person(`p${i}`, { name: ['Odalric Vennemann'], birthDate: ['1977-04-09'], passportNumber: ['EM0451236'] }));
    const index = resolved(many);
    const before = index.state.prepared[0];
    expect(updateLocally(index, person('p0', { name: ['Odalric Venneman'], birthDate: ['1977-04-09'] }), { at: AT, maxRecords: 10 })).toBeUndefined();
    expect(index.state.prepared[0]).toBe(before);
    const small = resolved(twoPeople);
    expect(updateLocally(small, { id: RecordId('m1'), schema: 'Organization', properties: { name: ['Vandersteen BV'] } }, { at: AT })).toBeUndefined();
    expect(updateLocally(small, person('nobody', { name: ['Nobody'] }), { at: AT })).toBeUndefined();
  });

  it('takes a deleted record out of its entity and clusters what it leaves behind again, as a full pass without it', () => {
    const index = resolved(twoPeople);
    const { state } = index;
    const mira = state.entities[0] as EntityId;
    const change = removeLocally(index, RecordId('m2'), { at: AT });
    expect(change?.removedMembers).toEqual([RecordId('m2')]);
    // m1 keeps its entity; m2 is in no entity's members and no record is compared with it again
    expect(index.members.get(mira)).toEqual([0]);
    expect(state.entities[0]).toBe(mira);
    const full = resolveRecords(twoPeople.filter((r) => r.id !== 'm2'), { train: false, at: AT }).state;
    const live = state.ids.flatMap((id, i) => (id === 'm2' ? [] : [[id, state.entities[i] as EntityId] as const]));
    expect(partition(live.map(([id]) => id), live.map(([, e]) => e))).toEqual(partition(full.ids, full.entities));
    expect(candidatesOf(index, twoPeople[1] as ResolvableRecord).map((c) => c.record)).toEqual([RecordId('m1')]);
    // a record removed twice, or never resolved here, changes nothing
    expect(removeLocally(index, RecordId('m2'), { at: AT })).toBeUndefined();
    expect(removeLocally(index, RecordId('nobody'), { at: AT })).toBeUndefined();
  });

  describe('the review queue after a correction or a deletion', () => {
    // two pairs the model is unsure about: o1-o2 (same name but for one letter, nothing else to
    // go on) and f1-f2 (one letter apart, born the same year)
    const records = [
      person('o1', { name: ['Odile Marchetti'], birthDate: ['1984'] }),
      person('o2', { name: ['Odile Marketti'], nationality: ['fr'] }),
      person('f1', { name: ['Lucien Fabre'], birthDate: ['1962-03-04'], nationality: ['fr'] }),
      person('f2', { name: ['Lucien Favre'], birthDate: ['1962'] }),
    ];
    const asked = (index: ResolutionIndex): string[] => reviewQueue(index.state).map((q) => `${q.a} ${q.b}`).sort();

    it('asks about a corrected record as it is now: a pair it no longer resembles leaves the queue', () => {
      const index = resolved(records);
      expect(asked(index)).toEqual(['f1 f2', 'o1 o2']);
      // o2 was another person's record altogether
      expect(updateLocally(index, person('o2', { name: ['Gaspard Lenoir'], nationality: ['fr'] }), { at: AT })).toBeDefined();
      expect(asked(index)).toEqual(['f1 f2']);
      const { state } = index;
      for (let k = 0; k < state.pairs.count; k++) {
        expect(state.probabilities[k]).toBeCloseTo(pairProbability(state, state.pairs.left[k] as number, state.pairs.right[k] as number), 6);
      }
    });

    it('asks nothing about a deleted record', () => {
      const index = resolved(records);
      expect(removeLocally(index, RecordId('f2'), { at: AT })).toBeDefined();
      expect(asked(index)).toEqual(['o1 o2']);
    });
  });
});
