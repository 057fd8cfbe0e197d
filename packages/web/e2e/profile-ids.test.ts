/**
 * Entity profiles that are not one live subject the reader sees: a subject known only by pointers
 * (whom to contact, nothing to expand, watch or map), an id split since (the parts listed), and
 * an id a merge absorbed (the live entity shown, its timeline and map read for it, the merge
 * said). Also how the timeline words an event: its place, and a span of one day as that day;
 * and that a profile says in words what the API gives as codes: agencies by name, properties,
 * events' kinds, versions and ties under their labels.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Tracing the Sorensen, Renard, Okafor and Lindqvist files';
const CASE = 'PV/2026/0311';
const HEADERS = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };

/** The ids the pages open, and what they lead to. */
const ids = { seenAtAirport: '', pointerOnly: '', split: '', parts: [] as string[], absorbed: '', survivor: '' };

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    const [fed, intel] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('intelAnalyst')];
    const entityOf = async (record: string, token = fed): Promise<string> =>
      (await api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token, headers: HEADERS })).entity;
    const post = (body: unknown) => api.json<{ record: { id: string } }>('/records', { token: fed, body });
    const judge = (a: string, b: string, verdict: 'same' | 'not_same') => api.json('/judgements', { token: fed, body: { a, b, verdict, purpose: PURPOSE, caseRef: CASE } });

    // A man seen at the airport on one day: the sighting's span starts and ends that day.
    await post({ id: 'p-sorensen', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Mads Sorensen-Ruiz'], firstName: ['Mads'], birthDate: ['1988-01-23'] } });
    await post({
      id: 's-zaventem', schema: 'Sighting', provenance: testProvenance('fedpol'),
      properties: { person: ['fedpol:p-sorensen'], date: ['2014-12-18'], endDate: ['2014-12-18'], place: ['Zaventem'], summary: ['Checked in for a flight to Malaga'] },
    });
    await server.projections.follower.catchUp();
    ids.seenAtAirport = await entityOf('fedpol:p-sorensen');

    // The local zone knows the intelligence service's subject only as a pointer.
    ids.pointerOnly = await entityOf(world.intelSubject, intel);

    // Two records of one man, merged by resolution, then judged two men: the entity's id is split.
    const okafor = { name: ['Chidi Okafor-Brandt'], birthDate: ['1983-07-14'], passportNumber: ['NB4410072'] };
    await post({ id: 'p-okafor-1', schema: 'Person', provenance: testProvenance('fedpol'), properties: okafor });
    await post({ id: 'p-okafor-2', schema: 'Person', provenance: testProvenance('fedpol'), properties: okafor });
    await server.projections.follower.catchUp();
    ids.split = await entityOf('fedpol:p-okafor-1');
    expect(await entityOf('fedpol:p-okafor-2')).toBe(ids.split);
    await judge('fedpol:p-okafor-1', 'fedpol:p-okafor-2', 'not_same');
    await server.projections.follower.catchUp();
    ids.parts = [await entityOf('fedpol:p-okafor-1'), await entityOf('fedpol:p-okafor-2')];

    // Two records resolution leaves apart (an alias he used), judged one man: one entity absorbs the other's id.
    await post({ id: 'p-lindqvist-1', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Henrik Lindqvist-Aho'], birthDate: ['1976-11-02'] } });
    await post({ id: 'p-lindqvist-2', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Heikki Aho'], nationality: ['fi'] } });
    await post({
      id: 's-vantaa', schema: 'Sighting', provenance: testProvenance('fedpol'),
      properties: { person: ['fedpol:p-lindqvist-1'], date: ['2015-06-02'], place: ['Helsinki-Vantaa'], latitude: ['60.3172'], longitude: ['24.9633'], summary: ['Arrived on a flight from Brussels'] },
    });
    await server.projections.follower.catchUp();
    const before = [await entityOf('fedpol:p-lindqvist-1'), await entityOf('fedpol:p-lindqvist-2')];
    expect(before[0]).not.toBe(before[1]);
    await judge('fedpol:p-lindqvist-1', 'fedpol:p-lindqvist-2', 'same');
    await server.projections.follower.catchUp();
    ids.survivor = await entityOf('fedpol:p-lindqvist-1');
    expect(await entityOf('fedpol:p-lindqvist-2')).toBe(ids.survivor);
    ids.absorbed = before.find((id) => id !== ids.survivor) ?? '';
  },
});

/** Signs `name` in and opens the entity profile of `id`, giving this file's purpose. */
async function openEntity(name: 'fedAnalyst' | 'zoneOfficer', id: string): Promise<Page> {
  const page = await tests.signedInPage(name);
  await page.goto(`/#/profile/entity/${encodeURIComponent(id)}`);
  await givePurpose(page, PURPOSE, CASE);
  return page;
}

const main = (page: Page) => page.locator('main');

describe.skipIf(!tests.haveChromium)('an entity profile\'s timeline', () => {
  it('names where an event happened, and writes a span that ends the day it starts as that day', async () => {
    const page = await openEntity('fedAnalyst', ids.seenAtAirport);
    const event = page.locator('.timeline li').first();
    await expect.poll(() => event.textContent(), { timeout: 15_000 }).toContain('Checked in for a flight to Malaga');
    expect(await event.textContent()).toContain('Zaventem');
    expect(await event.locator('time').textContent()).toBe('2014-12-18');
    await screenshot(page, 'profile-ids-00-timeline');
  });
});

describe.skipIf(!tests.haveChromium)('a profile in words, not codes', () => {
  it('names the agencies, the kinds of name and the kind of event, not their codes', async () => {
    const page = await openEntity('fedAnalyst', ids.seenAtAirport);
    const event = page.locator('.timeline li').first();
    await expect.poll(() => event.textContent(), { timeout: 15_000 }).toContain('Checked in for a flight to Malaga');
    expect(await event.locator('.badge').textContent()).toBe('Sighting / check');
    const names = page.locator('.names-by-agency');
    await expect.poll(() => names.locator('dt').allTextContents()).toEqual(['Federal Police']);
    expect(await names.locator('.name-chip', { hasText: 'Mads' }).filter({ hasNotText: 'Sorensen' }).textContent()).toBe('Mads First name');
    expect(await names.textContent()).not.toMatch(/firstName|fedpol/);
    const agencies = await page.locator('table.claims tbody tr td:nth-of-type(2)').allTextContents();
    expect(new Set(agencies)).toEqual(new Set(['Federal Police']));
    expect(await page.locator('.profile-sub').textContent()).toContain('Person');
    await screenshot(page, 'profile-ids-04-words');
  });

  it('says a version of a record was recorded, not put', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent('fedpol:p-sorensen')}`);
    await givePurpose(page, PURPOSE, CASE);
    const version = page.locator('.timeline li').first();
    await expect.poll(() => version.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Recorded');
    expect(await version.textContent()).toContain('version 1');
    await expect.poll(() => page.locator('.provenance .agency').textContent()).toBe('Federal Police');
  });

  it('says how a subject is tied to another in words: a document they share', async () => {
    // the parts of the split subject hold one passport number
    const page = await openEntity('fedAnalyst', ids.parts[0] ?? '');
    const tie = page.locator('.related li', { hasText: 'Chidi Okafor-Brandt' });
    await expect.poll(() => tie.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Shared document');
    expect(await tie.textContent()).not.toContain('shared-document');
  });
});

describe.skipIf(!tests.haveChromium)('an entity profile known only by pointers, or opened by an id split or merged away', () => {
  it('shows a subject known only by pointers as whom to contact, with nothing to expand, map or watch', async () => {
    const page = await openEntity('zoneOfficer', ids.pointerOnly);
    await expect.poll(() => page.locator('.pointer-card').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.pointer-card').textContent()).toMatch(/State Security holds information.*Liaison desk/);
    expect(await page.locator('#profile-title').textContent()).toBe('Information held by another agency');
    expect(await main(page).textContent()).not.toMatch(/Thing|0 records|Open in graph|Watch|Timeline|Map|Related/);
    expect(await page.getByRole('button').filter({ hasText: 'Watch' }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'profile-ids-01-pointer-only');
  });

  it('says an id split since was split and links each part the reader may see', async () => {
    expect(ids.parts[0]).not.toBe(ids.parts[1]);
    const page = await openEntity('fedAnalyst', ids.split);
    await expect.poll(() => page.locator('#profile-title').textContent(), { timeout: 15_000 }).toBe(`Subject ${ids.split} was split`);
    const links = await main(page).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(ids.parts.map((p) => `#/profile/entity/${p}`).sort());
    // nothing of a profile that is not there: no kind, no counts, nothing to expand or watch
    expect(await main(page).textContent()).not.toMatch(/Thing|0 records|Open in graph|Watch|Timeline/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'profile-ids-02-split');
    await main(page).getByRole('link').first().click();
    await expect.poll(() => page.locator('#profile-title').textContent()).toBe('Chidi Okafor-Brandt');
  });

  it('shows an absorbed id as the entity it was merged into, with that entity\'s timeline and map', async () => {
    const page = await openEntity('fedAnalyst', ids.absorbed);
    await expect.poll(() => page.locator('#profile-title').textContent(), { timeout: 15_000 }).toMatch(/^(Henrik Lindqvist-Aho|Heikki Aho)$/);
    expect(await page.getByTestId('merged-into').textContent()).toBe(`${ids.absorbed} was merged into ${ids.survivor}.`);
    // the address names the live entity, in place of the one asked for (no new step back): replaced
    // once the profile is drawn, not with it
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/profile/entity/${ids.survivor}`);
    await expect.poll(() => page.locator('.timeline li').first().textContent(), { timeout: 15_000 }).toContain('Arrived on a flight from Brussels');
    await expect.poll(() => page.locator('.place-list').textContent()).toContain('Helsinki-Vantaa');
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'profile-ids-03-absorbed');
  });
});
