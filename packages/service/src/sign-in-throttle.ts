/**
 * Throttling sign-in by user name, against password guessing (NIST SP 800-63B §5.2.2, "rate
 * limiting"; OWASP Authentication Cheat Sheet, "account lockout"): after `threshold` failures in
 * a row for one name, each further attempt for it is refused until a delay has passed, one minute
 * after the `threshold`th failure and doubling with each failure after it, up to `capMs`. Names
 * that belong to no user are throttled the same way, so a refusal tells nothing of which exist.
 *
 * The cap is what keeps the throttle from being a way to lock a user out: attempts refused while
 * a name is throttled are not counted and do not lengthen the delay, so the user waits at most
 * `capMs` after someone else's last wrong guess. A success ends the count; so does a day with no
 * failure (`forgetAfterMs`), so that a mistyped password now and then never adds up to a delay.
 *
 * The state is a document in the store, one per name, so that every node sharing the store
 * applies the same count. An administrator's reset of the user's password ends it too
 * (clearSignInThrottle): the user locked out is given the new password to sign in with now.
 */
import { createHash } from 'node:crypto';
import type { Store, StoredDocument } from '@mosaic/store';

export const SIGN_IN_THROTTLE_KIND = 'sign-in-throttle';

/** The owner of every throttle document: they belong to no agency or user (a name may be no user's). */
export const SIGN_IN_THROTTLE_OWNER = 'system:sign-in';

export interface SignInThrottleOptions {
  /** Failures in a row after which attempts wait. */
  readonly threshold: number;
  /** The wait after the `threshold`th failure; doubled by each failure after it. */
  readonly baseMs: number;
  /** The longest wait. */
  readonly capMs: number;
  /** A count whose last failure is this old starts again from none. */
  readonly forgetAfterMs: number;
}

export const SIGN_IN_THROTTLE: SignInThrottleOptions = Object.freeze({ threshold: 5, baseMs: 60_000, capMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 });

export interface SignInThrottleState {
  /** Failures in a row, the refused attempts not counted. */
  readonly failures: number;
  readonly lastFailureAt: string;
  /** Attempts before this instant are refused. */
  readonly lockedUntil?: string;
}

/**
 * The document's id: a hash of the name as typed (names are matched exactly), which keeps the id
 * short and keeps what was typed — sometimes a password, in the wrong field — out of the store
 * but for the audit log.
 */
export function signInThrottleId(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

export function throttleStateOf(document: Pick<StoredDocument, 'body'> | undefined): SignInThrottleState | undefined {
  return document === undefined ? undefined : (document.body as SignInThrottleState);
}

/** Ends the count for the name: its next attempt is judged on the password alone. Whether there was one. */
export async function clearSignInThrottle(store: Pick<Store, 'deleteDocument'>, name: string): Promise<boolean> {
  return store.deleteDocument(SIGN_IN_THROTTLE_KIND, signInThrottleId(name));
}

/** Until when attempts are refused, or undefined when one may be made now. */
export function throttledUntil(state: SignInThrottleState | undefined, now: Date): Date | undefined {
  if (state?.lockedUntil === undefined) return undefined;
  const until = new Date(state.lockedUntil);
  return until.getTime() > now.getTime() ? until : undefined;
}

/** The state after a failure at `now` (an attempt that was not refused). */
export function afterFailure(state: SignInThrottleState | undefined, now: Date, { threshold, baseMs, capMs, forgetAfterMs }: SignInThrottleOptions = SIGN_IN_THROTTLE): SignInThrottleState {
  const forgotten = state === undefined || now.getTime() - Date.parse(state.lastFailureAt) >= forgetAfterMs;
  const failures = (forgotten ? 0 : state.failures) + 1;
  const lastFailureAt = now.toISOString();
  if (failures < threshold) return { failures, lastFailureAt };
  const waitMs = Math.min(baseMs * 2 ** (failures - threshold), capMs);
  return { failures, lastFailureAt, lockedUntil: new Date(now.getTime() + waitMs).toISOString() };
}

/** Whether a stored state counts for nothing any more (its document may go). */
export function isForgotten(state: SignInThrottleState, now: Date, { forgetAfterMs }: SignInThrottleOptions = SIGN_IN_THROTTLE): boolean {
  return now.getTime() - Date.parse(state.lastFailureAt) >= forgetAfterMs && throttledUntil(state, now) === undefined;
}
