import { RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { addRecord, candidatesOf, createResolutionIndex } from './resolution-index.ts';
import { resolveRecords } from './resolve-records.ts';
import { person, twoPeople } from './test-fixtures.ts';

const at = '2026-01-01T00:00:00Z';

describe('incremental resolution', () => {
  it('attaches a new record of a known person to that entity, and gives a stranger a new one', () => {
    const run = resolveRecords(twoPeople, { train: false, at });
    const index = createResolutionIndex(run.state);
    const mira = run.state.entities[0];
    const again = addRecord(index, person('m9', { name: ['Mira Vandersteen'], birthDate: ['1991-06-14'], nationality: ['be'] }), { at });
    expect(again.outcome).toBe('attached');
    expect(again.entity).toBe(mira);
    expect(again.change.membership.get(RecordId('m9'))).toBe(mira);
    const stranger = addRecord(index, person('s1', { name: ['Odile Fontaine'], birthDate: ['1950-01-30'] }), { at });
    expect(stranger.outcome).toBe('new');
    expect(new Set(run.state.entities.slice(0, 5)).has(stranger.entity)).toBe(false);
    expect(index.members.get(stranger.entity)).toHaveLength(1);
  });

  it('finds the namesake born closest in a block over the cap', () => {
    // thirty namesakes born the same year: every name key's block is over the cap of 10
    const pad = (x: number): string => String(x).padStart(2, '0');
    const crowd = Array.from({ length: 30 }, (_, i) => person(`n${i}`, { name: ['Samir Benali'], birthDate: [`1971-${pad(1 + Math.floor(i / 3))}-${pad(3 + (i % 3) * 9)}`], nationality: ['be'] }));
    const run = resolveRecords(crowd, { train: false, at, blocking: { maxBlockSize: 10, blockWindow: 3, looseWindow: 3, window: 1 } });
    expect(run.stats.blocking.cappedBlocks).toBeGreaterThan(0);
    const index = createResolutionIndex(run.state);
    // n10 was born 1971-04-12; the new record's day is mistyped, so no full-date key finds it
    const proposed = candidatesOf(index, { schema: 'Person', properties: { name: ['Samir Benali'], birthDate: ['1971-04-14'], nationality: ['be'] } });
    expect(proposed.map((c) => c.record)).toEqual([RecordId('n10'), RecordId('n11')]);
    const added = addRecord(index, person('n99', { name: ['Samir Benali'], birthDate: ['1971-04-14'], nationality: ['be'] }), { at });
    expect(added.candidates).toBe(2);
  });

  it('merges two entities that a new record links strongly, and logs the merge', () => {
    const records = [
      person('x', { name: ['Jan Peeters'], passportNumber: ['EH123456'] }),
      person('y', { name: ['Peeters'], birthDate: ['1970-03-02'], gender: ['male'] }),
    ];
    // about 5 bits of evidence above the reference prior of a data set this small
const thresholds = { link: 0.017, merge: 0.017 };
    const run = resolveRecords(records, { train: false, at, thresholds });
    const [ex, ey] = run.state.entities;
    expect(ex).not.toBe(ey);
    const index = createResolutionIndex(run.state);
    const z = addRecord(index, person('z', { name: ['Jan Peeters'], passportNumber: ['EH123456'], birthDate: ['1970-03-02'] }), { at });
    expect(z.outcome).toBe('merged');
    expect(run.state.entities[0]).toBe(run.state.entities[1]);
    expect(z.change.mergeEvents).toHaveLength(1);
    expect(z.change.redirects.map((r) => r.to)).toEqual([[z.entity]]);
  });

  it('does not attach when a judgement says not_same', () => {
    const run = resolveRecords(twoPeople, {
      train: false, at,
      snapshot: { judgements: [{ a: RecordId('k2'), b: RecordId('k1'), verdict: 'not_same', by: UserId('u'), at }], membership: new Map(), redirects: new Map(), mergeEvents: [], entitySequence: 0 },
    });
    const index = createResolutionIndex(run.state);
    const k2 = addRecord(index, person('k2', { name: ['Katrien Olbrechts'], birthDate: ['1965-02-27'], nationality: ['be'] }), { at });
    expect(k2.outcome).toBe('new');
    expect(k2.entity).not.toBe(run.state.entities[4]);
  });

  it('lists the candidates a record would be compared with, best first, without adding it', () => {
    const run = resolveRecords(twoPeople, { train: false, at });
    const index = createResolutionIndex(run.state);
    const before = run.state.ids.length;
    const found = candidatesOf(index, { schema: 'Person', properties: { name: ['Mira Vandersteen'], birthDate: ['1991-06-14'] } });
    expect(run.state.ids.length).toBe(before);
    expect(found[0]?.entity).toBe(run.state.entities[0]);
    expect(found[0]?.probability).toBeGreaterThan(0.5);
    for (let i = 1; i < found.length; i++) expect(found[i - 1]!.probability).toBeGreaterThanOrEqual(found[i]!.probability);
    expect(candidatesOf(index, { schema: 'Person', properties: { name: ['Odile Fontaine'], birthDate: ['1950-01-30'] } }).every((c) => c.probability < 0.5)).toBe(true);
    expect(candidatesOf(index, { schema: 'Phone', properties: { number: ['+32 2 000 00 01'] } })).toEqual([]);
  });
});
