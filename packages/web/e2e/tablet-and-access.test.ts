/**
 * Every main screen on a tablet (820×1180, touch) and checked by axe-core (Deque's engine of
 * WCAG 2.1 A/AA rules): nothing wider than the screen, no serious or critical accessibility
 * violation. Screenshots are written as artefacts (test-results/tablet-*.png).
 */
import AxeBuilder from '@axe-core/playwright';
import type { TestUserName } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const TABLET = { width: 820, height: 1180 } as const;
const PURPOSE = 'Counter-terrorism investigation';
const CASE = 'PV/2025/0173';

/** A page of its own on a touch tablet, signed in as `name`. */
async function onTablet(name: TestUserName): Promise<Page> {
  return tests.signedInPage(name, { viewport: TABLET, hasTouch: true });
}

/** Wider than the viewport means sideways scrolling on a tablet. */
const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Serious and critical WCAG A/AA violations, as "rule: target" lines (empty when none). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, `tablet-${name}`);
  expect(await overflow(page), `${name} is wider than the tablet`).toBeLessThanOrEqual(1);
  expect(await violations(page), `${name} accessibility`).toEqual([]);
}

const tests = setUpBrowserTests({
  seed: ({ api }) => seedWorld(api),
});

describe.skipIf(!tests.haveChromium)('on a tablet, accessible', () => {
  it('the sign-in screen', async () => {
    const page = await tests.newPage({ viewport: TABLET, hasTouch: true });
    await page.goto('/');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await check(page, 'sign-in');
  });

  it('the analyst\'s search, profile, graph, reports, review and inbox', { timeout: 120_000 }, async () => {
    const page = await onTablet('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Name, alias or identifier').fill('Lucien');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Lucien Moreau-Vasquez' }).count()).toBeGreaterThan(0);
    await check(page, 'search');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
    // Checked with the map drawn (its canvas is focusable), not while it loads.
    await expect.poll(() => page.locator('.map[data-map-ready="true"]').count(), { timeout: 60_000 }).toBe(1);
    await check(page, 'profile');
    await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    // Checked with the network drawn, not before.
    await expect.poll(() => page.getByText(/\d+ new entit/).count()).toBeGreaterThan(0);
    await check(page, 'graph');
    for (const screen of ['reports', 'review', 'inbox', 'ingest']) {
      await page.goto(`/#/${screen}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await check(page, screen);
    }
  });

  it('the checkpoint officer\'s screen', async () => {
    const page = await onTablet('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Name', { exact: true }).fill('Lucien Moreau Vasquez');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBeGreaterThan(0);
    await check(page, 'checkpoint');
  });

  it('the auditor\'s and the administrator\'s screens', async () => {
    const auditor = await onTablet('auditor');
    await expect.poll(() => auditor.getByRole('heading', { level: 1 }).count()).toBe(1);
    await givePurpose(auditor, 'Lawfulness check', 'DPO/2025/0042');
    await expect.poll(() => auditor.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    await check(auditor, 'audit');
    const admin = await onTablet('sysadmin');
    await admin.goto('/#/admin');
    await expect.poll(() => admin.getByRole('tab').count()).toBeGreaterThan(3);
    await check(admin, 'admin');
  });
});
