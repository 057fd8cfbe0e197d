import { describe, expect, it } from 'vitest';
import { EntityId } from '@mosaic/model';
import { screen, type ScreeningHit } from './screen.ts';
import { createScreeningIndex, SLOT_POSTED_OVERFLOW, SLOT_POSTED_WIDTH } from './screening-index.ts';
import type { WatchlistEntry } from './watchlist-entry.ts';

// Fictional people, written for this test; the extra parts are made from syllables.
function person(id: string, name: string): WatchlistEntry {
  return { id: EntityId(id), schema: 'Person', names: [{ value: name, kind: 'name' }] };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'vo', 'shi', 'dan'];
const made = (i: number): string => SYLLABLES[i % 8]! + SYLLABLES[Math.floor(i / 8) % 8]! + SYLLABLES[(i + 3) % 8]! + 'q';

function topIds(list: readonly WatchlistEntry[], name: string): string[] {
  const r = screen(createScreeningIndex(list), { name }, { candidates: 20, minScore: 0 });
  if (!r.ok) throw new Error(r.reason);
  return r.hits.filter((h): h is ScreeningHit => h.kind === 'match').map((h) => h.id);
}

describe('name candidates', () => {
  it('puts a name as long as the query before longer names that share its parts', () => {
    // sixty longer names holding both query parts, listed before the one that is only them
    const longer = Array.from({ length: 60 }, (_, i) => person(`l${i}`, `Orrin ${made(i)} Maddox`));
    expect(topIds([...longer, person('target', 'Orrin Maddox')], 'Orrin Maddox')[0]).toBe('target');
  });

  it('weighs a rarer spelling of a common query part no more than the part itself', () => {
    // "Bertram" is common (many surnames), "Bertrum" rarer: its holders must not crowd out the exact name
    const common = Array.from({ length: 60 }, (_, i) => person(`c${i}`, `Bertram ${made(i)}`));
    const variant = Array.from({ length: 30 }, (_, i) => person(`v${i}`, 'Bertrum Oakeshott'));
    expect(topIds([...common, ...variant, person('target', 'Bertram Oakeshott')], 'Bertram Oakeshott')[0]).toBe('target');
  });

  it('finds a compound name whose head moved to another word', () => {
    // "Abd" re-attached by a reordering: only the stems still agree
    const others = Array.from({ length: 60 }, (_, i) => person(`s${i}`, `Selim ${made(i)} Varga`));
    const list = [...others, person('target', 'Selim Abd al-Wahid Tarnowski')];
    expect(topIds(list, 'Selim Abd Tarnowski al-Wahid')[0]).toBe('target');
    expect(topIds(list, 'Selim Wahid Tarnowski')[0]).toBe('target');
  });

  it('looks up a misspelt stem against a name listed without its head', () => {
    // listed as "TABANI, Abu" (two words), asked as one kunya with a typo in its stem
    const list = [person('other', 'Selim Tarnowski'), person('target', 'TABANI, Abu')];
    expect(topIds(list, 'Abu Tabanni')[0]).toBe('target');
  });

  it('does not file a weak alias under its stem', () => {
    // "Abu Zdenek" alone can never be more than a single-part match: "Zdenek" must not reach it
    const list: WatchlistEntry[] = [
      { id: EntityId('weak'), schema: 'Person', names: [{ value: 'Orvald Tremmick', kind: 'name' }, { value: 'Abu Zdenek', kind: 'weakAlias' }] },
      person('other', 'Zdenek Horvath'),
    ];
    expect(topIds(list, 'Zdenek Horvath')).toEqual(['other']);
    expect(topIds(list, 'Abu Zdenek')[0]).toBe('weak');
  });
});

describe('posted token ids per name (the probe of a common part)', () => {
  it('a name is probed under exactly the lists that hold it; a name posted under too many goes through its text', () => {
    const list = [
      person('a', 'Orrin Maddox'), person('b', 'El-Maddox, Abd al-Karim Orrin'), person('c', 'Orrin Abu Bakr Maddox'),
      person('long', 'Orrin Maddox Elkarim Elvaddin Elhassan Elmarrun Eltessin Elborrun'),
    ];
    const index = createScreeningIndex(list);
    const vocabulary = index.tokens.vocabularySize;
    let overflow = 0;
    for (let slot = 0; slot < index.slotCapacity; slot++) {
      const count = index.slotPostedCount[slot] as number;
      const holding = Array.from({ length: vocabulary }, (_, id) => id).filter((id) => index.tokens.postings(id).includes(slot));
      if (count === SLOT_POSTED_OVERFLOW) {
        overflow++;
        expect(holding.length).toBeGreaterThan(SLOT_POSTED_WIDTH);
        continue;
      }
      expect([...index.slotPosted.subarray(slot * SLOT_POSTED_WIDTH, slot * SLOT_POSTED_WIDTH + count)].sort()).toEqual(holding.sort());
    }
    expect(overflow).toBe(1);
  });

  it('adds a common part, probed through the posted ids, to the names a rarer part found', () => {
    // more than 2,000 holders of "Orrin": the part is probed on the names "Zelvakov" found; the
    // namesakes listed first would win a tie, so only the probed weight puts 'both' among the two
    const common = Array.from({ length: 2100 }, (_, i) => person(`o${i}`, `Orrin ${made(i)}${made(i + 7)}`));
    const others = [person('z1', 'Zelvakov Vandermeer'), person('z2', 'Zelvakov Pettersen')];
    const r = screen(createScreeningIndex([...common, ...others, person('both', 'Orrin Zelvakov Kettle')]), { name: 'Orrin Zelvakov' }, { candidates: 2, minScore: 0 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.hits.filter((h): h is ScreeningHit => h.kind === 'match').map((h) => h.id)).toContain('both');
  });
});
