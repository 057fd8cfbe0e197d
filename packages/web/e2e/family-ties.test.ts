/**
 * A family tie read from the subject's side, on a profile's related list and in the graph: a
 * Family record names a person, a relative and how the relative stands to the person ("brother":
 * the relative is the person's brother). On the relative's own profile the person is read the
 * other way round, by the gender the records give ("sister", or "sibling" where none is given);
 * in the graph, a kinship word says whose relative the tie names. Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Tracing the Elmrabet and Haddou families';
const CASE = 'PV/2026/0588';
const HEADERS = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };

/** The entity of each person seeded. */
const ids = { nadia: '', yassin: '', noor: '', karim: '', mohamad: '' };

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    const post = (body: unknown) => api.json<{ record: { id: string } }>('/records', { token: fed, body });
    const person = (id: string, name: string, birthDate: string, gender?: string) =>
      post({ id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: [name], birthDate: [birthDate], ...(gender ? { gender: [gender] } : {}) } });
    const family = (id: string, from: string, to: string, relationship: string) =>
      post({ id, schema: 'Family', provenance: testProvenance('fedpol'), properties: { person: [`fedpol:${from}`], relative: [`fedpol:${to}`], relationship: [relationship] } });
    await person('p-nadia', 'Nadia Elmrabet', '1996-02-11', 'female');
    await person('p-yassin', 'Yassin Elmrabet', '1992-08-30', 'male');
    await person('p-noor', 'Noor Tahiri', '1999-05-04');
    await person('p-karim', 'Karim Haddou', '1990-01-17', 'male');
    await person('p-mohamad', 'Mohamad Haddou', '1961-11-23', 'male');
    // each record says how its relative stands to its person: Yassin is Nadia's and Noor's brother, Mohamad is Karim's father
    await family('f-nadia', 'p-nadia', 'p-yassin', 'brother');
    await family('f-noor', 'p-noor', 'p-yassin', 'brother');
    await family('f-karim', 'p-karim', 'p-mohamad', 'father');
    await server.projections.follower.catchUp();
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      ids[name] = (await api.json<{ entity: string }>(`/records/${encodeURIComponent(`fedpol:p-${name}`)}/entity`, { token: fed, headers: HEADERS })).entity;
    }
  },
});

/** Signs the federal analyst in and opens the screen at `hash`, giving this file's purpose. */
async function open(hash: string): Promise<Page> {
  const page = await tests.signedInPage('fedAnalyst');
  await page.goto(`/#/${hash}`);
  await givePurpose(page, PURPOSE, CASE);
  return page;
}

/** A profile's related list as "relation name" lines, once it is in. */
async function relatedOf(page: Page, count: number): Promise<string[]> {
  const items = page.locator('.related li');
  await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(count);
  return (await items.evaluateAll((lis) => lis.map((li) => `${li.querySelector('.badge')?.textContent ?? ''} ${li.querySelector('a')?.textContent ?? ''}`))).sort();
}

describe.skipIf(!tests.haveChromium)('a family tie on a profile', () => {
  it('reads the person of a record from the relative\'s side, by her gender, or as a sibling where none is given', async () => {
    const page = await open(`profile/entity/${encodeURIComponent(ids.yassin)}`);
    expect(await relatedOf(page, 2)).toEqual(['sibling Noor Tahiri', 'sister Nadia Elmrabet']);
    await screenshot(page, 'family-ties-00-relative');
  });

  it('keeps the record\'s word on the person\'s own profile', async () => {
    const page = await open(`profile/entity/${encodeURIComponent(ids.nadia)}`);
    expect(await relatedOf(page, 1)).toEqual(['brother Yassin Elmrabet']);
  });

  it('calls the son of a father his son, not his father', async () => {
    const page = await open(`profile/entity/${encodeURIComponent(ids.mohamad)}`);
    expect(await relatedOf(page, 1)).toEqual(['son Karim Haddou']);
  });
});

describe.skipIf(!tests.haveChromium)('a family tie in the graph', () => {
  it('says whose relative the tie names, from the subject expanded', async () => {
    const page = await open(`graph?seed=${encodeURIComponent('fedpol:p-yassin')}`);
    const rows = page.getByRole('table', { name: 'Relations shown in the chart' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    const cells = async (name: string): Promise<string[]> => rows.filter({ has: page.getByRole('link', { name, exact: true }) }).locator('td').evaluateAll((tds) => tds.slice(0, 4).map((td) => td.textContent ?? ''));
    expect(await cells('Nadia Elmrabet')).toEqual(['Family (Yassin Elmrabet\'s sister)', 'Yassin Elmrabet', 'Nadia Elmrabet', 'sister']);
    expect(await cells('Noor Tahiri')).toEqual(['Family', 'Yassin Elmrabet', 'Noor Tahiri', 'sibling']);
    await screenshot(page, 'family-ties-01-graph');
  });
});
