import { RecordId, UserId, type EntityId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import type { Judgement } from './judgement.ts';
import { memoryResolutionStore } from './memory-resolution-store.ts';
import { resolveRecords, type ResolvableRecord } from './resolve-records.ts';
import { person, twoGroups } from './test-fixtures.ts';
import { undoMerge } from './undo-merge.ts';
import { undoLocally } from './undo-locally.ts';
import { judgeLocally } from './judge-locally.ts';
import { createResolutionIndex } from './resolution-index.ts';

const at = (minute: number): string => `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`;
const same = (a: string, b: string, minute: number): Judgement => ({ a: RecordId(a), b: RecordId(b), verdict: 'same', by: UserId('analyst-1'), at: at(minute) });

/** One fictional person recorded three times (x1 to x3), and two others once each (y, z). */
const records: readonly ResolvableRecord[] = [
  person('x1', { name: ['Bartholomeus Verhulpen'], birthDate: ['1958-08-08'], passportNumber: ['BE1112223'] }),
  person('x2', { name: ['Bartholomeus Verhulpen'], birthDate: ['1958-08-08'], passportNumber: ['BE1112223'] }),
  person('x3', { name: ['Bartholomeus Verhulpen'], birthDate: ['1958-08-08'], passportNumber: ['BE1112223'] }),
  person('y', { name: ['Cornelis Achterhuis'], birthDate: ['1963-04-04'] }),
  person('z', { name: ['Dirkjan Moerbeeke'], birthDate: ['1964-05-05'] }),
];

async function run(store: ReturnType<typeof memoryResolutionStore>, minute: number) {
  const result = resolveRecords(records, { snapshot: await store.load(), train: false, at: at(minute) });
  await store.commit(result.change);
  const entityOf = (id: string): EntityId => result.state.entities[result.state.ids.indexOf(RecordId(id))] as EntityId;
  return { entityOf, splits: result.stats.splits };
}

describe('undoMerge', () => {
  it('gives an absorbed entity its id and records back from the entity its survivor was later absorbed into, which keeps its id', async () => {
    const store = memoryResolutionStore();
    const first = await run(store, 0);
    const x = first.entityOf('x1');
    expect(new Set(['x1', 'x2', 'x3', 'y', 'z'].map(first.entityOf)).size).toBe(3);
    // y and z judged one: one of their entities absorbs the other
    await store.commit({ judgements: [same('y', 'z', 1)], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: 0 });
    await run(store, 1);
    const inner = (await store.load()).mergeEvents[0]!;
    // then y and x1: x's entity absorbs theirs
    await store.commit({ judgements: [same('x1', 'y', 2)], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: 0 });
    const joined = await run(store, 2);
    for (const id of ['x1', 'x2', 'x3', 'y', 'z']) expect(joined.entityOf(id)).toBe(x);
    expect(await store.resolveEntityId(inner.survivor)).toEqual([x]);

    const change = undoMerge(await store.load(), inner.id, { by: UserId('analyst-2'), at: at(3) });
    expect([...change.membership]).toEqual(inner.absorbedRecords.map((r) => [r, inner.absorbed]));
    await store.commit(change);
    expect(await store.resolveEntityId(inner.absorbed)).toEqual([inner.absorbed]);
    // the not-same judgement holds in every later run: no split, no new id
    const back = inner.absorbed === first.entityOf('z') ? 'z' : 'y';
    const kept = back === 'z' ? 'y' : 'z';
    for (let minute = 4; minute < 6; minute++) {
      const rerun = await run(store, minute);
      expect(rerun.splits).toBe(0);
      expect(rerun.entityOf(back)).toBe(inner.absorbed);
      for (const id of ['x1', 'x2', 'x3', kept]) expect(rerun.entityOf(id)).toBe(x);
    }
    expect(await store.resolveEntityId(inner.survivor)).toEqual([x]);
  });

  it('keeps apart the two sides of a merge a "same" made, undone, when the pair judged is not the merge\'s link', async () => {
    const store = memoryResolutionStore();
    const pass = async (minute: number) => {
      const result = resolveRecords(twoGroups, { snapshot: await store.load(), train: false, at: at(minute) });
      await store.commit(result.change);
      return (id: string): EntityId => result.state.entities[result.state.ids.indexOf(RecordId(id))] as EntityId;
    };
    const first = await pass(0);
    expect(first('x1')).not.toBe(first('y1'));
    // x1 and y4 (a bare name and a nationality) judged one: the merge's link is the strongest pair across, x-y1 or x-y2
    await store.commit({ judgements: [same('x1', 'y4', 1)], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: 0 });
    const joined = await pass(1);
    expect(joined('x1')).toBe(joined('y4'));
    const merge = (await store.load()).mergeEvents.find((e) => e.kind === 'judgement')!;
    expect(merge.link.map(String).sort()).not.toEqual(['x1', 'y4']);

    const change = undoMerge(await store.load(), merge.id, { by: UserId('analyst-2'), at: at(2) });
    await store.commit(change);
    // the "same" is overruled by the undo, on its own pair: the two sides stay apart in every later run
    for (let minute = 3; minute < 5; minute++) {
      const rerun = await pass(minute);
      expect(rerun('x1')).not.toBe(rerun('y4'));
      expect(rerun('x2')).not.toBe(rerun('y1'));
      expect(rerun(merge.absorbedRecords[0]!)).toBe(merge.absorbed);
    }
    expect(await store.judgementsOf(RecordId('x1'), RecordId('y4'))).toEqual([same('x1', 'y4', 1), expect.objectContaining({ verdict: 'not_same', by: 'analyst-2', at: at(2) })]);
  });

  it('gives both sides of a judged merge back on the entities in memory, as a node undoes it, the survivor keeping its id', () => {
    const index = createResolutionIndex(resolveRecords(twoGroups, { train: false, at: at(0) }).state);
    const { state } = index;
    const entityOf = (id: string): EntityId => state.entities[state.ids.indexOf(RecordId(id))] as EntityId;
    const [x, y] = [entityOf('x1'), entityOf('y1')];
    const judged = judgeLocally(index, same('x1', 'y4', 1), { at: at(1) })!;
    const merge = judged.mergeEvents[0]!;
    expect(merge.link.map(String).sort()).not.toEqual(['x1', 'y4']);
    const snapshot = {
      judgements: [...state.judgements.values()], membership: new Map(state.ids.map((id, i) => [id, state.entities[i] as EntityId])),
      redirects: new Map(judged.redirects.map((r) => [r.from, r])), mergeEvents: judged.mergeEvents, entitySequence: index.sequence,
    };
    const undo = undoMerge(snapshot, merge.id, { by: UserId('analyst-2'), at: at(2) });
    const clustered = undoLocally(index, undo, { at: at(2) })!;
    expect(['x1', 'x2'].map(entityOf)).toEqual([x, x]);
    expect(['y1', 'y2', 'y3', 'y4'].map(entityOf)).toEqual([y, y, y, y]);
    expect(clustered.redirects).toEqual([]);
  });
});
