/**
 * The profile's offline map in a real browser: the places drawn are those of the profile,
 * whichever comes first — the places, or the country outlines the map is built on.
 */
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Criminal investigation';
const CASE = 'PV/2026/0417';
const HEADERS = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };

/** A request held until `release` is called, then answered by `answer`. */
function held(answer: (route: Route) => Promise<void> = (route) => route.continue()): { handler: (route: Route) => Promise<void>; release: () => void; reached: Promise<void> } {
  let release = (): void => undefined;
  let reach = (): void => undefined;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const reached = new Promise<void>((resolve) => { reach = resolve; });
  return { release: () => release(), reached, handler: async (route) => { reach(); await gate; await answer(route); } };
}

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    await server.projections.follower.catchUp();
    const fed = await api.tokenOf('fedAnalyst');
    return { entity: (await api.json<{ entity: string }>(`/records/${encodeURIComponent(world.moreau)}/entity`, { token: fed, headers: HEADERS })).entity };
  },
});

describe.skipIf(!tests.haveChromium)('the offline map', () => {
  it('draws the places that arrive after its code loaded and before the country outlines did', { timeout: 120_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    const outlines = held();
    const places = held((route) => route.fulfill({ json: { places: [{ id: 'x-1', kind: 'address', lat: 50.8467, lon: 4.3525, label: 'Quai des Tanneurs' }], withoutCoordinates: 0 } }));
    await page.route(/countries-50m.*\.json$/, outlines.handler);
    await page.route(/\/api\/v1\/graph\/places\?/, places.handler);
    await page.goto(`/#/profile/entity/${tests.world.entity}`);
    await givePurpose(page, PURPOSE, CASE);
    // The map's code is loaded and the outlines asked for; the places come, then the outlines.
    await outlines.reached;
    await expect.poll(() => page.getByRole('region', { name: 'Map with 0 places' }).count()).toBe(1);
    places.release();
    await expect.poll(() => page.getByRole('region', { name: 'Map with 1 place' }).count()).toBe(1);
    outlines.release();
    // WebGL in software on a shared machine: the base map may take a while to draw.
    await expect.poll(() => page.locator('.map[data-map-ready="true"]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.locator('.map').getAttribute('data-places')).toBe('1');
  });
});
