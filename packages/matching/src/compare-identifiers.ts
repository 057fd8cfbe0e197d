/**
 * Identity documents and numbers (idNumber, passportNumber, ...). Normalised to upper-case
 * letters and digits. Levels: exact; equal after mapping OCR/keying confusables (O/0, I/1/L,
 * S/5, B/8, Z/2 — the pairs machine-readable-zone readers and clerks confuse); one edit
 * (insertion, deletion, substitution or adjacent transposition: Damerau 1964); mismatch.
 */
export const IDENTIFIER_LEVELS = ['exact', 'confusable', 'oneEdit', 'mismatch', 'missing'] as const;
export type IdentifierLevel = (typeof IDENTIFIER_LEVELS)[number];

const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };

export function normalizeIdentifier(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const HAS_CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLE).join('')}]`);

/** The identifier with confusable characters mapped to one representative (the identifier itself when it has none). */
export function confusableForm(id: string): string {
  if (!HAS_CONFUSABLE.test(id)) return id;
  let s = '';
  for (const ch of id) s += CONFUSABLE[ch] ?? ch;
  return s;
}

/** Damerau (optimal string alignment) distance <= 1, without building a matrix. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Short identifiers (< 5 characters) are too easy to hit by chance for the fuzzy levels. */
const MIN_FUZZY_LENGTH = 5;

/** a/b: normalised identifiers; aConf/bConf: their confusable forms (precomputed by prepare). */
export function compareIdentifiers(a: readonly string[], b: readonly string[], aConf: readonly string[] = a.map(confusableForm), bConf: readonly string[] = b.map(confusableForm)): number {
  if (a.length === 0 || b.length === 0) return 4;
  let best = 3;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    for (let j = 0; j < b.length; j++) {
      const y = b[j] as string;
      if (x === y) return 0;
      if (x.length < MIN_FUZZY_LENGTH || y.length < MIN_FUZZY_LENGTH) continue;
      if (aConf[i] === bConf[j]) best = Math.min(best, 1);
      else if (best > 2 && withinOneEdit(x, y)) best = 2;
    }
  }
  return best;
}
