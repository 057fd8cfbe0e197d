/**
 * The line above a check's cards, read out when it comes: what the officer has to act on, counted
 * apart. An alert asks an action of the officer; another agency's pointer asks a call to its
 * desk; a listed subject without an alert is a hit or a possible match, a possible match asking
 * the officer to check further. Counting them all as "hits" made two pointers read as "2 hits" in
 * red above a discreet check, and four possible matches as "4 hits".
 */
import type { ScreeningHit } from '../api/api-types.ts';

export interface HitsSummary {
  readonly text: string;
  /** 'hit' when any card holds an alert or is a hit, 'possible' when only possible matches or pointers, 'none' when no card. */
  readonly tone: 'hit' | 'possible' | 'none';
}

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function hitsSummary(hits: readonly Pick<ScreeningHit, 'kind' | 'band' | 'alerts' | 'agency'>[]): HitsSummary {
  if (hits.length === 0) return { text: 'No hit', tone: 'none' };
  const matches = hits.filter((h) => h.kind !== 'pointer');
  const alerts = matches.filter((h) => (h.alerts?.length ?? 0) > 0).length;
  const others = matches.filter((h) => (h.alerts?.length ?? 0) === 0);
  const hit = others.filter((h) => h.band === 'hit').length;
  const possible = others.length - hit;
  // a pointer per agency is what the officer calls: several entries of one agency are one call
  const agencies = new Set(hits.filter((h) => h.kind === 'pointer').map((h, i) => h.agency ?? `#${i}`)).size;
  const parts = [
    alerts > 0 ? counted(alerts, 'alert', 'alerts') : '',
    hit > 0 ? counted(hit, 'hit', 'hits') : '',
    possible > 0 ? counted(possible, 'possible match', 'possible matches') : '',
    agencies > 0 ? (agencies === 1 ? '1 other agency holds information' : `${agencies} other agencies hold information`) : '',
  ].filter(Boolean);
  return { text: parts.join(' · '), tone: alerts > 0 || hit > 0 ? 'hit' : 'possible' };
}
