/**
 * Addresses by token overlap: the overlap coefficient |A ∩ B| / min(|A|, |B|) over folded
 * tokens, so that a short form ("12 Rue Haute") agrees with a long one ("12 Rue Haute, 1000
 * Brussels, Belgium").
 */
import { foldText } from './fold-text.ts';

export const ADDRESS_LEVELS = ['high', 'medium', 'low', 'mismatch', 'missing'] as const;
export type AddressLevel = (typeof ADDRESS_LEVELS)[number];

export function addressTokens(raw: string): ReadonlySet<string> {
  const folded = foldText(raw);
  return new Set(folded === '' ? [] : folded.split(' '));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size;
}

export function compareAddresses(a: readonly ReadonlySet<string>[], b: readonly ReadonlySet<string>[]): number {
  if (a.length === 0 || b.length === 0) return 4;
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, overlap(x, y));
  return best >= 0.8 ? 0 : best >= 0.5 ? 1 : best > 0 ? 2 : 3;
}
