/**
 * The organisation a node holds: read once and kept (a request never reads it from the store),
 * reloaded when the organisation version stored by an administrative change on another node is
 * not the one it read, whether or not that node's message reached it; a snapshot that failed to
 * load is not kept.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from './config.ts';
import { saveOrganisation } from './organisation.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

const opened: (TestMosaic | Mosaic)[] = [];
afterEach(async () => {
  for (const m of opened.splice(0).reverse()) await ('cleanup' in m ? m.cleanup() : m.close());
});

describe('the organisation a node holds', () => {
  it('is reloaded when another node changed it, though no message told this one', async () => {
    const a = await openTestMosaic();
    opened.push(a);
    // Another node on the same file whose bus hears nothing from A's: only the stored version can tell it.
    const b = await openMosaic(parseConfig({ dataDir: a.dir }, a.dir), { orgCheckMs: 50 });
    opened.push(b);
    const held = await b.org();
    expect(held.agreements.map((x) => x.id)).toContain('fedpol-zone');
    const getOrg = vi.spyOn(b.store, 'getOrg');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing changed: the same snapshot, read once (what the policy caches by it stays).
    expect(await b.org()).toBe(held);
    expect(getOrg).not.toHaveBeenCalled();

    const { org, agreements } = await a.mosaic.org();
    await saveOrganisation(a.mosaic.store, { agencies: org.agencies, desks: org.desks, agreements: agreements.filter((x) => x.id !== 'fedpol-zone') });
    await a.mosaic.reloadOrg();
    await expect.poll(async () => (await b.org()).agreements.map((x) => x.id), { timeout: 2_000, interval: 20 }).not.toContain('fedpol-zone');
  });

  it('is read again at the next request when it failed to load', async () => {
    const test = await openTestMosaic();
    opened.push(test);
    vi.spyOn(test.mosaic.store, 'getOrg').mockRejectedValueOnce(new Error('connection terminated'));
    await expect(test.mosaic.reloadOrg()).rejects.toThrow('connection terminated');
    expect((await test.mosaic.org()).agreements.map((x) => x.id)).toContain('fedpol-zone');
  });
});
