/**
 * The graph's table of nodes in a real browser: a node that is a record (a phone) links to the
 * record's profile, an entity to the entity's.
 */
import { testProvenance } from '@mosaic/service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type SeededWorld } from './fictional-world.ts';
import { apiClient, givePurpose, openTestBrowser, requireChromium, signInPage, startTestServer, type TestBrowser, type TestServerWithProjections } from './harness.ts';

const haveChromium = requireChromium();
let server: TestServerWithProjections;
let browser: TestBrowser;
let world: SeededWorld;

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startTestServer();
  const api = apiClient(server.base);
  world = await seedWorld(api);
  await api.json('/records', {
    token: await api.tokenOf('fedAnalyst'),
    body: { id: 'ph-moreau', schema: 'Phone', provenance: testProvenance('fedpol'), properties: { number: ['+32470123456'], holder: [world.moreau] } },
  });
  await server.projections.follower.catchUp();
  browser = await openTestBrowser(server.base);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!haveChromium)('the graph\'s table of nodes', () => {
  it('opens a record node as a record, and its profile shows it', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'fedAnalyst');
    await page.goto(`/#/graph?seed=${encodeURIComponent(world.moreau)}`);
    await givePurpose(page, 'Network analysis of the Moreau group', 'PV/2025/0219');
    const phone = page.locator('table.graph-nodes tbody a', { hasText: '+32470123456' });
    await expect.poll(() => phone.count(), { timeout: 15_000 }).toBe(1);
    expect(await phone.getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent('fedpol:ph-moreau')}`);
    await phone.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('+32470123456');
  });
});
