/**
 * Sign-in sessions: a random bearer token handed to the client (as a cookie or header), of which
 * the store keeps only a SHA-256 hash, so a copy of the database grants no sign-in.
 */
import { AppError } from '@mosaic/model';
import type { Store, User } from '@mosaic/store';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { verifyPassword } from './password.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  readonly token: string;
  readonly user: User;
  readonly expiresAt: string;
}

/**
 * Checks the credentials and opens a session, neither throttled nor audited: users sign in
 * through signInAccount (sign-in.ts), which does both; this is for tests and tools with a store.
 */
export async function signIn(store: Store, name: string, password: string, options: { readonly hours: number; readonly now?: Date }): Promise<SignedIn> {
  const checked = await checkCredentials(store, name, password);
  if (!checked.ok) throw new AppError('MOSAIC_BAD_CREDENTIALS');
  return startSession(store, checked.user, options);
}

/** Why a sign-in was refused, for the audit log only: the client is told "wrong user name or password" alike. */
export type CredentialsRefusal = 'unknown user name' | 'wrong password' | 'account disabled';

export type CheckedCredentials =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly user: User | undefined; readonly reason: CredentialsRefusal };

/** Whether `password` is the password of the enabled user named `name` (exactly as stored). */
export async function checkCredentials(store: Pick<Store, 'findUserByName'>, name: string, password: string): Promise<CheckedCredentials> {
  const user = await store.findUserByName(name);
  // Verify against a fixed hash when the user is unknown, so timing does not tell which names exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user) return { ok: false, user, reason: 'unknown user name' };
  if (!ok) return { ok: false, user, reason: 'wrong password' };
  if (user.disabledAt !== undefined) return { ok: false, user, reason: 'account disabled' };
  return { ok: true, user };
}

/** A new session for `user`, whose credentials were checked. */
export async function startSession(store: Pick<Store, 'createSession'>, user: User, options: { readonly hours: number; readonly now?: Date }): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + options.hours * 3_600_000).toISOString();
  await store.createSession({ tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, user, expiresAt };
}

async function lookUp(store: Store, tokenHash: string, now: Date): Promise<{ readonly user: User; readonly expiresAt: string }> {
  const session = await store.getSession(tokenHash);
  if (!session || session.expiresAt <= now.toISOString()) throw new AppError('MOSAIC_UNAUTHENTICATED', 'the session has expired or does not exist');
  const user = await store.getUser(session.userId);
  // Disabling a user ends their sessions; checking here too closes the window between the two.
  if (!user || user.disabledAt !== undefined) throw new AppError('MOSAIC_UNAUTHENTICATED');
  return { user, expiresAt: session.expiresAt };
}

export async function signOut(store: Store, token: string): Promise<void> {
  await store.deleteSession(hashToken(token));
}

/**
 * Sessions as the server checks them on every request: a signed-in user is looked up in the
 * store at most once per `ttlMs`, so a busy checkpoint does not pay two queries per check. What
 * the cache may hold back is bounded: a sign-out or `forgetUser` (a role change, an account
 * disabled) takes effect at once in this process (and, through the runtime's node bridge, on the
 * other nodes; when its messages may have been lost, the runtime clears the cache), any other
 * change within `ttlMs`. A change to the organisation is none of the cache's: it ends no session.
 */
export interface SessionCache {
  authenticate(token: string | undefined, now?: Date): Promise<User>;
  signOut(token: string): Promise<void>;
  /** Forget one session, by the hash of its token (another node signed it out). */
  forgetSession(tokenHash: string): void;
  forgetUser(userId: string): void;
  /** Forget everyone (the other nodes' word on users and sign-outs may have been lost). */
  clear(): void;
  /**
   * Hear what this cache forgets, here or on another node's word: a user (`user`), a session by
   * the hash of its token (`session`), or everyone (`all`). A holder of a long-lived answer (a live
   * notification stream) checks its session again then, rather than at its next use.
   */
  onForgotten(listener: (forgotten: Forgotten) => void): () => void;
}

export type Forgotten = { readonly user: string } | { readonly session: string } | 'all';

export function createSessionCache(store: Store, { ttlMs = 1000, maxEntries = 10_000 }: { readonly ttlMs?: number; readonly maxEntries?: number } = {}): SessionCache {
  const known = new Map<string, { readonly user: User; readonly expiresAt: string; readonly until: number }>();
  /**
   * Look-ups under way: the requests that find a token's memory expired at the same moment (a
   * busy checkpoint's, every `ttlMs`) share one. A sign-out, `forgetUser` or `clear` drops them,
   * so what they find is not remembered.
   */
  const pending = new Map<string, Promise<{ readonly user: User; readonly expiresAt: string }>>();
  const listeners = new Set<(forgotten: Forgotten) => void>();
  const tell = (forgotten: Forgotten): void => {
    for (const listener of listeners) {
      try {
        listener(forgotten);
      } catch {
        // one listener failing must not keep the others from hearing it
      }
    }
  };
  return {
    async authenticate(token, now = new Date()) {
      if (!token) throw new AppError('MOSAIC_UNAUTHENTICATED');
      const key = hashToken(token);
      const hit = known.get(key);
      // The cache's own age is measured on the process clock, not the (possibly injected) wall clock.
      if (hit && hit.until > performance.now() && hit.expiresAt > now.toISOString()) return hit.user;
      known.delete(key);
      let lookup = pending.get(key);
      if (lookup === undefined) {
        const mine = lookUp(store, key, now);
        lookup = mine;
        pending.set(key, mine);
        mine.then((found) => {
          if (pending.get(key) !== mine) return;
          pending.delete(key);
          if (known.size >= maxEntries) known.clear();
          known.set(key, { ...found, until: performance.now() + ttlMs });
        }, () => {
          if (pending.get(key) === mine) pending.delete(key);
        });
      }
      const found = await lookup;
      // a look-up another request started judged the session's end by its own clock
      if (found.expiresAt <= now.toISOString()) throw new AppError('MOSAIC_UNAUTHENTICATED', 'the session has expired or does not exist');
      return found.user;
    },
    async signOut(token) {
      const key = hashToken(token);
      known.delete(key);
      pending.delete(key);
      await signOut(store, token);
      tell({ session: key });
    },
    forgetSession(tokenHash) {
      known.delete(tokenHash);
      pending.delete(tokenHash);
      tell({ session: tokenHash });
    },
    forgetUser(userId) {
      for (const [key, entry] of known) if (entry.user.id === userId) known.delete(key);
      pending.clear();
      tell({ user: userId });
    },
    clear: () => {
      known.clear();
      pending.clear();
      tell('all');
    },
    onForgotten(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// scrypt hash of a random password nobody knows; used only to spend the same time on unknown names.
const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
