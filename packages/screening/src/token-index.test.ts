import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '@mosaic/matching';
import { EntityId } from '@mosaic/model';
import { createScreeningIndex } from './screening-index.ts';
import type { WatchlistEntry } from './watchlist-entry.ts';

// Fictional names, written for this test.
const NAMES = ['Orrin Maddox', 'Orin Maddox', 'Selim Varga', 'Salim Varga Orrin', 'Tamsin Oakeshott', 'Bertram Maddox'];

function person(id: number, name: string): WatchlistEntry {
  return { id: EntityId(`p${id}`), schema: 'Person', names: [{ value: name, kind: 'name' }] };
}

describe('token index posting lists', () => {
  it('stay in slot order and hold exactly the names posted under them, whatever the order of updates', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -1, max: NAMES.length - 1 })), { maxLength: 120 }), (updates) => {
      const index = createScreeningIndex();
      for (const [id, name] of updates) {
        if (name < 0) index.remove(`p${id}`);
        else index.upsert(person(id, NAMES[name] as string));
      }
      for (let token = 0; token < index.tokens.vocabularySize; token++) {
        const postings = index.tokens.postings(token);
        for (let i = 1; i < postings.length; i++) expect(postings[i] as number).toBeGreaterThan(postings[i - 1] as number);
        const text = index.tokens.text(token);
        for (const slot of postings) {
          const name = index.slotName[slot];
          expect(name?.core.some((t) => t.text === text || t.bare === text || t.stem === text)).toBe(true);
        }
      }
      // every name is in the list of each of its parts
      for (let slot = 0; slot < index.slotCapacity; slot++) {
        const name = index.slotName[slot];
        if (name === undefined) continue;
        for (const t of name.core) expect(index.tokens.postings(index.tokens.tokenId(t.text) as number)).toContain(slot);
      }
    }));
  });

  it('look a spelling up as the lists are now, its remembered search asked again between updates that empty and refill them', () => {
    const queries = ['Orrin', 'Maddox', 'Varga', 'Selim'].map((name) => normalizeName(name).core[0]!);
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1, max: NAMES.length - 1 })), { maxLength: 60 }), (updates) => {
      const index = createScreeningIndex(NAMES.map((name, id) => person(id, name)));
      for (const q of queries) index.tokens.lookup(q);
      for (const [id, name] of updates) {
        if (name < 0) index.remove(`p${id}`);
        else index.upsert(person(id, NAMES[name] as string));
        for (const q of queries) {
          const found = index.tokens.lookup(q).map((m) => index.tokens.text(m.token)).sort();
          // every token found has a name posted under it, and every listed token that is the query's own spelling is found
          for (const text of found) expect(index.tokens.postings(index.tokens.tokenId(text) as number).length).toBeGreaterThan(0);
          const own = index.tokens.tokenId(q.text);
          expect(found.includes(q.text)).toBe(own !== undefined && index.tokens.postings(own).length > 0);
        }
      }
    }));
  });

  it('files a re-added name in the place of its reused slot', () => {
    const index = createScreeningIndex([person(0, 'Orrin Maddox'), person(1, 'Orrin Varga'), person(2, 'Orrin Oakeshott')]);
    index.remove('p0');
    index.upsert(person(3, 'Orrin Tamsin'));
    const orrin = index.tokens.postings(index.tokens.tokenId(normalizeName('Orrin').core[0]?.text ?? '') as number);
    expect([...orrin]).toEqual([...orrin].sort((a, b) => a - b));
    expect(orrin[0]).toBe(index.entries[index.entryIndexOf('p3') as number]?.slots[0]);
  });
});

describe('token index lookups across scripts', () => {
  // محمد transliterates to "mahmd", too far by spelling from "Mouhammad" (Jaro-Winkler 0.70) for
  // the phonetic class to keep it; the spelling fits what the script writes (m-h-m-d)
  const index = createScreeningIndex([person(0, 'Mouhammad Orrin'), person(1, 'محمد Oakeshott'), person(2, 'Mahmoud Varga')]);
  const found = (name: string): string[] => {
    const token = normalizeName(name).core[0];
    if (!token) throw new Error(name);
    return index.tokens.lookup(token).map((m) => index.tokens.text(m.token));
  };
  const arabic = normalizeName('محمد').core[0]?.text;

  it('finds the Latin spellings that fit an Arabic-script word', () => {
    expect(found('محمد')).toContain('mouhammad');
  });

  it('finds an Arabic-script word from a Latin spelling that fits it', () => {
    expect(arabic).toBe('mahmd');
    expect(found('Mouhammad')).toContain(arabic);
  });
});
