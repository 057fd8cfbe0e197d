/**
 * The watches listed in the alerts inbox name each watched subject by what the user may read of
 * it now, linked to its profile, its record id only the link's target; a subject the user may no
 * longer read is said to be one, naming nobody. Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Returnee monitoring';
const CASE = 'PV/2026/0917';
const LABEL = 'Case 17 main suspect';
const person = { id: 'p-verhaegen', schema: 'Person', properties: { name: ['Lotte Verhaegen'], birthDate: ['1993-10-07'] } };
// a record and watch of its own for the test that marks it above the officer's clearance: the
// other test reads its subject whichever runs first
const HIDDEN_LABEL = 'Case 17 courier';
const hidden = { id: 'p-wauters', schema: 'Person', properties: { name: ['Joris Wauters'], birthDate: ['1988-04-19'] } };

const tests = setUpBrowserTests({
  seed: async ({ api }) => {
    const [fed, zone] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('zoneOfficer')];
    for (const [subject, label] of [[person, LABEL], [hidden, HIDDEN_LABEL]] as const) {
      await api.json('/records', { token: fed, body: { ...subject, provenance: testProvenance('fedpol') } });
      await api.json('/subscriptions', { token: zone, body: { target: { kind: 'entity', record: `fedpol:${subject.id}` }, label, purpose: PURPOSE, caseRef: CASE } });
    }
  },
});

/** The zone officer's watch of that label, as the inbox lists it. */
async function watchListed(label: string): Promise<{ page: Page; text: () => Promise<string> }> {
  const page = await tests.signedInPage('zoneOfficer');
  await page.goto('/#/inbox');
  await givePurpose(page, PURPOSE, CASE);
  const item = page.locator('ul.watches li', { hasText: label });
  await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
  return { page, text: async () => (await item.locator('.muted').textContent()) ?? '' };
}

describe.skipIf(!tests.haveChromium)('a subject watch in the inbox', () => {
  it('names the subject, linked to its profile, and not by its record id', async () => {
    const { page, text } = await watchListed(LABEL);
    expect(await text()).toBe(`subject Lotte Verhaegen · case ${CASE}`);
    const link = page.locator('ul.watches li', { hasText: LABEL }).getByRole('link', { name: 'Lotte Verhaegen' });
    expect(await link.getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent('fedpol:p-verhaegen')}`);
    await screenshot(page, 'watches-named-00-named');
    await link.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toContain('Lotte Verhaegen');
  });

  it('names nobody once the user may no longer read the subject', async () => {
    // marked CONFIDENTIAL since, above the zone officer's RESTRICTED clearance
    await tests.api.json('/records', {
      token: await tests.api.tokenOf('fedAnalyst'),
      body: { ...hidden, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) },
    });
    const { page, text } = await watchListed(HIDDEN_LABEL);
    expect(await text()).toBe(`a subject you may no longer read · case ${CASE}`);
    expect(await page.locator('ul.watches li', { hasText: HIDDEN_LABEL }).getByRole('link').count()).toBe(0);
  });
});
