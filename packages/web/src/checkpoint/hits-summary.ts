/**
 * The line above a check's cards, read out when it comes: how many hits and how many possible
 * matches. A possible match asks the officer to check further, a hit to act once identity is
 * confirmed; counting both as "hits" made four possible matches read as "4 hits" in red.
 */
import type { ScreeningHit } from '../api/api-types.ts';

export interface HitsSummary {
  readonly text: string;
  /** 'hit' when any card is a hit, 'possible' when only possible matches, 'none' when no card. */
  readonly tone: 'hit' | 'possible' | 'none';
}

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function hitsSummary(hits: readonly Pick<ScreeningHit, 'band'>[]): HitsSummary {
  if (hits.length === 0) return { text: 'No hit', tone: 'none' };
  const hit = hits.filter((h) => h.band === 'hit').length;
  const possible = hits.length - hit;
  const parts = [hit > 0 ? counted(hit, 'hit', 'hits') : '', possible > 0 ? counted(possible, 'possible match', 'possible matches') : ''].filter(Boolean);
  return { text: parts.join(', '), tone: hit > 0 ? 'hit' : 'possible' };
}
