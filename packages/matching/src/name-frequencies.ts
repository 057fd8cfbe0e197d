/**
 * Term-frequency adjustment (Winkler 1989, "Frequency-based matching in Fellegi-Sunter model of
 * record linkage"; Splink's term-frequency adjustments): agreeing on a rare name token is stronger
 * evidence than agreeing on "Mohamed". The table is built from the data at hand (the records
 * being compared), never from a shipped list.
 *
 * Splink's form, per agreeing token t with relative frequency p(t) among token occurrences:
 *
 *   adjustment(t) = log2(u_agree / u_t) = -log2 p(t) - (-log2 Σ p(s)²)
 *
 * u_t = p(t) is the chance that a random non-matching pair agrees on t given that it agrees on
 * one token and matches would (P(t | match, agree) / P(t | non-match, agree) = p / (p²/Σp²));
 * u_agree = Σ p² is the chance that two random token occurrences agree at all, which is what the
 * name level's u averages over. So a level weight log2(m/u_level) plus this adjustment is the
 * Bayes factor of agreeing on that particular token. -log2 Σ p² is the collision (Rényi order 2)
 * entropy of the table, kept in `chanceInformation`.
 *
 * Tables that lack `chanceInformation` (screening's live token index maintains only the Shannon
 * entropy incrementally) are centred on `meanInformation` instead, the earlier "zero on average
 * over token occurrences" form; screening's scores are calibrated on that.
 */
import { normalizeName, type NormalizedName } from './normalize-name.ts';

export interface NameFrequencies {
  readonly total: number;
  readonly counts: ReadonlyMap<string, number>;
  /** Mean information (bits) of one token occurrence in the table (Shannon entropy). */
  readonly meanInformation: number;
  /**
   * -log2 of the probability that two random token occurrences are the same token (collision
   * entropy): the centre of Splink's adjustment log2(u_agree / u_token). Used when present.
   */
  readonly chanceInformation?: number;
}

/** Largest adjustment, in bits, one token can bring either way (Splink bounds u_t the same way). */
const TOKEN_CAP = 4;

/** `normalize` may be a cached normalizeName (prepare.ts normalizeNameCached). */
export function buildNameFrequencies(names: Iterable<string>, normalize: (name: string) => Pick<NormalizedName, 'core'> = normalizeName): NameFrequencies {
  const counts = new Map<string, number>();
  let total = 0;
  for (const name of names) {
    for (const token of normalize(name).core) {
      counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
      total++;
    }
  }
  let meanInformation = 0;
  let collision = 0;
  for (const count of counts.values()) {
    meanInformation += (count / total) * information(count, total);
    collision += (count / total) ** 2;
  }
  return total === 0 ? { total, counts, meanInformation } : { total, counts, meanInformation, chanceInformation: -Math.log2(collision) };
}

/** Information of a token seen `count` times; +0.5 so that an unseen token stays finite. */
function information(count: number, total: number): number {
  return -Math.log2((count + 0.5) / (total + 0.5));
}

/** Adjustment in bits for agreeing on this (folded) token; 0 without a table. */
export function tokenTfWeight(frequencies: NameFrequencies | undefined, token: string): number {
  if (!frequencies || frequencies.total === 0) return 0;
  const centre = frequencies.chanceInformation ?? frequencies.meanInformation;
  const adjustment = information(frequencies.counts.get(token) ?? 0, frequencies.total) - centre;
  return Math.max(-TOKEN_CAP, Math.min(TOKEN_CAP, adjustment));
}

/** Relative frequency of a (folded) token in the table, for explanations; 0 without a table. */
export function tokenFrequency(frequencies: NameFrequencies | undefined, token: string): number {
  if (!frequencies || frequencies.total === 0) return 0;
  return (frequencies.counts.get(token) ?? 0) / frequencies.total;
}
