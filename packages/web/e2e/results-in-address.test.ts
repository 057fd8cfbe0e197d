/**
 * Searches kept in the address, in a real browser against a real Mosaic server: a search of
 * records or of reports is written to the address when it is run and run from it, so Back and a
 * reload bring its results again — past the purpose gate only — and a report's review shows
 * another reviewer's decision when this reviewer's came second. Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { apiClient, givePurpose, openTestBrowser, requireChromium, signInPage, startTestServer, type ApiClient, type TestBrowser, type TestServerWithProjections } from './harness.ts';

const PURPOSE = { purpose: 'Counter-terrorism investigation', caseRef: 'PV/2025/0788' };
const REPORT = 'Namur, 12 November 2025. Henrike Saltvik met Oskar Brenneval at the bakery on the market square.';

const haveChromium = requireChromium();
let server: TestServerWithProjections;
let api: ApiClient;
let browser: TestBrowser;
let reportId = '';

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startTestServer();
  api = apiClient(server.base);
  const fed = await api.tokenOf('fedAnalyst');
  for (const [id, name] of [['p-saltvik', 'Henrike Saltvik'], ['p-saltvik-2', 'Henrike Saltvik-Moen'], ['p-brenneval', 'Oskar Brenneval']] as const) {
    await api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: [name] } } });
  }
  const provenance = { source: 'surveillance log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };
  reportId = (await api.json<{ report: { id: string } }>('/reports', { token: fed, body: { text: REPORT, title: 'Bakery meeting, Namur', collection: 'bakery-inquiry', provenance, ...PURPOSE } })).report.id;
  await server.projections.follower.catchUp();
  browser = await openTestBrowser(server.base);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const hashOf = (page: Page): string => decodeURIComponent(new URL(page.url()).hash);

describe.skipIf(!haveChromium)('searches kept in the address', () => {
  it('runs a record search from the address, and brings its results back on Back and on reload', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await page.getByLabel('Kind').selectOption('Person');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const said = page.getByRole('status').filter({ hasText: 'for “Saltvik”' });
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(hashOf(page)).toBe('#/search?q=Saltvik&schema=Person');

    await page.getByRole('link', { name: 'Henrike Saltvik', exact: true }).click();
    await expect.poll(() => hashOf(page)).toBe('#/profile/record/fedpol:p-saltvik');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(await page.getByLabel('Name, alias or identifier').inputValue()).toBe('Saltvik');
    expect(await page.getByLabel('Kind').inputValue()).toBe('Person');

    await page.reload();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');

    // another search is another address: Back returns to the first one's results
    await page.getByLabel('Name, alias or identifier').fill('Brenneval');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Brenneval”' }).textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    await screenshot(page, 'address-01-search-back');
  });

  it('asks the purpose before it runs a search the address holds', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'fedAnalyst');
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/search')) searches.push(request.postData() ?? '');
    });
    await page.goto('/#/search?q=Brenneval');
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this consultation' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(searches).toEqual([]);
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Brenneval”' }).textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');
    expect(searches.map((s) => JSON.parse(s) as Record<string, unknown>)).toEqual([expect.objectContaining({ q: 'Brenneval', purpose: PURPOSE.purpose, caseRef: PURPOSE.caseRef })]);
  });

  it('runs a reports search from the address, and brings its results back on Back', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Words in the reports').fill('bakery');
    await page.getByRole('button', { name: 'Search reports' }).click();
    const said = page.getByRole('status').filter({ hasText: 'for “bakery”' });
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
    expect(hashOf(page)).toBe('#/reports?q=bakery');
    await page.locator('.report-results').getByRole('link', { name: 'Bakery meeting, Namur' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bakery meeting, Namur');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
    expect(await page.getByLabel('Words in the reports').inputValue()).toBe('bakery');
    await page.reload();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
  });
});

describe.skipIf(!haveChromium)('a report\'s review', () => {
  it('shows the decision another reviewer made first, with why this one was refused', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.goto(`/#/reports/${encodeURIComponent(reportId)}`);
    const oskar = page.getByRole('listitem', { name: 'Person Oskar Brenneval' });
    await expect.poll(() => oskar.getByRole('button', { name: 'Reject' }).count(), { timeout: 20_000 }).toBe(1);

    // another reviewer confirms him meanwhile
    const token = await api.tokenOf('fedAnalyst');
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE.purpose), 'x-mosaic-case': encodeURIComponent(PURPOSE.caseRef) };
    const detail = await api.json<{ report: { entities: { id: string; name: string }[] } }>(`/reports/${encodeURIComponent(reportId)}`, { token, headers });
    const entity = detail.report.entities.find((e) => e.name === 'Oskar Brenneval');
    if (!entity) throw new Error('the report names no Oskar Brenneval');
    await api.json(`/reports/${encodeURIComponent(reportId)}/entities/${encodeURIComponent(entity.id)}/confirm`, { token, body: { ...PURPOSE } });

    await oskar.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => oskar.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/is already confirmed/);
    await expect.poll(() => oskar.locator('.badge.review-confirmed').count(), { timeout: 10_000 }).toBe(1);
    expect(await oskar.getByRole('button').count()).toBe(0);
    await screenshot(page, 'address-02-review-conflict');
  });
});
