/**
 * Sign-in sessions: a random bearer token handed to the client (as a cookie or header), of which
 * the store keeps only a SHA-256 hash, so a copy of the database grants no sign-in.
 */
import { AppError } from '@mosaic/model';
import type { Store, User } from '@mosaic/store';
import { createHash, randomBytes } from 'node:crypto';
import { verifyPassword } from './password.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  readonly token: string;
  readonly user: User;
  readonly expiresAt: string;
}

export async function signIn(store: Store, name: string, password: string, options: { readonly hours: number; readonly now?: Date }): Promise<SignedIn> {
  const user = await store.findUserByName(name);
  // Verify against a fixed hash when the user is unknown, so timing does not tell which names exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !ok || user.disabledAt !== undefined) throw new AppError('MOSAIC_BAD_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + options.hours * 3_600_000).toISOString();
  await store.createSession({ tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, user, expiresAt };
}

export async function authenticate(store: Store, token: string | undefined, now: Date = new Date()): Promise<User> {
  if (!token) throw new AppError('MOSAIC_UNAUTHENTICATED');
  const session = await store.getSession(hashToken(token));
  if (!session || session.expiresAt <= now.toISOString()) throw new AppError('MOSAIC_UNAUTHENTICATED', 'the session has expired or does not exist');
  const user = await store.getUser(session.userId);
  // Disabling a user ends their sessions; checking here too closes the window between the two.
  if (!user || user.disabledAt !== undefined) throw new AppError('MOSAIC_UNAUTHENTICATED');
  return user;
}

export async function signOut(store: Store, token: string): Promise<void> {
  await store.deleteSession(hashToken(token));
}

// scrypt hash of a random password nobody knows; used only to spend the same time on unknown names.
const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
