import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, type NormalizedName } from '@mosaic/matching';
import { AgencyId, EntityId, seededRandom } from '@mosaic/model';
import { nameCandidates } from './name-candidates.ts';
import { screen, type ScreeningHit } from './screen.ts';
import { createScreeningIndex, SLOT_POSTED_OVERFLOW, SLOT_POSTED_WIDTH, type ScreeningIndex } from './screening-index.ts';
import { MEMO_FULL, MEMO_HIDDEN, MEMO_UNKNOWN } from './visibility-memo.ts';
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

  it('finds a surname written as one word from its particle and name written apart, in either script', () => {
    // sixty short names sharing the given name, listed first: only "Bensalah" holds the rest of the query
    const others = Array.from({ length: 60 }, (_, i) => person(`m${i}`, `Orrin ${made(i)}`));
    const list = [...others, person('target', 'Orrin Bensalah')];
    expect(topIds(list, 'Orrin Ben Salah')[0]).toBe('target');
    expect(topIds(list, 'Orrin bin Saleh')[0]).toBe('target');
    expect(topIds(list, 'Orrin بن صالح')[0]).toBe('target');
  });

  it('finds a listed name part written with the letters transliterations write for one another', () => {
    // sixty names sharing the given name, listed first: only the surname tells the target apart
    const others = Array.from({ length: 60 }, (_, i) => person(`m${i}`, `Orrin ${made(i)}`));
    const list = [...others, person('qaf', 'QADHAFI, Orrin'), person('ghayn', 'Orrin Qasemi'), person('ch', 'Orrin Chungwa')];
    expect(topIds(list, 'Orrin Gaddafi')[0]).toBe('qaf');
    expect(topIds(list, 'Orrin Ghasemi')[0]).toBe('ghayn');
    expect(topIds(list, 'Orrin Jungwa')[0]).toBe('ch');
  });

  it('remembers a query part by its script too: "Mahmd" typed is not محمد written', () => {
    // محمد transliterates to "mahmd"; only the Arabic-script word fits the spelling Mouhammad
    const index = createScreeningIndex([person('target', 'Mouhammad'), person('other', 'Selim Varga')]);
    const ids = (name: string): string[] => {
      const r = screen(index, { name }, { candidates: 20, minScore: 0 });
      if (!r.ok) throw new Error(r.reason);
      return r.hits.filter((h): h is ScreeningHit => h.kind === 'match').map((h) => h.id);
    };
    expect(ids('Mahmd')).not.toContain('target');
    expect(ids('محمد')).toContain('target');
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

/** Weights of every listed name, reading every list in full: what the bounds must not change. */
function exhaustiveWeights(index: ScreeningIndex, name: NormalizedName, visible: (entry: number) => boolean): Map<number, number> {
  const names = index.stats().names;
  const total = new Map<number, number>();
  const seen = new Set<string>();
  for (const token of name.core) {
    if (seen.has(token.text)) continue;
    seen.add(token.text);
    const exact = index.tokens.tokenId(token.text);
    const queryPostings = exact === undefined ? 0 : index.tokens.postings(exact).length;
    const best = new Map<number, number>();
    for (const m of index.tokens.lookup(token)) {
      const postings = index.tokens.postings(m.token);
      const w = m.similarity * Math.log(1 + names / (1 + Math.max(postings.length, queryPostings)));
      for (const slot of postings) if (w > (best.get(slot) ?? 0)) best.set(slot, w);
    }
    for (const [slot, w] of best) total.set(slot, (total.get(slot) ?? 0) + w);
  }
  for (const [slot, w] of total) {
    if (!visible(index.slotEntry[slot] as number)) total.delete(slot);
    else total.set(slot, w * (1 - 0.05 * Math.min(4, Math.max(0, (index.slotParts[slot] as number) - name.core.length))));
  }
  return total;
}

const GIVEN = ['Orrin', 'Orin', 'Orran', 'Bertram', 'Bertrum', 'Selim', 'Salim', 'Zdenek', 'Tamsin', 'Tamzin'];

describe('lists left unread by the max-score bound', () => {
  it('give the same candidates as reading every list (weights equal up to ties), hidden entries or not', () => {
    let leftUnread = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), (seed, hide) => {
      const random = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const list = Array.from({ length: 500 }, (_, i) => person(`p${i}`, random() < 0.3
        ? `${pick(GIVEN)} ${pick(GIVEN)} ${made(Math.floor(random() * 40))}`
        : `${pick(GIVEN)} ${made(Math.floor(random() * 40))}`));
      const index = createScreeningIndex(list, { frequencies: 'index' });
      let postings = 0;
      for (let id = 0; id < index.tokens.vocabularySize; id++) postings += index.tokens.postings(id).length;
      // no part can be common (probed, never read) nor reach the posting bound: only max-score leaves lists unread
      expect(postings).toBeLessThanOrEqual(2000);
      const hidden = new Set(hide ? Array.from({ length: 150 }, () => Math.floor(random() * 500)) : []);
      const visible = (entry: number): boolean => !hidden.has(entry);
      for (let k = 0; k < 5; k++) {
        // a listed kind of name, two given names (both parts with close spellings), one with an unlisted surname
        const form = random();
        const name = normalizeName(form < 0.4 ? `${pick(GIVEN)} ${made(Math.floor(random() * 40))}` : form < 0.8 ? `${pick(GIVEN)} ${pick(GIVEN)}` : `${pick(GIVEN)} Qzwvyx`, { joins: false });
        const limit = 1 + Math.floor(random() * 8);
        const found = nameCandidates(index, name, { limit, maxPostings: 20_000, ...(hide ? { visible } : {}) });
        if (hide) {
          // answers already known (a memo's codes) are read instead of asking, with the same result
          const codes = Uint8Array.from(list, (_, e) => (random() < 0.5 ? MEMO_UNKNOWN : hidden.has(e) ? MEMO_HIDDEN : MEMO_FULL));
          expect(nameCandidates(index, name, { limit, maxPostings: 20_000, visible, visibleCodes: codes }).slots).toEqual(found.slots);
        }
        const weights = exhaustiveWeights(index, name, visible);
        const all = [...weights.values()].sort((a, b) => b - a);
        const expected = all.filter((w) => w >= (all[0] ?? 0) * 0.25).slice(0, limit);
        const got = found.slots.map((slot) => weights.get(slot) ?? -1).sort((a, b) => b - a);
        expect(got.length).toBe(expected.length);
        got.forEach((w, i) => expect(w).toBeCloseTo(expected[i] as number, 9));
        if (found.read < [...weights.keys()].length) leftUnread++;
      }
    }), { numRuns: 25 });
    expect(leftUnread).toBeGreaterThan(0);
  });

  it('count each pointer owner once, at its best name, and still give the candidates reading every list gives', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const owners = ['intel', 'customs', 'tax'];
      const list = Array.from({ length: 500 }, (_, i) => {
        const p = person(`p${i}`, random() < 0.3 ? `${pick(GIVEN)} ${pick(GIVEN)} ${made(Math.floor(random() * 40))}` : `${pick(GIVEN)} ${made(Math.floor(random() * 40))}`);
        return random() < 0.5 ? { ...p, owner: { agency: AgencyId(pick(owners)) } } : p;
      });
      const index = createScreeningIndex(list, { frequencies: 'index' });
      const ownerOf = (entry: number): string | undefined => index.entries[entry]?.entry.owner?.agency;
      const visible = (entry: number): boolean | 'pointer' => (ownerOf(entry) === undefined ? true : 'pointer');
      for (let k = 0; k < 5; k++) {
        const name = normalizeName(random() < 0.5 ? `${pick(GIVEN)} ${made(Math.floor(random() * 40))}` : `${pick(GIVEN)} ${pick(GIVEN)}`, { joins: false });
        const limit = 1 + Math.floor(random() * 8);
        const found = nameCandidates(index, name, { limit, maxPostings: 20_000, visible });
        const weights = exhaustiveWeights(index, name, () => true);
        const max = Math.max(0, ...weights.values());
        // what counts: every full entry's names, and each owner's best name
        const best = new Map<string, number>();
        const counted: number[] = [];
        for (const [slot, w] of weights) {
          const owner = ownerOf(index.slotEntry[slot] as number);
          if (owner === undefined) counted.push(w);
          else best.set(owner, Math.max(best.get(owner) ?? 0, w));
        }
        const expected = [...counted, ...best.values()].filter((w) => w >= max * 0.25).sort((a, b) => b - a).slice(0, limit);
        const gotBest = new Map<string, number>();
        const got: number[] = [];
        for (const slot of found.slots) {
          const w = weights.get(slot) ?? -1;
          const owner = ownerOf(index.slotEntry[slot] as number);
          if (owner === undefined) got.push(w);
          else gotBest.set(owner, Math.max(gotBest.get(owner) ?? 0, w));
        }
        const gotCounted = [...got, ...gotBest.values()].sort((a, b) => b - a);
        expect(gotCounted.length).toBe(expected.length);
        gotCounted.forEach((w, i) => expect(w).toBeCloseTo(expected[i] as number, 9));
        // the further names of an owner come along uncounted: at most `limit` of them
        expect(found.slots.length).toBeLessThanOrEqual(expected.length + limit);
      }
    }), { numRuns: 25 });
  });

  it('reads a common part only until no other name can beat the limit-th', () => {
    const list = [
      ...Array.from({ length: 600 }, (_, i) => person(`o${i}`, `Orrin ${made(i)}${made(i + 5)}`)),
      ...Array.from({ length: 600 }, (_, i) => person(`n${i}`, `Orin ${made(i)}${made(i + 9)}`)),
    ];
    const index = createScreeningIndex(list, { frequencies: 'index' });
    const found = nameCandidates(index, normalizeName('Orrin Qzwvyx', { joins: false }), { limit: 10, maxPostings: 20_000 });
    expect(found.slots).toHaveLength(10);
    expect(found.read).toBeLessThan(300);
    // every candidate holds the exact spelling: the neighbour's holders weigh less
    for (const slot of found.slots) expect(index.slotText[slot]).toMatch(/^Orrin /);
  });

  it('intersects the lists of two parts that cannot reach the limit-th alone instead of weighing their names one by one', () => {
    const list = [
      ...Array.from({ length: 600 }, (_, i) => person(`b${i}`, `Bertram ${made(i)}${made(i + 5)}`)),
      ...Array.from({ length: 600 }, (_, i) => person(`t${i}`, `Tamsin ${made(i)}${made(i + 9)}`)),
      ...Array.from({ length: 3 }, (_, i) => person(`both${i}`, `Bertram Tamsin ${made(i)}`)),
    ];
    const index = createScreeningIndex(list, { frequencies: 'index' });
    const found = nameCandidates(index, normalizeName('Tamsin Bertram', { joins: false }), { limit: 10, maxPostings: 20_000 });
    // the three holders of both parts, listed last, come first; most of the 1,206 names holding
    // one part were never given a weight
    expect(found.slots.slice(0, 3).map((slot) => index.entries[index.slotEntry[slot] as number]?.entry.id).sort()).toEqual(['both0', 'both1', 'both2']);
    expect(found.slots).toHaveLength(10);
    expect(found.found).toBeLessThan(300);
  });

  it('reads the neighbours of a part whose exact spelling leaves fewer names than the limit', () => {
    const list = [
      ...Array.from({ length: 3 }, (_, i) => person(`o${i}`, `Orrin ${made(i)}`)),
      ...Array.from({ length: 30 }, (_, i) => person(`n${i}`, `Orin ${made(i)}${made(i + 9)}`)),
      ...Array.from({ length: 400 }, (_, i) => person(`b${i}`, `Bertram ${made(i)}${made(i + 9)}`)),
    ];
    const index = createScreeningIndex(list, { frequencies: 'index' });
    const found = nameCandidates(index, normalizeName('Orrin Qzwvyx', { joins: false }), { limit: 10, maxPostings: 20_000 });
    expect(found.slots.map((slot) => index.slotText[slot]?.split(' ')[0])).toEqual([...Array(3).fill('Orrin'), ...Array(7).fill('Orin')]);
  });

  it('gives the names a rarer part found the weight of a neighbour list left unread', () => {
    // "Zelvakov" finds 41 names; the 600 holders of "Orrin" and "Orin" cannot beat them, so those
    // lists are left unread, yet the one name with both parts must get both weights
    const list = [
      ...Array.from({ length: 40 }, (_, i) => person(`z${i}`, `Zelvakov ${made(i)}`)),
      ...Array.from({ length: 300 }, (_, i) => person(`o${i}`, `Orrin ${made(i)}${made(i + 5)}`)),
      ...Array.from({ length: 300 }, (_, i) => person(`n${i}`, `Orin ${made(i)}${made(i + 9)}`)),
      person('target', 'Orin Zelvakov'),
    ];
    const index = createScreeningIndex(list, { frequencies: 'index' });
    const found = nameCandidates(index, normalizeName('Orrin Zelvakov', { joins: false }), { limit: 10, maxPostings: 20_000 });
    expect(index.slotText[found.slots[0] as number]).toBe('Orin Zelvakov');
    expect(found.read).toBeLessThan(600);
  });

  it('probes the people born on the query date for a list left unread', () => {
    // the target holds only the neighbour spelling, which is left unread: its date must still count
    const list: WatchlistEntry[] = [
      ...Array.from({ length: 600 }, (_, i) => ({ ...person(`o${i}`, `Orrin ${made(i)}${made(i + 5)}`), birthDates: ['1970-01-02'] })),
      { ...person('target', `Orin ${made(3)}${made(11)}`), birthDates: ['1983-06-21'] },
    ];
    const index = createScreeningIndex(list, { frequencies: 'index' });
    const found = nameCandidates(index, normalizeName('Orrin Qzwvyx', { joins: false }), { limit: 10, maxPostings: 20_000, birthDates: [{ year: 1983, month: 6, day: 21 }] });
    expect(found.slots.map((slot) => index.slotText[slot])).toContain(`Orin ${made(3)}${made(11)}`);
    expect(found.read).toBeLessThan(300);
  });
});
