import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetEntryStates, pushEntryState, readEntryState } from './entry-state.ts';

/** A tab's history as the module sees it: its entries, Back and Forward. */
function fakeTab() {
  const entries: { state: unknown; url: string }[] = [{ state: null, url: '#/search' }];
  let at = 0;
  const tab = Object.assign(new EventTarget(), {
    history: {
      get state(): unknown {
        return entries[at]?.state;
      },
      pushState(state: unknown, _title: string, url: string): void {
        entries.splice(at + 1, entries.length, { state: structuredClone(state), url });
        at = entries.length - 1;
      },
    },
    back(): void {
      at = Math.max(0, at - 1);
      tab.dispatchEvent(new Event('popstate'));
    },
    forward(): void {
      at = Math.min(entries.length - 1, at + 1);
      tab.dispatchEvent(new Event('popstate'));
    },
    entries,
  });
  return tab;
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

let storage: ReturnType<typeof memoryStorage>;
let tab: ReturnType<typeof fakeTab>;
beforeEach(() => {
  storage = memoryStorage();
  tab = fakeTab();
  vi.stubGlobal('window', tab);
  vi.stubGlobal('sessionStorage', storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('what a history entry keeps', () => {
  it('is kept out of the address and the entry: the entry holds a random key, the tab\'s sessionStorage the value', () => {
    pushEntryState('search', { query: 'Henrike Saltvik', schema: 'Person', born: '1979' }, '#/search');
    expect(tab.entries.map((entry) => entry.url)).toEqual(['#/search', '#/search']);
    expect(JSON.stringify(tab.entries.map((entry) => entry.state))).not.toMatch(/Saltvik|1979/);
    expect(readEntryState('search')).toEqual({ query: 'Henrike Saltvik', schema: 'Person', born: '1979' });
    expect(readEntryState('reports')).toBeUndefined();
  });

  it('comes back with Back and Forward, each entry with its own', () => {
    pushEntryState('search', { query: 'Saltvik' }, '#/search');
    pushEntryState('search', { query: 'Brenneval' }, '#/search');
    tab.back();
    expect(readEntryState('search')).toEqual({ query: 'Saltvik' });
    tab.back();
    expect(readEntryState('search')).toBeUndefined();
    tab.forward();
    tab.forward();
    expect(readEntryState('search')).toEqual({ query: 'Brenneval' });
  });

  it('is forgotten whole: the entries stay and keep nothing', () => {
    pushEntryState('search', { query: 'Saltvik' }, '#/search');
    pushEntryState('reports', 'bakery', '#/reports');
    forgetEntryStates();
    expect(readEntryState('reports')).toBeUndefined();
    tab.back();
    expect(readEntryState('search')).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('is kept for the last 50 entries, as many as the browser lets Back return to', () => {
    for (let i = 0; i < 51; i++) pushEntryState('reports', `words ${i}`, '#/reports');
    expect(readEntryState('reports')).toBe('words 50');
    for (let i = 0; i < 49; i++) tab.back();
    expect(readEntryState('reports')).toBe('words 1');
    tab.back();
    expect(readEntryState('reports')).toBeUndefined();
  });

  it('makes the entry all the same when the storage refuses it, which then keeps nothing', () => {
    vi.stubGlobal('sessionStorage', { ...storage, setItem: () => { throw new Error('QuotaExceededError'); } });
    pushEntryState('search', { query: 'Saltvik' }, '#/search');
    expect(tab.entries).toHaveLength(2);
    expect(readEntryState('search')).toBeUndefined();
  });
});
