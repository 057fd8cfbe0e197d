/**
 * When a timeline event happened, as the timeline writes it: its date, or the span to its end;
 * a span that ends on the day it starts is that one day. A date that is an instant (a record's
 * version, made at a time of day) is said in the reader's zone, named, as every time is
 * (local-time.ts); a day is said as it is.
 */
import type { TimelineEvent } from '../api/api-types.ts';
import { localTime } from '../common/local-time.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const said = (date: string): string => (INSTANT.test(date) ? localTime(date) : date);

export function eventWhen({ date, end }: Pick<TimelineEvent, 'date' | 'end'>): string {
  const start = date ? said(date) : 'undated';
  return end && end !== date ? `${start} – ${said(end)}` : start;
}
