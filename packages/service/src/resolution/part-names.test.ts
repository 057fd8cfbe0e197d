import { EntityId, RecordId } from '@mosaic/model';
import type { MergeEvent } from '@mosaic/resolution';
import { describe, expect, it } from 'vitest';
import { partNames } from './part-names.ts';

const ids = (...names: string[]) => names.map((n) => RecordId(n));
const merge = (absorbed: string, survivor: string, records: string[], undone = false): MergeEvent => ({
  id: `m:${absorbed}>${survivor}`, at: '2026-12-01T00:00:00Z', kind: 'automatic', survivor: EntityId(survivor), absorbed: EntityId(absorbed),
  absorbedRecords: ids(...records), link: [RecordId(records[0] ?? ''), RecordId('x')], probability: 0.99, ...(undone ? { undone: { by: 'someone', at: '2026-12-02T00:00:00Z' } } : {}),
});

describe('partNames', () => {
  // e1 held a1 and a2; e2 (b1, and c1 that e3 brought it) joined it through the hidden h
  const members = ids('a1', 'a2', 'b1', 'c1', 'h');
  const merges = [merge('e2', 'e1', ['b1', 'c1']), merge('e3', 'e2', ['c1'])];
  const named = (parts: string[][], events = merges) => partNames({ entity: EntityId('e1'), members, merges: events, parts: parts.map((p) => ids(...p)) }).named;

  it('names each part after the entity whose own records it holds, down the merges', () => {
    expect(named([['a1', 'a2'], ['b1'], ['c1']])).toEqual([{ id: 'e1', records: ['a1', 'a2'] }, { id: 'e2', records: ['b1'] }, { id: 'e3', records: ['c1'] }]);
    // a part the reader sees joined on visible evidence goes by the survivor's id
    expect(named([['a1', 'b1'], ['c1']])).toEqual([{ id: 'e1', records: ['a1', 'b1'] }, { id: 'e3', records: ['c1'] }]);
    // a part holding only what an absorbed entity brought keeps that entity's id, even alone
    expect(named([['b1', 'c1']])).toEqual([{ id: 'e2', records: ['b1', 'c1'] }]);
  });

  it('leaves unnamed a second part of one entity\'s own records, and follows no undone merge', () => {
    expect(named([['a1'], ['a2']])).toEqual([{ id: 'e1', records: ['a1'] }]);
    expect(named([['a1'], ['b1']], [merge('e2', 'e1', ['b1', 'c1'], true)])).toEqual([{ id: 'e1', records: ['a1'] }]);
  });

  it('tells the own records of each id of the entity\'s history, and none of another', () => {
    const names = partNames({ entity: EntityId('e1'), members, merges, parts: [] });
    expect([...(names.ownRecords(EntityId('e2')) ?? [])]).toEqual(['b1']);
    expect([...(names.ownRecords(EntityId('e1')) ?? [])]).toEqual(['a1', 'a2', 'h']);
    expect(names.ownRecords(EntityId('e9'))).toBeUndefined();
  });
});
