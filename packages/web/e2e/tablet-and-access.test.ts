/**
 * Every main screen on a tablet (820×1180, touch) and checked by axe-core (Deque's engine of
 * WCAG 2.1 A/AA rules): nothing wider than the screen, no serious or critical accessibility
 * violation. Screenshots are written as artefacts (test-results/tablet-*.png).
 */
import AxeBuilder from '@axe-core/playwright';
import { buildApp } from '@mosaic/server';
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic, type TestUserName } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium, screenshot } from './browser-session.ts';
import { seedWorld, type SeededWorld } from './fictional-world.ts';
import { DIST, ensureBuilt } from './web-build.ts';

const TABLET = { width: 820, height: 1180 } as const;
const PURPOSE = 'Counter-terrorism investigation';
const CASE = 'PV/2025/0173';

let test: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let base: string;
let browser: Browser;
let world: SeededWorld;
const contexts: BrowserContext[] = [];

async function api<T>(path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const tokenOf = async (name: TestUserName): Promise<string> => (await api<{ token: string }>('/auth/sign-in', { body: { name, password: TEST_PASSWORD } })).token;

async function onTablet(name: TestUserName): Promise<Page> {
  const context = await browser.newContext({ viewport: TABLET, hasTouch: true, baseURL: base });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(name);
  return page;
}

async function givePurpose(page: Page): Promise<void> {
  await page.getByLabel('Purpose', { exact: true }).fill(PURPOSE);
  await page.getByLabel('Case reference').fill(CASE);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Wider than the viewport means sideways scrolling on a tablet. */
const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Serious and critical WCAG A/AA violations, as "rule: target" lines (empty when none). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `tablet-${name}`);
  expect(await overflow(page), `${name} is wider than the tablet`).toBeLessThanOrEqual(1);
  expect(await violations(page), `${name} accessibility`).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  ensureBuilt();
  test = await openTestMosaic();
  projections = await startProjections(test.mosaic, { intervalMs: 100 });
  app = await buildApp({ mosaic: test.mosaic, projections, webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const fed = await tokenOf('fedAnalyst');
  const intel = await tokenOf('intelAnalyst');
  world = await seedWorld((path, body) => api(path, { token: fed, body }), (path, body) => api(path, { token: intel, body }));
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  projections?.stop();
  await test?.cleanup();
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env['CI']) throw new Error(`web e2e: no Chromium at ${CHROMIUM} (CI must install it: apt-get install chromium)`);
  console.warn(`web e2e: SKIPPED — no Chromium at ${CHROMIUM}; install it with \`apt-get install chromium\` to run the browser tests`);
}

describe.skipIf(!haveChromium)('on a tablet, accessible', () => {
  it('the sign-in screen', async () => {
    const context = await browser.newContext({ viewport: TABLET, hasTouch: true, baseURL: base });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await check(page, 'sign-in');
  });

  it('the analyst\'s search, profile, graph, reports, review and inbox', { timeout: 120_000 }, async () => {
    const page = await onTablet('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page);
    await page.getByLabel('Name, alias or identifier').fill('Lucien');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Lucien Moreau-Vasquez' }).count()).toBeGreaterThan(0);
    await check(page, 'search');
    await page.goto(`/#/profile/record/${encodeURIComponent(world.moreau)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
    // Checked with the map drawn (its canvas is focusable), not while it loads.
    await expect.poll(() => page.locator('.map[data-map-ready="true"]').count(), { timeout: 60_000 }).toBe(1);
    await check(page, 'profile');
    await page.goto(`/#/graph?seed=${encodeURIComponent(world.moreau)}`);
    // Checked with the network drawn, not before.
    await expect.poll(() => page.getByText(/\d+ new entit/).count()).toBeGreaterThan(0);
    await check(page, 'graph');
    for (const screen of ['reports', 'review', 'inbox', 'ingest']) {
      await page.goto(`/#/${screen}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await check(page, screen);
    }
  });

  it('the checkpoint officer\'s screen', async () => {
    const page = await onTablet('zoneCheckpoint');
    await givePurpose(page);
    await page.getByLabel('Name', { exact: true }).fill('Lucien Moreau Vasquez');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBeGreaterThan(0);
    await check(page, 'checkpoint');
  });

  it('the auditor\'s and the administrator\'s screens', async () => {
    const auditor = await onTablet('auditor');
    await expect.poll(() => auditor.getByRole('heading', { level: 1 }).count()).toBe(1);
    await check(auditor, 'audit');
    const admin = await onTablet('sysadmin');
    await admin.goto('/#/admin');
    await expect.poll(() => admin.getByRole('tab').count()).toBeGreaterThan(3);
    await check(admin, 'admin');
  });
});
