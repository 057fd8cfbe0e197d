import { RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { addRecord, createResolutionIndex } from './resolution-index.ts';
import { resolveRecords } from './resolve-records.ts';
import { person } from './test-fixtures.ts';
import { visibleParts } from './visible-parts.ts';

const at = '2026-01-01T00:00:00Z';
// about 5 bits of evidence above the reference prior of a data set this small
const thresholds = { link: 0.017, merge: 0.017 };
const ids = (...xs: string[]) => new Set(xs.map((x) => RecordId(x)));

/** x and y are not alike enough to merge on their own; z, holding both their facts, bridges them. */
function bridged(judgements: { a: string; b: string; verdict: 'same' | 'not_same' }[] = []) {
  const records = [
    person('x', { name: ['Jan Peeters'], passportNumber: ['EH123456'] }),
    person('y', { name: ['Peeters'], birthDate: ['1970-03-02'], gender: ['male'] }),
  ];
  const snapshot = { judgements: judgements.map((j) => ({ a: RecordId(j.a), b: RecordId(j.b), verdict: j.verdict, by: UserId('u'), at })), membership: new Map(), redirects: new Map(), mergeEvents: [], entitySequence: 0 };
  const run = resolveRecords(records, { train: false, at, thresholds, snapshot });
  const index = createResolutionIndex(run.state);
  const z = addRecord(index, person('z', { name: ['Jan Peeters'], passportNumber: ['EH123456'], birthDate: ['1970-03-02'] }), { at });
  return { index, entity: z.entity, outcome: z.outcome };
}

describe('visibleParts', () => {
  it('splits an entity held together only by a record the viewer may not see', () => {
    const { index, entity, outcome } = bridged();
    expect(outcome).toBe('merged');
    expect(visibleParts(index, entity, ids('x', 'y', 'z'))).toEqual([['x', 'y', 'z']]);
    expect(visibleParts(index, entity, ids('x', 'z'))).toEqual([['x', 'z']]);
    expect(visibleParts(index, entity, ids('x', 'y'))).toEqual([['x'], ['y']]);
    expect(visibleParts(index, entity, ids('y'))).toEqual([['y']]);
    expect(visibleParts(index, entity, ids())).toEqual([]);
  });

  it('keeps together what a person judged the same, even without the bridge', () => {
    const { index, entity } = bridged([{ a: 'x', b: 'y', verdict: 'same' }]);
    expect(visibleParts(index, entity, ids('x', 'y'))).toEqual([['x', 'y']]);
  });
});
