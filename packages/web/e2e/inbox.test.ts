/**
 * The alerts inbox in a real browser: each signed-in user's own notifications only, also after
 * another's sign-out at the same tab; older pages reached with "Show older" and an unread count
 * that does not pass a page for the whole inbox; progress while loading; the watch form behind
 * the purpose, and none for a checkpoint officer, whose role reads no records; the agency's alerts
 * listed by their subjects' names, the ids beside them; what a watch turns up told in a sentence
 * naming its subject, and opening the subject's profile; an alert's withdrawal asked first, its
 * reason kept in the audit log; a colleague's alert shown without reloading the page.
 */
import { AgencyId, UserId } from '@mosaic/model';
import { TEST_PASSWORD, testProvenance } from '@mosaic/service/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

/** More notices for the federal police than a page of the inbox (100) holds, oldest first. */
const FEDPOL_NOTICES = 105;
const notice = (n: number, agency: string, title: string) => ({
  id: `n-${agency}-${String(n).padStart(4, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), to: { agency: AgencyId(agency) }, kind: 'watch.record', title, body: {},
});

const isFocused = (locator: Locator): Promise<boolean> => locator.evaluate((element) => element === document.activeElement);

const badge = (page: Page) => page.getByRole('navigation', { name: 'Main' }).locator('.count');

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    for (let n = 1; n <= FEDPOL_NOTICES; n += 1) server.test.mosaic.notifier.publish(notice(n, 'fedpol', `Federal notice ${n}`));
    server.test.mosaic.notifier.publish(notice(1, 'intel', 'Intelligence notice'));
    const fed = await api.tokenOf('fedAnalyst');
    const stored = async (): Promise<number> => (await api.json<{ notifications: unknown[] }>('/notifications?limit=500', { token: fed })).notifications.length;
    for (let tries = 0; (await stored()) < FEDPOL_NOTICES; tries += 1) {
      if (tries === 100) throw new Error('the notices were not stored');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
});

describe.skipIf(!tests.haveChromium)('the alerts inbox', () => {
  it('shows the next user at a tab their own notifications only, none of the previous user\'s', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/inbox');
    await expect.poll(() => page.locator('.inbox li', { hasText: `Federal notice ${FEDPOL_NOTICES}` }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').fill('intelAnalyst');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('intelAnalyst');
    await page.goto('/#/inbox');
    await expect.poll(() => page.locator('.inbox li').allTextContents()).toEqual([expect.stringContaining('Intelligence notice')]);
    expect(await badge(page).textContent()).toBe('1');
  });

  it('reaches older notifications with "Show older", and counts unread ones as at least the page until then', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/inbox');
    await expect.poll(() => page.locator('.inbox li').count()).toBe(100);
    expect(await badge(page).textContent()).toBe('100+');
    expect(await badge(page).getAttribute('aria-label')).toBe('at least 100 unread');
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => page.locator('.inbox li').count()).toBe(FEDPOL_NOTICES);
    expect(await page.locator('.inbox li').last().textContent()).toContain('Federal notice 1');
    expect(await badge(page).textContent()).toBe(String(FEDPOL_NOTICES));
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    // The button's name starts with what it shows (WCAG 2.5.3, label in name).
    await page.getByRole('button', { name: `Mark read: “Federal notice ${FEDPOL_NOTICES}”` }).click();
    await expect.poll(() => badge(page).textContent()).toBe(String(FEDPOL_NOTICES - 1));
  });

  it('shows progress, not an empty live inbox, while the notifications and the agency\'s alerts load', async () => {
    const page = await tests.newPage();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/\/api\/v1\/(notifications|alerts)(\?.*)?$/, async (route) => { await held; await route.continue(); });
    await signInPage(page, 'fedAnalyst');
    await page.goto('/#/inbox');
    await givePurpose(page, 'Criminal investigation', 'PV/2026/0417');
    await expect.poll(() => page.getByRole('progressbar', { name: 'Loading notifications' }).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'Loading your agency\'s alerts' }).count()).toBe(1);
    expect(await page.getByText('No notifications.').count()).toBe(0);
    expect(await page.getByTestId('stream-state').textContent()).not.toBe('Live');
    release();
    await expect.poll(() => page.locator('.inbox li').count()).toBe(100);
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
  });

  it('asks for the purpose before a watch is added from the inbox, then adds it', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/inbox');
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).count()).toBe(1);
    expect(await page.getByRole('form', { name: 'New watch' }).count()).toBe(0);
    await givePurpose(page, 'Criminal investigation', 'PV/2026/0417');
    await page.getByLabel('Name', { exact: true }).fill('Odile Renard');
    await page.getByRole('button', { name: 'Add watch' }).click();
    await expect.poll(() => page.locator('.watches li').allTextContents()).toEqual([expect.stringContaining('Odile Renard')]);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('offers a checkpoint officer no watch, which could tell them nothing: their role reads no records', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await page.goto('/#/inbox');
    await givePurpose(page, 'Border control', 'BC/2026/0031');
    await expect.poll(() => page.locator('.watches li').allTextContents()).toEqual(['No watches.']);
    expect(await page.getByText('Watches tell of records, and your role reads none: you cannot add one.').count()).toBe(1);
    expect(await page.getByRole('form', { name: 'New watch' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add watch' }).count()).toBe(0);
  });

  it('lists the agency\'s alerts by their subjects\' names, the record ids beside them, its own records\' and another agency\'s', async () => {
    const [zone, fed] = [await tests.api.tokenOf('zoneOfficer'), await tests.api.tokenOf('fedAnalyst')];
    const why = { 'x-mosaic-purpose': 'Patrol', 'x-mosaic-case': 'ZN/2026/0077' };
    await tests.api.json('/records', { token: zone, body: { id: 'z-verhaegen', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('zone-north') } });
    // the federal police share their records with the zone
    await tests.api.json('/records', { token: fed, body: { id: 'p-delvaux', schema: 'Person', properties: { name: ['Marc Delvaux'] }, provenance: testProvenance('fedpol') } });
    for (const subject of ['zone-north:z-verhaegen', 'fedpol:p-delvaux']) await tests.api.json('/alerts', { token: zone, headers: why, body: { subject, category: 'discreet_check' } });

    const page = await tests.signedInPage('zoneOfficer');
    await page.goto('/#/inbox');
    await givePurpose(page, 'Patrol', 'ZN/2026/0077');
    const alerts = page.getByTestId('alert');
    await expect.poll(() => alerts.count()).toBe(2);
    for (const [name, id] of [['Lotte Verhaegen', 'zone-north:z-verhaegen'], ['Marc Delvaux', 'fedpol:p-delvaux']] as const) {
      const listed = alerts.filter({ hasText: name });
      expect(await listed.getByRole('link', { name }).getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent(id)}`);
      expect(await listed.locator('.subject-id').textContent()).toBe(id);
      expect(await listed.getByRole('button', { name: `Withdraw the discreet check alert on ${name} (${id})` }).count()).toBe(1);
    }
  });

  it('tells a watch\'s news as sentences naming the subject, no field dump, and opens the subject\'s profile without an error', async () => {
    const [zone, fed] = [await tests.api.tokenOf('zoneOfficer'), await tests.api.tokenOf('fedAnalyst')];
    for (const [id, name] of [['p-verbeke', 'Jonas Verbeke'], ['p-peeters', 'Anna Peeters']]) {
      await tests.api.json('/records', { token: fed, body: { id, schema: 'Person', properties: { name: [name] }, provenance: testProvenance('fedpol') } });
    }
    await tests.api.json('/subscriptions', { token: zone, body: { target: { kind: 'entity', record: 'fedpol:p-verbeke' }, label: 'Roadblock list', purpose: 'Patrol', caseRef: 'ZN/2026/0078' } });
    await tests.api.json('/alerts', { token: fed, headers: { 'x-mosaic-purpose': 'Criminal investigation', 'x-mosaic-case': 'PV/2026/0417' }, body: { subject: 'fedpol:p-verbeke', category: 'discreet_check' } });
    await tests.api.json('/records', { token: fed, body: { id: 'l-verbeke-peeters', schema: 'Associate', properties: { person: ['fedpol:p-verbeke'], associate: ['fedpol:p-peeters'] }, provenance: testProvenance('fedpol') } });

    const page = await tests.signedInPage('zoneOfficer');
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto('/#/inbox');
    const sentences = () => page.locator('.inbox li .notification-summary').allTextContents();
    await expect.poll(sentences, { timeout: 15_000 }).toEqual(expect.arrayContaining([
      'An alert was issued on Jonas Verbeke: discreet check (your watch “Roadblock list”).',
      'Jonas Verbeke was linked to Anna Peeters (associate) (your watch “Roadblock list”).',
    ]));
    for (const sentence of await sentences()) {
      expect(sentence).not.toContain('subscription:');
      expect(sentence).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    }
    // the ids stay behind a disclosure
    const alert = page.locator('.inbox li', { hasText: 'An alert was issued on Jonas Verbeke' });
    expect(await alert.locator('details').getAttribute('open')).toBeNull();
    await alert.getByRole('link', { name: 'Open' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/profile/record/${encodeURIComponent('fedpol:p-verbeke')}`);
    await givePurpose(page, 'Patrol', 'ZN/2026/0078');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Jonas Verbeke');
    expect(errors).toEqual([]);
  });

  it('tells a hit on an alert and the officer\'s confirmation as sentences naming the subject, the agency and desk, and the report, the ids under Details', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    await tests.api.json('/records', { token: fed, body: { id: 'p-benali', schema: 'Person', properties: { name: ['Nadia Benali'], birthDate: ['1990-02-14'] }, provenance: testProvenance('fedpol') } });
    await tests.api.json('/alerts', { token: fed, headers: { 'x-mosaic-purpose': 'Criminal investigation', 'x-mosaic-case': 'PV/2026/0418' }, body: { subject: 'fedpol:p-benali', category: 'discreet_check' } });
    await tests.server.projections.follower.catchUp();
    const checkpoint = await tests.api.tokenOf('zoneCheckpoint');
    const { check, hits } = await tests.api.json<{ check: { id: string }; hits: { ref: string; subject?: string }[] }>('/screen', { token: checkpoint, body: { name: 'Nadia Benali', place: 'Zaventem T1', purpose: 'Border check', caseRef: 'BC/2026/9' } });
    const hit = hits.find((h) => h.subject === 'fedpol:p-benali');
    await tests.api.json(`/checks/${check.id}/hits/${hit?.ref ?? ''}/decision`, { token: checkpoint, body: { decision: 'confirm', report: { route: 'towards Lille', vehicle: 'grey Audi A4' } } });

    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/inbox');
    const sentences = () => page.locator('.inbox li .notification-summary').allTextContents();
    await expect.poll(async () => (await sentences()).filter((s) => s.includes('Nadia Benali')), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/^Police Zone North \(desk Duty desk\) confirmed an encounter with Nadia Benali, the subject of your alert \(discreet check\), at a check at Zaventem T1 on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+\. The officer's report — route and destination: towards Lille; vehicle: grey Audi A4\.$/),
      expect.stringMatching(/^Police Zone North \(desk Duty desk\) had a match on your alert \(discreet check\) on Nadia Benali at a check at Zaventem T1 on .*; the officer is to confirm or reject it\.$/),
    ]);
    // the ids are under the disclosure, not in the sentence
    const confirmed = page.locator('.inbox li', { hasText: 'confirmed an encounter with Nadia Benali' });
    expect(await confirmed.locator('.notification-summary').textContent()).not.toMatch(/fedpol:|zone-north|decision:|check:/);
    expect(await confirmed.locator('details').textContent()).toContain(check.id);
  });

  it('asks before withdrawing an alert, naming it and its subject; "Keep the alert" leaves it in force, the keyboard back on its button', async () => {
    const zone = await tests.api.tokenOf('zoneOfficer');
    const why = { 'x-mosaic-purpose': 'Patrol', 'x-mosaic-case': 'ZN/2026/0077' };
    await tests.api.json('/records', { token: zone, body: { id: 'z-brandt', schema: 'Person', properties: { name: ['Nele Brandt'] }, provenance: testProvenance('zone-north') } });
    const { alert: issued } = await tests.api.json<{ alert: { id: string } }>('/alerts', { token: zone, headers: why, body: { subject: 'zone-north:z-brandt', category: 'discreet_check' } });
    const status = async (): Promise<string | undefined> => (await tests.api.json<{ alerts: { id: string; status: string }[] }>('/alerts', { token: zone, headers: why })).alerts.find((a) => a.id === issued.id)?.status;

    const page = await tests.signedInPage('zoneOfficer');
    await page.goto('/#/inbox');
    await givePurpose(page, 'Patrol', 'ZN/2026/0077');
    const listed = page.getByTestId('alert').filter({ hasText: 'Nele Brandt' });
    const ask = listed.getByRole('button', { name: 'Withdraw the discreet check alert on Nele Brandt (zone-north:z-brandt)' });
    await ask.click();
    const question = listed.getByRole('group', { name: 'Confirm the withdrawal of the discreet check alert on Nele Brandt (zone-north:z-brandt)' });
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.textContent()).toContain('Withdraw the discreet check alert on Nele Brandt (zone-north:z-brandt)?');
    const keep = question.getByRole('button', { name: 'Keep the alert' });
    await expect.poll(() => isFocused(keep)).toBe(true);
    await keep.press('Enter');
    await expect.poll(() => question.count()).toBe(0);
    await expect.poll(() => isFocused(ask)).toBe(true);
    expect(await status()).toBe('active');
    // Escape is a way out too
    await ask.press('Enter');
    await expect.poll(() => question.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    expect(await status()).toBe('active');

    await ask.click();
    // the question asks why too, kept in the withdrawal's audit entry with the purpose and case
    await question.getByLabel('Why (optional, kept in the audit log)').fill('Arrested at the roadblock');
    await question.getByRole('button', { name: 'Withdraw the alert now' }).click();
    const said = page.getByRole('status').filter({ hasText: 'The discreet check alert on Nele Brandt is withdrawn.' });
    await expect.poll(() => said.count()).toBe(1);
    await expect.poll(() => isFocused(said)).toBe(true);
    expect(await status()).toBe('withdrawn');
    await expect.poll(() => listed.textContent()).toContain('withdrawn');
    const logged = (await tests.server.test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 }))
      .map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason: string | null; purpose: string; caseRef: string })
      .filter((e) => e.action === 'alteration' && e.records.includes(issued.id));
    expect(logged.map((e) => [e.reason, e.purpose, e.caseRef])).toEqual([['alert withdrawn: Arrested at the roadblock', 'Patrol', 'ZN/2026/0077']]);
  });

  it('shows an alert a colleague issues once the page is in view again, and on "Refresh the alerts", without reloading it', async () => {
    const { store } = tests.server.test.mosaic;
    const officer = (await store.listUsers()).find((u) => u.name === 'zoneOfficer');
    if (officer === undefined) throw new Error('no zoneOfficer');
    await store.upsertUser({ ...officer, id: UserId('zone-north.zoneColleague'), name: 'zoneColleague' });
    const colleague = await tests.api.tokenOf('zoneColleague');
    const why = { 'x-mosaic-purpose': 'Patrol', 'x-mosaic-case': 'ZN/2026/0077' };
    for (const [id, name] of [['z-kowalski', 'Piet Kowalski'], ['z-dumont', 'Eline Dumont']]) {
      await tests.api.json('/records', { token: colleague, body: { id, schema: 'Person', properties: { name: [name] }, provenance: testProvenance('zone-north') } });
    }

    const page = await tests.signedInPage('zoneOfficer');
    await page.goto('/#/inbox');
    await givePurpose(page, 'Patrol', 'ZN/2026/0077');
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
    const named = (name: string) => page.getByTestId('alert').filter({ hasText: name });
    expect(await named('Piet Kowalski').count()).toBe(0);
    // a document that is the page's own: a reload would give it a new one
    await page.evaluate(() => { (window as unknown as { kept: boolean }).kept = true; });

    await tests.api.json('/alerts', { token: colleague, headers: why, body: { subject: 'zone-north:z-kowalski', category: 'arrest' } });
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => named('Piet Kowalski').count()).toBe(1);

    await tests.api.json('/alerts', { token: colleague, headers: why, body: { subject: 'zone-north:z-dumont', category: 'inquiry_check' } });
    await page.getByRole('button', { name: 'Refresh the alerts' }).click();
    await expect.poll(() => named('Eline Dumont').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  });
});
