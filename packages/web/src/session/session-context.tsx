/**
 * Who is signed in, the API client bound to the session, and the purpose of the consultations.
 */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import type { Purpose, User } from '../api/api-types.ts';

export interface Session {
  readonly user: User;
  readonly api: ApiClient;
  readonly purpose: Purpose | undefined;
  setPurpose(purpose: Purpose | undefined): void;
  signOut(): void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

export const hasRole = (user: User, ...roles: readonly string[]): boolean => roles.some((role) => user.roles.includes(role));
