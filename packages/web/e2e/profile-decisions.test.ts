/**
 * An entity profile's decisions: who judged its records and how (in words, with the note), the
 * merges that built it with the analyst behind a judged one (their agency alone to a reader of
 * another), undone from the profile by an analyst once confirmed, and shown without an undo to an
 * officer; the "not same" that split an entity in the history of each part; a record taken out of
 * a subject made with no merge (its records resolved together), from the profile.
 */
import { testProvenance } from '@mosaic/service/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Tracing the Vermeulen and Nakashima files';
const CASE = 'PV/2026/0412';
const HEADERS = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };

const ids = { joined: '', split: [] as string[], whole: '' };

let entityOf: (record: string) => Promise<string>;

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    entityOf = async (record) => (await api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers: HEADERS })).entity;
    const post = (body: unknown) => api.json('/records', { token: fed, body });
    const judge = (a: string, b: string, verdict: 'same' | 'not_same', note: string) => api.json('/judgements', { token: fed, body: { a, b, verdict, note, purpose: PURPOSE, caseRef: CASE } });

    // two records resolution leaves apart (an alias), judged one woman
    await post({ id: 'p-vermeulen-1', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Annelies Vermeulen-Koch'], birthDate: ['1979-05-30'] } });
    await post({ id: 'p-vermeulen-2', schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Lies Koch'], nationality: ['de'] } });
    // two records resolution merges, judged two men
    const nakashima = { name: ['Kenji Nakashima-Dubois'], birthDate: ['1986-02-11'], passportNumber: ['JP7730018'] };
    await post({ id: 'p-nakashima-1', schema: 'Person', provenance: testProvenance('fedpol'), properties: nakashima });
    await post({ id: 'p-nakashima-2', schema: 'Person', provenance: testProvenance('fedpol'), properties: nakashima });
    await server.projections.follower.catchUp();
    await judge('fedpol:p-vermeulen-1', 'fedpol:p-vermeulen-2', 'same', 'the same address in Aachen');
    await judge('fedpol:p-nakashima-1', 'fedpol:p-nakashima-2', 'not_same', 'twins, per the civil register');
    await server.projections.follower.catchUp();
    ids.joined = await entityOf('fedpol:p-vermeulen-1');
    expect(await entityOf('fedpol:p-vermeulen-2')).toBe(ids.joined);
    ids.split = [await entityOf('fedpol:p-nakashima-1'), await entityOf('fedpol:p-nakashima-2')];

    // three records resolution puts together at once, as a store's first full pass does: no merge to undo
    const okafor = { name: ['Chidinma Okafor-Lindqvist'], birthDate: ['1990-12-05'], passportNumber: ['SE4410982'] };
    for (const id of ['p-okafor-1', 'p-okafor-2', 'p-okafor-3']) await post({ id, schema: 'Person', provenance: testProvenance('fedpol'), properties: okafor });
    await server.projections.follower.catchUp();
    await server.projections.entities.rebuild();
    ids.whole = await entityOf('fedpol:p-okafor-1');
    for (const record of ['fedpol:p-okafor-2', 'fedpol:p-okafor-3']) expect(await entityOf(record)).toBe(ids.whole);
    expect(await api.json(`/entities/${ids.whole}/merges`, { token: fed, headers: HEADERS })).toEqual({ merges: [] });
  },
});

async function openEntity(name: 'fedAnalyst' | 'zoneOfficer', id: string): Promise<Page> {
  const page = await tests.signedInPage(name);
  await page.goto(`/#/profile/entity/${encodeURIComponent(id)}`);
  await givePurpose(page, PURPOSE, CASE);
  return page;
}

/** A table's rows as their cells' text, each row's cells joined by " | ". */
const rowsOf = (page: Page, table: string): Promise<string[]> =>
  page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()).join(' | ')));

describe.skipIf(!tests.haveChromium)('an entity profile\'s decisions', () => {
  it('tells an officer of another agency which agency judged its records and merged them, not the analyst, with no undo', async () => {
    const page = await openEntity('zoneOfficer', ids.joined);
    await expect.poll(() => rowsOf(page, 'Judgements'), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \| fedpol:p-vermeulen-1 and fedpol:p-vermeulen-2 \| the same \| Federal Police \| the same address in Aachen$/),
    ]);
    await expect.poll(() => rowsOf(page, 'Merges')).toEqual([expect.stringMatching(/ \| judgement \| Federal Police \| /)]);
    expect(await page.getByRole('button', { name: /^Undo the merge of/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Not this person/ }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Decisions' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-decisions-00-officer');
  });

  it('shows the "not same" that split an entity on each part', async () => {
    expect(ids.split[0]).not.toBe(ids.split[1]);
    for (const part of ids.split) {
      const page = await openEntity('fedAnalyst', part);
      await expect.poll(() => rowsOf(page, 'Judgements'), { timeout: 15_000 }).toEqual([expect.stringContaining('fedpol:p-nakashima-1 and fedpol:p-nakashima-2 | not the same | fedpol.fedAnalyst (Federal Police) | twins, per the civil register')]);
      await page.close();
    }
  });

  it('lets an analyst undo a merge once confirmed, saying so, the undo then among the judgements', async () => {
    const page = await openEntity('fedAnalyst', ids.joined);
    const merges = page.getByRole('table', { name: 'Merges' });
    await merges.getByRole('button', { name: /^Undo the merge of/ }).click({ timeout: 15_000 });
    await page.getByRole('group', { name: 'Confirm the undo' }).getByRole('button', { name: 'Undo the merge' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is undone' }).textContent(), { timeout: 15_000 }).toMatch(/^The merge of e\d+ into e\d+ .*is undone: the two stay apart from now on\.$/);
    await expect.poll(() => rowsOf(page, 'Judgements')).toEqual([
      expect.stringContaining('| not the same | fedpol.fedAnalyst (Federal Police) |'),
      expect.stringContaining('| the same | fedpol.fedAnalyst (Federal Police) | the same address in Aachen'),
    ]);
    await expect.poll(() => rowsOf(page, 'Merges')).toEqual([expect.stringContaining('(undone) | judgement | fedpol.fedAnalyst (Federal Police) |')]);
    await page.getByRole('heading', { name: 'Decisions' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-decisions-01-undone');
    await tests.server.projections.follower.catchUp();
    expect(await entityOf('fedpol:p-vermeulen-1')).not.toBe(await entityOf('fedpol:p-vermeulen-2'));
  });

  it('sends an analyst looking for a merge to undo in a subject made with none to its profile, where a record is taken out', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Entity (id, record id or name)').fill('fedpol:p-okafor-1');
    await page.getByRole('button', { name: 'Show merges' }).click();
    await expect.poll(() => rowsOf(page, 'Merges'), { timeout: 15_000 }).toEqual(['No merges: its records were joined as they were resolved, not by merging two entities. A record wrongly joined is taken out on the subject\'s profile, under Decisions ("Not this person").']);
    await page.getByRole('table', { name: 'Merges' }).getByRole('link', { name: 'the subject\'s profile' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 15_000 }).toBe(`#/profile/entity/${ids.whole}`);
    await page.close();
  });

  it('lets an analyst take a record out of a subject its records were resolved into together, once confirmed, and shows where it went', async () => {
    const page = await openEntity('fedAnalyst', ids.whole);
    await expect.poll(() => rowsOf(page, 'Merges'), { timeout: 15_000 }).toEqual([expect.stringMatching(/^No merges: its records were joined as they were resolved\./)]);
    // each record's agency by its name, as the rest of the profile gives it, not by its code
    await expect.poll(async () => (await rowsOf(page, 'Take a record out')).map((row) => row.split(' | ').slice(0, 3).join(' | '))).toEqual(
      ['fedpol:p-okafor-1', 'fedpol:p-okafor-2', 'fedpol:p-okafor-3'].map((id) => expect.stringMatching(new RegExp(`^${id} \\| .+ \\| Federal Police$`))),
    );
    await page.getByRole('button', { name: 'Not this person: take fedpol:p-okafor-3 out of this subject' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm taking the record out' });
    await expect.poll(() => confirm.textContent()).toContain('Take fedpol:p-okafor-3 out of this subject? It will be judged not the same as the 2 other records shown here, for good');
    await confirm.getByLabel('Why (optional, kept with the judgement)').fill('another woman: born in Malmö, per the civil register');
    await page.getByRole('heading', { name: 'Take a record out' }).evaluate((heading) => heading.scrollIntoView());
    await screenshot(page, 'profile-decisions-02-take-out-asked');
    await confirm.getByRole('button', { name: 'Take it out' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'is taken out' });
    // each subject by the name the analyst reads, its id only where the link leads
    const okafor = 'Chidinma Okafor-Lindqvist';
    await expect.poll(() => notice.textContent(), { timeout: 15_000 })
      .toBe(`A record of ${okafor} is taken out of ${okafor}, judged not the same as 2 records for good. It is now a subject of its own: ${okafor}. The other records are ${okafor}, shown here.`);
    const out = await entityOf('fedpol:p-okafor-3');
    const rest = await entityOf('fedpol:p-okafor-1');
    expect(await notice.getByRole('link', { name: okafor }).getAttribute('href')).toBe(`#/profile/entity/${out}`);
    expect(rest).not.toBe(out);
    expect(rest).not.toBe(ids.whole);
    // the profile shown is the other records' subject now, the record's own one link away
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/profile/entity/${rest}`);
    await expect.poll(() => page.getByText(/^2 records from 1 agency$/).count()).toBe(1);
    // made at one instant: in the order of the records
    await expect.poll(async () => (await rowsOf(page, 'Judgements')).sort()).toEqual([
      expect.stringContaining('fedpol:p-okafor-3 and fedpol:p-okafor-1 | not the same | fedpol.fedAnalyst (Federal Police) | another woman: born in Malmö, per the civil register'),
      expect.stringContaining('fedpol:p-okafor-3 and fedpol:p-okafor-2 | not the same | fedpol.fedAnalyst (Federal Police) | another woman: born in Malmö, per the civil register'),
    ]);
    await page.getByRole('heading', { name: 'Decisions' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-decisions-03-taken-out');
    await notice.getByRole('link', { name: okafor }).click();
    await expect.poll(() => page.getByText(/^1 record from 1 agency$/).count(), { timeout: 15_000 }).toBe(1);
    // a later full pass keeps it apart
    await tests.server.projections.entities.rebuild();
    expect(await entityOf('fedpol:p-okafor-3')).toBe(out);
    expect(await entityOf('fedpol:p-okafor-2')).toBe(rest);
  });
});
