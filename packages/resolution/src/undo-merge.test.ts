import { RecordId, UserId, type EntityId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import type { Judgement } from './judgement.ts';
import { memoryResolutionStore } from './memory-resolution-store.ts';
import { resolveRecords, type ResolvableRecord } from './resolve-records.ts';
import { person } from './test-fixtures.ts';
import { undoMerge } from './undo-merge.ts';

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
});
