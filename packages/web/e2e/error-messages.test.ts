/**
 * What the app says when a request fails, in a real browser against a real Mosaic server: the
 * action that failed in the user's words and the reason — the server's, or in words for an
 * answer that gives none (a route this server lacks, no answer, a proxy's error page) — never an
 * API path or method, nor the browser's "Failed to fetch", nor the API's error code; and a record
 * not found said as one the user may not read.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testProvenance } from '@mosaic/service/testing';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({ projections: false });

/** The alert of an administration area whose list the server answered with `answer`. */
async function alertOf(page: Page, tab: string): Promise<string> {
  await page.getByRole('tab', { name: tab }).click();
  const alert = page.getByRole('alert');
  await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
  return (await alert.textContent()) ?? '';
}

describe.skipIf(!tests.haveChromium)('error messages', () => {
  it('name the action that failed and why, in words, without an API path', async () => {
    const page = await tests.signedInPage('sysadmin');
    await page.route('**/api/v1/admin/users', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'MOSAIC_NOT_FOUND', message: 'no route GET /api/v1/admin/users' } }) }));
    await page.route('**/api/v1/admin/groups', (route) => route.abort('failed'));
    await page.route('**/api/v1/admin/webhook', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' }));
    await page.route('**/api/v1/admin/retention/rules', (route) => route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'MOSAIC_FORBIDDEN', message: 'a data administrator reads the rules of their own agency only' } }) }));
    await page.goto('/#/admin');

    const said = {
      users: await alertOf(page, 'Users and roles'),
      groups: await alertOf(page, 'Need-to-know groups'),
      webhook: await alertOf(page, 'Webhook'),
      rules: await alertOf(page, 'Retention rules'),
    };
    expect(said.users).toBe('Could not load the users: this server does not offer it yet.');
    expect(said.groups).toBe('Could not load the need-to-know groups: the server cannot be reached.');
    expect(said.webhook).toBe('Could not load the webhook: the server answered 502 Bad Gateway.');
    // the API's code is for support: kept on the message, not said in it
    expect(said.rules).toBe('Could not load the retention rules: a data administrator reads the rules of their own agency only.');
    for (const text of Object.values(said)) expect(text).not.toMatch(/\/api|\/admin|\bGET\b|POST|Failed to fetch|HTTP_|MOSAIC_/);
    expect(await page.getByRole('alert').getAttribute('data-code')).toBe('MOSAIC_FORBIDDEN');
    await page.close();
  });

  it('say a record not found as one the user may not read, never telling whether it exists', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    // a record of fedpol's, with a marking above the other analyst's clearance, and one that is not
    await tests.api.json('/records', { token: fed, body: { id: 'marked-1', schema: 'Person', provenance: { ...testProvenance('fedpol'), marking: { tlp: 'AMBER', classification: 'SECRET', releasability: [] } }, properties: { name: ['Ilse Marchetti'] } } });
    const page = await tests.signedInPage('zoneOfficer');
    await page.goto('/#/search');
    await givePurpose(page, 'Checking a lead', 'ZN/2026/00017');
    for (const id of ['fedpol:marked-1', 'fedpol:T2-001']) {
      await page.goto(`/#/profile/record/${encodeURIComponent(id)}`);
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
      expect(await alert.textContent()).toBe(`No record ${id} that you may read.`);
    }
    await page.close();
  });
});
