/**
 * Place of birth: a town name as a clerk wrote it, folded (case, diacritics, punctuation, script)
 * and compared as a whole: `exact` when equal, `similar` when Jaro-Winkler >= 0.9 or one is a
 * word-prefix of the other ("Saint-Denis" ~ "St Denis" does not, "Sarajevo" ~ "Sarajevo, BiH"
 * does), else `mismatch`. Place of birth does not change over a life, unlike an address or a
 * nationality, which is why agencies (and Interpol notices) record it beside the date of birth.
 */
import { foldText } from './fold-text.ts';
import { jaroWinkler } from './jaro-winkler.ts';

export const PLACE_LEVELS = ['exact', 'similar', 'mismatch', 'missing'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

const SIMILAR = 0.9;

export function normalizePlace(raw: string): string {
  return foldText(raw);
}

function similar(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(`${short} `)) return true;
  return jaroWinkler(a, b) >= SIMILAR;
}

export function comparePlaces(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 3;
  let best = 2;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return 0;
      if (best > 1 && similar(x, y)) best = 1;
    }
  }
  return best;
}
