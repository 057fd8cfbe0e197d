/**
 * A check kept with the history, in a real browser against a real Mosaic server (embedded store):
 * a reload reopens the check made, its decisions taken and those still open, so that the officer
 * goes on deciding instead of checking again (which would tell the alert owners again); only the
 * check's id is kept with the entry, never the names checked, and signing out forgets it. A hit
 * another officer decided first shows their decision, closed, and the keyboard goes on. Every
 * name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const person = async (token: string, agency: string, id: string, properties: Record<string, string[]>) =>
      api.json('/records', { token, body: { id, schema: 'Person', provenance: testProvenance(agency), properties } });
    const [fed, intel] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('intelAnalyst')];
    // two men of one name, whom the zone sees, and a woman the intelligence service holds, whom it sees only as a pointer
    await person(fed, 'fedpol', 'p-kessler-1', { name: ['Aurel Kessler-Dumont'], birthDate: ['1975-03-02'] });
    await person(fed, 'fedpol', 'p-kessler-2', { name: ['Aurel Kessler-Dumont'], birthDate: ['1981-10-23'] });
    await person(intel, 'intel', 'i-kessler', { name: ['Aurel Kessler-Dumont'], birthDate: ['1979-06-14'] });
    await server.projections.follower.catchUp();
  },
});

/** The card the keyboard is on: its heading and the control focused. */
const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.closest('.hit-card')?.querySelector('.hit-action')?.textContent ?? ''} ${document.activeElement?.textContent ?? ''}`.trim());

describe.skipIf(!tests.haveChromium)('a check kept with the history', () => {
  it('comes back on reload with its decisions, and deciding goes on without a new check', async () => {
    const page = await tests.newPage();
    const screened: string[] = [];
    page.on('request', (request) => { if (request.url().endsWith('/api/v1/screen')) screened.push(request.url()); });
    await signInPage(page, 'zoneCheckpoint');
    await page.goto('/#/checkpoint');
    await givePurpose(page, 'Border check', 'BC/2025/9');
    await page.getByLabel('Name', { exact: true }).fill('Aurel Kessler-Dumont');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(3);
    const pointer = page.locator('.hit-card', { hasText: 'CONTACT OWNER' });
    expect(await pointer.locator('.hit-instruction').textContent()).toMatch(/Call the desk before letting the person go/);
    // the first man is not the person checked
    const first = page.locator('.hit-card', { hasText: '1975-03-02' });
    await first.getByRole('button', { name: 'Reject: not this person' }).click();
    await expect.poll(() => first.locator('.decided').textContent()).toBe('Rejected as a different person.');

    await page.reload();
    await expect.poll(() => page.locator('.hit-card').count(), { timeout: 10_000 }).toBe(3);
    expect(screened).toHaveLength(1);
    expect(await first.locator('.decided').textContent()).toBe('Already rejected by you.');
    expect(await first.getByRole('button').count()).toBe(0);
    // the keyboard is on the check's summary, then on the first decision still open: what the
    // pointer's desk said, before the button that records the call; then the second man
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('summary'))).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('CONTACT OWNER');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await pointer.getByLabel('What the desk said').fill('hold him, a colleague is on the way');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => pointer.locator('.decided').textContent()).toMatch(/^Call to the desk recorded/);
    await expect.poll(() => focused(page)).toBe('NO ALERT Confirm: same person');
    expect(screened).toHaveLength(1);

    // the address and the tab's storage name no one: the entry keeps the check's id alone
    expect(new URL(page.url()).hash).toBe('#/checkpoint');
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(/Kessler|1975|1981/);
    const checkId = (await page.locator('.summary').textContent())?.match(/Check reference: (\S+)/)?.[1];
    const kept = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('mosaic.entries') ?? '[]') as [string, unknown][]).map(([, value]) => value));
    expect(kept).toEqual([{ checkpoint: checkId }]);

    // New check starts from an entry keeping none: a reload then shows no check
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByLabel('Name', { exact: true }).count()).toBe(1);
    expect(await page.locator('.hit-card').count()).toBe(0);
    // Back returns to the check, and signing out forgets it
    await page.goBack();
    await expect.poll(() => page.locator('.hit-card').count(), { timeout: 10_000 }).toBe(3);
    await page.getByRole('button', { name: 'Sign out' }).click();
    // signing out is answered by the server first: the page forgets the check once it is
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('mosaic.entries'))).toBeNull();
  });

  it('shows a decision another officer took first on its card, closed, and goes on to the next decision', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await page.goto('/#/checkpoint');
    await givePurpose(page, 'Border check', 'BC/2025/10');
    await page.getByLabel('Name', { exact: true }).fill('Aurel Kessler-Dumont');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(3);
    const checkId = (await page.locator('.summary').textContent())?.match(/Check reference: (\S+)/)?.[1] ?? '';

    // meanwhile, a colleague at the same checkpoint rejects the first man
    const colleague = await tests.api.tokenOf('zoneOfficer');
    const { hits } = await tests.api.json<{ hits: { ref: string; kind: string; listed?: { birthDates?: string[] } }[] }>(`/checks/${checkId}`, { token: colleague });
    const refOf = (match: (hit: (typeof hits)[number]) => boolean): string => hits.find(match)?.ref ?? '';
    await tests.api.json(`/checks/${checkId}/hits/${refOf((hit) => hit.listed?.birthDates?.includes('1975-03-02') ?? false)}/decision`, { token: colleague, body: { decision: 'reject' } });

    const first = page.locator('.hit-card', { hasText: '1975-03-02' });
    await first.getByRole('button', { name: 'Reject: not this person' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('.decided').textContent()).toBe('Already rejected by another officer.');
    expect(await first.getByRole('button').count()).toBe(0);
    expect(await first.getByRole('alert').count()).toBe(0);
    expect(await first.textContent()).not.toMatch(/MOSAIC_CONFLICT|already rejected \[/);
    // the keyboard goes on to a decision still open
    await expect.poll(() => focused(page)).toMatch(/^(CONTACT OWNER|NO ALERT Confirm: same person)$/);

    // then the colleague calls the pointer's desk
    await tests.api.json(`/checks/${checkId}/hits/${refOf((hit) => hit.kind === 'pointer')}/decision`, { token: colleague, body: { decision: 'called' } });

    // the second man's decision answers with the check as it is now: the pointer's card closes with the colleague's call
    const second = page.locator('.hit-card', { hasText: '1981-10-23' });
    await second.getByRole('button', { name: 'Confirm: same person' }).click();
    // no alert on him: no owner told
    await expect.poll(() => second.locator('.decided').textContent()).toBe('Confirmed.');
    const pointer = page.locator('.hit-card', { hasText: 'CONTACT OWNER' });
    await expect.poll(() => pointer.locator('.decided').textContent()).toBe('The desk was already called by another officer.');
    expect(await pointer.getByRole('button').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('New check (Esc)');
  });
});
