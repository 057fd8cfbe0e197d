/**
 * A timeline of caller-provided events (sightings, border crossings, calls, case events) for a
 * set of entities: the events that involve at least one of them and that the caller's predicate
 * lets through, in date order, each with the records it comes from. Dates are ISO partial dates;
 * a less precise date sorts before a more precise one starting the same day ("2015" before
 * "2015-11-13"), since it may cover it. Events without a readable date are returned apart.
 */
import type { RecordId } from '@mosaic/model';
import type { NodeId } from './graph-elements.ts';
import { encodePartialDate, lowerBound, upperBound } from './partial-date.ts';
import { windowBounds, type TimeWindow } from './query-scope.ts';

export interface TimelineItem {
  readonly id: string;
  readonly entities: readonly NodeId[];
  readonly date: string;
  readonly end?: string;
  readonly kind: string;
  readonly summary?: string;
  readonly provenance: readonly RecordId[];
}

export interface TimelineOptions<T extends TimelineItem> {
  readonly entities: readonly NodeId[];
  readonly visible?: (item: T) => boolean;
  readonly window?: TimeWindow;
}

export interface TimelineEntry<T extends TimelineItem> {
  readonly item: T;
  /** The given entities the event involves. */
  readonly entities: readonly NodeId[];
}

export interface Timeline<T extends TimelineItem> {
  readonly entries: readonly TimelineEntry<T>[];
  readonly undated: readonly TimelineEntry<T>[];
}

export function timeline<T extends TimelineItem>(items: readonly T[], { entities, visible, window }: TimelineOptions<T>): Timeline<T> {
  const wanted = new Set<string>(entities);
  const [from, to] = windowBounds(window);
  const dated: { entry: TimelineEntry<T>; code: number; end: number }[] = [];
  const undated: TimelineEntry<T>[] = [];
  for (const item of items) {
    const involved = item.entities.filter((entity) => wanted.has(entity));
    if (involved.length === 0 || (visible !== undefined && !visible(item))) continue;
    const entry = { item, entities: [...new Set(involved)] };
    const code = encodePartialDate(item.date);
    const endCode = item.end === undefined ? undefined : encodePartialDate(item.end);
    if (code === undefined || (item.end !== undefined && endCode === undefined)) {
      if (window === undefined) undated.push(entry);
      continue;
    }
    const end = endCode === undefined ? upperBound(code) : upperBound(endCode);
    if (lowerBound(code) > to || end < from) continue;
    dated.push({ entry, code, end });
  }
  dated.sort((a, b) => a.code - b.code || b.end - a.end || (a.entry.item.id < b.entry.item.id ? -1 : a.entry.item.id > b.entry.item.id ? 1 : 0));
  undated.sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  return { entries: dated.map(({ entry }) => entry), undated };
}
