/** Countries (nationality, country of residence): exact or mismatch on a folded code/name. */
import { foldText } from './fold-text.ts';

export const COUNTRY_LEVELS = ['exact', 'mismatch', 'missing'] as const;
export type CountryLevel = (typeof COUNTRY_LEVELS)[number];

export function normalizeCountry(raw: string): string {
  return foldText(raw).replace(/ /g, '');
}

export function compareCountries(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 2;
  for (const x of a) if (b.includes(x)) return 0;
  return 1;
}
