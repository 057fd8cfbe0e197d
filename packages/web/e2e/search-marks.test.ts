/**
 * Which words of a search result are marked, in a real browser against a real Mosaic server:
 * the words that matched — a spelling the matcher aligned with a word of the query, a word of
 * the query found as written — never a word that only begins like one ("Nur" is not "Nurlan")
 * and never a particle alone ("al"). Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const token = await api.tokenOf('fedAnalyst');
    const put = (id: string, schema: string, properties: Record<string, string[]>) => api.json('/records', { token, body: { id, schema, provenance: testProvenance('fedpol'), properties } });
    await put('o-katibat', 'Organization', { name: ['Katibat al-Nur'] });
    await put('p-khatib', 'Person', { name: ['AL-KHATIB HIBA'] });
    await put('p-alahmad', 'Person', { name: ['Nur Alahmad'], alias: ['Nurlan Alahmad'] });
    await server.projections.follower.catchUp();
    return undefined;
  },
});

const marked = (row: Locator, within: string): Promise<string[]> => row.locator(`${within} mark`).allTextContents();

describe.skipIf(!tests.haveChromium)('search marks', () => {
  it('marks the spelling that matched and the words found as written, not a particle alone nor a word that only begins like one', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, 'Counter-terrorism investigation', 'PV/2025/0788');
    await page.getByLabel('Name, alias or identifier').fill('Katibat al-Nur');
    await page.keyboard.press('Enter');
    const rows = page.locator('table.results tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const organisation = rows.filter({ hasText: 'Katibat al-Nur' });
    expect(await marked(organisation, 'a')).toEqual(['Katibat', 'Nur']);
    const person = rows.filter({ hasText: 'AL-KHATIB HIBA' });
    // the matcher's alignment: Khatib is a spelling of Katibat; the article beside it matched nothing
    expect(await marked(person, 'a')).toEqual(['KHATIB']);
    // Nur as written, and in the alias no word: Nurlan and Alahmad only begin like words of the query
    const other = rows.filter({ hasText: 'Nur Alahmad' });
    expect(await marked(other, 'a')).toEqual(['Nur']);
    expect(await other.locator('.name-chip', { hasText: 'Nurlan Alahmad' }).count()).toBe(1);
    expect(await marked(other, '.name-chip')).toEqual([]);
    await page.close();
  });
});
