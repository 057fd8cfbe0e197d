/**
 * Headings in order on the screens a screen reader's user moves through by heading: every area of
 * Administration and the resolution review, checked by axe-core's heading-order rule (a level is
 * never skipped: an h3 under the h1 hid the forms' headings from a list of the page's sections).
 * Every name is invented.
 */
import AxeBuilder from '@axe-core/playwright';
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

/** The headings axe-core finds out of order, as their targets. */
async function outOfOrder(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
}

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    await seedWorld(api);
    // an uncertain pair for the review: the same name, a birth year against a full date
    const fed = await api.tokenOf('fedAnalyst');
    for (const [id, birthDate] of [['p-lindgren-1', '1969'], ['p-lindgren-2', '1969-04-03']] as const) {
      await api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Aurelio Lindgren-Mbeki'], birthDate: [birthDate] } } });
    }
    await server.projections.follower.catchUp();
  },
});

describe.skipIf(!tests.haveChromium)('headings in order', () => {
  it('in every area of Administration, a user\'s editor open', async () => {
    const page = await tests.signedInPage('sysadmin');
    await page.goto('/#/admin');
    await expect.poll(() => page.getByRole('tab').count()).toBeGreaterThan(3);
    for (const area of await page.getByRole('tab').allTextContents()) {
      await page.getByRole('tab', { name: area }).click();
      await expect.poll(() => page.getByRole('tabpanel').locator('table, form, [role=alert]').count(), { message: area }).toBeGreaterThan(0);
      if (area === 'Users and roles') {
        await page.getByRole('button', { name: /^Edit / }).first().click();
        await expect.poll(() => page.getByRole('form', { name: /^Edit / }).count()).toBe(1);
      }
      expect(await outOfOrder(page), area).toEqual([]);
    }
  });

  it('on the resolution review', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, 'Criminal investigation', 'PV/2025/0518');
    await expect.poll(() => page.locator('.pair-card').count()).toBeGreaterThan(0);
    expect(await outOfOrder(page)).toEqual([]);
  });
});
