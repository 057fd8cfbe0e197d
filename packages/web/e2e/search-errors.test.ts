/**
 * The search form's errors, in a real browser against a real Mosaic server: a date of birth the
 * server refuses is said in words under "Born", without the API's field name or error code, and
 * a search the browser itself refuses (no name) takes the last error off the screen. Every name
 * is invented.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests();

async function searchPage(): Promise<Page> {
  const page = await tests.signedInPage('fedAnalyst');
  await page.goto('/#/search');
  await givePurpose(page, 'Counter-terrorism investigation', 'PV/2025/0788');
  return page;
}

describe.skipIf(!tests.haveChromium)('search form errors', () => {
  it('says a refused date of birth in words under Born, then clears it when a search is refused for want of a name', async () => {
    const page = await searchPage();
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await page.getByLabel('Born (YYYY, YYYY-MM or YYYY-MM-DD)').fill('1981-13');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.locator('#search-born-error');
    await alert.waitFor();
    const said = await alert.innerText();
    expect(said).toBe('Born: not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)');
    expect(await page.getByLabel('Born (YYYY, YYYY-MM or YYYY-MM-DD)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.screen').innerText()).not.toMatch(/birthDate|MOSAIC_/);

    await page.getByLabel('Name, alias or identifier').fill('');
    await page.getByLabel('Born (YYYY, YYYY-MM or YYYY-MM-DD)').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
