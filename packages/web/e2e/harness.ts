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
import { afterAll, beforeAll, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium, VIEWPORT } from './browser-session.ts';
import { DIST } from './web-build.ts';

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
 * Serves the built app (built before any file runs: global-setup.ts) from a Mosaic on a fresh embedded store;
 * with `projections` (the default), entities, graph, screening and notifications are kept up to
 * date as records arrive.
 */
export function startTestServer(options?: { projections?: true }): Promise<TestServerWithProjections>;
export function startTestServer(options: { projections: false }): Promise<TestServer>;
export async function startTestServer({ projections: withProjections = true }: { projections?: boolean } = {}): Promise<TestServer & { readonly projections?: Projections }> {
  const test = await openTestMosaic();
  let projections: Projections | undefined;
  let app: FastifyInstance | undefined;
  // what was started is stopped in the reverse order, the store's folder removed even when a step fails
  const close = async (): Promise<void> => {
    try {
      await app?.close();
    } finally {
      projections?.stop();
      await test.cleanup();
    }
  };
  try {
    projections = withProjections ? await startProjections(test.mosaic, { intervalMs: 100 }) : undefined;
    app = await buildApp({ mosaic: test.mosaic, ...(projections ? { projections } : {}), webRoot: DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await close();
    throw error;
  }
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { test, app, base, ...(projections ? { projections } : {}), close };
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

/** How a page's context differs from a desktop browser's in Brussels: its window, touch, its time zone. */
export interface PageOptions {
  readonly viewport?: { width: number; height: number };
  readonly hasTouch?: boolean;
  readonly timezoneId?: string;
}

export interface TestBrowser {
  /** A page in a context of its own (nothing shared with other pages), at `base`. */
  newPage(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium for pages on the app at `base`; `close` closes every context it opened, then the browser. */
export async function openTestBrowser(base: string): Promise<TestBrowser> {
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    async newPage({ viewport = VIEWPORT, hasTouch = false, timezoneId }: PageOptions = {}) {
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

/** How many characters of the purpose show before the top bar cuts it (its whole text is in the tooltip). */
export const purposeShown = (page: Page, purpose: string): Promise<number> => page.locator('.purpose-text').evaluate((box, text) => {
  const frame = box.getBoundingClientRect();
  const node = [...box.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').includes(text));
  if (!node || frame.width === 0) return 0;
  const start = (node.textContent ?? '').indexOf(text);
  const range = document.createRange();
  let shown = 0;
  for (let i = 0; i < text.length; i += 1) {
    range.setStart(node, start + i);
    range.setEnd(node, start + i + 1);
    if (range.getBoundingClientRect().right > frame.right + 0.5) break;
    shown = i + 1;
  }
  return shown;
}, purpose);

/**
 * Opens a screen from the main navigation and waits until it is the screen shown: a form filled
 * before the new screen replaced the old one would be filled on the old one and lost.
 */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
}

/** Answers the screen that asks why, before a consultation: the purpose and the case reference. */
export async function givePurpose(page: Page, purpose: string, caseRef: string): Promise<void> {
  await page.getByLabel('Purpose', { exact: true }).fill(purpose);
  await page.getByLabel('Case reference').fill(caseRef);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** What a file of browser tests is given: its server, a client of its API, Chromium, what it seeded. */
export interface BrowserTests<S extends TestServer, W> {
  /** Whether Chromium is there to run them (see `requireChromium`): `describe.skipIf(!tests.haveChromium)`. */
  readonly haveChromium: boolean;
  readonly server: S;
  readonly api: ApiClient;
  readonly browser: TestBrowser;
  /** What `seed` returned. */
  readonly world: W;
  /** A page in a context of its own, at the app. */
  newPage(options?: PageOptions): Promise<Page>;
  /** A page in a context of its own, signed in as `name` (see `signInPage`). */
  signedInPage(name: TestUserName | string, options?: PageOptions): Promise<Page>;
}

/** Writes what a file's tests look at, before Chromium opens: through the API or into the test Mosaic. */
export type Seed<S extends TestServer, W> = (setUp: { readonly server: S; readonly api: ApiClient }) => Promise<W>;

/**
 * The set-up and tear-down of a file of browser tests, as its `beforeAll` and `afterAll`: a test
 * server (with projections unless `projections: false`), then `seed`, then Chromium; after the
 * file, Chromium is closed and the server stopped, also when the set-up or a test failed half-way.
 * Without Chromium nothing is started (the file's `describe.skipIf(!tests.haveChromium)` skips).
 */
export function setUpBrowserTests<W = undefined>(options?: { projections?: true; seed?: Seed<TestServerWithProjections, W> }): BrowserTests<TestServerWithProjections, W>;
export function setUpBrowserTests<W = undefined>(options: { projections: false; seed?: Seed<TestServer, W> }): BrowserTests<TestServer, W>;
export function setUpBrowserTests<W>({ projections = true, seed }: { projections?: boolean; seed?: Seed<TestServerWithProjections, W> } = {}): BrowserTests<TestServer, W | undefined> {
  const haveChromium = requireChromium();
  let server: TestServer | undefined;
  let api: ApiClient | undefined;
  let browser: TestBrowser | undefined;
  let seeded: { world: W | undefined } | undefined;

  beforeAll(async () => {
    if (!haveChromium) return;
    server = projections ? await startTestServer() : await startTestServer({ projections: false });
    api = apiClient(server.base);
    // the overloads give `seed` the server it was asked for
    seeded = { world: await seed?.({ server: server as TestServerWithProjections, api }) };
    browser = await openTestBrowser(server.base);
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`web e2e: no ${what} yet — it is set up in beforeAll, which has not run or failed`);
    return value;
  };
  const tests: BrowserTests<TestServer, W | undefined> = {
    haveChromium,
    get server() { return ready(server, 'test server'); },
    get api() { return ready(api, 'API client'); },
    get browser() { return ready(browser, 'browser'); },
    get world() { return ready(seeded, 'seeded world').world; },
    newPage: (options) => tests.browser.newPage(options),
    async signedInPage(name, options) {
      const page = await tests.browser.newPage(options);
      await signInPage(page, name);
      return page;
    },
  };
  return tests;
}
