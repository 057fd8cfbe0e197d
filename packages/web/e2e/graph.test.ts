/**
 * The graph explorer in a real browser against a real server: expand a subject's network of
 * resolved entities, filter a relation type out of the next expansion, find the path between
 * two entities, save the chart to the case and reopen it in a fresh session.
 */
import { buildApp } from '@mosaic/server';
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, TEST_PASSWORD, testProvenance, type TestMosaic, type TestUserName } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium, screenshot, VIEWPORT } from './browser-session.ts';
import { seedWorld, type SeededWorld } from './fictional-world.ts';
import { DIST, ensureBuilt } from './web-build.ts';

const PURPOSE = 'Network analysis of the Moreau group';
const CASE = 'PV/2025/0219';

let test: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let base: string;
let browser: Browser;
let world: SeededWorld;
let fed: string;
/** The entities of the seeded records, and of the associate added here. */
const entity: Record<'moreau' | 'brother' | 'associate', string> = { moreau: '', brother: '', associate: '' };
const contexts: BrowserContext[] = [];

async function api<T>(path: string, { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const tokenOf = async (name: TestUserName): Promise<string> => (await api<{ token: string }>('/auth/sign-in', { body: { name, password: TEST_PASSWORD } })).token;
const entityOf = async (record: string): Promise<string> =>
  (await api<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers: { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) } })).entity;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: base });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, name: TestUserName, hash: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent()).toBe(name);
  await page.goto(`/${hash}`);
  await page.getByLabel('Purpose', { exact: true }).fill(PURPOSE);
  await page.getByLabel('Case reference').fill(CASE);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const rows = (page: Page) => page.locator('table.graph-nodes tbody tr');
const tableText = async (page: Page): Promise<string> => (await page.locator('table.graph-nodes').textContent()) ?? '';

beforeAll(async () => {
  ensureBuilt();
  test = await openTestMosaic();
  projections = await startProjections(test.mosaic, { intervalMs: 100 });
  app = await buildApp({ mosaic: test.mosaic, projections, webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  fed = await tokenOf('fedAnalyst');
  const intel = await tokenOf('intelAnalyst');
  world = await seedWorld((path, body) => api(path, { token: fed, body }), (path, body) => api(path, { token: intel, body }));
  const associate = await api<{ record: { id: string } }>('/records', {
    token: fed,
    body: { id: 'p-garnier', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Yannick Garnier'], birthDate: ['1987-06-21'], nationality: ['fr'] } },
  });
  await api('/records', {
    token: fed,
    body: { id: 'as-garnier', schema: 'Associate', provenance: testProvenance('fedpol'), properties: { person: [world.brother], associate: [associate.record.id], startDate: ['2019-03'], endDate: ['2019-09'] } },
  });
  await api('/records', {
    token: fed,
    body: { id: 's-midi', schema: 'Sighting', provenance: testProvenance('fedpol'), properties: { person: [world.moreau], involved: [world.brother], date: ['2016-03-01'], place: ['Gare du Midi'], latitude: ['50.8357'], longitude: ['4.3363'], summary: ['Seen boarding a train together'] } },
  });
  await projections.follower.catchUp();
  entity.moreau = await entityOf(world.moreau);
  entity.brother = await entityOf(world.brother);
  entity.associate = await entityOf(associate.record.id);
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
  console.warn(`web e2e: SKIPPED — no Chromium at ${CHROMIUM}; install it with \`apt-get install chromium\` (or set MOSAIC_CHROMIUM) to run the browser tests`);
}

describe.skipIf(!haveChromium)('the graph explorer', () => {
  it('expands, filters a relation type, finds a path, saves the chart to the case and reopens it', async () => {
    const page = await newPage();
    await signIn(page, 'fedAnalyst', `#/graph?seed=${encodeURIComponent(world.moreau)}`);
    // Expand: the subject's entity and his brother, tied by family.
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(2);
    expect(await tableText(page)).toContain('Tomas Moreau-Vasquez');
    expect(await page.getByRole('group', { name: 'Relations shown' }).textContent()).toContain('family');
    await screenshot(page, 'graph-01-expanded');

    // Time filter: from 2020 on, the 2019 tie to the associate is outside the window (the undated family tie stays).
    const since = page.locator('input[type="date"]').first();
    await since.fill('2020-01-01');
    await page.getByRole('button', { name: 'Expand Tomas Moreau-Vasquez' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/^0 new entities/);
    expect(await tableText(page)).not.toContain('Yannick Garnier');
    await since.fill('2018-01-01');
    await page.getByRole('button', { name: 'Expand Tomas Moreau-Vasquez' }).click();
    await expect.poll(() => tableText(page)).toContain('Yannick Garnier');
    expect(await rows(page).count()).toBe(3);
    // Relation-type filter: with associates hidden, the next expansion asks the server for the other types only.
    await page.getByLabel('associate').uncheck();
    await page.getByRole('button', { name: 'Expand Yannick Garnier' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/^0 new entities/);
    await page.getByLabel('associate').check();
    await screenshot(page, 'graph-02-filtered');

    // Path between the subject and the associate, through the brother.
    await page.locator('#path-a').fill(entity.moreau);
    await page.locator('#path-b').fill(entity.associate);
    await page.getByRole('button', { name: 'Find path' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Path of 2 steps: Lucien Moreau-Vasquez → Tomas Moreau-Vasquez → Yannick Garnier');
    await screenshot(page, 'graph-03-path');

    // Save the chart to the case.
    await page.getByLabel('Chart title').fill('Moreau brothers and Garnier');
    await page.getByRole('button', { name: 'Save chart to case' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe(`Chart “Moreau brothers and Garnier” saved to case ${CASE}.`);

    // Reopen it in a new session, with no seed: the same three entities come back from the server.
    const again = await newPage();
    await signIn(again, 'fedAnalyst', '#/graph');
    await again.getByRole('button', { name: 'Open chart Moreau brothers and Garnier' }).click();
    await expect.poll(() => again.getByRole('status').last().textContent()).toBe('Chart “Moreau brothers and Garnier” reopened: 3 entities you may see.');
    const reopened = await tableText(again);
    for (const name of ['Lucien Moreau-Vasquez', 'Tomas Moreau-Vasquez', 'Yannick Garnier']) expect(reopened).toContain(name);
    await screenshot(again, 'graph-04-chart-reopened');
  });

  it('shows an entity profile\'s timeline and map places from the graph endpoints', async () => {
    const page = await newPage();
    await signIn(page, 'fedAnalyst', `#/profile/entity/${encodeURIComponent(entity.moreau)}`);
    await expect.poll(() => page.locator('.timeline li').first().textContent(), { timeout: 15_000 }).toContain('Seen boarding a train together');
    expect(await page.locator('.timeline li').first().textContent()).toContain('2016-03-01');
    await expect.poll(() => page.locator('.place-list').textContent()).toContain('Gare du Midi');
    await screenshot(page, 'graph-05-profile-timeline');
  });
});
