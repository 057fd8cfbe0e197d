/**
 * Searches kept with the browser's history, in a real browser against a real Mosaic server: a
 * search of records or of reports is kept with the history entry it is run in, never in its
 * address — an address stays in the browser's history list, where the next user of a shared
 * workstation would read the names searched — so Back and a reload bring its results again, past
 * the purpose gate only, and signing out forgets them; and a report's review shows another
 * reviewer's decision when this reviewer's came second. Every name is invented.
 */
import { TEST_PASSWORD, testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = { purpose: 'Counter-terrorism investigation', caseRef: 'PV/2025/0788' };
const REPORT = 'Namur, 12 November 2025. Henrike Saltvik met Oskar Brenneval at the bakery on the market square.';

let reportId = '';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    for (const [id, name] of [['p-saltvik', 'Henrike Saltvik'], ['p-saltvik-2', 'Henrike Saltvik-Moen'], ['p-brenneval', 'Oskar Brenneval']] as const) {
      await api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: [name] } } });
    }
    const provenance = { source: 'surveillance log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };
    reportId = (await api.json<{ report: { id: string } }>('/reports', { token: fed, body: { text: REPORT, title: 'Bakery meeting, Namur', collection: 'bakery-inquiry', provenance, ...PURPOSE } })).report.id;
    await server.projections.follower.catchUp();
  },
});

const hashOf = (page: Page): string => decodeURIComponent(new URL(page.url()).hash);

/** Every address of the tab's history, as the browser lists it (back, current and forward). */
async function historyAddresses(page: Page): Promise<string[]> {
  const devtools = await page.context().newCDPSession(page);
  const { entries } = await devtools.send('Page.getNavigationHistory');
  await devtools.detach();
  return entries.map((entry) => decodeURIComponent(entry.url));
}

describe.skipIf(!tests.haveChromium)('searches kept with the history', () => {
  it('brings a record search\'s results back on Back and on reload', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await page.getByLabel('Kind').selectOption('Person');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const said = page.getByRole('status').filter({ hasText: 'for “Saltvik”' });
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(hashOf(page)).toBe('#/search');

    await page.getByRole('link', { name: 'Henrike Saltvik', exact: true }).click();
    await expect.poll(() => hashOf(page)).toBe('#/profile/record/fedpol:p-saltvik');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(await page.getByLabel('Name, alias or identifier').inputValue()).toBe('Saltvik');
    expect(await page.getByLabel('Kind').inputValue()).toBe('Person');

    await page.reload();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(await page.getByLabel('Kind').inputValue()).toBe('Person');

    // another search is another step in the history: Back returns to the first one's results,
    // Forward to the second's
    await page.getByLabel('Name, alias or identifier').fill('Brenneval');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const other = page.getByRole('status').filter({ hasText: 'for “Brenneval”' });
    await expect.poll(() => other.textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('2 results for “Saltvik”');
    expect(await page.getByLabel('Name, alias or identifier').inputValue()).toBe('Saltvik');
    await page.goForward();
    await expect.poll(() => other.textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');
    await screenshot(page, 'history-01-search-back');
  });

  it('keeps the names searched out of the address and out of the history\'s addresses', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => addresses.push(decodeURIComponent(frame.url())));
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await page.getByLabel('Date of birth (optional)').fill('1979');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count(), { timeout: 10_000 }).toBe(1);
    expect(decodeURIComponent(page.url())).not.toMatch(/Saltvik|1979/);
    await page.getByRole('link', { name: 'Henrike Saltvik', exact: true }).click();
    await expect.poll(() => hashOf(page)).toBe('#/profile/record/fedpol:p-saltvik');
    await page.goBack();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count(), { timeout: 10_000 }).toBe(1);
    expect(decodeURIComponent(page.url())).not.toMatch(/Saltvik|1979/);

    await page.goto('/#/reports');
    await page.getByLabel('Words in the reports').fill('bakery');
    await page.getByRole('button', { name: 'Search reports' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “bakery”' }).count(), { timeout: 10_000 }).toBe(1);
    expect(decodeURIComponent(page.url())).not.toMatch(/bakery/);
    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count(), { timeout: 10_000 }).toBe(1);

    const listed = await historyAddresses(page);
    expect(listed.length).toBeGreaterThan(3);
    expect([...listed, ...addresses, page.url()].filter((address) => /Saltvik|1979|bakery/.test(address))).toEqual([]);
    expect(await page.evaluate(() => document.location.href)).not.toMatch(/Saltvik|1979/);
  });

  it('asks the purpose before it runs a search the history holds', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Name, alias or identifier').fill('Brenneval');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const said = page.getByRole('status').filter({ hasText: 'for “Brenneval”' });
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');

    // the purpose is asked again, as it is when this tab's session has none
    await page.evaluate(() => sessionStorage.removeItem('mosaic.purpose'));
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/search')) searches.push(request.postData() ?? '');
    });
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this consultation' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(searches).toEqual([]);
    await givePurpose(page, 'Border check', 'PV/2025/0790');
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 result for “Brenneval”');
    expect(searches.map((s) => JSON.parse(s) as Record<string, unknown>)).toEqual([expect.objectContaining({ q: 'Brenneval', purpose: 'Border check', caseRef: 'PV/2025/0790' })]);
  });

  it('forgets the searches of a user who signs out: the next one at the tab finds none on Back', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count(), { timeout: 10_000 }).toBe(1);
    await page.goto('/#/reports');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').fill('intelAnalyst');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('intelAnalyst');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/search');
    await expect.poll(() => page.getByLabel('Name, alias or identifier').count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.getByLabel('Name, alias or identifier').inputValue()).toBe('');
    expect(await page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count()).toBe(0);
  });

  it('brings a reports search\'s results back on Back and on reload', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.getByLabel('Words in the reports').fill('bakery');
    await page.getByRole('button', { name: 'Search reports' }).click();
    const said = page.getByRole('status').filter({ hasText: 'for “bakery”' });
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
    expect(hashOf(page)).toBe('#/reports');
    await page.locator('.report-results').getByRole('link', { name: 'Bakery meeting, Namur' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bakery meeting, Namur');
    await page.goBack();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
    expect(await page.getByLabel('Words in the reports').inputValue()).toBe('bakery');
    await page.reload();
    await expect.poll(() => said.textContent(), { timeout: 10_000 }).toBe('1 report for “bakery”');
  });
});

describe.skipIf(!tests.haveChromium)('a report\'s review', () => {
  it('shows the decision another reviewer made first, with why this one was refused', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, PURPOSE.purpose, PURPOSE.caseRef);
    await page.goto(`/#/reports/${encodeURIComponent(reportId)}`);
    const oskar = page.getByRole('listitem', { name: 'Person Oskar Brenneval' });
    await expect.poll(() => oskar.getByRole('button', { name: 'Reject' }).count(), { timeout: 20_000 }).toBe(1);

    // another reviewer confirms him meanwhile
    const token = await tests.api.tokenOf('fedAnalyst');
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE.purpose), 'x-mosaic-case': encodeURIComponent(PURPOSE.caseRef) };
    const detail = await tests.api.json<{ report: { entities: { id: string; name: string }[] } }>(`/reports/${encodeURIComponent(reportId)}`, { token, headers });
    const entity = detail.report.entities.find((e) => e.name === 'Oskar Brenneval');
    if (!entity) throw new Error('the report names no Oskar Brenneval');
    await tests.api.json(`/reports/${encodeURIComponent(reportId)}/entities/${encodeURIComponent(entity.id)}/confirm`, { token, body: { ...PURPOSE } });

    await oskar.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => oskar.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/is already confirmed/);
    await expect.poll(() => oskar.locator('.badge.review-confirmed').count(), { timeout: 10_000 }).toBe(1);
    expect(await oskar.getByRole('button').count()).toBe(0);
    await screenshot(page, 'history-02-review-conflict');
  });
});
