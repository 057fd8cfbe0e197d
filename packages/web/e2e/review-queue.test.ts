/**
 * The review queue as a reviewer works through it: how many pairs are left, in what order they
 * come and why, and a judgement just made taken back.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Criminal investigation';
const CASE = 'PV/2026/0412';
const HEADERS = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };

// invented people, each recorded twice: the same name, a birth year against a full date (an uncertain pair)
const PEOPLE = [
  ['Ingrid Halvorsen', '1977', '1977-10-21'], ['Chidi Okafor', '1990', '1990-01-14'], ['Wendelien Nolet', '1986', '1986-03-30'],
  ['Ottilie Quellmark', '1966', '1966-02-11'], ['Maarten Ruis', '1979', '1979-05-06'], ['Soraya Benlahcen', '1983', '1983-07-19'],
  ['Teodor Vasilescu', '1971', '1971-12-02'], ['Gunnhild Aasmundsen', '1988', '1988-04-27'], ['Pieter-Jan Cornelis', '1993', '1993-08-08'],
  ['Ilse Vandewalle', '1969', '1969-11-30'], ['Radoslaw Kempa', '1975', '1975-03-14'], ['Oona Tervahartiala', '1981', '1981-06-05'],
  ['Femke Wijnaendts', '1968', '1968-02-22'], ['Aurelio Castagnoli', '1985', '1985-09-17'], ['Brynja Haraldsdottir', '1992', '1992-12-24'],
  ['Kasimir Oberleitner', '1972', '1972-05-31'], ['Leocadie Vanderstraeten', '1980', '1980-10-03'], ['Mirjam Schoutteten', '1976', '1976-01-28'],
  ['Nikodem Wasilewski', '1989', '1989-07-07'], ['Philippa Rydberg', '1967', '1967-04-15'], ['Quirin Hasenauer', '1994', '1994-11-09'],
  ['Rosalind Achterberg', '1978', '1978-08-21'],
] as const;

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    const person = (id: string, properties: Record<string, string[]>) => api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    for (const [k, [name, year, date]] of PEOPLE.entries()) {
      await person(`p-q${k}-1`, { name: [name], birthDate: [year] });
      await person(`p-q${k}-2`, { name: [name], birthDate: [date] });
    }
    // one person recorded three times, joined by the matcher, and a fourth record of the name alone:
    // the answer on that pair moves four records
    for (const k of [1, 2, 3]) await person(`p-ferrand-${k}`, { name: ['Basile Ferrand'], passportNumber: ['EK445566'], birthDate: ['1982-07-09'], nationality: ['fr'] });
    await person('p-ferrand-4', { name: ['Basile Ferrand'], birthDate: ['1982'] });
    await server.projections.follower.catchUp();
    return undefined;
  },
});

/** The records a card pairs, by their ids (the seed's: `p-<name>-<digit>`, read where the text runs on into what follows). */
const recordsIn = (text: string | null | undefined): string => (text ?? '').match(/\bfedpol:p-[a-z]+\d*-\d/g)?.join(' ') ?? '';

/** Where the focus is: the records of the card holding it. */
const focusedCard = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.closest('.pair-card')?.textContent ?? '').then(recordsIn);

const leftLine = (page: Page): Promise<string> => page.getByTestId('review-left').textContent().then((t) => t ?? '');

async function openReview(page: Page): Promise<void> {
  await page.goto('/#/review');
  await givePurpose(page, PURPOSE, CASE);
  await expect.poll(() => page.locator('.pair-card').count()).toBeGreaterThan(0);
}

describe.skipIf(!tests.haveChromium)('the review queue', () => {
  it('says how many pairs are left to judge, beyond those on the screen, and counts down as they are judged', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const { left, more } = await tests.api.json<{ left: number; more: boolean }>('/review?limit=1', { token: fed, headers: HEADERS });
    expect(more).toBe(false);
    expect(left).toBeGreaterThanOrEqual(PEOPLE.length);
    const page = await tests.signedInPage('fedAnalyst');
    await openReview(page);
    expect(await page.locator('.pair-card').count()).toBeLessThan(left);
    await expect.poll(() => leftLine(page)).toMatch(new RegExp(`^${left} pairs left to judge\\b`));
    await page.locator('.pair-card').first().getByRole('button', { name: 'Unsure' }).click();
    await expect.poll(() => leftLine(page)).toMatch(new RegExp(`^${left - 1} pairs left to judge\\b`));
  });

  it('says in what order the pairs come, and each card what puts it there: the order is that one', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await openReview(page);
    expect(await leftLine(page)).toMatch(/Most informative first: the nearer a pair is to even odds \(probability 0\.5\), and the more records its answer moves, the higher it stands\./);
    const scores = await page.locator('.pair-card .pair-score').allTextContents();
    const ranked = scores.map((text) => {
      const [, probability, moved] = /probability of being the same (0\.\d{4}) · the answer moves (\d+) records/.exec(text) ?? [];
      expect(probability, text).toBeDefined();
      const p = Number(probability);
      return (1 - Math.abs(2 * p - 1)) * Math.log2(1 + Number(moved));
    });
    expect(ranked.length).toBeGreaterThan(1);
    // the probabilities shown are rounded to four places: the order holds to that
    for (let k = 1; k < ranked.length; k += 1) expect(ranked[k]! - ranked[k - 1]!, scores[k]).toBeLessThanOrEqual(0.001);
  });

  it('offers the next pairs once those read are all judged, while more wait', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await openReview(page);
    const cards = page.locator('.pair-card');
    // the screen reads twenty pairs and shows ten at a time: judged one by one, they run out before the queue does
    for (let judged = 0; await cards.count() > 0; judged += 1) {
      expect(judged).toBeLessThan(40);
      const left = Number(/^(\d+)/.exec(await leftLine(page))?.[1]);
      await cards.first().getByRole('button', { name: 'Unsure' }).click();
      await expect.poll(() => leftLine(page)).toMatch(new RegExp(`^${left - 1} pairs? left`));
    }
    const waiting = Number(/^(\d+)/.exec(await leftLine(page))?.[1]);
    expect(waiting).toBeGreaterThan(0);
    expect(await page.getByText('No uncertain pair waiting.').count()).toBe(0);
    await page.getByRole('button', { name: 'Read the next pairs' }).click();
    await expect.poll(() => cards.count()).toBe(Math.min(waiting, 10));
    expect(await leftLine(page)).toMatch(new RegExp(`^${waiting} pairs? left`));
  });

  it('undoes a judgement just made: said in a live region, the pair back in the list with the focus on it, the count again as it was', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const page = await tests.signedInPage('fedAnalyst');
    await openReview(page);
    const pair = recordsIn(await page.locator('.pair-card').first().textContent());
    const [first = '', second = ''] = pair.split(' ');
    expect(second).not.toBe('');
    const card = page.locator('.pair-card', { hasText: first }).filter({ hasText: second });
    expect(await card.count()).toBe(1);
    const both = ((await card.getByRole('button', { name: /^Not same: / }).getAttribute('aria-label')) ?? '').replace(/^Not same: /, '');
    const entityOf = async (record: string): Promise<string> => (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers: HEADERS })).entity;
    // the matcher holds the two as one subject (the "not same" then parts them, which an "unsure" does not undo at once), or as two
    const one = await entityOf(first) === await entityOf(second);
    const before = await leftLine(page);
    const count = Number(/^(\d+)/.exec(before)?.[1]);
    await card.getByRole('button', { name: 'Not same' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/judged: .*not the same/);
    expect(await card.count()).toBe(0);
    await expect.poll(() => leftLine(page)).toMatch(new RegExp(`^${count - 1} pairs? left`));
    await screenshot(page, 'review-judged-with-undo');
    const undo = page.getByRole('button', { name: `Undo: ${both} judged not the same`, exact: true });
    expect(await undo.count()).toBe(1);
    await undo.click();
    const status = page.locator('.undone[role="status"]');
    const parted = one ? ' The two stay apart, as the “not same” left them, until the records are resolved again in full: judge the pair “Same” to join them now.' : '';
    await expect.poll(() => status.textContent()).toBe(`The judgement “not the same” on ${both} is undone: recorded as unsure, the pair is left to the matcher, and back in the list to judge again.${parted}`);
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => focusedCard(page)).toBe(pair);
    await screenshot(page, 'review-judgement-undone');
    expect(await leftLine(page)).toBe(before);
    expect(await page.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
    // the judgement in force on the pair is the "unsure" that undid it
    const entity = await entityOf(first);
    const { judgements } = await tests.api.json<{ judgements: { a: string; b: string; verdict: string }[] }>(`/entities/${entity}/judgements`, { token: fed, headers: HEADERS });
    expect(judgements.filter((j) => [j.a, j.b].sort().join(' ') === [first, second].sort().join(' ')).map((j) => j.verdict)).toEqual(['unsure', 'not_same']);
    // the log tells the undo from an analyst's own "unsure", and names the subjects it concerned
    const logged = (await tests.server.test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { records: string[]; reason: string | null; subjects: string[] })
      .filter((e) => e.records.length === 2 && [...e.records].sort().join(' ') === [first, second].sort().join(' '));
    expect(logged.map((e) => e.reason)).toEqual(['judgement:not_same', 'judgement undone:not_same']);
    expect(logged.every((e) => e.subjects.includes(entity))).toBe(true);
    // and it can be judged again at once
    await card.getByRole('button', { name: `Same: ${both}`, exact: true }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/judged: .*the same/);
    expect(await status.textContent()).toBe('');
  });
});
