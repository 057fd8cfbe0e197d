/**
 * The graph's table of nodes in a real browser: a node that is a record (a phone) links to the
 * record's profile, an entity to the entity's.
 */
import { testProvenance } from '@mosaic/service/testing';
import { describe, expect, it } from 'vitest';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    await api.json('/records', {
      token: await api.tokenOf('fedAnalyst'),
      body: { id: 'ph-moreau', schema: 'Phone', provenance: testProvenance('fedpol'), properties: { number: ['+32470123456'], holder: [world.moreau] } },
    });
    await server.projections.follower.catchUp();
    return world;
  },
});

describe.skipIf(!tests.haveChromium)('the graph\'s table of nodes', () => {
  it('opens a record node as a record, and its profile shows it', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, 'Network analysis of the Moreau group', 'PV/2025/0219');
    const phone = page.locator('table.graph-nodes tbody a', { hasText: '+32470123456' });
    await expect.poll(() => phone.count(), { timeout: 15_000 }).toBe(1);
    expect(await phone.getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent('fedpol:ph-moreau')}`);
    await phone.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('+32470123456');
  });
});
