/**
 * Signing a user in, as the API does it: throttled by user name (sign-in-throttle.ts) and
 * audited. Every attempt is an `authentication` entry of the audit log — a success, a wrong
 * password, an unknown name, a disabled account, an attempt refused by the throttle — as the log
 * of a law-enforcement system must let its use be checked (LED Art. 25(2): self-monitoring,
 * integrity and security). The entry names the user when the name is one; the name as typed
 * is its query, the password never.
 */
import type { AuditEvent, AuditOutcome } from '@mosaic/audit';
import { AgencyId, AppError, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type Store, type User } from '@mosaic/store';
import type { Mosaic } from './runtime.ts';
import { checkCredentials, startSession, type SignedIn } from './sessions.ts';
import {
  afterFailure, isForgotten, SIGN_IN_THROTTLE, SIGN_IN_THROTTLE_KIND, SIGN_IN_THROTTLE_OWNER, signInThrottleId, throttledUntil, throttleStateOf, type SignInThrottleOptions,
} from './sign-in-throttle.ts';

/** Who an attempt for a name that is no user's is logged as. */
export const UNKNOWN_USER_ACTOR = { user: UserId('system:unknown-user'), agency: AgencyId('system') } as const;

/** The longest name the log keeps as typed (the API refuses longer ones before this). */
const MAX_NAME = 200;

/** Throttle documents looked at, after each failure, for ones that count for nothing any more. */
const FORGOTTEN_PER_FAILURE = 10;

export interface SignInAttempt {
  readonly name: string;
  readonly password: string;
}

/**
 * Signs in, or throws MOSAIC_BAD_CREDENTIALS (whatever was wrong) or MOSAIC_RATE_LIMITED (the
 * name is throttled: `details.retryAfter` seconds, `details.until` the instant), the same for a
 * name that is no user's.
 */
export async function signInAccount(mosaic: Mosaic, { name, password }: SignInAttempt, throttle: SignInThrottleOptions = SIGN_IN_THROTTLE): Promise<SignedIn> {
  const { store } = mosaic;
  const id = signInThrottleId(name);
  // refused before the password is checked: a throttled attempt costs no scrypt, and its answer
  // does not depend on the password
  const refusedNow = throttledUntil(throttleStateOf(await store.getDocument(SIGN_IN_THROTTLE_KIND, id)), mosaic.now());
  if (refusedNow !== undefined) {
    await mosaic.audit.append(entry(await store.findUserByName(name), name, 'denied', 'sign-in throttled'));
    throw rateLimited(refusedNow, mosaic.now());
  }
  const checked = await checkCredentials(store, name, password);
  const outcome = await store.transaction(async (tx): Promise<{ readonly session: SignedIn } | { readonly refusedUntil: Date } | { readonly failed: true }> => {
    // the audit log's lock first, which the entry takes anyway: the attempts for a name, on every
    // node, are counted one after another, so guesses sent at once cannot all pass the check
    // above before the first failure is written; the attempt is judged on the count as it is now
    await tx.lockAudit();
    const now = mosaic.now();
    const state = throttleStateOf(await tx.getDocument(SIGN_IN_THROTTLE_KIND, id));
    const log = async (event: AuditEvent): Promise<void> => {
      await mosaic.audit.appendIn(createStoreAuditStorage(tx), [event]);
    };
    const refusedUntil = throttledUntil(state, now);
    if (refusedUntil !== undefined) {
      await log(entry(checked.user, name, 'denied', 'sign-in throttled'));
      return { refusedUntil };
    }
    if (!checked.ok) {
      await tx.putDocument({ kind: SIGN_IN_THROTTLE_KIND, id, owner: SIGN_IN_THROTTLE_OWNER, body: afterFailure(state, now, throttle) });
      await forgetOldCounts(tx, now, throttle);
      await log(entry(checked.user, name, 'denied', checked.reason));
      return { failed: true };
    }
    if (state !== undefined) await tx.deleteDocument(SIGN_IN_THROTTLE_KIND, id);
    const session = await startSession(tx, checked.user, { hours: mosaic.config.sessionHours, now });
    await log(entry(checked.user, name, 'ok', 'signed in'));
    return { session };
  });
  if ('session' in outcome) return outcome.session;
  if ('refusedUntil' in outcome) throw rateLimited(outcome.refusedUntil, mosaic.now());
  throw new AppError('MOSAIC_BAD_CREDENTIALS');
}

function entry(user: User | undefined, name: string, outcome: AuditOutcome, reason: string): AuditEvent {
  return {
    actor: user === undefined ? UNKNOWN_USER_ACTOR : { user: user.id, agency: user.agency },
    action: 'authentication', query: { signIn: name.slice(0, MAX_NAME) }, outcome, reason,
  };
}

function rateLimited(until: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = retryAfter < 120 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
  return new AppError('MOSAIC_RATE_LIMITED', `too many failed sign-ins with this user name: try again after ${until.toISOString()} (in ${wait})`, { retryAfter, until: until.toISOString() });
}

/**
 * Deletes a few of the oldest throttle documents that count for nothing any more: each failure
 * with a new name (a typo, or someone trying names) writes one, and without this they would pile up.
 */
async function forgetOldCounts(tx: Store, now: Date, throttle: SignInThrottleOptions): Promise<void> {
  const oldest = await tx.listDocuments(SIGN_IN_THROTTLE_KIND, { owner: SIGN_IN_THROTTLE_OWNER, limit: FORGOTTEN_PER_FAILURE, oldestFirst: true });
  const forgotten = oldest.filter((doc) => isForgotten(throttleStateOf(doc) ?? { failures: 0, lastFailureAt: doc.updatedAt }, now, throttle));
  if (forgotten.length > 0) await tx.deleteDocuments(SIGN_IN_THROTTLE_KIND, forgotten.map((doc) => doc.id));
}
