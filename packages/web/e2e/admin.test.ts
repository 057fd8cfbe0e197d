/**
 * Administration in a real browser against a real Mosaic server (embedded store, fictional
 * world): the system administrator creates a user and a sharing agreement; an agency's data
 * administrator reviews records past their review date and places a legal hold, which the
 * server then enforces; the system administrator sets how long the audit log is kept, which the
 * auditor reads on the audit screen. Screenshots are written as artefacts (test-results/).
 */
import { RecordId } from '@mosaic/model';
import { WEBHOOK_UNDELIVERED_KIND } from '@mosaic/service';
import { putFixtures, testProvenance, type TestUserName } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { setUpBrowserTests } from './harness.ts';

/** A page of its own, signed in as `name`. */
async function signIn(name: TestUserName): Promise<Page> {
  return tests.signedInPage(name);
}

async function giveReason(page: Page): Promise<void> {
  await page.getByLabel('Reason for change').fill('Onboarding of the customs liaison');
  await page.getByLabel('Change reference').fill('CHG-2025-118');
}

/**
 * Opens the retention review from the navigation and waits for it: the link opens a screen of
 * its own (a new administration screen), and a reason typed before it is shown would be typed
 * into the screen it replaces.
 */
async function openRetentionReview(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Retention review' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Retention review', selected: true }).count()).toBe(1);
}

const tests = setUpBrowserTests({
  projections: false,
  seed: async ({ server, api }) => {
    // one record written years ago and now past its review (the API refuses a date already reached), one current
    await putFixtures(server.test.mosaic, [{ id: 'i-overdue', schema: 'Person', properties: { name: ['Mirela Kastanidou'] }, provenance: testProvenance('intel', { reviewDate: '2020-03-01' }) }]);
    const intel = await api.tokenOf('intelAnalyst');
    const response = await api.request('/records', { token: intel, body: { id: 'i-current', schema: 'Person', properties: { name: ['Ansgar Vollrath'] }, provenance: testProvenance('intel', { reviewDate: '2099-01-01' }) } });
    if (!response.ok) throw new Error(`seeding i-current: ${response.status}`);
  },
});

describe.skipIf(!tests.haveChromium)('administration in the browser', () => {
  it('lets the system administrator create a user and a sharing agreement', async () => {
    const page = await signIn('sysadmin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Agencies' }).textContent()).toContain('State Security');
    await giveReason(page);

    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('User name').fill('zone-north.liaison');
    await form.getByRole('combobox', { name: /^Agency/ }).selectOption('zone-north');
    await form.getByLabel('Initial password').fill('a fictional long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('User zone-north.liaison created.');
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).textContent()).toContain('zone-north.liaison');
    // the agency, desk, role and clearance in words, not their codes
    const liaison = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'zone-north.liaison' });
    expect((await liaison.locator('td').allTextContents()).slice(0, 5)).toEqual(['zone-north.liaison', 'Police Zone North', 'Duty desk', 'Analyst', 'Restricted']);
    await page.getByRole('table', { name: 'Users' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-01-user-created');
    // A bad request is answered with the field and the reason, and nothing is written.
    await form.getByLabel('User name').fill('zone.second');
    await form.getByLabel('Initial password').fill('short');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('password: must be at least 12 characters');

    await page.getByRole('tab', { name: 'Sharing agreements' }).click();
    const agreement = page.getByRole('form', { name: 'Agreement' });
    await agreement.getByLabel('Agreement id').fill('intel-zone-witnesses');
    await agreement.getByRole('combobox', { name: /^Owner/ }).selectOption('intel');
    await agreement.getByRole('combobox', { name: /^Recipient/ }).selectOption('zone-north');
    await agreement.getByRole('combobox', { name: /^Effect/ }).selectOption('full');
    // the ceiling chosen by its words; the API is sent its code
    await agreement.getByRole('combobox', { name: /^Up to classification/ }).selectOption({ label: 'Confidential' });
    await agreement.getByRole('button', { name: 'Save agreement' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Sharing agreements' }).textContent()).toContain('intel-zone-witnesses');
    const saved = page.getByRole('table', { name: 'Sharing agreements' }).getByRole('row').filter({ hasText: 'intel-zone-witnesses' });
    expect((await saved.locator('td').allTextContents()).slice(0, 6)).toEqual(['intel-zone-witnesses', 'State Security', 'Police Zone North', 'full', 'CLEAR, GREEN, AMBER', 'Confidential']);
    await page.getByRole('table', { name: 'Sharing agreements' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-02-agreement-created');

    // The server holds both, and the new user can sign in.
    const sys = await tests.api.tokenOf('sysadmin');
    const org = (await (await tests.api.request('/admin/organisation', { token: sys })).json()) as { agreements: { id: string; owner: string; recipient: string; effect: string; conditions: { maxClassification: string } }[] };
    expect(org.agreements.find((a) => a.id === 'intel-zone-witnesses')).toMatchObject({ owner: 'intel', recipient: 'zone-north', effect: 'full', conditions: { maxClassification: 'CONFIDENTIAL' } });
    expect((await tests.api.request('/auth/sign-in', { body: { name: 'zone-north.liaison', password: 'a fictional long password' } })).status).toBe(200);
    expect((await tests.api.request('/auth/sign-in', { body: { name: 'zone.second', password: 'short' } })).status).toBe(401);
  });

  it('lets the data administrator place a legal hold from the retention review, which blocks erasure', async () => {
    const page = await signIn('intelAdmin');
    await openRetentionReview(page);
    await expect.poll(() => page.getByText('Give a reason and a change reference, then open the queue.').count()).toBe(1);
    await giveReason(page);
    await page.getByRole('button', { name: 'Open the queue' }).click();
    const queue = page.getByRole('table', { name: 'Records due for review' });
    await expect.poll(() => queue.textContent()).toContain('Mirela Kastanidou');
    expect(await queue.textContent()).not.toContain('Ansgar Vollrath');
    expect(await queue.textContent()).toMatch(/\d+ days overdue/);
    await queue.getByRole('button', { name: 'intel:i-overdue' }).click();
    // an erasure asks once more, and keeping the record sends nothing
    await page.getByRole('button', { name: 'Erase now…' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm the erasure' });
    await expect.poll(() => confirm.textContent()).toContain('cannot be undone');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await queue.textContent()).toContain('Mirela Kastanidou');
    await page.getByLabel('Legal hold reference').fill('Investigating judge order 2025/44');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await expect.poll(() => queue.textContent()).toContain('Investigating judge order 2025/44');
    await screenshot(page, 'admin-03-legal-hold');

    const headers = { 'x-mosaic-purpose': 'retention review', 'x-mosaic-case': 'CHG-1' };
    const admin = await tests.api.tokenOf('intelAdmin');
    const erase = await tests.api.request('/retention/records/intel:i-overdue/erase', { token: admin, body: { reason: 'past review date' }, headers });
    expect(erase.status).toBe(409);
    // The sweep keeps it too.
    const swept = (await (await tests.api.request('/retention/sweep?wait=true', { token: await tests.api.tokenOf('sysadmin'), body: {}, headers })).json()) as { job: { summary: { erased: number; held: number } } };
    expect(swept.job.summary).toMatchObject({ held: 1 });
    expect((await tests.api.request('/records/intel:i-overdue', { token: await tests.api.tokenOf('intelAnalyst'), headers })).status).toBe(200);
  });

  it('lets the data administrator set how long the agency keeps records, checks and notifications', async () => {
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Retention rules' }).click();
    const rules = page.getByRole('form', { name: 'Retention rules' });
    await expect.poll(() => rules.getByLabel('checks years').inputValue()).toBe('1');
    expect(await rules.getByLabel('notifications years').inputValue()).toBe('1');
    await rules.getByLabel('checks years').fill('0');
    await rules.getByLabel('checks days').fill('90');
    await rules.getByRole('button', { name: 'Save retention rules' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Retention rules saved.');
    const saved = (await (await tests.api.request('/admin/retention/rules', { token: await tests.api.tokenOf('intelAdmin') })).json()) as { rules: Record<string, unknown> };
    expect(saved.rules).toMatchObject({ checks: { years: 0, months: 0, days: 90 }, suspect: { years: 3 } });
    await screenshot(page, 'admin-04-retention-rules');
  });

  it('asks the administrator to choose a group before setting its members', async () => {
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Need-to-know groups' }).click();
    let sent = 0;
    page.on('request', (request) => { if (request.url().endsWith('/members')) sent++; });
    await page.getByRole('button', { name: 'Set members' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual(['Choose the group whose members to set.']);
    expect(await page.getByRole('form', { name: 'Members' }).getByLabel('Group').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toBe(0);
  });

  it('lets the data administrator point the agency\'s notifications at its own system (webhook)', async () => {
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Webhook' }).click();
    await expect.poll(() => page.getByTestId('webhook-url').textContent()).toBe('nowhere (no webhook)');
    await page.getByLabel('URL').fill('https://hooks.intel.example/mosaic');
    await page.getByLabel('Shared secret (16 characters or more)').fill('intel-shared-secret-42');
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await expect.poll(() => page.getByTestId('webhook-url').textContent()).toBe('https://hooks.intel.example/mosaic');
    expect(await page.getByLabel('Shared secret (16 characters or more)').inputValue()).toBe('');
    expect(await page.getByTestId('webhook-pending').textContent()).toBe('No failed delivery is being tried again.');
    await screenshot(page, 'admin-05-webhook');
  });

  it('lists the notifications the webhook gave up on, and sends them again on request', async () => {
    const failed = { kind: 'alert.hit', attempts: 7, firstAt: '2026-02-28T09:00:00.000Z', lastAt: '2026-02-28T18:00:00.000Z', failure: 'HTTP 503' };
    for (const id of ['n-undelivered-1', 'n-undelivered-2']) await tests.server.test.mosaic.store.putDocument({ kind: WEBHOOK_UNDELIVERED_KIND, id, owner: 'intel', body: { notification: id, ...failed } });
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Webhook' }).click();
    const table = page.getByRole('table', { name: 'Undelivered notifications' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('row').nth(1).textContent()).toMatch(/Alert hit.*2026-02-28 09:00.*2026-02-28 18:00.*7.*HTTP 503/);
    await screenshot(page, 'admin-05b-webhook-undelivered');
    await page.getByRole('button', { name: 'Send undelivered again' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Undelivered notifications queued to be sent again.');
    await expect.poll(() => page.getByTestId('webhook-pending').textContent()).toBe('2 failed deliveries are being tried again.');
    expect(await table.count()).toBe(0);
  });

  it('offers a data administrator only the roles and clearances they may grant', async () => {
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await expect.poll(() => form.getByRole('checkbox', { name: 'Analyst', exact: true }).count()).toBe(1);
    // the header names the administrator's agency, not its id
    await expect.poll(() => page.getByTestId('user-agency').textContent()).toBe('State Security');
    // each role and clearance in words; what is sent stays the code
    expect(await form.getByRole('group', { name: 'Roles' }).getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.parentElement?.textContent?.trim())))
      .toEqual(['Analyst', 'Officer', 'Checkpoint officer', 'Agency administrator', 'Auditor']);
    expect(await form.getByRole('checkbox', { name: 'System administrator' }).count()).toBe(0);
    const clearances = form.getByRole('combobox', { name: 'Clearance' }).locator('option');
    expect(await clearances.allTextContents()).toEqual(['Unclassified', 'Restricted', 'Confidential', 'Secret']);
    expect(await clearances.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET']);
  });

  it('shows another agency\'s administrator the webhook refusal alone, with nothing to edit', async () => {
    const page = await signIn('sysadmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Webhook' }).click();
    const panel = page.getByLabel('Webhook', { exact: true });
    await expect.poll(() => panel.getByRole('alert').count()).toBe(1);
    expect(await page.getByTestId('webhook-url').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save webhook' }).count()).toBe(0);
  });

  it('lets the system administrator set how long the audit log is kept, shows what it means, and shows it to the auditor read-only', async () => {
    const page = await signIn('sysadmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Audit log retention' }).click();
    const form = page.getByRole('form', { name: 'Audit log retention' });
    const meaning = page.getByTestId('audit-retention');
    await expect.poll(() => meaning.textContent()).toBe('No period is set: the whole log is kept.');

    await form.getByLabel('Years').fill('1');
    await form.getByLabel('to the end of that year').check();
    await form.getByRole('button', { name: 'Save period' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Audit log retention saved.');
    await expect.poll(() => meaning.textContent()).toMatch(/^Entries are kept until the end of the year in which they turn 1 year old, then removed .*the log still verifies/);
    const auditor = await tests.api.tokenOf('auditor');
    expect(await tests.api.json('/admin/audit/retention', { token: auditor })).toEqual({ retention: { years: 1, months: 0, days: 0, endOfYear: true } });
    await screenshot(page, 'admin-06-audit-retention');

    // A period of zero is refused with the server's reason, and the period set stays.
    await form.getByLabel('Years').fill('0');
    await form.getByLabel('Days').fill('0');
    await form.getByRole('button', { name: 'Save period' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('retention: a period of zero would delete the log as it is written');
    expect(await meaning.textContent()).toContain('turn 1 year old');
    expect(await tests.api.json('/admin/audit/retention', { token: auditor })).toEqual({ retention: { years: 1, months: 0, days: 0, endOfYear: true } });

    // The auditor reads it on the audit screen, with nothing to change.
    const audit = await signIn('auditor');
    const shown = audit.getByTestId('audit-retention');
    await expect.poll(() => shown.textContent()).toContain('until the end of the year in which they turn 1 year old');
    expect(await audit.getByRole('spinbutton').count()).toBe(0);
    expect(await audit.getByRole('button', { name: 'Save period' }).count()).toBe(0);
    expect(await audit.getByRole('button', { name: 'Keep the whole log' }).count()).toBe(0);
    await screenshot(audit, 'admin-07-audit-retention-read-only');
    // An agency's data administrator has no such area.
    const intel = await signIn('intelAdmin');
    await intel.goto('/#/admin');
    await expect.poll(() => intel.getByRole('tab', { name: 'Webhook' }).count()).toBe(1);
    expect(await intel.getByRole('tab', { name: 'Audit log retention' }).count()).toBe(0);

    // Clearing the period keeps the whole log again.
    await form.getByRole('button', { name: 'Keep the whole log' }).click();
    await expect.poll(() => meaning.textContent()).toBe('No period is set: the whole log is kept.');
    expect(await tests.api.json('/admin/audit/retention', { token: auditor })).toEqual({ retention: null });
  });

  it('asks for the retention queue once, when the administrator opens it, not at each keystroke of the reason, reference or days', async () => {
    await putFixtures(tests.server.test.mosaic, [{ id: 'q-overdue', schema: 'Person', properties: { name: ['Oskar Lindqvist'] }, provenance: testProvenance('intel', { reviewDate: '2020-05-01' }) }]);
    const page = await signIn('intelAdmin');
    const asked: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/retention/queue')) asked.push(decodeURIComponent(request.headers()['x-mosaic-purpose'] ?? '')); });
    await openRetentionReview(page);
    await page.getByLabel('Reason for change').pressSequentially('Annual review');
    await page.getByLabel('Change reference').pressSequentially('DPO-12');
    await page.getByLabel('Due within (days)').fill('');
    await page.getByLabel('Due within (days)').pressSequentially('45');
    await page.waitForTimeout(500);
    expect(asked).toEqual([]);

    await page.getByRole('button', { name: 'Open the queue' }).click();
    const queue = page.getByRole('table', { name: 'Records due for review' });
    await expect.poll(() => queue.textContent()).toContain('Oskar Lindqvist');
    expect(asked).toEqual(['Annual review']);
    // typing on does not ask again; a change to a record does, as does opening it once more
    await page.getByLabel('Reason for change').fill('Annual review of intel records');
    await page.getByLabel('Due within (days)').pressSequentially('0');
    await page.waitForTimeout(500);
    expect(asked).toEqual(['Annual review']);
    await queue.getByRole('button', { name: 'intel:q-overdue' }).click();
    await page.getByLabel('Legal hold reference').fill('Court order 2025/71');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await expect.poll(() => queue.textContent()).toContain('Court order 2025/71');
    expect(asked).toEqual(['Annual review', 'Annual review of intel records']);
    await page.getByRole('button', { name: 'Open the queue' }).click();
    await expect.poll(() => asked.length).toBe(3);
  });

  it('keeps the erasure confirmation within reach of the keyboard, and a reason to one record', async () => {
    await putFixtures(tests.server.test.mosaic, ['k-first', 'k-second'].map((id, i) => ({ id, schema: 'Person', properties: { name: [['Lorenz Aebischer', 'Tamsin Okafor'][i]!] }, provenance: testProvenance('intel', { reviewDate: '2020-06-01' }) })));
    const page = await signIn('intelAdmin');
    await openRetentionReview(page);
    await giveReason(page);
    await page.getByRole('button', { name: 'Open the queue' }).click();
    const queue = page.getByRole('table', { name: 'Records due for review' });
    await expect.poll(() => queue.textContent()).toContain('Tamsin Okafor');

    // a reason typed for one record is not carried to the next one chosen
    await queue.getByRole('button', { name: 'intel:k-first' }).click();
    await page.getByLabel('Reason', { exact: true }).fill('Kept for the Okafor appeal');
    await queue.getByRole('button', { name: 'intel:k-second' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Decision on intel:k-second' }).count()).toBe(1);
    expect(await page.getByLabel('Reason', { exact: true }).inputValue()).toBe('');

    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.tagName ?? '');
    await page.getByRole('button', { name: 'Erase now…' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('group', { name: 'Confirm the erasure' });
    await expect.poll(() => confirm.count()).toBe(1);
    // focus waits on the way out, not on the irreversible button
    expect(await focused()).toBe('Keep it');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await focused()).toBe('Erase now…');

    await page.getByLabel('Reason', { exact: true }).fill('Past review, no longer needed');
    await page.getByRole('button', { name: 'Erase now…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Keep it');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Erase for good');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('intel:k-second erased.');
    await expect.poll(() => queue.textContent()).not.toContain('Tamsin Okafor');
    expect(await queue.textContent()).toContain('Lorenz Aebischer');
    expect((await tests.server.test.mosaic.store.recordHistory(RecordId('intel:k-second'))).at(-1)).toMatchObject({ op: 'delete', reason: 'Past review, no longer needed' });
  });

  it('opens a record\'s decision under its row in a long queue, the focus on its heading, and gives the focus back to the row on Escape or "Back to the queue"', async () => {
    // a queue longer than the screen: a decision opened below the table was out of sight
    await putFixtures(tests.server.test.mosaic, Array.from({ length: 40 }, (_, i) => ({ id: `l-${String(i).padStart(2, '0')}`, schema: 'Person', properties: { name: [`Long Queue ${i}`] }, provenance: testProvenance('intel', { reviewDate: '2020-07-01' }) })));
    const page = await signIn('intelAdmin');
    await openRetentionReview(page);
    await giveReason(page);
    await page.getByRole('button', { name: 'Open the queue' }).click();
    const queue = page.getByRole('table', { name: 'Records due for review' });
    await expect.poll(() => queue.textContent()).toContain('Long Queue 39');
    const row = queue.getByRole('button', { name: 'intel:l-30', exact: true });
    await row.press('Enter');
    const heading = page.getByRole('heading', { name: 'Decision on intel:l-30' });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    // next to the row it was opened from, and in view
    const [rowBox, headingBox] = [await row.boundingBox(), await heading.boundingBox()];
    expect(headingBox!.y - (rowBox!.y + rowBox!.height)).toBeGreaterThanOrEqual(0);
    expect(headingBox!.y - (rowBox!.y + rowBox!.height)).toBeLessThan(60);
    expect(await heading.evaluate((h) => { const box = h.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).toBe(true);
    await screenshot(page, 'admin-retention-decision-in-place');
    const rowFocused = () => row.evaluate((b) => b === document.activeElement);
    await page.keyboard.press('Escape');
    await expect.poll(() => heading.count()).toBe(0);
    expect(await rowFocused()).toBe(true);
    await row.press('Enter');
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    await expect.poll(() => heading.count()).toBe(0);
    expect(await rowFocused()).toBe(true);
  });

  it('withdraws a sharing agreement only once the withdrawal is confirmed, as an erasure is', async () => {
    const conditions = { tlp: ['GREEN'], maxClassification: 'RESTRICTED', handling: ['H0'], categories: ['suspect'] };
    const put = await tests.api.request('/admin/agreements/intel-withdraw-check', { token: await tests.api.tokenOf('intelAdmin'), method: 'PUT', headers: { 'x-mosaic-purpose': 'withdrawal check', 'x-mosaic-case': 'CHG-8' }, body: { owner: 'intel', recipient: 'fedpol', conditions, effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false } });
    expect(put.status).toBe(200);
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Sharing agreements' }).click();
    const table = page.getByRole('table', { name: 'Sharing agreements' });
    await expect.poll(() => table.textContent()).toContain('intel-withdraw-check');
    const agreements = async () => (await tests.api.json<{ agreements: { id: string }[] }>('/admin/organisation', { token: await tests.api.tokenOf('intelAdmin') })).agreements.map((a) => a.id);
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');

    await table.getByRole('button', { name: /^Withdraw intel-withdraw-check/ }).press('Enter');
    const confirm = page.getByRole('group', { name: 'Confirm the withdrawal of intel-withdraw-check' });
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await confirm.textContent()).toContain('stops flowing at once');
    // focus waits on the way out, not on the withdrawal
    expect(await focused()).toBe('Keep intel-withdraw-check');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await focused()).toBe('Withdraw intel-withdraw-check…');
    expect(await agreements()).toContain('intel-withdraw-check');

    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Keep intel-withdraw-check');
    await confirm.getByRole('button', { name: 'Withdraw intel-withdraw-check now' }).press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Agreement intel-withdraw-check withdrawn.');
    expect(await agreements()).not.toContain('intel-withdraw-check');
  });

  it('lets a data administrator change a user\'s roles, clearance and desk, and shows what the server refuses', async () => {
    const intelAdmin = await tests.api.tokenOf('intelAdmin');
    const created = await tests.api.request('/admin/users', { token: intelAdmin, headers: { 'x-mosaic-purpose': 'new reviewer', 'x-mosaic-case': 'CHG-7' }, body: { name: 'intel.reviewer', agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'RESTRICTED', password: 'a fictional long password' } });
    expect(created.status).toBe(201);
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    await page.getByRole('button', { name: 'Edit intel.reviewer' }).click();
    const form = page.getByRole('form', { name: 'Edit intel.reviewer' });
    await expect.poll(() => form.getByRole('combobox', { name: 'Clearance' }).inputValue()).toBe('RESTRICTED');
    expect(await form.getByRole('checkbox', { name: 'Analyst', exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole('combobox', { name: 'Desk' }).inputValue()).toBe('intel-liaison');
    // only what the administrator may grant is offered
    expect(await form.getByRole('combobox', { name: 'Clearance' }).locator('option').allTextContents()).toEqual(['Unclassified', 'Restricted', 'Confidential', 'Secret']);
    await form.getByRole('checkbox', { name: 'Officer', exact: true }).check();
    await form.getByRole('combobox', { name: 'Clearance' }).selectOption({ label: 'Confidential' });
    await form.getByRole('button', { name: 'Save changes to intel.reviewer' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Changes to intel.reviewer saved.');
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'intel.reviewer' });
    await expect.poll(() => row.textContent()).toContain('Analyst, Officer');
    expect(await row.textContent()).toContain('Confidential');
    const reviewer = async () => (await tests.api.json<{ users: { name: string; roles: string[]; clearance: string }[] }>('/admin/users', { token: intelAdmin })).users.find((u) => u.name === 'intel.reviewer');
    expect(await reviewer()).toMatchObject({ roles: ['analyst', 'officer'], clearance: 'CONFIDENTIAL' });
    await screenshot(page, 'admin-08-user-edited');

    // the server's refusals are shown in the form, and nothing changes
    await form.getByRole('checkbox', { name: 'Auditor', exact: true }).check();
    expect(await form.getByRole('status').count()).toBe(0);
    await form.getByRole('button', { name: 'Save changes to intel.reviewer' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('roles: only a system administrator grants or removes the auditor role');
    expect(await reviewer()).toMatchObject({ roles: ['analyst', 'officer'], clearance: 'CONFIDENTIAL' });
    // a user cleared above the administrator is shown, with nothing offered that the server refuses, and why
    const above = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'intelAnalyst' });
    expect(await above.getByRole('button').count()).toBe(0);
    expect(await above.textContent()).toContain('Not yours to change. Cleared Top secret, above your clearance (Secret): only a system administrator or an administrator cleared Top secret administers them.');
  });

  it('says the id a new user will have before creating it, and never prefixes the agency twice', async () => {
    const page = await signIn('fedAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    const name = form.getByLabel('User name');
    const said = () => page.locator('#new-user-id').textContent();
    await name.fill('analyst6');
    await expect.poll(said).toBe('Its user id will be fedpol.analyst6; the user signs in with it.');
    expect(await name.getAttribute('aria-describedby')).toContain('new-user-id');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await name.fill('intel.analyst6');
    await expect.poll(said).toBe('A name starting with "intel." would read as a user of State Security: give the name without it, or choose that agency.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    // the name as the users table shows it: fedpol.fedpol.analyst5 was made of it
    await name.fill('fedpol.analyst5');
    await expect.poll(said).toBe('Its user id will be fedpol.analyst5; the user signs in with it.');
    await form.getByLabel('Initial password').fill('a fictional long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('User fedpol.analyst5 created.');
    const users = await tests.api.json<{ users: { id: string; name: string }[] }>('/admin/users', { token: await tests.api.tokenOf('fedAdmin') });
    expect(users.users.find((u) => u.name === 'fedpol.analyst5')?.id).toBe('fedpol.analyst5');
  });

  it('makes a new user who signs in with the id the form promised, says before sending that a name is not lower case, and lets another agency have the same name', async () => {
    const page = await signIn('fedAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    const name = form.getByLabel('User name');
    const said = () => page.locator('#new-user-id').textContent();
    // Analyst7 was promised as fedpol.Analyst7, and then refused for not being lower case
    await name.fill('Analyst7');
    await expect.poll(said).toBe('The user name must be lower case: analyst7, not Analyst7. Its user id would then be fedpol.analyst7.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Initial password').fill('a fictional long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    // the server refuses it in the same words, naming the field
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('name: must be lower case: analyst7, not Analyst7');
    await name.fill('analyst7');
    await expect.poll(said).toBe('Its user id will be fedpol.analyst7; the user signs in with it.');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await form.getByLabel('Initial password').fill('a fictional long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('User fedpol.analyst7 created.');
    // the id promised signs in; the name as typed was the one that did
    const signInAs = async (user: string) => (await tests.api.request('/auth/sign-in', { body: { name: user, password: 'a fictional long password' } })).status;
    expect(await signInAs('fedpol.analyst7')).toBe(200);
    expect(await signInAs('analyst7')).toBe(401);
    // intel's analyst7 was refused 409, "a user named analyst7 already exists", fedpol's
    const intel = await signIn('intelAdmin');
    await intel.goto('/#/admin');
    await giveReason(intel);
    await intel.getByRole('tab', { name: 'Users and roles' }).click();
    const intelForm = intel.getByRole('form', { name: 'New user' });
    await intelForm.getByLabel('User name').fill('analyst7');
    await expect.poll(() => intel.locator('#new-user-id').textContent()).toBe('Its user id will be intel.analyst7; the user signs in with it.');
    await intelForm.getByLabel('Initial password').fill('a fictional long password');
    await intelForm.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => intelForm.getByRole('status').textContent()).toBe('User intel.analyst7 created.');
    expect(await signInAs('intel.analyst7')).toBe(200);
    // the same name again in intel: refused, naming intel's own user and no other agency's
    await intelForm.getByLabel('Initial password').fill('a fictional long password');
    await intelForm.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => intelForm.getByRole('alert').textContent()).toContain('a user intel.analyst7 already exists');
    expect(await intelForm.getByRole('alert').textContent()).not.toContain('fedpol');
  });

  it('picks a group\'s members from the agency\'s users by name, showing those the administrator may not add as not selectable, and why', async () => {
    const intelAdmin = await tests.api.tokenOf('intelAdmin');
    const headers = { 'x-mosaic-purpose': 'case team', 'x-mosaic-case': 'CHG-9' };
    expect((await tests.api.request('/admin/users', { token: intelAdmin, headers, body: { name: 'intel.member5', agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'SECRET', password: 'a fictional long password' } })).status).toBe(201);
    expect((await tests.api.request('/admin/groups/intel-case-team', { token: intelAdmin, method: 'PUT', headers, body: { name: 'Case team' } })).status).toBe(200);
    const page = await signIn('intelAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Need-to-know groups' }).click();
    const form = page.getByRole('form', { name: 'Members' });
    await form.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Case team' });
    // by the name the users table shows, not an id to type
    const member = form.getByRole('checkbox', { name: 'intel.member5', exact: true });
    await expect.poll(() => member.count()).toBe(1);
    // intelAnalyst is cleared Top secret, the administrator Secret: shown, not selectable, and why
    const above = form.getByRole('checkbox', { name: 'intelAnalyst', exact: true });
    expect(await above.isDisabled()).toBe(true);
    expect(await above.evaluate((box) => box.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '))).toContain('Cleared Top secret, above your clearance (Secret)');
    expect(await form.getByRole('checkbox', { name: 'intelAdmin', exact: true }).isDisabled()).toBe(false);
    await member.check();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-group-members');
    await form.getByRole('button', { name: 'Set members' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Members of Case team set.');
    const row = page.getByRole('table', { name: 'Need-to-know groups' }).getByRole('row').filter({ hasText: 'intel-case-team' });
    await expect.poll(async () => (await row.locator('td').allTextContents())[3]).toBe('intel.member5');
    const groups = await tests.api.json<{ groups: { id: string; members: string[] }[] }>('/admin/groups', { token: intelAdmin });
    expect(groups.groups.find((g) => g.id === 'intel-case-team')?.members).toEqual(['intel.member5']);
    expect(await member.isChecked()).toBe(true);
  });

  it('says in words why a user of another agency, added by id, may not join a group: their clearance, not its code', async () => {
    const fedAdmin = await tests.api.tokenOf('fedAdmin');
    const headers = { 'x-mosaic-purpose': 'joint team', 'x-mosaic-case': 'CHG-11' };
    expect((await tests.api.request('/admin/groups/fed-joint-team', { token: fedAdmin, method: 'PUT', headers, body: { name: 'Joint team' } })).status).toBe(200);
    const page = await signIn('fedAdmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Need-to-know groups' }).click();
    const form = page.getByRole('form', { name: 'Members' });
    await form.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Joint team' });
    // intelligence's analyst is cleared Top secret, the federal police's administrator Secret
    const byId = form.getByLabel('Add users of other agencies by id (comma-separated)');
    await byId.fill('intel.intelAnalyst');
    await form.getByRole('button', { name: 'Set members' }).click();
    const said = page.getByRole('alert').filter({ hasText: 'Could not' });
    await expect.poll(() => said.count()).toBe(1);
    expect(await said.textContent()).toContain('intel.intelAnalyst: cleared Top secret, above your own clearance (Secret): only a system administrator or an administrator cleared Top secret administers them');
    expect(await said.textContent()).not.toMatch(/TOP_SECRET|\bSECRET\b/);
    expect(await byId.getAttribute('aria-invalid')).toBe('true');
    const groups = await tests.api.json<{ groups: { id: string; members: string[] }[] }>('/admin/groups', { token: fedAdmin });
    expect(groups.groups.find((g) => g.id === 'fed-joint-team')?.members).toEqual([]);
  });

  it('offers the withdrawal of an agreement only to whom the server lets withdraw it, saying who does', async () => {
    const conditions = { tlp: ['GREEN'], maxClassification: 'RESTRICTED', handling: ['H0'], categories: ['suspect'] };
    const put = await tests.api.request('/admin/agreements/intel-to-fedpol-offer', { token: await tests.api.tokenOf('intelAdmin'), method: 'PUT', headers: { 'x-mosaic-purpose': 'offer check', 'x-mosaic-case': 'CHG-10' }, body: { owner: 'intel', recipient: 'fedpol', conditions, effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false } });
    expect(put.status).toBe(200);
    // fedpol's administrator, the recipient's, was offered "Withdraw", asked to confirm, then refused
    const page = await signIn('fedAdmin');
    await page.goto('/#/admin');
    await page.getByRole('tab', { name: 'Sharing agreements' }).click();
    const row = page.getByRole('table', { name: 'Sharing agreements' }).getByRole('row').filter({ hasText: 'intel-to-fedpol-offer' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await row.textContent()).toContain('Only a data administrator of State Security, its owner, withdraws it.');
    // its owner's administrator is offered it
    const owner = await signIn('intelAdmin');
    await owner.goto('/#/admin');
    await owner.getByRole('tab', { name: 'Sharing agreements' }).click();
    await expect.poll(() => owner.getByRole('table', { name: 'Sharing agreements' }).getByRole('button', { name: 'Withdraw intel-to-fedpol-offer…' }).count()).toBe(1);
  });

  it('sends a form once while it is being sent, and forgets the last outcome once the form is edited', async () => {
    const page = await signIn('sysadmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    let created = 0;
    // the server takes its time (a password is hashed): the button waits with it
    await page.route('**/api/v1/admin/users', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      created++;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return route.continue();
    });
    await form.getByLabel('User name').fill('zone-north.busy');
    await form.getByRole('combobox', { name: /^Agency/ }).selectOption('zone-north');
    await form.getByLabel('Initial password').fill('a fictional long password');
    await form.getByRole('button', { name: 'Create user' }).dblclick();
    await expect.poll(() => form.getByRole('button', { name: 'Create user' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('User zone-north.busy created.');
    expect(await form.getByRole('button', { name: 'Create user' }).isDisabled()).toBe(false);
    expect(created).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await form.getByLabel('User name').fill('zone.next');
    await expect.poll(() => page.getByRole('status').count()).toBe(0);

    const admin = await signIn('intelAdmin');
    await admin.goto('/#/admin');
    await giveReason(admin);
    await admin.getByRole('tab', { name: 'Webhook' }).click();
    await admin.getByLabel('URL').fill('https://hooks.intel.example/second');
    await admin.getByLabel('Shared secret (16 characters or more)').fill('intel-shared-secret-43');
    await admin.getByRole('button', { name: 'Save webhook' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toBe('Webhook saved.');
    await admin.getByLabel('URL').fill('not a web address');
    await admin.getByRole('button', { name: 'Save webhook' }).click();
    await expect.poll(() => admin.getByRole('status').count()).toBe(0);
    // an address inside the server's network is refused by the server, naming why
    await admin.getByLabel('URL').fill('https://169.254.169.254/latest/meta-data/');
    await admin.getByLabel('Shared secret (16 characters or more)').fill('intel-shared-secret-43');
    await admin.getByRole('button', { name: 'Save webhook' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('169.254.169.254 is a link-local, multicast or reserved address');
    expect(await admin.getByTestId('webhook-url').textContent()).toBe('https://hooks.intel.example/second');
  });
  it('moves between the areas with the arrow keys, and to the first and last with Home and End (WAI-ARIA tabs)', async () => {
    const page = await signIn('sysadmin');
    await page.goto('/#/admin');
    const tabs = page.getByRole('tab');
    const first = await tabs.first().textContent();
    const last = await tabs.last().textContent();
    const current = async (): Promise<{ selected: string | null; focused: string | null | undefined }> => ({
      selected: await page.getByRole('tab', { selected: true }).textContent(),
      focused: await page.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : undefined)),
    });
    await tabs.first().focus();
    await page.keyboard.press('End');
    expect(await current()).toEqual({ selected: last, focused: last });
    await page.keyboard.press('ArrowRight');
    expect(await current()).toEqual({ selected: first, focused: first });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    expect(await current()).toEqual({ selected: first, focused: first });
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(await tabs.first().getAttribute('id'));
    await page.close();
  });

  it('says why a password cannot be reset yet, and no longer once a new password is typed', async () => {
    const page = await signIn('sysadmin');
    await page.goto('/#/admin');
    await giveReason(page);
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const reset = page.getByRole('button', { name: /^Reset password of / }).first();
    await reset.waitFor();
    expect(await reset.isDisabled()).toBe(true);
    const why = await reset.evaluate((button) => (button.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    expect(why).toContain('Type the new password in "New password for a reset" first');
    // the reason is on the screen too, not only read out
    expect(await page.getByText('Type the new password in "New password for a reset" first').isVisible()).toBe(true);
    await page.getByLabel('New password for a reset').fill('a fictional new password');
    expect(await reset.isDisabled()).toBe(false);
    expect(await reset.getAttribute('aria-describedby')).toBeNull();
    expect(await page.getByText('Type the new password in "New password for a reset" first').count()).toBe(0);
    await page.close();
  });
});
