/**
 * The web app under the server's Content-Security-Policy, in a real browser: the page is served
 * with the policy and the other security headers, and the screens that need the most of the
 * browser — the graph (sigma, WebGL) and a profile's offline map (MapLibre, WebGL, a module
 * worker, its stylesheet's data: icons) — draw with nothing refused by the policy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const PURPOSE = 'Network analysis of the Moreau group';
const CASE = 'PV/2025/0219';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    await server.projections.follower.catchUp();
    return world;
  },
});

/** A page that keeps every report of the policy refusing something, from the document and the console alike. */
async function watchedPage(): Promise<{ page: Page; refused: string[] }> {
  const page = await tests.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.exposeFunction('reportRefused', (what: string) => refused.push(what));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportRefused(what: string): Promise<void> }).reportRefused(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return { page, refused };
}

describe.skipIf(!tests.haveChromium)('the web app under its Content-Security-Policy', () => {
  it('is served with the policy and the other security headers', async () => {
    const answer = await fetch(`${tests.server.base}/`);
    expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('draws the graph and a profile\'s offline map with nothing refused', { timeout: 120_000 }, async () => {
    const { page, refused } = await watchedPage();
    await signInPage(page, 'fedAnalyst');
    await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.locator('.graph-canvas[data-graph-ready="true"]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('.graph-canvas canvas').count()).toBeGreaterThan(0);

    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    // WebGL in software on a shared machine: the base map may take a while to draw
    await expect.poll(() => page.locator('.map[data-map-ready="true"]').count(), { timeout: 60_000 }).toBe(1);
    // the map's zoom buttons show their icons, data: URIs in MapLibre's stylesheet
    const icon = await page.locator('.maplibregl-ctrl-zoom-in .maplibregl-ctrl-icon').evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(icon).toMatch(/^url\("data:image\/svg\+xml/);
    expect(refused).toEqual([]);
  });
});
