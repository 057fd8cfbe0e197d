/**
 * Where the keyboard is left after a change is sent, for someone who works without a mouse or
 * with a screen reader: a change asked for without its reason puts the focus on the reason for
 * change (or the change reference) at the top; a refused change puts the focus on the field the
 * server named, marked invalid and described by the refusal; a change that leaves its button in
 * place gives the focus back to it (the button is disabled while the change is sent, which would
 * drop the focus to the page's body, the top of the page); a report entity confirmed or rejected,
 * whose buttons go with the decision, leaves the focus on the entity and what became of it; a
 * retention decision that takes its record out of the queue leaves it on the queue; an upload to
 * ingest, a check of the audit chain and a search of the log give it back to their button. Every
 * name is invented.
 */
import { putFixtures, testProvenance } from '@mosaic/service/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({
  projections: false,
  // written years ago and now past its review (the API refuses a date already reached)
  seed: ({ server }) => putFixtures(server.test.mosaic, [{ id: 'i-lapsed', schema: 'Person', properties: { name: ['Wendelin Okafor-Brandt'] }, provenance: testProvenance('intel', { reviewDate: '2020-05-01' }) }]),
});

/** The focused element's accessible description: the text of the elements its aria-describedby names. */
const focusedDescription = (page: Page): Promise<string> => page.evaluate(() => (document.activeElement?.getAttribute('aria-describedby') ?? '')
  .split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

const isFocused = (locator: Locator): Promise<boolean> => locator.evaluate((element) => element === document.activeElement);

describe.skipIf(!tests.haveChromium)('the focus after a change is sent', () => {
  it('goes to the reason for change, or to the change reference, when a change is asked for without them', async () => {
    const page = await tests.signedInPage('sysadmin');
    await page.goto('/#/admin');
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const create = page.getByRole('form', { name: 'New user' }).getByRole('button', { name: 'Create user' });
    await create.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Give a reason for change and a change reference first.');
    const reason = page.getByLabel('Reason for change');
    await expect.poll(() => isFocused(reason)).toBe(true);
    await reason.fill('Accessibility check');
    await create.press('Enter');
    await expect.poll(() => isFocused(page.getByLabel('Change reference'))).toBe(true);
  });

  it('goes to the field of the new user the server refused, then back to the button that sent a change', async () => {
    const page = await tests.signedInPage('sysadmin');
    await page.goto('/#/admin');
    await page.getByLabel('Reason for change').fill('Accessibility check');
    await page.getByLabel('Change reference').fill('CHG-2025-301');
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('User name').fill('fedpol.keyboard');
    await form.getByLabel('Initial password').fill('short');
    await form.getByRole('button', { name: 'Create user' }).press('Enter');

    const password = form.getByLabel('Initial password');
    await expect.poll(() => isFocused(password)).toBe(true);
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('password: must be at least 12 characters');

    await password.fill('a fictional long password');
    const create = form.getByRole('button', { name: 'Create user' });
    await create.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('User fedpol.keyboard created.');
    expect(await isFocused(create)).toBe(true);
    expect(await password.getAttribute('aria-invalid')).toBeNull();

    const disable = page.getByRole('button', { name: 'Disable fedpol.keyboard' });
    await disable.press('Enter');
    const enable = page.getByRole('button', { name: 'Enable fedpol.keyboard' });
    await expect.poll(() => enable.count()).toBe(1);
    await expect.poll(() => isFocused(enable)).toBe(true);
  });

  it('goes to the field of an agreement, of a user being edited, of a desk, of a group, of the retention rules and of the webhook the server refused', async () => {
    const page = await tests.signedInPage('intelAdmin');
    await page.goto('/#/admin');
    await page.getByLabel('Reason for change').fill('Accessibility check');
    await page.getByLabel('Change reference').fill('CHG-2025-303');

    await page.getByRole('tab', { name: 'Sharing agreements' }).click();
    const agreement = page.getByRole('form', { name: 'Agreement' });
    await agreement.getByLabel('Agreement id').fill('intel-keyboard-check');
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER']) await agreement.getByRole('checkbox', { name: tlp, exact: true }).uncheck();
    await agreement.getByRole('button', { name: 'Save agreement' }).press('Enter');
    const clear = agreement.getByRole('checkbox', { name: 'CLEAR', exact: true });
    await expect.poll(() => isFocused(clear)).toBe(true);
    expect(await clear.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('conditions.tlp');

    await page.getByRole('tab', { name: 'Users and roles' }).click();
    // the agency's only data administrator may not give the role up
    await page.getByRole('button', { name: 'Edit intelAdmin' }).click();
    const edit = page.getByRole('form', { name: 'Edit intelAdmin' });
    await edit.getByRole('checkbox', { name: 'Analyst', exact: true }).check();
    await edit.getByRole('checkbox', { name: 'Agency administrator', exact: true }).uncheck();
    await edit.getByRole('button', { name: 'Save changes to intelAdmin' }).press('Enter');
    const first = edit.getByRole('group', { name: 'Roles' }).getByRole('checkbox').first();
    await expect.poll(() => isFocused(first)).toBe(true);
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('last enabled data administrator');

    await page.getByRole('tab', { name: 'Desks' }).click();
    const desk = page.getByRole('form', { name: 'New desk' });
    await desk.getByLabel('Desk id').fill('intel:');
    await desk.getByRole('combobox', { name: 'Agency' }).selectOption('intel');
    await desk.getByLabel('Desk name').fill('Night desk');
    await desk.getByLabel('24/7 contact').fill('+32 2 000 00 00');
    await desk.getByRole('button', { name: 'Create desk' }).press('Enter');
    const deskId = desk.getByLabel('Desk id');
    await expect.poll(() => isFocused(deskId)).toBe(true);
    expect(await deskId.getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('tab', { name: 'Need-to-know groups' }).click();
    const group = page.getByRole('form', { name: 'Group' });
    await group.getByLabel('Group id').fill('night team!');
    await group.getByLabel('Group name').fill('Night team');
    await group.getByRole('button', { name: 'Save group' }).press('Enter');
    const groupId = group.getByLabel('Group id');
    await expect.poll(() => isFocused(groupId)).toBe(true);
    expect(await focusedDescription(page)).toContain('is not a group id');

    await page.getByRole('tab', { name: 'Retention rules' }).click();
    const rules = page.getByRole('form', { name: 'Retention rules' });
    const years = rules.getByRole('spinbutton').first();
    await expect.poll(() => years.count()).toBe(1);
    await rules.getByRole('spinbutton').nth(0).fill('0');
    await rules.getByRole('spinbutton').nth(1).fill('0');
    await rules.getByRole('spinbutton').nth(2).fill('0');
    await rules.getByRole('button', { name: 'Save retention rules' }).press('Enter');
    await expect.poll(() => isFocused(years)).toBe(true);
    expect(await years.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('a review period of zero');

    await page.getByRole('tab', { name: 'Webhook' }).click();
    const webhook = page.getByRole('form', { name: 'Webhook' });
    await webhook.getByLabel('URL').fill('https://keyboard:check@receiver.example.org/hook');
    await webhook.getByLabel(/^Shared secret/).fill('a fictional shared secret');
    await webhook.getByRole('button', { name: 'Save webhook' }).press('Enter');
    const url = webhook.getByLabel('URL');
    await expect.poll(() => isFocused(url)).toBe(true);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('user name or password');
  });

  it('goes to the report field the server refused, and stays on an entity once it is decided', { timeout: 90_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, 'Criminal investigation', 'PV/2025/0517');
    await page.getByLabel('Or paste the text').fill('Namur, 4 March 2025. Ottilie Vanderkamp met Rasmus Oyelaran-Dufort near the harbour.');
    await page.getByLabel('Collection').fill('harbour-inquiry');
    await page.getByLabel('Source (required)').fill('patrol notes');
    const review = page.getByLabel('Review date');
    await review.fill('2001-01-01');
    await page.getByRole('button', { name: 'Upload and extract' }).press('Enter');

    await expect.poll(() => isFocused(review)).toBe(true);
    expect(await review.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('provenance.reviewDate: must be after today');

    await review.fill('');
    await page.getByRole('button', { name: 'Upload and extract' }).press('Enter');
    const ottilie = page.getByRole('listitem', { name: 'Person Ottilie Vanderkamp' });
    await expect.poll(() => ottilie.getByRole('button', { name: 'Confirm' }).count(), { timeout: 20_000 }).toBe(1);
    await ottilie.getByRole('button', { name: 'Confirm' }).press('Enter');
    await expect.poll(() => ottilie.locator('.badge.review-confirmed').count()).toBe(1);
    const head = ottilie.locator('.entity-head');
    await expect.poll(() => isFocused(head)).toBe(true);
    expect(await head.textContent()).toContain('confirmed');

    const rasmus = page.getByRole('listitem', { name: 'Person Rasmus Oyelaran-Dufort' });
    await rasmus.getByRole('button', { name: 'Reject' }).press('Enter');
    await expect.poll(() => rasmus.locator('.badge.review-rejected').count()).toBe(1);
    await expect.poll(() => isFocused(rasmus.locator('.entity-head'))).toBe(true);
  });

  it('goes back to "Open the queue", to the field a retention decision was refused for, and to the queue once the record leaves it', async () => {
    const page = await tests.signedInPage('intelAdmin');
    await page.goto('/#/admin');
    await page.getByLabel('Reason for change').fill('Accessibility check');
    await page.getByLabel('Change reference').fill('CHG-2025-302');
    await page.getByRole('tab', { name: 'Retention review' }).click();
    const open = page.getByRole('button', { name: 'Open the queue' });
    await open.press('Enter');
    const queue = page.getByRole('table', { name: 'Records due for review' });
    await expect.poll(() => queue.textContent()).toContain('Wendelin Okafor-Brandt');
    await expect.poll(() => isFocused(open)).toBe(true);

    await queue.getByRole('button', { name: 'intel:i-lapsed' }).press('Enter');
    await page.getByLabel('Reason', { exact: true }).fill('Trial set for next spring');
    await page.getByRole('button', { name: 'Extend review date' }).press('Enter');
    const until = page.getByLabel('New review date');
    await expect.poll(() => isFocused(until)).toBe(true);
    expect(await until.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedDescription(page)).toContain('until: must be a date');

    await until.fill('2035-01-01');
    await page.getByRole('button', { name: 'Extend review date' }).press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Review date of intel:i-lapsed extended.');
    await expect.poll(() => queue.textContent()).not.toContain('Wendelin Okafor-Brandt');
    await expect.poll(() => isFocused(queue)).toBe(true);
  });

  it('goes back to "Upload and ingest", "Verify the chain" and "Search log" once they have answered', { timeout: 90_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/ingest');
    await page.getByLabel('File (JSON Lines with provenance, or CSV)').setInputFiles({ name: 'harbour-people.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\nh-1,Ottokar Lindqvist-Amado\nh-2,Benedikta Szalai\n') });
    await page.getByLabel('name', { exact: true }).selectOption('name');
    // who the people are, the grading and the legal basis are the uploader's to choose
    await page.getByLabel(/^Category/).selectOption('suspect');
    await page.getByLabel(/^Reliability/).selectOption('B');
    await page.getByLabel(/^Credibility/).selectOption('2');
    await page.getByLabel(/^Legal basis/).fill('LED Art. 8');
    const upload = page.getByRole('button', { name: 'Upload and ingest' });
    await upload.press('Enter');
    await expect.poll(() => page.locator('p.summary[role=status]').textContent(), { timeout: 20_000 }).toContain('2 accepted');
    await expect.poll(() => isFocused(upload)).toBe(true);

    const auditor = await tests.signedInPage('auditor');
    await givePurpose(auditor, 'Lawfulness check', 'DPO/2025/0077');
    await expect.poll(() => auditor.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    const verify = auditor.getByRole('button', { name: 'Verify the chain' });
    await verify.press('Enter');
    await expect.poll(() => auditor.getByTestId('verification').textContent()).toContain('Chain intact');
    await expect.poll(() => isFocused(verify)).toBe(true);
    const search = auditor.getByRole('button', { name: 'Search log' });
    await auditor.getByLabel('Case reference').fill('DPO/2025/0077');
    await search.press('Enter');
    await expect.poll(() => auditor.getByRole('progressbar').count()).toBe(0);
    await expect.poll(() => auditor.locator('table.audit tbody tr').first().textContent()).toContain('DPO/2025/0077');
    await expect.poll(() => isFocused(search)).toBe(true);
  });
});
