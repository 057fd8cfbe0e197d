/**
 * Cards listing one resolved person: a decision on one contrary to the decision held on another
 * (confirmed as the person checked, rejected as a different one) says the traveller both is and
 * is not that person. The card asks before sending it — resolution can be wrong, and the officer
 * at the desk decides, so it is asked, never refused.
 */
import type { HitDecision, ScreeningHit } from '../api/api-types.ts';

/** A decision on a same-person card contrary to the one about to be taken: the card (from 1) and what it holds. */
export interface ContraryDecision {
  readonly position: number;
  readonly decision: 'confirm' | 'reject';
}

const CONTRARY = { confirm: 'reject', reject: 'confirm' } as const;

/**
 * The first card listing the same person as hit `n` whose decision is contrary to `decision`,
 * among the decisions the check holds (taken on this page, before it, or by another officer).
 * Resolution names, for each later listing, the first hit of the person (`sameSubjectAs`): cards
 * sharing it list one person, whichever names the other. A desk called decides nothing of the kind.
 */
export function contraryDecision(hits: readonly ScreeningHit[], n: number, decision: HitDecision): ContraryDecision | undefined {
  if (decision === 'called') return undefined;
  const personOf = (hit: ScreeningHit, i: number): number => hit.sameSubjectAs ?? hit.n ?? i;
  const at = hits.findIndex((h, i) => (h.n ?? i) === n);
  const hit = hits[at];
  if (!hit) return undefined;
  const person = personOf(hit, at);
  const contrary = CONTRARY[decision];
  const found = hits.findIndex((h, i) => i !== at && personOf(h, i) === person && h.decision?.decision === contrary);
  return found < 0 ? undefined : { position: found + 1, decision: contrary };
}

/** The card's question before a contrary decision, in the words the cards use. */
export function contraryQuestion(contrary: ContraryDecision): string {
  const held = contrary.decision === 'reject' ? 'rejected as a different person' : 'confirmed as the person checked';
  const asked = contrary.decision === 'reject' ? 'Confirm' : 'Reject';
  return `Card ${contrary.position}, the same person, was ${held}. ${asked} this one all the same?`;
}

/** The button that sends the contrary decision once asked. */
export function contraryAnswer(contrary: ContraryDecision): string {
  return `${contrary.decision === 'reject' ? 'Confirm' : 'Reject'} all the same`;
}
