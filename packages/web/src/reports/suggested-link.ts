/**
 * The link a reviewer finds chosen when an extracted person or organisation opens: the strongest
 * proposal the matcher itself calls a match (its `match`, read against the matcher's own decision
 * threshold), else none ("A new person"). A suggestion only: nothing is written until the
 * reviewer confirms. Identifiers are not suggested: their proposals are no matcher's judgement.
 */
import type { LinkProposal } from '../api/api-types.ts';

export function suggestedLink(proposals: readonly LinkProposal[]): string | undefined {
  const matched = proposals.filter((p) => p.identifier === undefined && p.match);
  return matched.reduce<LinkProposal | undefined>((best, p) => (best === undefined || p.score > best.score ? p : best), undefined)?.record;
}
