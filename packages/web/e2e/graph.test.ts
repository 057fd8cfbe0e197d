/**
 * The graph explorer in a real browser against a real server: expand a subject's network of
 * resolved entities, filter a relation type out of the next expansion, keep the relations of
 * chosen agencies, find the path between two entities, save the chart to the case and reopen it
 * in a fresh session.
 */
import { testProvenance, type TestUserName } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const PURPOSE = 'Network analysis of the Moreau group';
const CASE = 'PV/2025/0219';

let fed: string;
/** The entities of the seeded records, and of the associate added here. */
const entity: Record<'moreau' | 'brother' | 'associate', string> = { moreau: '', brother: '', associate: '' };

const entityOf = async (record: string): Promise<string> =>
  (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers: { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) } })).entity;

/** Signs in, opens the screen at `hash` and gives this file's purpose and case. */
async function signIn(page: Page, name: TestUserName, hash: string): Promise<void> {
  await signInPage(page, name);
  await page.goto(`/${hash}`);
  await givePurpose(page, PURPOSE, CASE);
}

const rows = (page: Page) => page.locator('table.graph-nodes tbody tr');
const tableText = async (page: Page): Promise<string> => (await page.locator('table.graph-nodes').textContent()) ?? '';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    fed = await api.tokenOf('fedAnalyst');
    const associate = await api.json<{ record: { id: string } }>('/records', {
      token: fed,
      body: { id: 'p-garnier', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Yannick Garnier'], birthDate: ['1987-06-21'], nationality: ['fr'] } },
    });
    await api.json('/records', {
      token: fed,
      body: { id: 'as-garnier', schema: 'Associate', provenance: testProvenance('fedpol'), properties: { person: [world.brother], associate: [associate.record.id], startDate: ['2019-03'], endDate: ['2019-09'] } },
    });
    await api.json('/records', {
      token: fed,
      body: { id: 's-midi', schema: 'Sighting', provenance: testProvenance('fedpol'), properties: { person: [world.moreau], involved: [world.brother], date: ['2016-03-01'], place: ['Gare du Midi'], latitude: ['50.8357'], longitude: ['4.3363'], summary: ['Seen boarding a train together'] } },
    });
    await server.projections.follower.catchUp();
    entity.moreau = await entityOf(world.moreau);
    entity.brother = await entityOf(world.brother);
    entity.associate = await entityOf(associate.record.id);
    return world;
  },
});

describe.skipIf(!tests.haveChromium)('the graph explorer', () => {
  it('expands, filters a relation type, finds a path, saves the chart to the case and reopens it', async () => {
    const page = await tests.newPage();
    await signIn(page, 'fedAnalyst', `#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    // Expand: the subject's entity and his brother, tied by family.
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(2);
    expect(await tableText(page)).toContain('Tomas Moreau-Vasquez');
    expect(await page.getByRole('group', { name: 'Relations shown' }).textContent()).toContain('Family');
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

    // Path between the subject and the associate, through the brother: one end typed by its
    // name as the chart shows it, the other by its id.
    await page.locator('#path-a').fill('lucien moreau-vasquez');
    await page.locator('#path-b').fill(entity.associate);
    await page.getByRole('button', { name: 'Find path' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Path of 2 steps: Lucien Moreau-Vasquez → Tomas Moreau-Vasquez → Yannick Garnier');
    await screenshot(page, 'graph-03-path');

    // Save the chart to the case.
    await page.getByLabel('Chart title').fill('Moreau brothers and Garnier');
    await page.getByRole('button', { name: 'Save chart to case' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe(`Chart “Moreau brothers and Garnier” saved to case ${CASE}.`);

    // Reopen it in a new session, with no seed: the same three entities come back from the server.
    const again = await tests.newPage();
    await signIn(again, 'fedAnalyst', '#/graph');
    await again.getByRole('button', { name: 'Open chart Moreau brothers and Garnier' }).click();
    await expect.poll(() => again.getByRole('status').last().textContent()).toBe('Chart “Moreau brothers and Garnier” reopened: 3 entities you may see.');
    const reopened = await tableText(again);
    for (const name of ['Lucien Moreau-Vasquez', 'Tomas Moreau-Vasquez', 'Yannick Garnier']) expect(reopened).toContain(name);
    await screenshot(again, 'graph-04-chart-reopened');
  });

  it('keeps the relations the chosen agencies recorded, in the chart and in the next expansion, and offers no agency whose records the analyst may not read', async () => {
    // the local zone ties the brother to Marc Dubois-Lenoir, and him to his sister; the federal
    // police tie Marc to Hugo Lambert; intelligence ties the brothers and Marc to its own subject
    const [zone, intel] = [await tests.api.tokenOf('zoneOfficer'), await tests.api.tokenOf('intelAnalyst')];
    const write = (token: string, agency: string, id: string, schema: string, properties: Record<string, string[]>) =>
      tests.api.json<{ record: { id: string } }>('/records', { token, body: { id, schema, provenance: testProvenance(agency), properties } });
    const marc = (await write(zone, 'zone-north', 'p-dubois', 'Person', { name: ['Marc Dubois-Lenoir'], birthDate: ['1979-11-03'] })).record.id;
    const sarah = (await write(zone, 'zone-north', 'p-dubois-sister', 'Person', { name: ['Sarah Dubois-Lenoir'], birthDate: ['1983-05-14'] })).record.id;
    const hugo = (await write(fed, 'fedpol', 'p-lambert', 'Person', { name: ['Hugo Lambert'], birthDate: ['1990-08-08'] })).record.id;
    await write(zone, 'zone-north', 'as-dubois', 'Associate', { person: [tests.world.brother], associate: [marc], startDate: ['2021-02'] });
    await write(zone, 'zone-north', 'f-dubois', 'Family', { person: [marc], relative: [sarah], relationship: ['sister'] });
    await write(fed, 'fedpol', 'as-lambert', 'Associate', { person: [marc], associate: [hugo] });
    await write(intel, 'intel', 'as-brothers', 'Associate', { person: [tests.world.moreau], associate: [tests.world.brother] });
    await write(intel, 'intel', 'as-renard', 'Associate', { person: [marc], associate: [tests.world.intelSubject] });
    await tests.server.projections.follower.catchUp();

    const page = await tests.newPage();
    await signIn(page, 'fedAnalyst', `#/graph?seed=${encodeURIComponent(tests.world.brother)}`);
    // Tomas, his brother (family, the check at Gare du Midi), Garnier (federal) and Marc (local)
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(4);
    const network = page.getByRole('img', { name: /^Network of/ });
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 4 entities and 4 relations shown');
    const recordedBy = page.getByRole('group', { name: 'Recorded by' });
    const offered = async (): Promise<string[]> => (await recordedBy.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.parentElement?.textContent?.trim() ?? ''))).sort();
    // the intelligence service's ties are not the analyst's to see: it is not offered either
    expect(await offered()).toEqual(['Federal Police', 'Police Zone North']);

    // The local zone's relations alone: the chart keeps the tie to Marc, and expanding Marc asks
    // the server for the zone's ties only (his sister, not the federal police's Hugo Lambert).
    await recordedBy.getByLabel('Police Zone North').check();
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 4 entities and 1 relation shown');
    await page.getByRole('button', { name: 'Expand Marc Dubois-Lenoir' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/^1 new entity/);
    expect(await tableText(page)).toContain('Sarah Dubois-Lenoir');
    expect(await tableText(page)).not.toContain('Hugo Lambert');
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 5 entities and 2 relations shown');
    await screenshot(page, 'graph-06-agency-filter');

    // Every agency again: all the relations drawn, and Marc's federal tie comes with the next expansion.
    await recordedBy.getByLabel('Police Zone North').uncheck();
    await expect.poll(() => network.getAttribute('aria-label')).toBe('Network of 5 entities and 5 relations shown');
    await page.getByRole('button', { name: 'Expand Marc Dubois-Lenoir' }).click();
    await expect.poll(() => tableText(page)).toContain('Hugo Lambert');
    expect(await offered()).toEqual(['Federal Police', 'Police Zone North']);
  });

  it('shows an entity profile\'s timeline and map places from the graph endpoints', async () => {
    const page = await tests.newPage();
    await signIn(page, 'fedAnalyst', `#/profile/entity/${encodeURIComponent(entity.moreau)}`);
    await expect.poll(() => page.locator('.timeline li').first().textContent(), { timeout: 15_000 }).toContain('Seen boarding a train together');
    expect(await page.locator('.timeline li').first().textContent()).toContain('2016-03-01');
    await expect.poll(() => page.locator('.place-list').textContent()).toContain('Gare du Midi');
    await screenshot(page, 'graph-05-profile-timeline');
  });

  it('tells who holds an entity seen through a pointer alone, as its profile does, where it drew nothing and said no such entity', async () => {
    // intelligence gives the zone pointers only: its record is told of to the zone's officer, not shown
    const intel = await tests.api.tokenOf('intelAnalyst');
    const held = await tests.api.json<{ record: { id: string } }>('/records', {
      token: intel, body: { id: 'i-aschauer', schema: 'Person', provenance: testProvenance('intel'), properties: { name: ['Wendelin Aschauer'], birthDate: ['1969-02-03'] } },
    });
    await tests.server.projections.follower.catchUp();
    const heldEntity = (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(held.record.id)}/entity`, { token: intel, headers: { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) } })).entity;
    const page = await tests.newPage();
    await signIn(page, 'zoneOfficer', `#/graph?seed=${encodeURIComponent(heldEntity)}`);
    const pointers = page.getByRole('region', { name: 'Information held by another agency' });
    await expect.poll(() => pointers.locator('.pointer-card').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/^⚑State Security holds information — contact Liaison desk \+32 2 000 00 03$/)]);
    expect(await page.getByRole('status').last().textContent()).toBe('0 new entities');
    expect(await rows(page).count()).toBe(0);
    expect(await page.locator('.graph-screen').textContent()).not.toMatch(/Aschauer|no such entity/);
    await screenshot(page, 'graph-06-pointer');
  });
});
