import { describe, expect, it } from 'vitest';
import { AgencyId, DeskId, EntityId } from '@mosaic/model';
import { validateAlert, type Alert } from './alert.ts';
import { screen, type ScreeningHit, type ScreeningPointer } from './screen.ts';
import { addEntry, CHANGE_LOG_LIMIT, createScreeningIndex, removeEntry } from './screening-index.ts';
import { VisibilityMemo } from './visibility-memo.ts';
import type { WatchlistEntry } from './watchlist-entry.ts';

// Fictional people, written for this test.
function person(id: string, names: string[], extra: Partial<WatchlistEntry> = {}): WatchlistEntry {
  return { id: EntityId(id), schema: 'Person', names: names.map((value, i) => ({ value, kind: i === 0 ? 'name' : 'alias' })), ...extra };
}

function alert(id: string, category: Alert['category'], subject: string): Alert {
  const r = validateAlert({
    id, category, subject: { kind: 'entity', id: subject }, ownerAgency: 'agency-b',
    ownerDesk: { id: 'desk-b', name: 'Desk B', phone24x7: '+3225550199' }, validFrom: '2024-01-01', reviewDate: '2025-01-01',
  });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.alert;
}

const WATCHLIST: WatchlistEntry[] = [
  person('w1', ['Karel Vandermolen', 'Carl van der Molen'], { birthDates: ['1980-04-02'], nationalities: ['be'], documents: ['EM1234567'], alerts: [alert('a1', 'discreet_check', 'w1'), alert('a2', 'arrest', 'w1')] }),
  person('w2', ['Yusuf Abdelkarim Benhaddou'], { birthDates: ['1991'], plates: ['1-XQZ-778'] }),
  person('w3', ['Marta Oliveira Nunes'], { genders: ['f'], phones: ['+351912345678'] }),
  person('w4', ['Tomasz Wierzbicki'], { birthDates: ['1975-11-30'] }),
  { id: EntityId('w5'), schema: 'Person', names: [{ value: 'Karel Dubnicek', kind: 'name' }, { value: 'Abu Karel', kind: 'weakAlias' }] },
];

const AT = new Date('2024-05-01T12:00:00Z');

function matches(result: ReturnType<typeof screen>): ScreeningHit[] {
  if (!result.ok) throw new Error(result.reason);
  return result.hits.filter((h): h is ScreeningHit => h.kind === 'match');
}

describe('screen', () => {
  const index = createScreeningIndex(WATCHLIST);

  it('finds an exact name as a hit, with alerts in force, most binding first', () => {
    const [top] = matches(screen(index, { name: 'Karel Vandermolen' }, { at: AT }));
    expect(top?.id).toBe('w1');
    expect(top?.band).toBe('hit');
    expect(top?.score).toBe(1);
    expect(top?.alerts.map((a) => a.action)).toEqual(['ARREST', 'REPORT_COVERTLY']);
    expect(top?.explain.name?.level).toBe('exact');
  });

  it('finds spelling variants, typos, reordered names and explains the parts', () => {
    for (const name of ['Vandermolen Karel', 'Karel Vandermollen', 'Karle Vandermolen', 'Yousef Abdelkarim Benhadou', 'BENHADDOU, Youssef']) {
      const top = matches(screen(index, { name }, { at: AT }))[0];
      expect(top, name).toBeDefined();
      expect(['w1', 'w2']).toContain(top?.id);
      expect(top?.band).not.toBe('none');
    }
    const [top] = matches(screen(index, { name: 'Karel Vandermollen' }));
    expect(top?.explain.name?.parts).toEqual([
      { query: 'karel', listed: 'karel', how: 'exact', similarity: 1 },
      expect.objectContaining({ query: 'vandermollen', listed: 'vandermolen' }),
    ]);
  });

  it('ranks the date of birth: agreement lifts, disagreement lowers', () => {
    const plain = matches(screen(index, { name: 'Tomas Wierzbicky' }))[0]?.score ?? 0;
    const same = matches(screen(index, { name: 'Tomas Wierzbicky', birthDate: '1975-11-30' }))[0];
    const other = matches(screen(index, { name: 'Tomas Wierzbicky', birthDate: '1999-01-01' }, { minScore: 0 }))[0];
    expect(same?.score).toBeGreaterThan(plain);
    expect(other?.score ?? 0).toBeLessThan(plain);
    expect(same?.explain.birthDate?.level).toBe('exact');
  });

  it('does not hit on a partial name or a weak alias alone', () => {
    expect(matches(screen(index, { name: 'Karel' })).every((h) => h.band !== 'hit')).toBe(true);
    expect(matches(screen(index, { name: 'Abu Karel' })).every((h) => h.band !== 'hit')).toBe(true);
    expect(matches(screen(index, { name: 'Ingrid Solberg' }))).toEqual([]);
  });

  it('makes an exact document or plate a hit even when the name differs', () => {
    const [byDoc] = matches(screen(index, { name: 'Someone Else', document: 'em 1234567' }));
    expect(byDoc).toMatchObject({ id: 'w1', band: 'hit', explain: { document: 'exact' } });
    const [ocr] = matches(screen(index, { document: 'EMI234S67' }));
    expect(ocr).toMatchObject({ id: 'w1', band: 'hit', explain: { document: 'confusable' } });
    const [byPlate] = matches(screen(index, { plate: '1XQZ778' }));
    expect(byPlate).toMatchObject({ id: 'w2', band: 'hit', explain: { plate: 'exact' } });
    const [byPhone] = matches(screen(index, { phone: '0912 345 678' }));
    expect(byPhone).toMatchObject({ id: 'w3', band: 'possible', explain: { phone: 'exact' } });
  });

  it('finds the holder of an e-mail address whatever its case, as a possible match like a phone', () => {
    const held = createScreeningIndex([person('m1', ['Ilse Grabowiak'], { emails: ['Ilse.Grabowiak@Example.org'] }), person('m2', ['Odo Brinkhaus'])]);
    const [byEmail, ...others] = matches(screen(held, { email: ' ilse.grabowiak@example.ORG ' }));
    expect(byEmail).toMatchObject({ id: 'm1', band: 'possible', explain: { email: 'exact' } });
    expect(others).toEqual([]);
    expect(matches(screen(held, { email: 'ilse.grabowiak@example.net' }))).toEqual([]);
    expect(screen(held, { email: 'not an address' })).toMatchObject({ ok: false, field: 'email' });
    removeEntry(held, EntityId('m1'));
    expect(matches(screen(held, { email: 'ilse.grabowiak@example.org' }))).toEqual([]);
  });

  it('returns a refused query as a reason', () => {
    const r = screen(index, { name: 'al' });
    expect(r.ok).toBe(false);
  });

  it('honours limit and keeps scores in [0, 1], best first', () => {
    const hits = matches(screen(index, { name: 'Karel' }, { minScore: 0, limit: 1 }));
    expect(hits.length).toBe(1);
    const all = matches(screen(index, { name: 'Karel Molen' }, { minScore: 0 }));
    for (let i = 1; i < all.length; i++) expect((all[i - 1] as ScreeningHit).score).toBeGreaterThanOrEqual((all[i] as ScreeningHit).score);
    for (const h of all) { expect(h.score).toBeGreaterThanOrEqual(0); expect(h.score).toBeLessThanOrEqual(1); }
  });
});

describe('incremental updates', () => {
  it('finds a name again after its only holder was removed and listed anew (remembered vocabulary searches stay right)', () => {
    const index = createScreeningIndex(WATCHLIST.slice(0, 2));
    addEntry(index, person('z1', ['Ondrej Zelenka']));
    expect(matches(screen(index, { name: 'Ondrej Zelenka' }))[0]?.id).toBe('z1');
    removeEntry(index, EntityId('z1'));
    expect(matches(screen(index, { name: 'Ondrej Zelenka' }))).toEqual([]);
    addEntry(index, person('z2', ['Ondřej Zelenka']));
    expect(matches(screen(index, { name: 'Ondrej Zelenka' }))[0]?.id).toBe('z2');
    // a new spelling filed after the first search is found too
    addEntry(index, person('z3', ['Ondrej Zelenko']));
    expect(matches(screen(index, { name: 'Ondrej Zelenka' }, { minScore: 0 })).map((h) => h.id)).toContain('z3');
  });

  it('adds, replaces and removes entries without a rebuild', () => {
    const index = createScreeningIndex(WATCHLIST.slice(0, 2));
    expect(matches(screen(index, { name: 'Tomasz Wierzbicki' }))).toEqual([]);
    addEntry(index, WATCHLIST[3] as WatchlistEntry);
    expect(matches(screen(index, { name: 'Tomasz Wierzbicki' }))[0]?.id).toBe('w4');
    addEntry(index, person('w4', ['Tomasz Zielonka'], { documents: ['PL9988776'] }));
    expect(matches(screen(index, { name: 'Tomasz Wierzbicki' }))).toEqual([]);
    expect(matches(screen(index, { name: 'Tomasz Zielonka' }))[0]?.id).toBe('w4');
    expect(removeEntry(index, EntityId('w4'))).toBe(true);
    expect(removeEntry(index, EntityId('w4'))).toBe(false);
    expect(matches(screen(index, { name: 'Tomasz Zielonka' }))).toEqual([]);
    expect(matches(screen(index, { document: 'PL9988776' }))).toEqual([]);
    expect(index.stats()).toEqual({ entries: 2, names: 3, vocabulary: expect.any(Number) });
  });
});

describe('visibility', () => {
  const twin = person('secret', ['Karel Vandermolen'], { documents: ['ZZ7654321'], owner: { agency: AgencyId('agency-s'), desk: { id: DeskId('d-s'), name: 'Desk S', phone24x7: '+3225550111' } } });
  const hidden = (e: WatchlistEntry): boolean => e.id !== 'secret';

  it('a hidden entry changes nothing: same hits, scores and explanations as without it', () => {
    for (const frequencies of ['none', { total: 10, counts: new Map([['karel', 3]]), meanInformation: 1 }] as const) {
      const without = createScreeningIndex(WATCHLIST, { frequencies });
      const withHidden = createScreeningIndex([...WATCHLIST, twin], { frequencies });
      for (const query of [{ name: 'Karel Vandermolen' }, { name: 'Karel' }, { name: 'Karl Vandermolen', document: 'ZZ7654321' }, { document: 'ZZ7654321' }]) {
        const a = screen(without, query, { at: AT, minScore: 0 });
        const b = screen(withHidden, query, { at: AT, minScore: 0, visibility: hidden });
        expect(b).toEqual(a);
      }
    }
  });

  it('shows a pointer-only entry as its owner to contact, without score or explanation (its id is for the owner\'s notice only)', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const r = screen(index, { document: 'ZZ7654321' }, { visibility: (e) => (e.id === 'secret' ? 'pointer' : 'full') });
    expect(r.ok && r.hits).toEqual([{ kind: 'pointer', id: twin.id, band: 'hit', agency: AgencyId('agency-s'), desk: { id: DeskId('d-s'), name: 'Desk S', phone24x7: '+3225550111' } } satisfies ScreeningPointer]);
  });

  it('a visibility memo asks again only about entries that changed, and answers as without it', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const memo = new VisibilityMemo(index);
    let asked = 0;
    let hideSecret = true;
    const visibility = (e: WatchlistEntry): boolean => { asked++; return !(hideSecret && e.id === 'secret'); };
    const query = { name: 'Karel Vandermolen' };
    const first = screen(index, query, { at: AT, minScore: 0, visibility, memo });
    const askedFirst = asked;
    expect(askedFirst).toBeGreaterThan(0);
    expect(screen(index, query, { at: AT, minScore: 0, visibility, memo })).toEqual(first);
    expect(asked).toBe(askedFirst);
    expect(screen(index, query, { at: AT, minScore: 0, visibility })).toEqual(first);
    // the entry is replaced (its records changed): its answer is asked again
    hideSecret = false;
    addEntry(index, { ...twin });
    const after = screen(index, query, { at: AT, minScore: 0, visibility, memo });
    expect(matches(after).map((h) => h.id)).toContain('secret');
  });

  it('a memo remembers pointer answers, and the caller is asked again only about the pointers returned', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const memo = new VisibilityMemo(index);
    const asked: string[] = [];
    const visibility = (e: WatchlistEntry): 'full' | 'pointer' => { asked.push(e.id); return e.id === 'secret' ? 'pointer' : 'full'; };
    const query = { name: 'Karel Vandermolen' };
    const first = screen(index, query, { at: AT, visibility, memo });
    expect(first.ok && first.hits.some((h) => h.kind === 'pointer')).toBe(true);
    asked.length = 0;
    expect(screen(index, query, { at: AT, visibility, memo })).toEqual(first);
    expect(asked).toEqual(['secret']);
  });

  it('decides ahead: every listed entry not remembered, within a time budget, from where the last slice stopped', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const memo = new VisibilityMemo(index);
    const asked: number[] = [];
    const decide = (at: number): 'full' | 'hidden' => { asked.push(at); return index.entries[at]?.entry.id === 'secret' ? 'hidden' : 'full'; };
    memo.remember(0, 'full');
    expect(memo.decideAhead(decide, 0, 1000)).toBe(index.entries.length);
    expect(asked).toEqual(index.entries.map((_, at) => at).slice(1));
    expect(index.entries.map((_, at) => memo.known(at))).toEqual(index.entries.map((e) => (e?.entry.id === 'secret' ? 'hidden' : 'full')));
    // nothing is asked twice; an entry replaced since is asked again
    asked.length = 0;
    addEntry(index, { ...twin });
    const at = index.entryIndexOf(EntityId('secret')) as number;
    expect(memo.decideAhead(decide, 0, 1000)).toBe(index.entries.length);
    expect(asked).toEqual([at]);
  });

  it('a memo further behind than the index keeps changes for forgets every answer', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const memo = new VisibilityMemo(index);
    memo.decideAhead(() => 'full', 0, 1000);
    const other = index.entryIndexOf(WATCHLIST[0]!.id) as number;
    addEntry(index, { ...twin });
    expect(memo.known(other)).toBe('full');
    for (let i = 0; i <= CHANGE_LOG_LIMIT; i++) addEntry(index, { ...twin });
    expect(index.entries.map((_, at) => memo.known(at))).toEqual(index.entries.map(() => undefined));
  });

  it('a memo made for another index is not used', () => {
    const index = createScreeningIndex([...WATCHLIST, twin]);
    const memo = new VisibilityMemo(createScreeningIndex(WATCHLIST));
    const r = screen(index, { name: 'Karel Vandermolen' }, { at: AT, minScore: 0, visibility: hidden, memo });
    expect(matches(r).map((h) => h.id)).not.toContain('secret');
  });

  it('filters alerts the caller may not see', () => {
    const index = createScreeningIndex(WATCHLIST);
    const [top] = matches(screen(index, { name: 'Karel Vandermolen' }, { at: AT, alertVisible: (a) => a.category !== 'arrest' }));
    expect(top?.alerts.map((a) => a.category)).toEqual(['discreet_check']);
  });
});

describe('screen among many namesakes', () => {
  // More people called alike than the candidate limit: the date of birth must pick out the one it names,
  // wherever that person sits in the list. Fictional names and dates, made here.
  const namesakes = Array.from({ length: 120 }, (_, i) =>
    person(`n${i}`, ['Orvald Tremmick'], { birthDates: [`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`] }));
  const target = person('target', ['Orvald Tremmick'], { birthDates: ['1987-06-23'] });

  it.each([['last', [...namesakes, target]], ['first', [target, ...namesakes]]])('finds the person the date names when listed %s', (_, list) => {
    const index = createScreeningIndex(list as WatchlistEntry[]);
    const hits = matches(screen(index, { name: 'Orvald Tremick', birthDate: '1987-06-23' }, { at: AT, candidates: 20 }));
    expect(hits[0]?.id).toBe('target');
    expect(hits[0]?.explain.birthDate?.level).toBe('exact');
  });

  it('forgets a removed entry\'s date of birth', () => {
    const index = createScreeningIndex([...namesakes, target]);
    removeEntry(index, EntityId('target'));
    expect(index.birthDates.get('1987-6-23')).toBeUndefined();
    const hits = matches(screen(index, { name: 'Orvald Tremick', birthDate: '1987-06-23' }, { at: AT, candidates: 20 }));
    expect(hits.some((h) => h.id === 'target')).toBe(false);
  });
});

describe('screen among pointer-only namesakes', () => {
  // Another agency's people the caller gets only as a pointer, called like a listed person under
  // an arrest alert who is listed after them. Fictional names, made here.
  const desk = (agency: string) => ({ agency: AgencyId(agency), desk: { id: DeskId(`${agency}-desk`), name: 'Desk', phone24x7: '+3225550100' } });
  const pointed = (n: number, agency: string): WatchlistEntry[] => Array.from({ length: n }, (_, i) => person(`${agency}-${i}`, ['Orvald Tremmick'], { owner: desk(agency) }));
  const listed = person('listed', ['Orvald Tremmick'], { birthDates: ['1971-03-09'], alerts: [alert('arrest-1', 'arrest', 'listed')] });
  const visibility = (e: WatchlistEntry): 'full' | 'pointer' => (e.owner ? 'pointer' : 'full');
  /** What the caller is shown: each match with its alerts, and one pointer per owner. */
  const shown = (list: readonly WatchlistEntry[], memo = false): string[] => {
    const index = createScreeningIndex(list);
    const r = screen(index, { name: 'Orvald Tremmick' }, { at: AT, candidates: 40, visibility, ...(memo ? { memo: new VisibilityMemo(index) } : {}) });
    if (!r.ok) throw new Error(r.reason);
    return [...new Set(r.hits.map((h) => (h.kind === 'match' ? `${h.id} ${h.alerts.map((a) => a.action).join()}` : `pointer ${h.agency}`)))].sort();
  };

  it.each([false, true])('shows the listed match with its alert, and the same answer however many pointer entries share its name (memo: %s)', (memo) => {
    const expected = ['listed ARREST', 'pointer intel', 'pointer tax'];
    for (const n of [1, 5, 40, 120]) expect(shown([...pointed(n, 'intel'), ...pointed(n, 'tax'), listed], memo)).toEqual(expected);
  });

  it('leaves no pointer owner out for another owner\'s many entries', () => {
    expect(shown([...pointed(80, 'intel'), ...pointed(1, 'tax')])).toEqual(['pointer intel', 'pointer tax']);
  });
});

describe('screen a namesake by date of birth', () => {
  // A listed person and a traveller of the same name, fictional, made here.
  const index = createScreeningIndex([person('listed', ['Haldor Quennick'], { birthDates: ['1952-03-14'] })]);
  const checked = (birthDate: string): ScreeningHit | undefined => matches(screen(index, { name: 'Haldor Quennick', birthDate }, { at: AT, minScore: 0 }))[0];

  it('shows no match for a namesake born decades apart', () => {
    const hit = checked('1985-07-02');
    expect(hit?.band).toBe('none');
    expect(hit?.explain.birthDate?.level).toBe('distant');
  });

  it.each([
    ['1925-03-14', 'two digits of the year transposed'],
    ['1982-03-14', 'one digit of the year mistyped'],
    ['1957-08-30', 'an estimated year a few years off'],
    ['1967-05-01', 'as far apart as one person\'s recorded dates may lie'],
  ])('keeps %s (%s) a possible match', (birthDate) => {
    const hit = checked(birthDate);
    expect(hit?.band).toBe('possible');
    expect(hit?.explain.birthDate?.level).toBe('mismatch');
  });

  it('names the two years one keystroke apart on a plain mismatch, and none where no slip explains it', () => {
    expect(checked('1925-03-14')?.explain.birthDate).toMatchObject({ level: 'mismatch', slip: { query: 1925, listed: 1952 } });
    expect(checked('1982-03-14')?.explain.birthDate).toMatchObject({ level: 'mismatch', slip: { query: 1982, listed: 1952 } });
    expect(checked('1948-08-30')?.explain.birthDate).toEqual({ level: 'mismatch', adjustment: expect.any(Number) });
    expect(checked('1985-07-02')?.explain.birthDate).toEqual({ level: 'distant', adjustment: expect.any(Number) });
    // the score is the one a mismatch without a slip gets: the words change, not the weight
    expect(checked('1925-03-14')?.score).toBe(checked('1948-08-30')?.score);
  });

  it('judges by the closest of the listed dates', () => {
    const two = createScreeningIndex([person('listed', ['Haldor Quennick'], { birthDates: ['1952-03-14', '1984'] })]);
    const [hit] = matches(screen(two, { name: 'Haldor Quennick', birthDate: '1985-07-02' }, { at: AT, minScore: 0 }));
    expect(hit?.band).not.toBe('none');
  });
});
