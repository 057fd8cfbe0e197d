/**
 * What every browser test sets up: the built app served by a real Mosaic server (embedded store
 * in a temporary folder, listening on a free local port), a small client of its API, Debian's
 * Chromium with a fresh context per page, and the steps of a user on a page — sign in, give the
 * purpose of a consultation.
 */
import { buildApp } from '@mosaic/server';
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic, type TestUserName } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium, VIEWPORT } from './browser-session.ts';
import { DIST, ensureBuilt } from './web-build.ts';

/**
 * Whether the browser tests can run. They need Debian's Chromium (apt-get install chromium); CI
 * installs it and must run them, so there its absence fails the run. Elsewhere they are skipped
 * with a warning that says so — never silently.
 */
export function requireChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI']) throw new Error(`web e2e: no Chromium at ${CHROMIUM} (CI must install it: apt-get install chromium)`);
  console.warn(`web e2e: SKIPPED — no Chromium at ${CHROMIUM}; install it with \`apt-get install chromium\` (or set MOSAIC_CHROMIUM) to run the browser tests`);
  return false;
}

export interface TestServer {
  readonly test: TestMosaic;
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:<port>`, where the app and its API are served. */
  readonly base: string;
  close(): Promise<void>;
}

/** A test server whose projections (entities, graph, screening, notifications) follow the store. */
export type TestServerWithProjections = TestServer & { readonly projections: Projections };

/**
 * Builds the app if its sources changed, then serves it from a Mosaic on a fresh embedded store;
 * with `projections` (the default), entities, graph, screening and notifications are kept up to
 * date as records arrive.
 */
export function startTestServer(options?: { projections?: true }): Promise<TestServerWithProjections>;
export function startTestServer(options: { projections: false }): Promise<TestServer>;
export async function startTestServer({ projections: withProjections = true }: { projections?: boolean } = {}): Promise<TestServer & { readonly projections?: Projections }> {
  ensureBuilt();
  const test = await openTestMosaic();
  const projections = withProjections ? await startProjections(test.mosaic, { intervalMs: 100 }) : undefined;
  const app = await buildApp({ mosaic: test.mosaic, ...(projections ? { projections } : {}), webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    test, app, base, ...(projections ? { projections } : {}),
    async close() {
      await app.close();
      projections?.stop();
      await test.cleanup();
    },
  };
}

export interface ApiRequest {
  readonly token?: string;
  readonly body?: unknown;
  readonly method?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiClient {
  /** The response as it comes (for tests about statuses). */
  request(path: string, request?: ApiRequest): Promise<Response>;
  /** The JSON body of a successful response; any other status throws, naming it. */
  json<T>(path: string, request?: ApiRequest): Promise<T>;
  /** The bearer token of a user who signs in. */
  tokenOf(name: string, password?: string): Promise<string>;
}

/** A client of the API under `base`: JSON in and out, POST when there is a body. */
export function apiClient(base: string): ApiClient {
  const request = (path: string, { token, body, method = body === undefined ? 'GET' : 'POST', headers = {} }: ApiRequest = {}): Promise<Response> =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const json = async <T>(path: string, options: ApiRequest = {}): Promise<T> => {
    const response = await request(path, options);
    if (!response.ok) throw new Error(`${options.method ?? (options.body === undefined ? 'GET' : 'POST')} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    request,
    json,
    tokenOf: async (name, password = TEST_PASSWORD) => (await json<{ token: string }>('/auth/sign-in', { body: { name, password } })).token,
  };
}

export interface TestBrowser {
  /** A page in a context of its own (nothing shared with other pages), at `base`. */
  newPage(options?: { viewport?: { width: number; height: number }; hasTouch?: boolean; timezoneId?: string }): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium for pages on the app at `base`; `close` closes every context it opened, then the browser. */
export async function openTestBrowser(base: string): Promise<TestBrowser> {
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    async newPage({ viewport = VIEWPORT, hasTouch = false, timezoneId }: { viewport?: { width: number; height: number }; hasTouch?: boolean; timezoneId?: string } = {}) {
      const context = await browser.newContext({ viewport, hasTouch, baseURL: base, ...(timezoneId ? { timezoneId } : {}) });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Signs a user in on the sign-in screen and waits for the app to name them: a test user, or one the test made with the test password. */
export async function signInPage(page: Page, name: TestUserName | string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(name);
}

/** Answers the screen that asks why, before a consultation: the purpose and the case reference. */
export async function givePurpose(page: Page, purpose: string, caseRef: string): Promise<void> {
  await page.getByLabel('Purpose', { exact: true }).fill(purpose);
  await page.getByLabel('Case reference').fill(caseRef);
  await page.getByRole('button', { name: 'Continue' }).click();
}
