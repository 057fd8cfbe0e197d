/**
 * What a keyboard and a screen-reader user meet on a profile and at the checkpoint, in a real
 * browser: a subject watched already shows as watched after a reload and can be stopped from its
 * profile, also where the watch names another of its records; the keyboard goes to what opening
 * the watch or alert form, or starting a watch, puts in place of the button pressed, and once an
 * alert is issued to the status saying so, though the profile is read again; an alert's own
 * profile offers the way to its subject, not a watch or an alert on the alert; the checkpoint's
 * answer and a card's decision are told in live regions that were there, empty, before they were
 * filled.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { ElementHandle, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Criminal investigation';
const CASE = 'PV/2026/0417';

/** The focused element, as tag and accessible text enough to tell it. */
const focused = (page: Page): Promise<string> => page.evaluate(() => {
  const el = document.activeElement;
  return el ? `${el.tagName.toLowerCase()}:${(el.getAttribute('role') ?? '')}:${(el.textContent ?? '').trim().slice(0, 40)}` : 'none';
});

/** Whether `handle` is still in the page, and its text. */
const liveText = (handle: ElementHandle): Promise<string | null> => handle.evaluate((el) => (el.isConnected ? el.textContent : null));

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    await server.projections.follower.catchUp();
    return world;
  },
});

describe.skipIf(!tests.haveChromium)('watching and live regions', () => {
  it('shows a subject watched already as watched after a reload, with a way to stop watching it', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(1);
    const watches = await tests.api.json<{ subscriptions: { target: { record?: string } }[] }>('/subscriptions', { token: await tests.api.tokenOf('fedAnalyst') });
    expect(watches.subscriptions.filter((s) => s.target.record === tests.world.moreau)).toEqual([]);
  });

  it('saves a watch under the label its user typed, or the server\'s by the record, never under the subject\'s name', async () => {
    const token = await tests.api.tokenOf('fedAnalyst');
    const labels = async (): Promise<string[]> => (await tests.api.json<{ subscriptions: { target: { record?: string }; label: string }[] }>('/subscriptions', { token }))
      .subscriptions.filter((s) => s.target.record === tests.world.brother).map((s) => s.label);
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.brother)}`);
    await givePurpose(page, PURPOSE, CASE);
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);
    // the name would stay in the watch and in every notice it told (erase-from-watch-labels.ts)
    expect(await labels()).toEqual([`Subject ${tests.world.brother}`]);
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByLabel('Label').fill('  Case 17, the courier ');
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);
    expect(await labels()).toEqual(['Case 17, the courier']);
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await expect.poll(labels).toEqual([]);
  });

  it('shows a subject watched through another of its records as watched, on its records\' profiles and its own, and stops that watch', async () => {
    const [fed, zone] = [await tests.api.tokenOf('fedAnalyst'), await tests.api.tokenOf('zoneOfficer')];
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    // two records resolution holds to be one man (the same name, date of birth and passport)
    const properties = { name: ['Severin Apostolou-Marek'], birthDate: ['1983-06-21'], passportNumber: ['GR4417720'] };
    for (const id of ['p-apostolou-1', 'p-apostolou-2']) await tests.api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    await tests.server.projections.follower.catchUp();
    const entityOf = async (record: string): Promise<string> => (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: zone, headers })).entity;
    const entity = await entityOf('fedpol:p-apostolou-1');
    expect(await entityOf('fedpol:p-apostolou-2')).toBe(entity);
    // watched through the first record: the watch follows the subject (watch-projection.ts)
    await tests.api.json('/subscriptions', { token: zone, body: { target: { kind: 'entity', record: 'fedpol:p-apostolou-1' }, purpose: PURPOSE, caseRef: CASE } });

    const page = await tests.signedInPage('zoneOfficer');
    await page.goto(`/#/profile/record/${encodeURIComponent('fedpol:p-apostolou-2')}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(0);
    await page.goto(`/#/profile/entity/${encodeURIComponent(entity)}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(1);
    const watches = await tests.api.json<{ subscriptions: { target: { record?: string } }[] }>('/subscriptions', { token: zone });
    expect(watches.subscriptions.filter((s) => s.target.record?.startsWith('fedpol:p-apostolou'))).toEqual([]);
  });

  it('takes the keyboard into the watch form it opens, then to the watch made', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.brother)}`);
    await givePurpose(page, PURPOSE, CASE);
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    // the form takes the focus once it is drawn, after the click's answer
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label'))).toBe('Watch this subject');
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => focused(page)).toBe('span:status:Watching');
  });

  it('opens the watch and alert forms below the profile\'s header, the width of the profile, leaving the header as it was, at desktop and tablet widths', async () => {
    const forms = [['Watch', 'form.watch-form'], ['Issue an alert', 'form.issue-alert']] as const;
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
      const page = await tests.signedInPage('fedAnalyst', { viewport });
      await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
      await givePurpose(page, PURPOSE, CASE);
      await expect.poll(() => page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(1);
      const boxes = (form: string) => page.evaluate((selector) => {
        const box = (of: string) => {
          const r = document.querySelector(of)?.getBoundingClientRect();
          return r ? { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), width: Math.round(r.width) } : undefined;
        };
        return { header: box('.profile-head'), title: box('#profile-title'), actions: box('.profile-head .actions'), profile: box('article.profile'), form: box(selector) };
      }, form);
      // the header as it settles (its agency names and badges are read after the profile)
      let last = '';
      await expect.poll(async () => {
        const now = JSON.stringify(await boxes('form'));
        const same = now === last;
        last = now;
        return same;
      }, { interval: 250 }).toBe(true);
      for (const [name, form] of forms) {
        const at = `${name} at ${viewport.width} px`;
        const opener = page.getByRole('button', { name, exact: true });
        const before = await boxes(form);
        await opener.click();
        await expect.poll(() => page.locator(form).count()).toBe(1);
        const after = await boxes(form);
        // the header keeps its layout: the title and the actions where and as wide as they were
        expect(after.header, at).toEqual(before.header);
        expect(after.title, at).toEqual(before.title);
        expect(after.actions, at).toEqual(before.actions);
        // the form below it, as wide as the profile
        expect(after.form?.top, at).toBeGreaterThanOrEqual(after.header?.bottom ?? Infinity);
        expect(after.form?.width, at).toBeGreaterThanOrEqual((after.profile?.width ?? Infinity) - 2);
        // the button that opened it says so, and Cancel closes it with the keyboard back on the button
        expect(await opener.getAttribute('aria-expanded'), at).toBe('true');
        await screenshot(page, `profile-${name === 'Watch' ? 'watch' : 'alert'}-form-${viewport.width}`);
        await page.locator(form).getByRole('button', { name: 'Cancel' }).click();
        await expect.poll(() => page.locator(form).count()).toBe(0);
        await expect.poll(() => focused(page)).toBe(`button::${name}`);
        expect(await opener.getAttribute('aria-expanded'), at).toBe('false');
      }
      await page.context().close();
    }
  });

  it('takes the keyboard into the alert form it opens', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.brother)}`);
    await givePurpose(page, PURPOSE, CASE);
    await page.getByRole('button', { name: 'Issue an alert' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('alert-category');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(page)).toBe('button::Issue an alert');
  });

  it('takes the keyboard, once an alert is issued, to the word that it was, on a record\'s profile and on a subject\'s, which is read again', async () => {
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    const { entity } = await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(tests.world.moreau)}/entity`, { token: await tests.api.tokenOf('fedAnalyst'), headers });
    const page = await tests.signedInPage('fedAnalyst');
    for (const [profile, category, action] of [[`record/${encodeURIComponent(tests.world.brother)}`, 'inquiry_check', 'INTERVIEW'], [`entity/${encodeURIComponent(entity)}`, 'discreet_check', 'REPORT COVERTLY']] as const) {
      await page.goto(`/#/profile/${profile}`);
      if (await page.getByRole('button', { name: 'Continue' }).count()) await givePurpose(page, PURPOSE, CASE);
      await page.getByRole('button', { name: 'Issue an alert' }).click();
      await page.getByLabel('Category').selectOption(category);
      await page.getByRole('button', { name: 'Issue the alert' }).click();
      await expect.poll(() => page.evaluate(() => `${document.activeElement?.getAttribute('role') ?? ''}:${document.activeElement?.textContent ?? ''}`), { timeout: 10_000 })
        .toMatch(new RegExp(`^status:Alert issued: ${action}, from \\d{4}-\\d\\d-\\d\\d$`));
      await screenshot(page, `profile-alert-issued-${profile.split('/')[0] ?? ''}`);
      // the next Tab goes on from where the form was, in the profile, not from the top of the page
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('article.profile') !== null), profile).toBe(true);
    }
  });

  it('offers on an alert\'s own profile neither a watch nor an alert, but the way to the subject the alert names', async () => {
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    const { alert } = await tests.api.json<{ alert: { id: string } }>('/alerts', { token: await tests.api.tokenOf('fedAnalyst'), headers, body: { subject: tests.world.brother, category: 'discreet_check' } });
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(alert.id)}`);
    await givePurpose(page, PURPOSE, CASE);
    const actions = page.locator('.profile-head .actions');
    const toSubject = actions.getByRole('link', { name: 'Open the alert\'s subject' });
    await expect.poll(() => toSubject.count()).toBe(1);
    expect(await toSubject.getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent(tests.world.brother)}`);
    expect(await actions.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(0);
    expect(await actions.getByRole('button', { name: 'Issue an alert' }).count()).toBe(0);
    // the subject's profile offers an alert (and a watch, unless a test before watches it already), and no way to a subject of its own
    await toSubject.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tomas Moreau-Vasquez');
    expect(await actions.getByRole('button', { name: 'Issue an alert' }).count()).toBe(1);
    expect(await actions.getByRole('link', { name: 'Open the alert\'s subject' }).count()).toBe(0);
  });

  it('tells the checkpoint\'s answer and a card\'s decision in live regions there before they were filled', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    const summary = await page.locator('.checkpoint > p[role="status"]').elementHandle();
    expect(summary && await liveText(summary)).toBe('');
    await page.getByLabel('Name', { exact: true }).fill('Tomas Moreau Vasquez');
    await page.getByLabel('Date of birth').fill('1994-09-30');
    await page.keyboard.press('Enter');
    await expect.poll(() => summary && liveText(summary)).toMatch(/^1 (hit|alert)\b/);
    const card = page.locator('.hit-card').first();
    const decided = await card.locator('p[role="status"]').elementHandle();
    expect(decided && await liveText(decided)).toBe('');
    await card.getByRole('button', { name: 'Reject: not this person' }).click();
    // a test before issued an alert on him (alone, this one finds none): the alert's owner is told of the rejection, and the card says so
    const alerted = (await card.locator('.hit-action').textContent()) !== 'NO ALERT';
    await expect.poll(() => decided && liveText(decided)).toBe(alerted ? 'Rejected as a different person — Federal Police told.' : 'Rejected as a different person.');
  });
});
