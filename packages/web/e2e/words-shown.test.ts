/**
 * Words where ids and codes stood: the top bar at 1280 px with a long agency name and an unread
 * badge (the purpose keeps its room, the agency name gives way); agencies, desks and groups by
 * name in the administration, and its tables saying when they are empty; an alert's review date,
 * and the reason for its withdrawal asked in a full-width box; nationalities by their country's name.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, purposeShown, setUpBrowserTests } from './harness.ts';

const LONG_AGENCY = 'Federal Judicial Police — Counter-Terrorism Directorate';
const PURPOSE = 'Investigation of terrorist financing network';


/** A zone alert on Pieter Aarts, its review date as the API gives it. */
let alertIssued: { id: string; reviewDate: string };

/** The zone officer's inbox, where the agency's alerts are listed once the purpose is given. */
async function agencyAlerts(): Promise<Page> {
  const page = await tests.signedInPage('zoneOfficer');
  await page.goto('/#/inbox');
  await givePurpose(page, 'Patrol', 'ZN/2026/0102');
  return page;
}

const tests = setUpBrowserTests({
  seed: async ({ api }) => {
    const admin = await api.tokenOf('sysadmin');
    await api.json('/admin/agencies/zone-north', { token: admin, method: 'PATCH', body: { name: LONG_AGENCY }, headers: { 'x-mosaic-purpose': 'Reorganisation', 'x-mosaic-case': 'CHG-2026-001' } });
    const zone = await api.tokenOf('zoneOfficer');
    const why = { 'x-mosaic-purpose': 'Patrol', 'x-mosaic-case': 'ZN/2026/0102' };
    await api.json('/records', { token: zone, body: { id: 'z-aarts', schema: 'Person', properties: { name: ['Pieter Aarts'] }, provenance: testProvenance('zone-north') } });
    alertIssued = (await api.json<{ alert: { id: string; reviewDate: string } }>('/alerts', { token: zone, headers: why, body: { subject: 'zone-north:z-aarts', category: 'discreet_check' } })).alert;
  },
});

describe.skipIf(!tests.haveChromium)('words shown where ids and codes stood', () => {
  it('keeps some thirty characters of the purpose in the top bar at 1280 px, also with an unread badge: the long agency name gives way, whole in its title', async () => {
    const [zone, fed] = [await tests.api.tokenOf('zoneOfficer'), await tests.api.tokenOf('fedAnalyst')];
    await tests.api.json('/records', { token: fed, body: { id: 'p-lindqvist', schema: 'Person', properties: { name: ['Oskar Lindqvist'] }, provenance: testProvenance('fedpol') } });
    await tests.api.json('/subscriptions', { token: zone, body: { target: { kind: 'entity', record: 'fedpol:p-lindqvist' }, label: 'Bridge patrol', purpose: 'Patrol', caseRef: 'ZN/2026/0101' } });
    await tests.api.json('/alerts', { token: fed, headers: { 'x-mosaic-purpose': 'Criminal investigation', 'x-mosaic-case': 'PV/2026/0501' }, body: { subject: 'fedpol:p-lindqvist', category: 'discreet_check' } });

    const page = await tests.signedInPage('zoneOfficer', { viewport: { width: 1280, height: 800 } });
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, 'CT-2026-017');
    await expect.poll(() => page.getByTestId('case-ref').textContent()).toBe('CT-2026-017');
    await expect.poll(() => page.getByTestId('user-agency').textContent()).toBe(LONG_AGENCY);
    await expect.poll(() => page.locator('.topbar nav .count').count(), { timeout: 15_000 }).toBe(1);
    expect(await purposeShown(page, PURPOSE)).toBeGreaterThanOrEqual(25);
    expect(await page.getByTestId('user-agency').getAttribute('title')).toBe(LONG_AGENCY);
  });

  it('names the contact desk of each agency and the agency of each desk and group, and says when there is no group yet', async () => {
    const page = await tests.signedInPage('sysadmin');
    await page.getByRole('link', { name: 'Administration' }).click();
    const agencies = page.getByRole('table', { name: 'Agencies' });
    await expect.poll(() => agencies.getByRole('row').filter({ hasText: 'State Security' }).locator('td').allTextContents()).toEqual(['intel', 'State Security', 'BE', 'Liaison desk', '']);
    await page.getByRole('tab', { name: 'Desks' }).click();
    const desks = page.getByRole('table', { name: 'Desks' });
    await expect.poll(() => desks.getByRole('row').filter({ hasText: 'intel-liaison' }).locator('td').allTextContents()).toEqual(['intel-liaison', 'State Security', 'Liaison desk', '+32 2 000 00 03']);
    await page.getByRole('tab', { name: 'Need-to-know groups' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Need-to-know groups' }).locator('tbody').textContent()).toBe('No groups yet.');
  });

  it('shows each of the agency\'s alerts with the date it must be reviewed by', async () => {
    const page = await agencyAlerts();
    await expect.poll(() => page.getByTestId('alert').filter({ hasText: 'Pieter Aarts' }).locator('.review').textContent()).toBe(`review by ${alertIssued.reviewDate}`);
  });

  it('asks why an alert is withdrawn in a text box as wide as the alert', async () => {
    const page = await agencyAlerts();
    const listed = page.getByTestId('alert').filter({ hasText: 'Pieter Aarts' });
    await listed.getByRole('button', { name: /^Withdraw the discreet check alert on Pieter Aarts/ }).click();
    const reason = listed.getByLabel('Why (optional, kept in the audit log)');
    await expect.poll(() => reason.count()).toBe(1);
    expect(await reason.evaluate((box) => box.tagName)).toBe('TEXTAREA');
    const [box, banner] = [await reason.evaluate((e) => e.getBoundingClientRect().width), await listed.evaluate((e) => e.clientWidth)];
    expect(box).toBeGreaterThan(banner * 0.8);
  });

  it('names a nationality by its country, its code in the title, in a profile\'s values and on the review\'s pair cards', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const person = (id: string, properties: Record<string, string[]>) => tests.api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    // the same name, a birth year against a full date: a pair for a person to judge
    await person('p-halvorsen-1', { name: ['Ingrid Halvorsen'], birthDate: ['1977'], nationality: ['no'] });
    await person('p-halvorsen-2', { name: ['Ingrid Halvorsen'], birthDate: ['1977-10-21'], nationality: ['be'] });
    await tests.server.projections.follower.catchUp();

    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent('fedpol:p-halvorsen-1')}`);
    await givePurpose(page, 'Criminal investigation', 'PV/2026/0503');
    const value = page.locator('table.claims tr', { hasText: 'Nationality' }).locator('td.value');
    await expect.poll(() => value.textContent()).toBe('Norway');
    expect(await value.locator('[title]').getAttribute('title')).toBe('no');

    await page.goto('/#/review');
    const card = page.locator('.pair-card', { hasText: 'Ingrid Halvorsen' });
    await expect.poll(() => card.locator('.pair-props div', { hasText: 'Nationality' }).locator('dd').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Norway', 'Belgium']));
  });
});
