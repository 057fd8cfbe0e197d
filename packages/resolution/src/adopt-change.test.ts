import { RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { adoptChange } from './adopt-change.ts';
import { judgeLocally } from './judge-locally.ts';
import type { Judgement } from './judgement.ts';
import { addRecord, createResolutionIndex, type ResolutionIndex } from './resolution-index.ts';
import { resolveRecords } from './resolve-records.ts';
import { person, twoGroups } from './test-fixtures.ts';
import { undoLocally } from './undo-locally.ts';
import { undoMerge } from './undo-merge.ts';

const AT = '2026-12-05T10:00:00.000Z';
const judgement = (a: string, b: string, verdict: Judgement['verdict']): Judgement => ({ a: RecordId(a), b: RecordId(b), verdict, by: UserId('u1'), at: AT });

/** Two nodes' indexes: one run each over the same records, as two nodes started on one store. */
function twoNodes(): [ResolutionIndex, ResolutionIndex] {
  return [0, 1].map(() => createResolutionIndex(resolveRecords(twoGroups, { train: false, at: AT }).state)) as [ResolutionIndex, ResolutionIndex];
}

describe('adoptChange', () => {
  it('gives another node the entities and ids a judgement made here, and the next new entity the same id on both', () => {
    const [here, there] = twoNodes();
    const split = judgeLocally(here, judgement('x1', 'x2', 'not_same'), { at: AT })!;
    expect(split.entitySequence).toBeGreaterThan(there.sequence);
    adoptChange(there, split);
    expect(there.state.entities).toEqual(here.state.entities);
    expect(there.sequence).toBe(here.sequence);
    const newcomer = person('z1', { name: ['Chidi Okonkwo'], birthDate: ['1979-02-09'] });
    expect(addRecord(there, newcomer, { at: AT }).entity).toBe(addRecord(here, newcomer, { at: AT }).entity);
  });

  it('moves a record still under an id the change merged away into the survivor', () => {
    const [here, there] = twoNodes();
    const joined = judgeLocally(here, judgement('x1', 'y1', 'same'), { at: AT })!;
    const [redirect] = joined.redirects;
    expect(redirect?.reason).toBe('merge');
    // a record the other node put in the absorbed entity before it heard of the judgement
    const late = joined.membership.keys().next().value!;
    const moved = adoptChange(there, { ...joined, membership: new Map([...joined.membership].filter(([record]) => record !== late)) });
    expect(moved.get(late)).toBe(redirect!.to[0]);
    expect(there.state.entities).toEqual(here.state.entities);
  });
});

describe('undoLocally', () => {
  it('gives the absorbed entity its records and id back and keeps the two apart', () => {
    const [index] = twoNodes();
    const joined = judgeLocally(index, judgement('x1', 'y1', 'same'), { at: AT })!;
    const [event] = joined.mergeEvents;
    const membership = new Map(index.state.ids.map((id, i) => [id, index.state.entities[i]!]));
    const undo = undoMerge({ judgements: [], membership, redirects: new Map(joined.redirects.map((r) => [r.from, r])), mergeEvents: joined.mergeEvents, entitySequence: index.sequence }, event!.id, { by: UserId('u1'), at: '2026-12-05T11:00:00.000Z' });
    const clustered = undoLocally(index, undo, { at: '2026-12-05T11:00:00.000Z' });
    expect(clustered).toBeDefined();
    const entityOf = (id: string): string => index.state.entities[index.state.ids.indexOf(RecordId(id))]!;
    expect(entityOf('x1')).not.toBe(entityOf('y1'));
    expect([entityOf('x1'), entityOf('y1')]).toContain(event!.absorbed);
    expect([entityOf('x1'), entityOf('y1')]).toContain(event!.survivor);
  });
});
