/**
 * Term-frequency adjustment (Winkler 1989, "Frequency-based matching in Fellegi-Sunter model of
 * record linkage"; Splink's tf adjustments): agreeing on a rare name token is stronger evidence
 * than agreeing on "Mohamed". A token's information is -log2 of its relative frequency; the
 * adjustment for agreeing on it is its information minus the average information of a token
 * occurrence (the entropy of the table), so that on average the adjustment is zero and the
 * model's m/u weights stay calibrated.
 */
import { normalizeName } from './normalize-name.ts';

export interface NameFrequencies {
  readonly total: number;
  readonly counts: ReadonlyMap<string, number>;
  /** Mean information (bits) of one token occurrence in the table. */
  readonly meanInformation: number;
}

/** Largest adjustment, in bits, one token can bring either way. */
const TOKEN_CAP = 4;

export function buildNameFrequencies(names: Iterable<string>): NameFrequencies {
  const counts = new Map<string, number>();
  let total = 0;
  for (const name of names) {
    for (const token of normalizeName(name).core) {
      counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
      total++;
    }
  }
  let meanInformation = 0;
  for (const count of counts.values()) meanInformation += (count / total) * information(count, total);
  return { total, counts, meanInformation };
}

function information(count: number, total: number): number {
  return -Math.log2((count + 0.5) / (total + 0.5));
}

/** Adjustment in bits for agreeing on this (folded) token; 0 without a table. */
export function tokenTfWeight(frequencies: NameFrequencies | undefined, token: string): number {
  if (!frequencies || frequencies.total === 0) return 0;
  const adjustment = information(frequencies.counts.get(token) ?? 0, frequencies.total) - frequencies.meanInformation;
  return Math.max(-TOKEN_CAP, Math.min(TOKEN_CAP, adjustment));
}
