/**
 * A hit's decision as the officer takes it, answered with the check as it is after it. A 409 is
 * another session's decision on the hit taken first, or one under way: the check is read again,
 * and where it holds a decision on the hit that one is in force — an outcome to show on the card,
 * not an error; while the hit is still undecided, the conflict stays the error it is.
 */
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { CheckReport, HitDecision, ScreenResponse } from '../api/api-types.ts';

export interface TakenDecision {
  /** The check as it is now, its hits and their decisions. */
  readonly check: ScreenResponse;
  /** false: the hit holds a decision another session took first. */
  readonly taken: boolean;
}

export async function takeDecision(
  api: Pick<ApiClient, 'decideHit' | 'check'>,
  { check, hit, decision, report }: { readonly check: string; readonly hit: { readonly ref?: string | undefined; readonly n: number }; readonly decision: HitDecision; readonly report?: CheckReport | undefined },
): Promise<TakenDecision> {
  try {
    // named by its ref, which stays the hit's whatever else the check shows by the time it is decided
    return { check: await api.decideHit(check, hit.ref ?? hit.n, decision, report), taken: true };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const now = await api.check(check);
    const same = now.hits.find((h, i) => (hit.ref !== undefined ? h.ref === hit.ref : (h.n ?? i) === hit.n));
    if (!same?.decision) throw error;
    return { check: now, taken: false };
  }
}
