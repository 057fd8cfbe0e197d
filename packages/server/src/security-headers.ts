/**
 * The headers every answer carries, the API's and the web app's, errors included (OWASP Secure
 * Headers Project; OWASP REST Security Cheat Sheet for the API's):
 *
 * - `X-Content-Type-Options: nosniff`: a browser runs or styles nothing whose type is not said.
 * - `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`: no other page frames Mosaic, so
 *   none can lay a decoy over its buttons (clickjacking) — the second for browsers of today,
 *   the first for older ones.
 * - `Referrer-Policy: no-referrer`: an address in the app holds record and entity ids, which
 *   no other site is to be told.
 * - `Content-Security-Policy` (CSP Level 3): the web app loads script, styles, images, fonts,
 *   workers (the map's, a file of the app) and data from its own origin only, no inline script
 *   or style and no eval, so script injected into a page does not run; images also from `data:`
 *   (the map's control icons are data: URIs in its stylesheet). The browser tests draw the graph
 *   and the map under it with nothing refused (web e2e/content-security.test.ts). The API's JSON
 *   is no page: its policy allows nothing at all.
 * - `Cache-Control: no-store` on the API's answers (OWASP REST Security Cheat Sheet): they hold
 *   records on people, which no browser cache or proxy on the way is to keep for the next user
 *   of the machine; a route that says otherwise keeps its own (the notification stream's).
 * - `Strict-Transport-Security`, only on an answer to a request that came over HTTPS (RFC 6797
 *   §7.2: a browser ignores it over plain HTTP, and it must not pin a server that serves none).
 */
import type { FastifyInstance } from 'fastify';

export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries whatever it is (its content security policy aside). */
export const EVERY_ANSWER_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' } as const;

/** The headers of an API answer that sets no cache policy of its own. */
export const API_ANSWER_HEADERS = { ...EVERY_ANSWER_HEADERS, 'content-security-policy': API_CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' } as const;

export interface SecurityHeadersOptions {
  /** Answers under this path are the API's. */
  readonly apiPrefix: string;
  readonly webPolicy?: string;
  readonly apiPolicy?: string;
  /** How long a browser is to use HTTPS only, once told over HTTPS (a year, as the HSTS preload list asks). */
  readonly hstsMaxAgeSeconds?: number;
}

export function securityHeaders(app: FastifyInstance, { apiPrefix, webPolicy = WEB_CONTENT_SECURITY_POLICY, apiPolicy = API_CONTENT_SECURITY_POLICY, hstsMaxAgeSeconds = 31_536_000 }: SecurityHeadersOptions): void {
  // on send, so that every answer has them: a route's, an error's, a file's, the router's own refusals
  app.addHook('onSend', (request, reply, payload, done) => {
    const api = request.url === apiPrefix || request.url.startsWith(`${apiPrefix}/`);
    void reply.headers({
      ...EVERY_ANSWER_HEADERS,
      'content-security-policy': api ? apiPolicy : webPolicy,
      ...(api && !reply.hasHeader('cache-control') ? { 'cache-control': 'no-store' } : {}),
      // request.protocol: the connection's, or X-Forwarded-Proto when the server trusts its proxy
      ...(request.protocol === 'https' ? { 'strict-transport-security': `max-age=${hstsMaxAgeSeconds}` } : {}),
    });
    done(null, payload);
  });
}
