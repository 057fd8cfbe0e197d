/**
 * The route tests' sign-in: users sign in through the API, as a client would, and each keeps the
 * bearer token the server hands out. A refused sign-in stops the setup there, naming the user.
 */
import { TEST_PASSWORD, type TestUserName } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';

/** The token of one user (a fictional test user, or one the test made with its own password). */
export async function signInToken(app: FastifyInstance, name: string, password: string = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${name}: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

/** The tokens of the test users named, by name. */
export async function signInTokens(app: FastifyInstance, names: readonly TestUserName[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const name of names) tokens[name] = await signInToken(app, name);
  return tokens;
}
