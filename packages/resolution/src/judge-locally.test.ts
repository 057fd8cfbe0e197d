import { RecordId, UserId, type EntityId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { judgeLocally } from './judge-locally.ts';
import type { Judgement } from './judgement.ts';
import { createResolutionIndex, type ResolutionIndex } from './resolution-index.ts';
import { EMPTY_SNAPSHOT } from './resolution-store.ts';
import { resolveRecords, type ResolvableRecord } from './resolve-records.ts';
import { reviewQueue } from './review-queue.ts';
import { person, twoGroups, twoPeople } from './test-fixtures.ts';

const AT = '2026-12-05T10:00:00.000Z';
const judgement = (a: string, b: string, verdict: Judgement['verdict']): Judgement => ({ a: RecordId(a), b: RecordId(b), verdict, by: UserId('u1'), at: AT });

/** Each record's fellow members, as sorted ids: the partition, whatever the entity ids. */
function partition(ids: readonly RecordId[], entities: readonly EntityId[]): Record<string, string> {
  const groups = new Map<EntityId, string[]>();
  ids.forEach((id, i) => groups.set(entities[i] as EntityId, [...(groups.get(entities[i] as EntityId) ?? []), id]));
  return Object.fromEntries(ids.map((id, i) => [id, (groups.get(entities[i] as EntityId) ?? []).sort().join(' ')]));
}

function resolved(records: readonly ResolvableRecord[]): ResolutionIndex {
  return createResolutionIndex(resolveRecords(records, { train: false, at: AT }).state);
}

/** What a full pass over the records makes of them with the judgement. */
function fullPass(records: readonly ResolvableRecord[], j: Judgement): Record<string, string> {
  const first = resolveRecords(records, { train: false, at: AT });
  const run = resolveRecords(records, { train: false, at: AT, snapshot: { ...EMPTY_SNAPSHOT, membership: new Map(first.state.ids.map((id, i) => [id, first.state.entities[i] as EntityId])), judgements: [j], entitySequence: first.state.entitySequence } });
  return partition(run.state.ids, run.state.entities);
}

describe('judgeLocally', () => {
  it('joins the two entities of a "same" as a full pass would, logged as the reviewer\'s merge, and asks nothing across it again', () => {
    const index = resolved(twoGroups);
    const { state } = index;
    const x = state.entities[0];
    const y = state.entities[2];
    expect(x).not.toBe(y);
    const j = judgement('x1', 'y1', 'same');
    const change = judgeLocally(index, j, { at: AT });
    expect(change).toBeDefined();
    expect(partition(state.ids, state.entities)).toEqual(fullPass(twoGroups, j));
    expect(state.entities[0]).toBe(state.entities[2]);
    expect(change?.mergeEvents.map((e) => e.kind)).toEqual(['judgement']);
    expect([...(change?.membership.keys() ?? [])].length).toBeGreaterThan(0);
    expect(index.members.get(state.entities[0] as EntityId)?.length).toBe(new Set(partition(state.ids, state.entities)['x1']?.split(' ')).size);
    const queued = reviewQueue(state, { limit: 50 }).map((item) => [item.a, item.b].sort().join('-'));
    expect(queued.filter((pair) => pair.includes('x') && pair.includes('y'))).toEqual([]);
  });

  it('splits an entity on a "not same" as a full pass would, the old id redirecting to the parts', () => {
    const index = resolved(twoPeople);
    const { state } = index;
    const before = state.entities[0];
    expect(state.entities[1]).toBe(before);
    const j = judgement('m1', 'm2', 'not_same');
    const change = judgeLocally(index, j, { at: AT });
    expect(partition(state.ids, state.entities)).toEqual(fullPass(twoPeople, j));
    expect(state.entities[0]).not.toBe(state.entities[1]);
    expect(change?.redirects).toEqual([expect.objectContaining({ from: before, reason: 'split' })]);
    expect(index.members.get(before as EntityId)).toBeUndefined();
  });

  it('moves nothing on "unsure", and leaves entities over the bound to a full pass', () => {
    const index = resolved(twoPeople);
    const entities = [...index.state.entities];
    expect(judgeLocally(index, judgement('m1', 'm2', 'unsure'), { at: AT })?.membership.size).toBe(0);
    expect(index.state.entities).toEqual(entities);
    const many = Array.from({ length: 12 }, (_, i) => person(`p${i}`, { name: ['Odalric Vennemann'], birthDate: ['1977-04-09'], passportNumber: ['EM0451236'] }));
    const large = resolved(many);
    expect(new Set(large.state.entities).size).toBe(1);
    expect(judgeLocally(large, judgement('p0', 'p1', 'not_same'), { at: AT, maxRecords: 10 })).toBeUndefined();
    // the judgement is recorded for the full pass that applies it
    expect(large.state.judgements.size).toBe(1);
  });

  it('moves nothing on a judgement made before the one in force on its pair, which stays in force as a full pass keeps it', () => {
    const index = resolved(twoPeople);
    const later = { ...judgement('m1', 'm2', 'not_same'), at: '2026-12-05T10:00:01.000Z' };
    judgeLocally(index, later, { at: later.at });
    const apart = [...index.state.entities];
    expect(apart[0]).not.toBe(apart[1]);
    // made a second earlier (stored during a full pass, say), applied after
    expect(judgeLocally(index, judgement('m1', 'm2', 'same'), { at: AT })?.membership.size).toBe(0);
    expect(index.state.entities).toEqual(apart);
    expect([...index.state.judgements.values()]).toEqual([later]);
  });
});
