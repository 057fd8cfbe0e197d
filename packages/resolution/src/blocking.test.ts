import { prepare } from '@mosaic/matching';
import { describe, expect, it } from 'vitest';
import { BLOCKING_RULES, blockRecords } from './blocking.ts';
import { person, twoPeople } from './test-fixtures.ts';

const prepared = (records: typeof twoPeople) => records.map((r) => prepare(r));

describe('blockRecords', () => {
  it('gives each candidate pair once, i < j, with the rules that produced it', () => {
    const records = prepared(twoPeople);
    const { pairs } = blockRecords(records, records.map(() => 'person'));
    const seen = new Set<string>();
    for (let k = 0; k < pairs.count; k++) {
      const i = pairs.left[k] as number;
      const j = pairs.right[k] as number;
      expect(i).toBeLessThan(j);
      expect(seen.has(`${i},${j}`)).toBe(false);
      seen.add(`${i},${j}`);
      expect(pairs.rules[k]).toBeGreaterThan(0);
    }
    expect(seen.has('0,1')).toBe(true);
    expect(seen.has('2,3')).toBe(true);
    const k = [...seen].indexOf('2,3');
    expect((pairs.rules[k] as number) & (1 << BLOCKING_RULES.indexOf('identifier'))).not.toBe(0);
  });
  it('never pairs records of different groups or unmatchable records', () => {
    const records = prepared([twoPeople[0]!, twoPeople[1]!, twoPeople[1]!]);
    const { pairs } = blockRecords(records, ['person', 'organization', undefined]);
    expect(pairs.count).toBe(0);
  });
  it('skips blocks over the cap and counts them, bounding fan-out', () => {
    const crowd = prepared(Array.from({ length: 30 }, (_, i) => person(`p${i}`, { name: [`Ali Haddad${'x'.repeat(i % 3)}`], birthDate: ['1980-01-01'] })));
    const capped = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 10, window: 2 });
    const open = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 100, window: 2 });
    expect(capped.stats.cappedBlocks).toBeGreaterThan(0);
    expect(open.stats.cappedBlocks).toBe(0);
    expect(capped.pairs.count).toBeLessThan(open.pairs.count);
    expect(open.pairs.count).toBe((30 * 29) / 2);
  });
});
