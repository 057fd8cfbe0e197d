/**
 * What a screen keeps with one entry of the tab's history instead of in its address: a search
 * names people, and an address stays in the browser's history list, where the next user of a
 * shared workstation would read it. The entry holds only a random key (history.state, which Back,
 * Forward and a reload give back); what it keeps is in this tab's sessionStorage under that key,
 * gone when the tab closes and forgotten when its user's session ends, so that the next user at
 * the tab finds no search of theirs on Back.
 */
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'mosaic.entries';
/** Chromium keeps the last 50 entries of a tab's history: what older ones kept cannot be returned to. */
const KEPT_ENTRIES = 50;
/** Told when this tab adds an entry (pushState announces none, as Back's popstate does). */
const PUSHED = 'mosaic:entry-pushed';

type Kept = readonly (readonly [entry: string, value: Readonly<Record<string, unknown>>])[];

function loadKept(): Kept {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Kept) : [];
  } catch {
    return [];
  }
}

function entryKey(): string | undefined {
  const state: unknown = window.history.state;
  const key = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)['entry'] : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** What the current history entry keeps under `name` (undefined when it keeps nothing). */
export function readEntryState(name: string): unknown {
  const key = entryKey();
  return key === undefined ? undefined : loadKept().find(([entry]) => entry === key)?.[1][name];
}

/**
 * A new history entry at `to`, the address without what it keeps: `value` under `name`.
 * Back returns to the entry before, Forward to this one.
 */
export function pushEntryState(name: string, value: unknown, to: string): void {
  const key = crypto.randomUUID();
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...loadKept(), [key, { [name]: value }]].slice(-KEPT_ENTRIES)));
  } catch {
    // storage full or refused: the entry is made all the same, and Back to it keeps nothing
  }
  window.history.pushState({ entry: key }, '', to);
  window.dispatchEvent(new Event(PUSHED));
}

/** Forgets what every entry of this tab kept: the entries stay, and keep nothing. */
export function forgetEntryStates(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** What the current history entry keeps under `name`, read by `parse`; read again on Back, Forward and a new entry. */
export function useEntryState<T>(name: string, parse: (kept: unknown) => T): T {
  const [value, setValue] = useState(() => parse(readEntryState(name)));
  useEffect(() => {
    const onChange = (): void => setValue(parse(readEntryState(name)));
    window.addEventListener('popstate', onChange);
    window.addEventListener(PUSHED, onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener(PUSHED, onChange);
    };
  }, [name, parse]);
  return value;
}
