/**
 * Who is asking, and why: the signed-in user from the session cookie or a bearer token, and the
 * purpose and case reference every consultation must carry (headers X-Mosaic-Purpose and
 * X-Mosaic-Case on reads; body fields on searches).
 */
import { AppError, hasControlCharacters } from '@mosaic/model';
import type { User } from '@mosaic/store';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'mosaic_session';

export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

const users = new WeakMap<FastifyRequest, User>();

export async function requireUser(request: FastifyRequest): Promise<User> {
  const known = users.get(request);
  if (known) return known;
  const user = await request.server.mosaic.sessions.authenticate(sessionToken(request), request.server.mosaic.now());
  users.set(request, user);
  return user;
}

export interface Purpose {
  readonly purpose: string;
  readonly caseRef: string;
}

/** A header's value, URL-decoded (as the web app sends it); a malformed escape is the caller's error, named. */
function decodedHeader(request: FastifyRequest | undefined, name: string): string | undefined {
  const value = request?.headers[name];
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError('MOSAIC_INVALID_INPUT', `${name}: not URL-encoded text (a % must start an escape such as %25)`, { field: name, reason: 'malformed URL encoding' });
  }
}

/** The purpose of a consultation: refused without one (LED Art. 25, purpose limitation). */
export function requirePurpose(given: { purpose?: string | undefined; caseRef?: string | undefined } | undefined, request?: FastifyRequest): Purpose {
  const purpose = (given?.purpose ?? decodedHeader(request, 'x-mosaic-purpose'))?.trim();
  const caseRef = (given?.caseRef ?? decodedHeader(request, 'x-mosaic-case'))?.trim();
  if (!purpose || !caseRef) throw new AppError('MOSAIC_PURPOSE_REQUIRED', 'a purpose and a case reference are required (X-Mosaic-Purpose and X-Mosaic-Case headers, or purpose and caseRef fields)');
  for (const [field, value, most] of [['purpose', purpose, 500], ['caseRef', caseRef, 100]] as const) {
    if (value.length > most) throw new AppError('MOSAIC_INVALID_INPUT', `${field}: at most ${most} characters`, { field, reason: `at most ${most} characters` });
  }
  // they go into the audit log as given: no control characters (a terminal escape, a line break)
  for (const [field, value] of [['purpose', purpose], ['caseRef', caseRef]] as const) {
    if (hasControlCharacters(value)) throw new AppError('MOSAIC_INVALID_INPUT', `${field}: control characters are not allowed`, { field, reason: 'control characters' });
  }
  return { purpose, caseRef };
}

