/**
 * When a timeline event happened, as the timeline writes it: its date, or the span to its end;
 * a span that ends on the day it starts is that one day.
 */
import type { TimelineEvent } from '../api/api-types.ts';

export function eventWhen({ date, end }: Pick<TimelineEvent, 'date' | 'end'>): string {
  const start = date || 'undated';
  return end && end !== date ? `${start} – ${end}` : start;
}
