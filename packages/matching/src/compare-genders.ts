/** Gender: agreement is weak evidence, disagreement strong (clerical errors aside). */
export const GENDER_LEVELS = ['exact', 'mismatch', 'missing'] as const;
export type GenderLevel = (typeof GENDER_LEVELS)[number];

/** 'm' / 'f' / 'x' from the usual spellings; undefined when unreadable. */
export function normalizeGender(raw: string): string | undefined {
  const s = raw.trim().toLowerCase();
  if (s === 'm' || s === 'male' || s === 'man') return 'm';
  if (s === 'f' || s === 'female' || s === 'woman') return 'f';
  if (s === 'x' || s === 'other') return 'x';
  return undefined;
}

export function compareGenders(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 2;
  for (const x of a) if (b.includes(x)) return 0;
  return 1;
}
