/**
 * The checkpoint officer in a real browser against a real Mosaic server (embedded store): the
 * encounter report a discreet check asks for, its time in the officer's local time; and the
 * screen worked from the keyboard, a decision after another, then Esc for the next traveller.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    const person = async (id: string, properties: Record<string, string[]>) =>
      (await api.json<{ record: { id: string } }>('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } })).record.id;
    // the federal police want to know where she goes: a discreet check, reported to them
    const haddad = await person('p-haddad', { name: ['Samira Haddad'], birthDate: ['1988-07-19'] });
    await api.json('/alerts', { token: fed, body: { subject: haddad, category: 'discreet_check' }, headers: { 'x-mosaic-purpose': 'Surveillance', 'x-mosaic-case': 'DC/2025/4' } });
    // two men of one name and no alert: two cards to decide
    await person('p-verbeke-1', { name: ['Jonas Verbeke'], birthDate: ['1975-03-02'] });
    await person('p-verbeke-2', { name: ['Jonas Verbeke'], birthDate: ['1981-10-23'] });
    // one man listed twice (two of fedpol's systems), whom resolution holds to be one person
    for (const id of ['p-castellane-1', 'p-castellane-2']) await person(id, { name: ['Auguste Castellane'], birthDate: ['1979-04-11'], passportNumber: ['FR9931047'] });
    await server.projections.follower.catchUp();
  },
});

async function check(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.hit-card').count()).toBeGreaterThan(0);
}

/** Now in Brussels, as the form shows it. */
const brusselsNow = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' }).format(new Date());

describe.skipIf(!tests.haveChromium)('the checkpoint', () => {
  it('pre-fills the report\'s time in local time, sends it with its offset, and says on the field when it cannot read one', async () => {
    const page = await tests.newPage({ timezoneId: 'Europe/Brussels' });
    const sent: unknown[] = [];
    page.on('request', (request) => { if (request.url().endsWith('/decision')) sent.push(request.postDataJSON()); });
    await signInPage(page, 'zoneCheckpoint');
    await givePurpose(page, 'Public order / roadblock', 'RB/2025/7');
    await check(page, 'Samira Haddad');
    const card = page.locator('.hit-card').first();
    expect(await card.locator('.hit-action').textContent()).toBe('REPORT COVERTLY');
    // the listing's grading beside its category (LED Art. 7(2)), to weigh the hit by
    expect(await card.locator('.grading').textContent()).toBe('B2');
    expect(await card.locator('.grading').getAttribute('title')).toBe('Source usually reliable; information probably true');
    // as pre-filled: the officer's clock, which the server takes
    const before = brusselsNow();
    await card.getByRole('button', { name: 'Confirm: same person' }).click();
    const time = card.getByLabel('Time');
    expect([before, brusselsNow()]).toContain(await time.inputValue());
    await card.getByLabel('Place').fill('N4 roadblock, km 12');
    await card.getByRole('button', { name: 'Send report and confirm' }).click();
    // the alert's owner was told, and the card says so by the owner's name
    await expect.poll(() => card.locator('.decided').textContent()).toBe('Confirmed — Federal Police told.');
    expect(await card.getByRole('alert').count()).toBe(0);

    // written by the officer: a time they cannot have meant is said on its field, and nothing is sent
    await page.keyboard.press('Escape');
    await check(page, 'Samira Haddad');
    const again = page.locator('.hit-card').first();
    await again.getByRole('button', { name: 'Confirm: same person' }).click();
    await again.getByLabel('Time').fill('03/11/2025 14:05');
    await again.getByRole('button', { name: 'Send report and confirm' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/^Time: write it as YYYY-MM-DD HH:MM/);
    expect(await again.getByLabel('Time').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toHaveLength(1);
    // in the format shown, it is taken, and sent as that moment in Brussels
    await again.getByLabel('Time').fill('2025-11-03 14:05');
    await again.getByRole('button', { name: 'Send report and confirm' }).click();
    await expect.poll(() => again.locator('.decided').textContent()).toMatch(/^Confirmed/);
    expect(sent[1]).toMatchObject({ decision: 'confirm', report: { time: '2025-11-03T14:05:00+01:00' } });
  });

  it('takes in the encounter report no more than the server keeps, and sends it', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, 'Public order / roadblock', 'RB/2025/8');
    await check(page, 'Samira Haddad');
    const card = page.locator('.hit-card').first();
    await card.getByRole('button', { name: 'Confirm: same person' }).click();
    // a place pasted longer than the 200 characters the server keeps stops there, and is sent
    await card.getByLabel('Place').fill('N4 roadblock, '.repeat(20));
    expect((await card.getByLabel('Place').inputValue()).length).toBe(200);
    await card.getByLabel('Identity used').fill('x'.repeat(301));
    expect((await card.getByLabel('Identity used').inputValue()).length).toBe(300);
    await card.getByRole('button', { name: 'Send report and confirm' }).click();
    await expect.poll(() => card.locator('.decided').textContent()).toMatch(/^Confirmed/);
    expect(await card.getByRole('alert').count()).toBe(0);
  });

  it('shows namesakes born a few years off as possible matches, and none born a generation apart', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, 'Border check', 'BC/2025/2');
    const checkBorn = async (birthDate: string): Promise<void> => {
      await page.getByLabel('Name', { exact: true }).fill('Jonas Verbeke');
      await page.getByLabel('Date of birth').fill(birthDate);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('p.summary').textContent()).toMatch(/^(No hit|\d+ (hits?|possible match(es)?)) · Check reference: /);
    };
    // seven and thirteen years from the listed dates, no digit slip between: possibly an
    // estimated date, so checked further
    await checkBorn('1968-05-17');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
    // the check's reference, to give in a report or a call to the desk, and not how long it took
    expect(await page.locator('p.summary').textContent()).toMatch(/^2 possible matches · Check reference: \S+$/);
    expect(await page.locator('p.summary').textContent()).not.toMatch(/\d ms\b/);
    expect(await page.locator('.hit-why').allTextContents()).toEqual(Array(2).fill('Name: Jonas Verbeke (same name) · Date of birth: different'));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(0);
    // 1957 for 1975: two neighbouring digits swapped, which the card says, with the two years
    // (the man born 1981 is another, a generation off with no slip between)
    await checkBorn('1957-03-02');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(1);
    expect(await page.locator('.hit-why').allTextContents()).toEqual(['Name: Jonas Verbeke (same name) · Date of birth: differs — possibly a typing slip (1957 given, 1975 listed)']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(0);
    // 23 and 29 years from them, no digit slip between: another man, so nothing to check
    await checkBorn('2004-05-17');
    expect(await page.locator('p.summary').textContent()).toMatch(/^No hit/);
    expect(await page.locator('.hit-card').count()).toBe(0);
  });

  it('asks before a decision contrary to the one on a card of the same person, and sends it only once asked', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    const sent: unknown[] = [];
    page.on('request', (request) => { if (request.url().endsWith('/decision')) sent.push(request.postDataJSON()); });
    await givePurpose(page, 'Border check', 'BC/2025/3');
    await check(page, 'Auguste Castellane');
    const [first, second] = [page.locator('.hit-card').nth(0), page.locator('.hit-card').nth(1)];
    await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
    expect(await second.locator('.hit-same-subject dd').textContent()).toMatch(/^card 1: Auguste Castellane/);
    await first.getByRole('button', { name: 'Reject: not this person' }).click();
    await expect.poll(() => first.locator('.decided').textContent()).toBe('Rejected as a different person.');
    expect(sent).toHaveLength(1);

    // the same person confirmed on the next card: asked, with the focus on the question, nothing sent
    await second.getByRole('button', { name: 'Confirm: same person' }).click();
    const question = second.getByRole('alertdialog');
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.textContent()).toMatch(/^Card 1, the same person, was rejected as a different person\. Confirm this one all the same\?/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alertdialog');
    expect(sent).toHaveLength(1);
    // Esc takes it back, the check still shown, the focus on the decision asked
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    expect(await page.locator('.hit-card').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Confirm: same person');
    expect(await second.locator('.decided').textContent()).toBe('');
    expect(sent).toHaveLength(1);
    // asked again and answered: then, and only then, it is sent
    await page.keyboard.press('Enter');
    await expect.poll(() => question.count()).toBe(1);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirm: same person');
    expect(sent).toHaveLength(1);
    await second.getByRole('button', { name: 'Confirm: same person' }).click();
    await question.getByRole('button', { name: 'Confirm all the same' }).click();
    // a subject without an alert: no owner was told, and the card says no such thing
    await expect.poll(() => second.locator('.decided').textContent()).toBe('Confirmed.');
    expect(sent).toEqual([{ decision: 'reject' }, { decision: 'confirm' }]);

    // a decision the check held when opened counts too: a colleague confirmed the first card
    await page.keyboard.press('Escape');
    await check(page, 'Auguste Castellane');
    const checkId = (await page.locator('.summary').textContent())?.match(/Check reference: (\S+)/)?.[1] ?? '';
    const colleague = await tests.api.tokenOf('zoneOfficer');
    const { hits } = await tests.api.json<{ hits: { ref: string; sameSubjectAs?: number }[] }>(`/checks/${checkId}`, { token: colleague });
    await tests.api.json(`/checks/${checkId}/hits/${hits.find((hit) => hit.sameSubjectAs === undefined)?.ref ?? ''}/decision`, { token: colleague, body: { decision: 'confirm' } });
    await page.reload();
    await expect.poll(() => page.locator('.hit-card .decided').first().textContent()).toBe('Already confirmed by another officer.');
    await page.locator('.hit-card').nth(1).getByRole('button', { name: 'Reject: not this person' }).click();
    expect(await page.locator('.hit-card').nth(1).getByRole('alertdialog').textContent()).toMatch(/^Card 1, the same person, was confirmed as the person checked\. Reject this one all the same\?/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Reject: not this person');
    expect(sent).toHaveLength(2);
  });

  it('says a field the server refuses by its label beside it, marks it and takes the focus to it, without the API\'s field name or code', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, 'Border check', 'BC/2025/3');
    const refusals: readonly { readonly label: string; readonly typed: string; readonly said: string }[] = [
      { label: 'Date of birth', typed: '1985-13-01', said: 'Date of birth: not a date of birth — write it as 1985-03-14, 14.03.1985, 1985-03 or a year' },
      { label: 'Name', typed: 'al', said: 'Name: no identifying name part (only particles, titles or initials)' },
      { label: 'Name', typed: 'EE8371846', said: 'Name: no letter-only name part: a document number is checked as a document, not as a name' },
      { label: 'Document number', typed: 'A1', said: 'Document number: a document number has 3 to 40 letters or digits' },
      { label: 'Vehicle plate', typed: 'X', said: 'Vehicle plate: a plate has 2 to 12 letters or digits' },
      { label: 'Nationality', typed: 'Atlantis', said: 'Nationality: not a country — write its code (be, BEL) or its name in English (Belgium)' },
    ];
    for (const { label, typed, said } of refusals) {
      await page.keyboard.press('Escape');
      // a name that identifies, where the field refused is another: what is refused is that field alone
      if (label !== 'Name') await page.getByLabel('Name', { exact: true }).fill('Jonas Verbeke');
      const field = page.getByLabel(label, { exact: true });
      await field.fill(typed);
      await page.getByLabel('Name', { exact: true }).press('Enter');
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      const described = await field.getAttribute('aria-describedby');
      expect(described).toBeTruthy();
      const message = page.locator(`[id="${described ?? ''}"]`);
      expect(await message.textContent()).toBe(said);
      expect(await message.getAttribute('role')).toBe('alert');
      // beside the field it names, in the same cell of the form
      expect(await field.locator('xpath=..').locator(`[id="${described ?? ''}"]`).count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(typed);
      expect(await page.locator('.screen').innerText()).not.toMatch(/birthDate|MOSAIC_|YYYY, YYYY-MM/);
      expect(await page.getByRole('alert').count()).toBe(1);
    }
    // corrected and checked again, the field is no longer marked nor described by a refusal
    await page.getByLabel('Nationality', { exact: true }).fill('be');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('p.summary').textContent()).not.toBe('');
    expect(await page.getByLabel('Nationality', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('moves the focus from one decision to the next, then to New check, and starts a new check on Esc wherever the focus is', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, 'Border check', 'BC/2025/1');
    const focused = () => page.evaluate(() => `${document.activeElement?.closest('.hit-card')?.querySelector('.hit-listed-born dd')?.textContent ?? ''} ${document.activeElement?.textContent ?? ''}`.trim());
    await page.getByLabel('Name', { exact: true }).fill('Jonas Verbeke');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
    const [first, second] = await page.locator('.hit-listed-born dd').allTextContents();
    // on the answer's summary, where Enter records nothing; Tab goes on to the first decision
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('summary'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(`${first} Confirm: same person`);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused()).toBe(`${second} Confirm: same person`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused()).toBe('New check (Esc)');
    expect(await page.locator('.decided').allTextContents()).toEqual([expect.stringMatching(/^Confirmed/), expect.stringMatching(/^Rejected/)]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-name');
    // the focus on nothing: Esc still starts a new check
    await check(page, 'Jonas Verbeke');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(0);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    // in the encounter report, Esc is Back: the check stays, the focus on its Confirm
    await check(page, 'Samira Haddad');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('summary'))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.check-report').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.check-report').count()).toBe(0);
    expect(await page.locator('.hit-card').count()).toBe(1);
    expect(await focused()).toBe('1988-07-19 Confirm: same person');
  });
});
