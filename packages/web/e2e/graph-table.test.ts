/**
 * The graph's tables, the alternative to the canvas, in a real browser against a real server:
 * the ties a node shows are those the filters leave; each relation shown is listed with its type,
 * ends, role, dates and the agencies whose records claim it; communities are named in words and
 * centrality scores come with the server's explanation; up to k paths are listed, and a path not
 * found says whether there is none or the search stopped at its limit; an analyst exports what
 * they may pass on and is told what was left out, and an officer is not offered the export; a
 * saved chart reopens with its filters.
 */
import AxeBuilder from '@axe-core/playwright';
import { testProvenance } from '@mosaic/service/testing';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const PURPOSE = 'Network analysis of the Moreau group';
const CASE = 'PV/2025/0219';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    const [fed, zone] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('zoneOfficer')];
    const write = (token: string, agency: string, id: string, schema: string, properties: Record<string, string[]>, provenance: Record<string, unknown> = {}) =>
      api.json<{ record: { id: string } }>('/records', { token, body: { id, schema, provenance: testProvenance(agency, provenance), properties } });
    // Lucien Moreau-Vasquez: his brother (family), a car of his own, another the local zone says
    // he owns and wants no one to pass on without asking (H2), and the workshop he finances
    const golf = (await write(fed, 'fedpol', 'v-golf', 'Vehicle', { name: ['Grey Golf'], registrationNumber: ['1-ABC-123'] })).record.id;
    const clio = (await write(zone, 'zone-north', 'v-clio', 'Vehicle', { name: ['Red Clio'], registrationNumber: ['1-XYZ-987'] }, { handling: 'H2' })).record.id;
    const atelier = (await write(fed, 'fedpol', 'o-atelier', 'Organization', { name: ['Atelier du Canal'] })).record.id;
    await write(fed, 'fedpol', 'own-golf', 'Ownership', { owner: [world.moreau], asset: [golf], startDate: ['2018-05'] });
    await write(zone, 'zone-north', 'own-clio', 'Ownership', { owner: [world.moreau], asset: [clio] }, { handling: 'H2' });
    await write(fed, 'fedpol', 'm-atelier', 'Membership', { member: [world.moreau], organization: [atelier], role: ['financier'], startDate: ['2017'] });
    await write(fed, 'fedpol', 'm-atelier-brother', 'Membership', { member: [world.brother], organization: [atelier] });
    await server.projections.follower.catchUp();
    return world;
  },
});

/** Serious and critical WCAG A/AA violations, as "rule: target" lines (empty when none). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Signs the federal analyst in on the graph of Lucien Moreau-Vasquez and waits for his network. */
async function openGraph(page: Page): Promise<void> {
  await signInPage(page, 'fedAnalyst');
  await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
  await givePurpose(page, PURPOSE, CASE);
  await expect.poll(() => page.locator('table.graph-nodes tbody tr').count(), { timeout: 15_000 }).toBe(5);
}

/** The text of the cell of `column` in the row of the node called `name`. */
const nodeCell = (page: Page, name: string, column: number) =>
  page.locator('table.graph-nodes tbody tr', { has: page.getByRole('link', { name, exact: true }) }).locator('td').nth(column).textContent();

describe.skipIf(!tests.haveChromium)('the graph\'s tables', () => {
  it('count a node\'s ties among those the filters leave shown', async () => {
    const page = await tests.newPage();
    await openGraph(page);
    const network = page.getByRole('img', { name: /^Network of/ });
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 5 entities and 5 relations shown');
    expect(await nodeCell(page, 'Lucien Moreau-Vasquez', 3)).toBe('4');
    // each kind under the model's label
    expect(await nodeCell(page, 'Atelier du Canal', 2)).toBe('Organisation');
    await page.getByRole('group', { name: 'Relations shown' }).getByLabel('Ownership').uncheck();
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 5 entities and 3 relations shown');
    expect(await nodeCell(page, 'Lucien Moreau-Vasquez', 3)).toBe('2');
    expect(await nodeCell(page, '1ABC123', 3)).toBe('0');
    expect(await nodeCell(page, 'Atelier du Canal', 3)).toBe('2');
  });

  it('list the relations shown with their type, linked ends, role, dates and claiming agencies, name communities and explain centrality', async () => {
    const page = await tests.newPage();
    await openGraph(page);
    const ties = page.getByRole('table', { name: 'Relations shown in the chart' });
    const tieRows = ties.locator('tbody tr');
    await expect.poll(() => tieRows.count()).toBe(5);
    const membership = tieRows.filter({ hasText: 'financier' });
    // the claiming agencies are named once the organisation's answer is in: until then, by their ids
    await expect.poll(() => membership.locator('td').allTextContents()).toEqual(['Membership', 'Lucien Moreau-Vasquez', 'Atelier du Canal', 'financier', 'from 2017', 'Federal Police']);
    expect(await membership.getByRole('link', { name: 'Atelier du Canal' }).getAttribute('href')).toMatch(/^#\/profile\/entity\//);
    expect(await tieRows.filter({ hasText: '1XYZ987' }).locator('td').last().textContent()).toBe('Police Zone North');
    expect(await tieRows.filter({ hasText: '1ABC123' }).locator('td').nth(4).textContent()).toBe('from 2018-05');
    await page.getByRole('group', { name: 'Relations shown' }).getByLabel('Ownership').uncheck();
    await expect.poll(() => tieRows.count()).toBe(3);

    await page.getByRole('button', { name: 'Communities' }).click();
    await expect.poll(() => nodeCell(page, 'Lucien Moreau-Vasquez', 1)).toMatch(/^Community \d+$/);

    await page.getByRole('button', { name: 'Centrality' }).click();
    await expect.poll(() => page.getByText(/^Degree: how many different entities/).count()).toBe(1);
    const score = page.locator('table.graph-nodes tbody tr', { has: page.getByRole('link', { name: 'Lucien Moreau-Vasquez', exact: true }) }).locator('td').nth(4);
    await expect.poll(() => score.textContent()).toMatch(/^2\.000 Directly tied to 2 of the 4 other entities in this view/);
  });

  it('find up to k paths, list them to choose from, and say why none was found', async () => {
    const page = await tests.newPage();
    await openGraph(page);
    const status = () => page.getByRole('status').last().textContent();
    await page.locator('#path-a').fill('Tomas Moreau-Vasquez');
    await page.locator('#path-b').fill('Atelier du Canal');
    await page.getByLabel('How many paths').selectOption('3');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect.poll(status).toBe('2 paths found of the 3 asked, shortest first.');
    const found = page.getByRole('list', { name: 'Paths found' }).getByRole('button');
    expect(await found.allTextContents()).toEqual([
      '1 step: Tomas Moreau-Vasquez → Atelier du Canal',
      '2 steps: Tomas Moreau-Vasquez → Lucien Moreau-Vasquez → Atelier du Canal',
    ]);
    expect(await found.first().getAttribute('aria-pressed')).toBe('true');
    await found.last().click();
    expect(await found.last().getAttribute('aria-pressed')).toBe('true');
    expect(await found.first().getAttribute('aria-pressed')).toBe('false');
    // the tables, the list of paths, the export and the analysis answers pass axe-core's WCAG A/AA rules
    await page.getByRole('button', { name: 'Communities' }).click();
    await expect.poll(() => nodeCell(page, 'Atelier du Canal', 1)).toMatch(/^Community \d+$/);
    await page.getByRole('button', { name: 'Centrality' }).click();
    await expect.poll(() => page.getByText(/^Degree: how many different entities/).count()).toBe(1);
    expect(await violations(page)).toEqual([]);

    // none in what the analyst may see: the address is tied to no one
    await page.locator('#path-b').fill(tests.world.address);
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect.poll(status).toBe('No path between them in what you may see.');
    expect(await page.getByRole('list', { name: 'Paths found' }).count()).toBe(0);

    // the search stopped at its limit: that is not "no path"
    await page.route('**/api/v1/graph/paths', (route) => route.fulfill({ json: { paths: [], reason: 'search-limit' } }));
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect.poll(status).toBe('The search stopped at its limit before it found a path: there may be one further out. Try ends nearer each other, or fewer relation types.');
  });

  it('export what the analyst may pass on as GraphML or JSON, saying what was left out, and are not offered to an officer', async () => {
    const page = await tests.newPage();
    await openGraph(page);
    const status = () => page.getByRole('status').last().textContent();
    const exporting = page.getByRole('group', { name: 'Export' });
    const saved = async (): Promise<{ name: string; text: string }> => {
      const [download] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'Export' }).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
    };
    // the local zone's car and its ownership are H2: read, not passed on without the zone's consent
    const leftOut = '2 records you may read were left out of the file: 2 because their owner’s consent is required (handling code H2 or H3). With them, 1 entity and 1 relation of the chart.';
    const graphml = await saved();
    expect(graphml.name).toBe('graph-PV-2025-0219.graphml');
    expect(graphml.text).toContain('<data key="g_withheldRecords">2</data>');
    expect(graphml.text).toContain('Atelier du Canal');
    expect(graphml.text).not.toContain('1XYZ987');
    await expect.poll(status).toBe(`Exported graph-PV-2025-0219.graphml. ${leftOut}`);

    await exporting.getByLabel('Format').selectOption('JSON');
    const json = await saved();
    const file = JSON.parse(json.text) as { attributes: { withheld: { records: number } }; nodes: unknown[] };
    expect(file.attributes.withheld.records).toBe(2);
    expect(file.nodes).toHaveLength(4);
    await expect.poll(status).toBe(`Exported graph-PV-2025-0219.json. ${leftOut}`);

    const officer = await tests.signedInPage('zoneOfficer');
    await officer.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(officer, PURPOSE, CASE);
    await officer.getByRole('group', { name: 'Relations shown' }).waitFor();
    expect(await officer.getByRole('group', { name: 'Export' }).count()).toBe(0);
  });

  it('keep a saved chart\'s filters, and reopen it with them', async () => {
    const page = await tests.newPage();
    await openGraph(page);
    const types = page.getByRole('group', { name: 'Relations shown' });
    const recordedBy = page.getByRole('group', { name: 'Recorded by' });
    await types.getByLabel('Ownership').uncheck();
    await recordedBy.getByLabel('Federal Police').check();
    await page.locator('input[type="date"]').first().fill('2017-01-01');
    await page.getByLabel('Chart title').fill('Moreau without the cars');
    await page.getByRole('button', { name: 'Save chart to case' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe(`Chart “Moreau without the cars” saved to case ${CASE}.`);

    const again = await tests.signedInPage('fedAnalyst');
    await again.goto('/#/graph');
    await givePurpose(again, PURPOSE, CASE);
    await again.getByRole('button', { name: 'Open chart Moreau without the cars' }).click();
    await expect.poll(() => again.getByRole('status').last().textContent()).toBe('Chart “Moreau without the cars” reopened: 5 entities you may see.');
    expect(await again.locator('input[type="date"]').first().inputValue()).toBe('2017-01-01');
    expect(await again.getByRole('group', { name: 'Recorded by' }).getByLabel('Federal Police').isChecked()).toBe(true);
    // the ties the filter leaves out are not drawn, and the types it leaves out are said, to be shown again
    const network = again.getByRole('img', { name: /^Network of/ });
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 5 entities and 3 relations shown');
    const againTypes = again.getByRole('group', { name: 'Relations shown' });
    expect(await againTypes.textContent()).toContain('Left out too: Ownership.');
    await againTypes.getByRole('button', { name: 'Show every relation type' }).click();
    expect(await againTypes.textContent()).not.toContain('Left out too');
  });
});
