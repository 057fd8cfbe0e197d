/**
 * The review screen as an analyst works it with the keyboard (a merge undone only once confirmed,
 * the focus kept after each judgement), kept from the officers who may not judge; the purpose
 * dialog and its form; the graph's date window; and the shell and profile on a tablet and a phone
 * (nothing wider than the screen).
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, purposeShown, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Criminal investigation';
const CASE = 'PV/2026/0311';
const TABLET = { width: 768, height: 1024 } as const;
const PHONE = { width: 390, height: 844 } as const;

/** What has the focus: its tag, id, class and the start of its text. */
const focused = (page: Page): Promise<string> => page.evaluate(() => {
  const e = document.activeElement;
  return e ? `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${(e.textContent ?? '').slice(0, 60)}` : 'none';
});

/** Wider than the viewport means sideways scrolling. */
const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Whether the case reference in the top bar is cut by a box around it that hides what overflows it. */
const caseCut = (page: Page): Promise<boolean> => page.getByTestId('case-ref').evaluate((ref) => {
  const own = ref.getBoundingClientRect();
  for (let box = ref.parentElement; box; box = box.parentElement) {
    if (getComputedStyle(box).overflowX === 'visible') continue;
    const frame = box.getBoundingClientRect();
    if (own.left < frame.left - 0.5 || own.right > frame.right + 0.5) return true;
  }
  return false;
});


/** The header's links and buttons whose text takes more than one line. */
const wrappedInHeader = (page: Page): Promise<string[]> => page.locator('header.topbar').evaluate((header) =>
  [...header.querySelectorAll('a, button')].filter((control) => {
    const range = document.createRange();
    range.selectNodeContents(control);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
    // one line: every piece of its text starts within a line's height of the first
    const line = parseFloat(getComputedStyle(control).fontSize) * 1.2;
    return tops.length > 0 && Math.max(...tops) - Math.min(...tops) > line;
  }).map((control) => control.textContent ?? ''));

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    const fed = await api.tokenOf('fedAnalyst');
    const person = (id: string, properties: Record<string, string[]>) => api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    // the first two do not meet on their own; the third, holding what both hold, merges them
    await person('p-ferrand-1', { name: ['Basile Ferrand'], passportNumber: ['EK445566'] });
    await person('p-ferrand-2', { name: ['Basile Ferrand'], birthDate: ['1982-07-09'], nationality: ['fr'] });
    await server.projections.follower.catchUp();
    await person('p-ferrand-3', { name: ['Basile Ferrand'], passportNumber: ['EK445566'], birthDate: ['1982-07-09'], nationality: ['fr'] });
    // two uncertain pairs for a person to judge: the same name, a birth year against a full date
    await person('p-halvorsen-1', { name: ['Ingrid Halvorsen'], birthDate: ['1977'] });
    await person('p-halvorsen-2', { name: ['Ingrid Halvorsen'], birthDate: ['1977-10-21'] });
    await person('p-okafor-1', { name: ['Chidi Okafor'], birthDate: ['1990'] });
    await person('p-okafor-2', { name: ['Chidi Okafor'], birthDate: ['1990-01-14'] });
    await server.projections.follower.catchUp();
    return world;
  },
});

describe.skipIf(!tests.haveChromium)('review, purpose and layout', () => {
  it('undoes a merge only once confirmed, saying which in words, with the focus kept', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    const entityOf = async (record: string) => (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers })).entity;
    const merged = await entityOf('fedpol:p-ferrand-1');
    expect(await entityOf('fedpol:p-ferrand-2')).toBe(merged);
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Entity (id, record id or name)').fill('fedpol:p-ferrand-1');
    await page.getByRole('button', { name: 'Show merges' }).click();
    const merges = page.getByRole('table', { name: 'Merges' });
    await expect.poll(() => merges.locator('tbody tr').count()).toBe(1);
    let undos = 0;
    await page.route('**/api/v1/merges/*/undo', async (route) => { undos += 1; await route.continue(); });
    // the first press asks, and the focus is on keeping the merge: a second Enter undoes nothing
    await merges.getByRole('button', { name: /^Undo the merge of/ }).press('Enter');
    const confirm = page.getByRole('group', { name: 'Confirm the undo' });
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await confirm.textContent()).toMatch(/not the same/);
    expect(await focused(page)).toContain('Keep the merge');
    await page.keyboard.press('Enter');
    expect(await confirm.count()).toBe(0);
    expect(await focused(page)).toMatch(/^button.*Undo/);
    expect(undos).toBe(0);
    // asked again and put away with Escape: the focus back on the button, nothing undone
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await focused(page)).toMatch(/^button.*Undo/);
    expect(undos).toBe(0);
    // asked again and confirmed
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Undo the merge' }).click();
    const said = page.getByRole('status').filter({ hasText: 'undone' });
    await expect.poll(() => said.count(), { timeout: 15_000 }).toBe(1);
    expect(undos).toBe(1);
    const words = await said.textContent();
    expect(words).not.toMatch(/m:\d{4}/);
    expect(words).toMatch(/^The merge of e\d+ into e\d+ .*is undone/);
    // the focus is on what happened, not lost to the page
    expect(await focused(page)).not.toMatch(/^body/);
    expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toBe('undo-title');
    await screenshot(page, 'review-undo-confirmed');
    await tests.server.projections.follower.catchUp();
    expect(await entityOf('fedpol:p-ferrand-1')).not.toBe(await entityOf('fedpol:p-ferrand-2'));
  });

  it('keeps the reason an analyst gives with their judgement, as the profile\'s decisions then show it', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    for (const [id, birthDate] of [['p-nolet-1', '1986'], ['p-nolet-2', '1986-03-30']] as const) {
      await tests.api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Wendelien Nolet'], birthDate: [birthDate] } } });
    }
    await tests.server.projections.follower.catchUp();
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    const card = page.locator('.pair-card', { hasText: 'fedpol:p-nolet-1' });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByLabel('Reason (optional)').fill('Different parents on the two files');
    await card.getByRole('button', { name: 'Not same' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/judged: .*not the same/);
    const entity = (await tests.api.json<{ entity: string }>('/records/fedpol%3Ap-nolet-1/entity', { token: fed, headers })).entity;
    const { judgements } = await tests.api.json<{ judgements: { verdict: string; note?: string }[] }>(`/entities/${entity}/judgements`, { token: fed, headers });
    expect(judgements).toEqual([expect.objectContaining({ verdict: 'not_same', note: 'Different parents on the two files' })]);
  });

  it('names each verdict button with the pair it decides, for someone moving from button to button', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    for (const [id, name, birthDate] of [['p-ruis-1', 'Maarten Ruis', '1979'], ['p-ruis-2', 'RUIS, Maarten', '1979-05-06']] as const) {
      await tests.api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: [name], birthDate: [birthDate] } } });
    }
    await tests.server.projections.follower.catchUp();
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    const card = page.locator('.pair-card', { hasText: 'fedpol:p-ruis-1' });
    await expect.poll(() => card.count()).toBe(1);
    const pair = /Maarten Ruis and RUIS, Maarten|RUIS, Maarten and Maarten Ruis/;
    for (const verdict of ['Same', 'Not same', 'Unsure']) {
      const named = card.getByRole('button', { name: new RegExp(`^${verdict}: (${pair.source})$`) });
      expect(await named.count(), verdict).toBe(1);
      expect(await named.textContent()).toBe(verdict);
    }
  });

  it('says in words how the names agreed: the parts aligned and whether each is a rare name, not the matcher\'s numbers', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    for (const [id, birthDate] of [['p-quellmark-1', '1966'], ['p-quellmark-2', '1966-02-11']] as const) {
      await tests.api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Ottilie Quellmark'], birthDate: [birthDate] } } });
    }
    await tests.server.projections.follower.catchUp();
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    const card = page.locator('.pair-card', { hasText: 'fedpol:p-quellmark-1' });
    await expect.poll(() => card.count()).toBe(1);
    const name = card.locator('table.explain').getByRole('row', { name: /^name/ });
    expect(await name.locator('td').first().textContent()).toMatch(/^same name \(2 name parts aligned; (Ottilie|Quellmark): [a-z ,]+; (Ottilie|Quellmark): [a-z ,]+\)$/);
    // the API's numbers stay the API's: none of the matcher's wording reaches the reviewer
    expect(await card.locator('table.explain').textContent()).not.toMatch(/token\(s\)|frequency adjustment|similarity|bits \(/);
  });

  it('moves the focus to the next pair after a judgement, and to the heading after the last', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    // the purpose given, the form leaves the screen: the focus goes to the screen's heading, not lost to the page
    await expect.poll(() => focused(page)).toMatch(/^h1#review-title/);
    const cards = page.locator('.pair-card');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(2);
    const count = await cards.count();
    // a card by the records it pairs (its labels may still be filled in from the schema as it is read)
    const recordsIn = (text: string | null | undefined): string => (text ?? '').match(/\b[a-z][a-z0-9-]*:[a-z0-9][\w-]*/g)?.join(' ') ?? '';
    for (let judged = 1; judged <= count; judged += 1) {
      const next = judged < count ? recordsIn(await cards.nth(1).textContent()) : undefined;
      if (next !== undefined) expect(next.split(' ')).toHaveLength(2);
      await cards.first().getByRole('button', { name: 'Unsure' }).click();
      await expect.poll(() => page.locator('.summary').textContent()).toMatch(new RegExp(`^${judged} judged`));
      if (next === undefined) await expect.poll(() => focused(page)).toMatch(/^h1#review-title/);
      else await expect.poll(async () => recordsIn(await page.evaluate(() => document.activeElement?.closest('.pair-card')?.textContent))).toBe(next);
    }
  });

  it('keeps Review from the officers, who may not judge: not in their navigation, and the queue refused', async () => {
    const page = await tests.signedInPage('zoneOfficer');
    const items = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(items).toContain('Search');
    expect(items).not.toContain('Review');
    const token = await tests.api.tokenOf('zoneOfficer');
    const refused = await tests.api.request('/review', { token, headers: { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) } });
    expect(refused.status).toBe(403);
  });

  it('keeps the purpose dialog\'s focus in it, closes it on Escape and gives the focus back to Change', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, CASE);
    const change = page.getByRole('button', { name: 'Change' });
    await change.click();
    const dialog = page.getByRole('dialog', { name: 'Change purpose' });
    await expect.poll(() => dialog.count()).toBe(1);
    await screenshot(page, 'purpose-dialog');
    const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"], dialog')));
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      expect(await inDialog(), `after ${i + 1} Tab`).toBe(true);
    }
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect(await inDialog(), `after ${i + 1} Shift+Tab`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(page)).toMatch(/^button.*Change/);
    // Cancel gives the focus back too
    await change.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused(page)).toMatch(/^button.*Change/);
  });

  it('says why a purpose of spaces only is not taken, naming the field', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, '    ', CASE);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/^Purpose: /);
    expect(await page.getByLabel('Purpose', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByTestId('case-ref').textContent()).toBe(CASE);
    expect(await alert.count()).toBe(0);
  });

  it('checks the graph\'s dates in the form, naming its fields', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByText(/\d+ new entit/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const from = page.getByLabel('From', { exact: true }).first();
    const to = page.getByLabel('To', { exact: true }).first();
    // a year of six digits, as the date field takes it when typed (month, day, year here)
    await from.focus();
    for (const key of '0301202611') await page.keyboard.press(key);
    expect(await from.inputValue()).toBe('202611-03-01');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/^From: .*four digits/);
    expect(await alert.textContent()).not.toMatch(/since|invalid body/);
    await from.fill('2026-03-01');
    await to.fill('2025-01-01');
    await expect.poll(() => alert.textContent()).toMatch(/^From .* is later than To /);
    // the window is not applied while it is wrong: the brothers' tie, undated, and every other stay
    await page.getByRole('button', { name: /^Expand / }).first().click();
    await expect.poll(() => page.getByText(/new entit/).count()).toBeGreaterThan(0);
    expect(await alert.textContent()).toMatch(/^From .* is later than To /);
    await to.fill('2026-12-31');
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('scrolls nothing sideways at 800 and 1280 px: search results and a profile\'s values scroll in their own box, the case reference is never cut, the drawing is in the first screen', { timeout: 90_000 }, async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    // a name and a value with no place to break, as a transliterated name or a long identifier can be
    const long = 'Wolfeschlegelsteinhausenbergerdorff';
    await tests.api.json('/records', { token: fed, body: { id: 'p-wolfe', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: [`Hubertus ${long}`], alias: [`${long}${long}`], birthDate: ['1970-01-01'] } } });
    await tests.server.projections.follower.catchUp();
    const purpose = 'Counter-terrorism investigation into a network of forged travel documents and the people who use them';
    for (const viewport of [{ width: 800, height: 900 }, { width: 1280, height: 900 }]) {
      const page = await tests.signedInPage('fedAnalyst', { viewport });
      await page.goto('/#/search');
      await givePurpose(page, purpose, 'CT/2026/00417');
      await expect.poll(() => page.getByTestId('case-ref').textContent()).toBe('CT/2026/00417');
      expect(await caseCut(page), `case reference at ${viewport.width}`).toBe(false);
      // no link or button of the top bar breaks its words over two lines
      expect(await wrappedInHeader(page), `header at ${viewport.width}`).toEqual([]);
      // from 1280 px the top bar has room for the start of the purpose, not "P…"
      if (viewport.width >= 1280) expect(await purposeShown(page, purpose), `purpose at ${viewport.width}`).toBeGreaterThanOrEqual(20);
      await page.getByLabel('Name, alias or identifier').fill(`Hubertus ${long}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('table.results tbody tr').count()).toBeGreaterThan(0);
      await screenshot(page, `search-${viewport.width}`);
      expect(await overflow(page), `search at ${viewport.width}`).toBeLessThanOrEqual(1);
      // every column within reach: the last one's header is in the results' box, by scrolling it
      const updated = page.locator('table.results thead th', { hasText: 'Updated' });
      await updated.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => window.scrollX), `search at ${viewport.width}`).toBe(0);
      expect(await updated.evaluate((th) => th.getBoundingClientRect().right <= window.innerWidth)).toBe(true);

      await page.goto(`/#/profile/record/${encodeURIComponent('fedpol:p-wolfe')}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Hubertus ${long}`);
      await screenshot(page, `profile-${viewport.width}`);
      expect(await overflow(page), `profile at ${viewport.width}`).toBeLessThanOrEqual(1);
      const values = page.locator('section[aria-labelledby="values-title"]');
      const table = await values.locator('table').evaluate((t) => t.getBoundingClientRect().width);
      const panel = await values.evaluate((p) => ({ width: p.clientWidth, overflow: getComputedStyle(p).overflowX }));
      // the table is wider than its panel here: the panel scrolls it, rather than let it run under the names beside it
      expect(table).toBeGreaterThan(panel.width);
      expect(panel.overflow, `values at ${viewport.width}`).toMatch(/^(auto|scroll)$/);
      expect(await caseCut(page), `case reference at ${viewport.width}`).toBe(false);

      await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
      await expect.poll(() => page.getByText(/\d+ new entit/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await screenshot(page, `graph-${viewport.width}`);
      expect(await overflow(page), `graph at ${viewport.width}`).toBeLessThanOrEqual(1);
      // the drawing starts in the first screen, not below every control
      const drawing = await page.locator('.graph-canvas').evaluate((c) => ({ top: c.getBoundingClientRect().top, height: window.innerHeight }));
      expect(drawing.top, `graph at ${viewport.width}`).toBeLessThan(drawing.height / 2);
      await page.close();
    }
  });

  it('fits the shell and a profile on a tablet and a phone: the wide table scrolls in its panel', async () => {
    for (const viewport of [TABLET, PHONE]) {
      const page = await tests.signedInPage('fedAnalyst', { viewport });
      await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
      await givePurpose(page, PURPOSE, CASE);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
      await screenshot(page, `profile-${viewport.width}`);
      expect(await overflow(page), `profile at ${viewport.width}`).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => window.scrollX)).toBe(0);
      // every link of the navigation within the screen
      const rights = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().right));
      expect(Math.max(...rights), `navigation at ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
      const values = page.locator('section[aria-labelledby="values-title"]');
      const table = await values.locator('table').evaluate((t) => t.getBoundingClientRect().width);
      const panel = await values.evaluate((p) => ({ width: p.getBoundingClientRect().width, scrolls: p.scrollWidth > p.clientWidth }));
      // the table is as wide as it needs; where that is wider than the panel, the panel scrolls
      if (table > panel.width) expect(panel.scrolls).toBe(true);
    }
  });
});
