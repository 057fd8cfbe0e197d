/**
 * What the checkpoint officer meets first after a check, in a real browser against a real Mosaic
 * server (embedded store), on a small screen, from the keyboard: the alert to act on before
 * another agency's pointer, counted apart; the focus on the answer's summary, where Enter records
 * nothing; a pointer's call reached through what the desk said; and a card's action heading in
 * view with the button focused. Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const person = async (token: string, agency: string, id: string, properties: Record<string, string[]>) =>
      (await api.json<{ record: { id: string } }>('/records', { token, body: { id, schema: 'Person', provenance: testProvenance(agency), properties } })).record.id;
    const [fed, intel] = [await api.tokenOf('fedAnalyst'), await api.tokenOf('intelAnalyst')];
    // born seven years from the date checked: a possible match, on whom the federal police ask a discreet check
    const listed = await person(fed, 'fedpol', 'p-ostrowka', { name: ['Wendelin Ostrowka'], birthDate: ['1925-09-20'] });
    await api.json('/alerts', { token: fed, body: { subject: listed, category: 'discreet_check' }, headers: { 'x-mosaic-purpose': 'Surveillance', 'x-mosaic-case': 'DC/2025/11' } });
    // born that day: a hit, which the zone is shown as a pointer to the intelligence service
    await person(intel, 'intel', 'i-ostrowka', { name: ['Wendelin Ostrowka'], birthDate: ['1918-09-20'] });
    // two men of one name, each with an alert on him: two tall cards, the second below the first screen
    for (const [id, born, category] of [['p-graventhal-1', '1971-02-03', 'arrest'], ['p-graventhal-2', '1983-11-30', 'discreet_check']] as const) {
      const subject = await person(fed, 'fedpol', id, { name: ['Ludger Graventhal'], birthDate: [born], nationality: ['be'] });
      await api.json('/alerts', { token: fed, body: { subject, category, instructions: 'Armed in the past: keep him in the car until back-up comes. Ask for his papers through the window, keep his hands in sight, and do not open the boot yourself.' }, headers: { 'x-mosaic-purpose': 'Surveillance', 'x-mosaic-case': 'DC/2025/12' } });
    }
    await server.projections.follower.catchUp();
  },
});

/** The card the keyboard is on, by its action heading, and the control focused. */
const focused = (page: Page) => page.evaluate(() => {
  const at = document.activeElement;
  return [at?.closest('.hit-card')?.querySelector('.hit-action')?.textContent, at?.tagName === 'BUTTON' ? at.textContent : at?.id].filter(Boolean).join(' ');
});

/** Whether the focused control's card shows its action heading whole, below the top bar, with the control. */
const headingInView = (page: Page) => page.evaluate(() => {
  const card = document.activeElement?.closest('.hit-card');
  const heading = card?.querySelector('.hit-action')?.getBoundingClientRect();
  const control = document.activeElement?.getBoundingClientRect();
  // the top bar stays at the top of the screen on some layouts: what it covers is not in view
  const bar = Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0);
  return heading !== undefined && control !== undefined && heading.top >= bar && control.bottom <= window.innerHeight;
});

async function checkOstrowka(page: Page, caseRef: string): Promise<string> {
  await givePurpose(page, 'Border check', caseRef);
  await page.getByLabel('Name', { exact: true }).fill('Wendelin Ostrowka');
  await page.getByLabel('Date of birth').fill('20.09.1918');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
  return (await page.locator('.summary').textContent())?.match(/Check reference: (\S+)/)?.[1] ?? '';
}

describe.skipIf(!tests.haveChromium)('the checkpoint\'s first screen', () => {
  it('shows the alert before the pointer, counts them apart, and puts the focus on the summary, where Enter records nothing', async () => {
    const page = await tests.newPage({ viewport: { width: 800, height: 600 } });
    const sent: unknown[] = [];
    page.on('request', (request) => { if (request.url().endsWith('/decision')) sent.push(request.postDataJSON()); });
    await signInPage(page, 'zoneCheckpoint');
    const checkId = await checkOstrowka(page, 'BC/2025/21');
    expect(await page.locator('.hit-action').allTextContents()).toEqual(['REPORT COVERTLY', 'CONTACT OWNER']);
    expect(await page.locator('p.summary').textContent()).toBe(`1 alert · 1 other agency holds information · Check reference: ${checkId}`);
    // the focus on the answer's summary, read out; not on a button that records something
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('summary'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('REPORT COVERTLY Confirm: same person');
    expect(sent).toEqual([]);
    const { hits } = await tests.api.json<{ hits: { kind: string; decision?: unknown }[] }>(`/checks/${checkId}`, { token: await tests.api.tokenOf('zoneOfficer') });
    expect(hits.map((hit) => [hit.kind, hit.decision])).toEqual([['match', undefined], ['pointer', undefined]]);
  });

  it('takes the keyboard to what the desk said before its call is recorded, and records the call with it', async () => {
    const page = await tests.newPage({ viewport: { width: 800, height: 600 } });
    const sent: unknown[] = [];
    page.on('request', (request) => { if (request.url().endsWith('/decision')) sent.push(request.postDataJSON()); });
    await signInPage(page, 'zoneCheckpoint');
    const checkId = await checkOstrowka(page, 'BC/2025/22');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('REPORT COVERTLY Reject: not this person');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').first().locator('.decided').textContent()).toMatch(/^Rejected/);
    // on to the pointer: what the desk said, not the button that records the call
    await expect.poll(() => focused(page)).toBe('CONTACT OWNER hit-1-notes');
    expect(await headingInView(page)).toBe(true);
    await page.keyboard.type('hold him, a colleague is on the way');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('CONTACT OWNER Desk called: record the call');
    expect(sent).toEqual([{ decision: 'reject' }]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').nth(1).locator('.decided').textContent()).toMatch(/^Call to the desk recorded/);
    const { hits } = await tests.api.json<{ hits: { kind: string; decision?: { decision: string; notes?: string } }[] }>(`/checks/${checkId}`, { token: await tests.api.tokenOf('zoneOfficer') });
    expect(hits[1]?.decision).toMatchObject({ decision: 'called', notes: 'hold him, a colleague is on the way' });
  });

  it('keeps the card\'s action heading in view with the decision focused, on an 800 by 600 screen', async () => {
    const page = await tests.newPage({ viewport: { width: 800, height: 600 } });
    await signInPage(page, 'zoneCheckpoint');
    await checkOstrowka(page, 'BC/2025/23');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('REPORT COVERTLY Confirm: same person');
    await expect.poll(() => headingInView(page)).toBe(true);
    // the report's form and back: the focus on Confirm again, its heading in view
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.check-report').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('REPORT COVERTLY Confirm: same person');
    await expect.poll(() => headingInView(page)).toBe(true);
  });

  it('keeps a tall card\'s action heading in view, below the top bar, with the button Tab or a decision focused, on an 800 by 600 screen', async () => {
    const page = await tests.newPage({ viewport: { width: 800, height: 600 } });
    await signInPage(page, 'zoneCheckpoint');
    await givePurpose(page, 'Border check', 'BC/2025/24');
    await page.getByLabel('Name', { exact: true }).fill('Ludger Graventhal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('ARREST Confirm: same person');
    await expect.poll(() => headingInView(page)).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('ARREST Reject: not this person');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('REPORT COVERTLY Confirm: same person');
    await expect.poll(() => headingInView(page)).toBe(true);
  });

  it('takes a mouse click on a tall card\'s Confirm with its action heading above the screen, on an 800 by 600 screen', async () => {
    const page = await tests.newPage({ viewport: { width: 800, height: 600 } });
    await signInPage(page, 'zoneCheckpoint');
    await givePurpose(page, 'Border check', 'BC/2025/25');
    await page.getByLabel('Name', { exact: true }).fill('Ludger Graventhal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBe(2);
    const card = page.locator('.hit-card.hit-arrest');
    const confirm = card.getByRole('button', { name: 'Confirm: same person' });
    // the page scrolled by the wheel until the card's Confirm is at the top of the screen, its heading above it
    await confirm.evaluate((button) => button.scrollIntoView({ block: 'start' }));
    const box = await confirm.boundingBox();
    const headingTop = await card.locator('.hit-action').evaluate((heading) => heading.getBoundingClientRect().top);
    expect(headingTop).toBeLessThan(0);
    expect(box).not.toBeNull();
    if (!box) return;
    expect(box.y + box.height).toBeLessThanOrEqual(600);
    // pressed, then released once the page has drawn a frame or two, as a hand does
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.mouse.up();
    await expect.poll(() => card.getAttribute('class')).toContain('hit-confirmed');
  });
});
