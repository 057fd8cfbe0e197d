/**
 * Sign-in with a local account: the session token is set as an HttpOnly, SameSite=Strict cookie
 * for the web app and also returned for API clients that send it as a bearer token. Attempts are
 * throttled by user name and audited (service: signInAccount).
 */
import { isAppError } from '@mosaic/model';
import { signInAccount } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, SESSION_COOKIE, sessionToken } from '../request-context.ts';

export const UserOut = z.object({
  id: z.string(), name: z.string(), agency: z.string(), desk: z.string(), roles: z.array(z.string()), clearance: z.string(), groups: z.array(z.string()),
});

export const userOut = (user: { id: string; name: string; agency: string; desk: string; roles: readonly string[]; clearance: string; groups: readonly string[] }): z.infer<typeof UserOut> => ({
  id: user.id, name: user.name, agency: user.agency, desk: user.desk, roles: [...user.roles], clearance: user.clearance, groups: [...user.groups],
});

export async function authRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.post('/auth/sign-in', {
    schema: {
      tags: ['auth'], summary: 'Sign in with a local account', security: [],
      body: z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
      response: {
        200: z.object({ token: z.string(), expiresAt: z.string(), user: UserOut }),
        429: z.object({ error: z.object({ code: z.literal('MOSAIC_RATE_LIMITED'), message: z.string() }) })
          .describe('Too many failed sign-ins with this user name (whether it is a user\'s or not): the message says when to try again, as does Retry-After (seconds)'),
      },
    },
  }, async (request, reply) => {
    // a throttled name is answered 429 with Retry-After by the error handler (http-errors.ts)
    const session = await signInAccount(api.mosaic, request.body);
    // Secure when the request came over HTTPS (its own TLS, or a trusted proxy's: app.ts), so the
    // browser never sends the token in the clear; not over plain HTTP, where a browser drops a
    // Secure cookie (at any address but localhost) and sign-in would not hold
    void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', expires: new Date(session.expiresAt) });
    return { token: session.token, expiresAt: session.expiresAt, user: userOut(session.user) };
  });

  app.post('/auth/sign-out', { schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } }, async (request, reply) => {
    const token = sessionToken(request);
    if (token) await api.mosaic.sessions.signOut(token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserOut } } }, async (request) => userOut(await requireUser(request)));

  // A page asks this as it loads, before anyone may have signed in: no session is an answer, not
  // a refused request (which the browser would list in its console as an error). It tells nothing
  // a refusal would not: the user is only ever the one the request's own token names.
  app.get('/auth/session', {
    schema: {
      tags: ['auth'], summary: 'Whether the request carries a session, and whose: 200 either way, `signedIn: false` with no session, an expired one or a disabled user', security: [],
      response: { 200: z.object({ signedIn: z.boolean(), user: UserOut.optional().describe('The signed-in user, as GET /auth/me answers it') }) },
    },
  }, async (request) => {
    try {
      return { signedIn: true, user: userOut(await requireUser(request)) };
    } catch (error) {
      if (isAppError(error) && error.code === 'MOSAIC_UNAUTHENTICATED') return { signedIn: false };
      throw error;
    }
  });
}
