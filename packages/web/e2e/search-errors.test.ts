/**
 * The search form's errors, in a real browser against a real Mosaic server: a date of birth the
 * server refuses is said beside the form as the checkpoint says it ("Date of birth: not a date of
 * birth — write it as …"), the field marked and focused, without the API's field name, its
 * notation or an error code; a query the server refuses is said by the field's label; and a
 * search the browser itself refuses (no name) takes the last error off the screen. Every name
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
  it('says a refused date of birth as the checkpoint does, the field marked and focused, then clears it when a search is refused for want of a name', async () => {
    const page = await searchPage();
    const born = page.getByLabel('Date of birth (optional)');
    await page.getByLabel('Name, alias or identifier').fill('Saltvik');
    await born.fill('1981-13');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toBe('Date of birth: not a date of birth — write it as 1985-03-14, 14.03.1985, 1985-03 or a year');
    expect(await born.getAttribute('aria-invalid')).toBe('true');
    expect(await born.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    await expect.poll(() => born.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.locator('.screen').innerText()).not.toMatch(/birthDate|MOSAIC_|YYYY/);

    // the day written first, as the message offers, is a date of birth the search takes
    await born.fill('14.03.1985');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Saltvik”' }).count()).toBe(1);
    expect(await alert.count()).toBe(0);
    expect(await born.getAttribute('aria-invalid')).toBeNull();

    await born.fill('1981-13');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => alert.count()).toBe(1);
    await page.getByLabel('Name, alias or identifier').fill('');
    await born.fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await page.close();
  });

  it('says a query the server refuses by the field\'s label, the field marked', async () => {
    const page = await searchPage();
    const name = page.getByLabel('Name, alias or identifier');
    await name.fill('--');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toBe('Name, alias or identifier: needs at least two letters or digits');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.screen').innerText()).not.toMatch(/\bq:|MOSAIC_/);
    await page.close();
  });
});
