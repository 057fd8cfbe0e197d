import { prepare } from '@mosaic/matching';
import { describe, expect, it } from 'vitest';
import { BLOCKING_RULES, blockingKeys, blockRecords, nameOrder } from './blocking.ts';
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
  it('gives the pairs in order of the lower record, then of the higher (the order lookups search)', () => {
    // partners from several keys and windows at once: one surname, given names, dates and phones that overlap
    const records = Array.from({ length: 40 }, (_, k) => prepare(person(`p${k}`, {
      name: [`${['Arvo', 'Bente', 'Cyril'][k % 3]} Lindqvist`],
      birthDate: [`19${70 + (k % 4)}-0${1 + (k % 2)}-1${k % 3}`],
      phone: [`+4670000${k % 5}00${k % 7}`],
    })));
    const { pairs } = blockRecords(records, records.map(() => 'person'));
    let partnersOfOne = 0;
    for (let k = 1; k < pairs.count; k++) {
      const [i0, j0, i1, j1] = [pairs.left[k - 1]!, pairs.right[k - 1]!, pairs.left[k]!, pairs.right[k]!];
      expect(i0 < i1 || (i0 === i1 && j0 < j1)).toBe(true);
      if (i0 === i1) partnersOfOne++;
    }
    expect(partnersOfOne).toBeGreaterThan(20);
  });
  it('counts, for each rule, the pairs it produced', () => {
    const records = prepared(twoPeople);
    const { pairs, stats } = blockRecords(records, records.map(() => 'person'));
    const counted = BLOCKING_RULES.map((_, b) => pairs.rules.filter((m) => (m & (1 << b)) !== 0).length);
    expect(BLOCKING_RULES.map((r) => stats.pairsByRule[r])).toEqual(counted);
    expect(counted.filter((c) => c > 0).length).toBeGreaterThan(1);
  });
  it('gives a record with a long alias list each key once, as the union of its names\' keys', () => {
    // fictional name parts; 60 names of three parts out of sixteen share many pairs of parts
    const parts = ['Arvo', 'Bente', 'Cyril', 'Dalia', 'Emre', 'Fenna', 'Goran', 'Hilde', 'Ilkka', 'Joost', 'Kasia', 'Lorenz', 'Mirja', 'Nuno', 'Oskar', 'Pella'];
    const names = Array.from({ length: 60 }, (_, k) => `${parts[k % 16]} ${parts[(k + 1 + (k >> 4)) % 16]} ${parts[(k + 5 + 3 * (k >> 4)) % 16]}`);
    const keys = blockingKeys(prepare(person('many', { name: names })), 'person');
    const union = new Set(names.flatMap((name) => blockingKeys(prepare(person('one', { name: [name] })), 'person')));
    expect(keys.length).toBeGreaterThan(64);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(union);
    // the same keys again for the next record: nothing of the last one is left over
    expect(blockingKeys(prepare(person('one', { name: [names[0]!] })), 'person')).toEqual(blockingKeys(prepare(person('one', { name: [names[0]!] })), 'person'));
    expect(blockingKeys(prepare(person('many', { name: names })), 'person')).toEqual(keys);
  });
  it('never pairs records of different groups or unmatchable records', () => {
    const records = prepared([twoPeople[0]!, twoPeople[1]!, twoPeople[1]!]);
    const { pairs } = blockRecords(records, ['person', 'organization', undefined]);
    expect(pairs.count).toBe(0);
  });
  it('windows blocks over the cap by date of birth, bounding fan-out without dropping anyone', () => {
    // thirty records with one switchboard's number and no name: the phone rule's block is over the cap
    const crowd = prepared(Array.from({ length: 30 }, (_, i) => person(`p${i}`, { phone: ['+32 2 555 01 00'], birthDate: [`${1950 + ((i * 7) % 30)}-03-15`] })));
    const capped = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 10, blockWindow: 3, window: 1 });
    const open = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 100, window: 1 });
    expect(capped.stats.cappedBlocks).toBeGreaterThan(0);
    expect(open.stats.cappedBlocks).toBe(0);
    expect(open.pairs.count).toBe((30 * 29) / 2);
    expect(capped.pairs.count).toBeLessThanOrEqual(30 * 2);
    const year = (i: number): number => 1950 + ((i * 7) % 30);
    const partners = new Map<number, number>();
    for (let k = 0; k < capped.pairs.count; k++) {
      const i = capped.pairs.left[k] as number;
      const j = capped.pairs.right[k] as number;
      expect(Math.abs(year(i) - year(j))).toBeLessThanOrEqual(2);
      partners.set(i, (partners.get(i) ?? 0) + 1).set(j, (partners.get(j) ?? 0) + 1);
    }
    expect(partners.size).toBe(30);
    const again = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 10, blockWindow: 3, window: 1 });
    expect([...again.pairs.left]).toEqual([...capped.pairs.left]);
    expect([...again.pairs.right]).toEqual([...capped.pairs.right]);
  });
  it('pairs the namesakes of an oversized name block born the same day, and only those', () => {
    const crowd = prepared(Array.from({ length: 30 }, (_, i) => person(`s${i}`, { name: ['Omar Haddad'], birthDate: [i < 8 ? '1983-07-19' : `${1950 + i}-03-15`] })));
    const { pairs, stats } = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 10, blockWindow: 2, window: 1 });
    expect(stats.cappedBlocks).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let k = 0; k < pairs.count; k++) seen.add(`${pairs.left[k]},${pairs.right[k]}`);
    for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) expect(seen.has(`${i},${j}`)).toBe(true);
    expect(seen.size).toBe((8 * 7) / 2);
    // a wider window pairs namesakes born in neighbouring years too
    const wider = blockRecords(crowd, crowd.map(() => 'person'), { maxBlockSize: 10, blockWindow: 2, looseWindow: 2, window: 1 });
    expect(wider.pairs.count).toBeGreaterThan(seen.size);
  });
  it('windows a block of one day by name: neighbours by name meet, the whole day does not', () => {
    // twelve people born the same day whose names share only an initial: one date-initial block
    const given = ['Aldo', 'Anouk', 'Arne', 'Astrid', 'Aurel', 'Axel', 'Ayla', 'Azra', 'Abel', 'Ada', 'Afra', 'Agnes'];
    const family = ['Aalto', 'Abbing', 'Achterberg', 'Adriaens', 'Aerts', 'Agten', 'Ahlers', 'Akkerman', 'Alink', 'Amand', 'Anker', 'Appel'];
    const day = prepared(given.map((g, i) => person(`d${i}`, { name: [`${g} ${family[i]}`], birthDate: ['1977-05-09'] })));
    const { pairs } = blockRecords(day, day.map(() => 'person'), { blockWindow: 3, window: 1 });
    const rule = 1 << BLOCKING_RULES.indexOf('date-initial');
    let byDay = 0;
    for (let k = 0; k < pairs.count; k++) if ((pairs.rules[k] as number) & rule) byDay++;
    expect(byDay).toBe(11 + 10);
    const byName = [...day.keys()].sort((a, b) => nameOrder(day[a]!) - nameOrder(day[b]!));
    const seen = new Set<string>();
    for (let k = 0; k < pairs.count; k++) seen.add(`${pairs.left[k]},${pairs.right[k]}`);
    const [first, second] = [byName[0]!, byName[1]!];
    expect(seen.has(`${Math.min(first, second)},${Math.max(first, second)}`)).toBe(true);
    const last = byName.at(-1)!;
    expect(seen.has(`${Math.min(first, last)},${Math.max(first, last)}`)).toBe(false);
  });
});
