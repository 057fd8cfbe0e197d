/**
 * The in-memory screening index: watchlist entries, their names in the token index, and exact
 * maps for document numbers (also under their OCR-confusable form), plates, phone numbers and
 * e-mail addresses.
 * Entries are added, replaced and removed one at a time (no rebuild), so a server can keep the
 * index current from the store's change feed within a second.
 *
 * Names are normalised once, when the entry is added, by @mosaic/matching; their tokens are
 * interned (one object per distinct token) because a million-name watchlist repeats a small
 * vocabulary, and memory, not time, is what limits an in-process index. For the same reason
 * names are held without their joins (adjacent parts written as one word): the few names a
 * query compares get them then (withJoins).
 */
import {
  confusableForm, normalizeCountry, normalizeGender, normalizeName, parseDate,
  type NameFrequencies, type NameToken, type NormalizedName, type PartialDate,
} from '@mosaic/matching';
import { toCountryCode } from '@mosaic/model';
import { indexedIdentifiers } from './indexed-identifiers.ts';
import { TokenIndex } from './token-index.ts';
import type { NameKind, SubjectId, WatchlistEntry } from './watchlist-entry.ts';

/**
 * Where term-frequency weights come from. `'index'`: live counts over every listed name (best
 * ranking, but the counts include entries some users may not see, so use it only where no
 * entry is hidden: CLI, benchmarks); a table: a fixed reference (e.g. a population register's
 * name counts), which nothing in the index can move; `'none'`: no adjustment.
 */
export type FrequencySource = 'index' | 'none' | NameFrequencies;

export interface ScreeningIndexOptions {
  readonly frequencies?: FrequencySource;
}

/** Identifiers shorter than this are not indexed under their confusable form (too many chance hits). */
const MIN_CONFUSABLE_LENGTH = 5;
/** Phones agree on their last nine digits across national and international writings. */
const SUBSCRIBER_DIGITS = 9;

export interface IndexedEntry {
  readonly entry: WatchlistEntry;
  readonly slots: readonly number[];
  readonly birthDates: readonly PartialDate[];
  readonly countries: readonly string[];
  readonly genders: readonly string[];
  readonly documents: readonly string[];
  readonly plates: readonly string[];
  readonly phones: readonly string[];
  readonly emails: readonly string[];
}

export interface ScreeningIndexStats {
  readonly entries: number;
  readonly names: number;
  readonly vocabulary: number;
}

export const NAME_KIND_CODES: readonly NameKind[] = ['name', 'alias', 'weakAlias'];

/** Token ids kept per slot for probing (a name of up to four parts, each with a bare form, fits). */
export const SLOT_POSTED_WIDTH = 8;
/** slotPostedCount of a slot posted under more ids than fit: probed through its name instead. */
export const SLOT_POSTED_OVERFLOW = 255;

/** One key per written date: two dates have the same key exactly when compareDates finds them equal. */
export function birthDateKey(date: PartialDate): string {
  return `${date.year}-${date.month ?? ''}-${date.day ?? ''}`;
}

const NONE: readonly never[] = Object.freeze([]);

/** Most entries lack most facts: they share one empty list instead of a million of their own. */
function orNone<T>(values: readonly T[]): readonly T[] {
  return values.length === 0 ? NONE : values;
}

/** A typed array twice as long holding the same values first. */
function doubled<T extends Uint8Array | Int32Array>(a: T): T {
  const grown = new (a.constructor as new (length: number) => T)(a.length * 2);
  grown.set(a);
  return grown;
}

function uniq(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function removeFrom(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) return;
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}

/** Entry changes kept for memos to catch up with (see `changedSince`). */
export const CHANGE_LOG_LIMIT = 1 << 16;

export class ScreeningIndex {
  readonly tokens = new TokenIndex();
  readonly frequencies: NameFrequencies | undefined;
  /** Entry slots; undefined where an entry was removed (reused by the next add). */
  readonly entries: (IndexedEntry | undefined)[] = [];
  readonly #byId = new Map<string, number>();
  readonly #freeEntries: number[] = [];
  /** A stamp, new on every upsert and removal of an entry (see `version`, `changedSince`). */
  #stamp = 0;
  /**
   * The entry positions restamped, in stamp order: position k was restamped to stamp
   * `#changesBase + k + 1`. A memo keyed by entry position catches up by reading what changed
   * since its stamp instead of comparing stamps on every read. Bounded: the oldest half is
   * dropped past CHANGE_LOG_LIMIT, and a memo further behind starts again.
   */
  #changes: number[] = [];
  #changesBase = 0;
  /** Name slots: owning entry (-1: free), normalised name, raw text, kind. */
  slotEntry = new Int32Array(1024).fill(-1);
  slotKind = new Uint8Array(1024);
  /** Core part count of each slot's name (capped at 255), read by candidate ranking without touching the name. */
  slotParts = new Uint8Array(1024);
  /**
   * The token ids each slot is posted under (SLOT_POSTED_WIDTH per slot; count in
   * slotPostedCount, SLOT_POSTED_OVERFLOW when they do not fit): candidate generation probes a
   * found name for a common part with these instead of reading the name itself.
   */
  slotPosted = new Int32Array(1024 * SLOT_POSTED_WIDTH);
  slotPostedCount = new Uint8Array(1024);
  /**
   * The owning agency of each slot's entry, as a number (`ownerCodes`; 0: the entry names no
   * owner): candidate generation numbers a query's pointer owners by it without reading the entry.
   */
  slotOwner = new Int32Array(1024);
  /** Agency → its number in `slotOwner` (1 up), numbered as first seen and kept. */
  readonly #ownerCodes = new Map<string, number>();
  readonly slotName: (NormalizedName | undefined)[] = [];
  readonly slotText: (string | undefined)[] = [];
  readonly #freeSlots: number[] = [];
  #slotCount = 0;
  #nameCount = 0;
  readonly documents = new Map<string, number[]>();
  readonly documentsConfusable = new Map<string, number[]>();
  readonly plates = new Map<string, number[]>();
  readonly platesConfusable = new Map<string, number[]>();
  readonly phones = new Map<string, number[]>();
  readonly emails = new Map<string, number[]>();
  /** Entries by date of birth (birthDateKey): how candidate generation tells apart people who share a name. */
  readonly birthDates = new Map<string, number[]>();
  readonly #tokenCache = new Map<string, NameToken>();

  constructor(options: ScreeningIndexOptions) {
    const source = options.frequencies ?? 'none';
    this.frequencies = source === 'none' ? undefined : source === 'index' ? this.tokens : source;
  }

  /** Changes whenever an entry is added, replaced or removed: what a memo of anything read from the index compares with. */
  get version(): number {
    return this.#stamp;
  }

  /** The highest number `slotOwner` holds. */
  get ownerCodeCount(): number {
    return this.#ownerCodes.size;
  }

  #ownerCode(agency: string | undefined): number {
    if (agency === undefined) return 0;
    let code = this.#ownerCodes.get(agency);
    if (code === undefined) {
      code = this.#ownerCodes.size + 1;
      this.#ownerCodes.set(agency, code);
    }
    return code;
  }

  get slotCapacity(): number {
    return this.#slotCount;
  }

  stats(): ScreeningIndexStats {
    return { entries: this.#byId.size, names: this.#nameCount, vocabulary: this.tokens.vocabularySize };
  }

  entryIndexOf(id: string): number | undefined {
    return this.#byId.get(id);
  }

  /**
   * One object per distinct token: names share them instead of holding copies. Core tokens are
   * held by the token index (one lookup files and interns them); particles, honorifics,
   * initials and a text seen under a second kind go through a small cache. A name without
   * particles keeps one array for `tokens` and `core`.
   */
  #intern(name: NormalizedName): NormalizedName {
    const one = (t: NameToken): NameToken => {
      if (t.kind === 'given' || t.kind === 'surname' || t.kind === 'kunya') {
        const held = this.tokens.canonical(t);
        if (held !== undefined) return held;
      }
      const key = `${t.kind}|${t.text}`;
      const cached = this.#tokenCache.get(key);
      if (cached) return cached;
      this.#tokenCache.set(key, t);
      return t;
    };
    const core = name.core.map(one);
    const tokens = name.tokens.length === core.length ? core : name.tokens.map(one);
    return { ...name, tokens, core };
  }

  #newSlot(): number {
    const free = this.#freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.#slotCount++;
    if (slot >= this.slotEntry.length) {
      const entry = new Int32Array(this.slotEntry.length * 2).fill(-1);
      entry.set(this.slotEntry);
      this.slotEntry = entry;
      this.slotKind = doubled(this.slotKind);
      this.slotParts = doubled(this.slotParts);
      this.slotPosted = doubled(this.slotPosted);
      this.slotPostedCount = doubled(this.slotPostedCount);
      this.slotOwner = doubled(this.slotOwner);
    }
    return slot;
  }

  /** Adds the entry, replacing any entry with the same id. */
  upsert(entry: WatchlistEntry): void {
    if (this.#byId.has(entry.id)) this.remove(entry.id);
    const index = this.#freeEntries.pop() ?? this.entries.length;
    const slots: number[] = [];
    const seen = new Set<string>();
    const owner = this.#ownerCode(entry.owner?.agency);
    for (const n of entry.names) {
      const normalized = normalizeName(n.value, { joins: false });
      if (normalized.core.length === 0) continue;
      const weak = n.kind === 'weakAlias' || normalized.weak;
      const dedupe = `${normalized.key}|${normalized.initials}|${weak}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const name = this.#intern(weak && !normalized.weak ? { ...normalized, weak: true } : normalized);
      const slot = this.#newSlot();
      this.slotEntry[slot] = index;
      this.slotOwner[slot] = owner;
      this.slotKind[slot] = NAME_KIND_CODES.indexOf(n.kind);
      this.slotParts[slot] = Math.min(255, name.core.length);
      this.slotName[slot] = name;
      this.slotText[slot] = n.value;
      const posted = this.tokens.add(slot, name.core, !name.weak);
      if (posted.length <= SLOT_POSTED_WIDTH) {
        this.slotPosted.set(posted, slot * SLOT_POSTED_WIDTH);
        this.slotPostedCount[slot] = posted.length;
      } else this.slotPostedCount[slot] = SLOT_POSTED_OVERFLOW;
      slots.push(slot);
    }
    this.#nameCount += slots.length;
    const { documents, plates, phones, emails } = indexedIdentifiers(entry);
    const indexed: IndexedEntry = {
      entry,
      slots,
      birthDates: orNone((entry.birthDates ?? []).map(parseDate).filter((d): d is PartialDate => d !== undefined)),
      countries: orNone(uniq((entry.nationalities ?? []).map((c) => toCountryCode(c) ?? normalizeCountry(c)).filter((c) => c !== ''))),
      genders: orNone(uniq((entry.genders ?? []).map(normalizeGender).filter((g): g is string => g !== undefined))),
      documents: orNone(documents),
      plates: orNone(plates),
      phones: orNone(phones),
      emails: orNone(emails),
    };
    for (const d of documents) {
      pushTo(this.documents, d, index);
      if (d.length >= MIN_CONFUSABLE_LENGTH) pushTo(this.documentsConfusable, confusableForm(d), index);
    }
    for (const p of plates) {
      pushTo(this.plates, p, index);
      if (p.length >= MIN_CONFUSABLE_LENGTH) pushTo(this.platesConfusable, confusableForm(p), index);
    }
    for (const p of phones) pushTo(this.phones, p.slice(-SUBSCRIBER_DIGITS), index);
    for (const m of emails) pushTo(this.emails, m, index);
    // the entry is new to every list, so no membership scan (a year-only date's list is long)
    for (const key of uniq(indexed.birthDates.map(birthDateKey))) {
      const list = this.birthDates.get(key);
      if (list === undefined) this.birthDates.set(key, [index]);
      else list.push(index);
    }
    this.entries[index] = indexed;
    this.#byId.set(entry.id, index);
    this.#restamp(index);
  }

  #restamp(index: number): void {
    this.#stamp++;
    this.#changes.push(index);
    if (this.#changes.length > CHANGE_LOG_LIMIT) {
      const dropped = this.#changes.length >> 1;
      this.#changes.splice(0, dropped);
      this.#changesBase += dropped;
    }
  }

  /**
   * The entry positions added, replaced or removed after `stamp` (a `version` read earlier), in
   * the order they changed (a position changed twice is there twice); undefined when that is
   * further back than the log keeps.
   */
  changedSince(stamp: number): readonly number[] | undefined {
    if (stamp < this.#changesBase) return undefined;
    return this.#changes.slice(stamp - this.#changesBase);
  }

  /** Removes the entry with this id; false when there was none. */
  remove(id: SubjectId | string): boolean {
    const index = this.#byId.get(id);
    if (index === undefined) return false;
    const indexed = this.entries[index] as IndexedEntry;
    for (const slot of indexed.slots) {
      const name = this.slotName[slot] as NormalizedName;
      this.tokens.remove(slot, name.core, !name.weak);
      this.slotEntry[slot] = -1;
      this.slotOwner[slot] = 0;
      this.slotPostedCount[slot] = 0;
      this.slotName[slot] = undefined;
      this.slotText[slot] = undefined;
      this.#freeSlots.push(slot);
    }
    this.#nameCount -= indexed.slots.length;
    for (const d of indexed.documents) {
      removeFrom(this.documents, d, index);
      if (d.length >= MIN_CONFUSABLE_LENGTH) removeFrom(this.documentsConfusable, confusableForm(d), index);
    }
    for (const p of indexed.plates) {
      removeFrom(this.plates, p, index);
      if (p.length >= MIN_CONFUSABLE_LENGTH) removeFrom(this.platesConfusable, confusableForm(p), index);
    }
    for (const p of indexed.phones) removeFrom(this.phones, p.slice(-SUBSCRIBER_DIGITS), index);
    for (const m of indexed.emails) removeFrom(this.emails, m, index);
    for (const key of uniq(indexed.birthDates.map(birthDateKey))) removeFrom(this.birthDates, key, index);
    this.entries[index] = undefined;
    this.#byId.delete(id);
    this.#freeEntries.push(index);
    this.#restamp(index);
    return true;
  }
}

export function createScreeningIndex(entries: Iterable<WatchlistEntry> = [], options: ScreeningIndexOptions = {}): ScreeningIndex {
  const index = new ScreeningIndex(options);
  for (const e of entries) index.upsert(e);
  return index;
}

export function addEntry(index: ScreeningIndex, entry: WatchlistEntry): void {
  index.upsert(entry);
}

export function removeEntry(index: ScreeningIndex, id: SubjectId): boolean {
  return index.remove(id);
}
