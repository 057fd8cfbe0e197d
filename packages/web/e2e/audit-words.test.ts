/**
 * The Audit screen says an entry's codes in words — its action, its outcome and its reason, an
 * undo told from an analyst's own "unsure" — and finds a judgement by the subjects it concerned;
 * a verification is logged with the purpose and case reference the auditor gave.
 */
import { testProvenance } from '@mosaic/service/testing';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const PURPOSE = 'Investigation';
const CASE = 'W-1';
const HEADERS = { 'x-mosaic-purpose': PURPOSE, 'x-mosaic-case': CASE };

/** The two subjects judged the same: the one the judgement joined into the other, and the one kept. */
const subjects = { absorbed: '', kept: '' };

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const fed = await api.tokenOf('fedAnalyst');
    const entityOf = async (record: string): Promise<string> =>
      (await api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers: HEADERS })).entity;
    for (const [id, born] of [['w1', '1979-03-14'], ['w2', '1981-06-02']] as const) {
      await api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties: { name: ['Ansgar Vellekoop'], birthDate: [born] } } });
    }
    await server.projections.follower.catchUp();
    const before = [await entityOf('fedpol:w1'), await entityOf('fedpol:w2')];
    // a "same", then the review's Undo of it, as the analyst's screen sends them
    const judge = (verdict: 'same' | 'unsure', undoes?: 'same') =>
      api.json('/judgements', { token: fed, body: { a: 'fedpol:w1', b: 'fedpol:w2', verdict, ...(undoes ? { undoes } : {}), purpose: PURPOSE, caseRef: CASE } });
    await judge('same');
    await server.projections.follower.catchUp();
    subjects.kept = await entityOf('fedpol:w1');
    subjects.absorbed = before.find((e) => e !== subjects.kept) ?? '';
    await judge('unsure', 'same');
    await server.projections.follower.catchUp();
  },
});

describe.skipIf(!tests.haveChromium)('the audit screen\'s words', () => {
  it('says a judgement and its undo in words, found by their subject, and logs a verification with the purpose and case given', async () => {
    const page = await tests.signedInPage('auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0003');
    const rows = page.locator('table.audit tbody tr');
    await page.getByLabel('Action').selectOption('combination');
    await page.getByLabel('Subject (entity)').fill(subjects.absorbed);
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    const judged = (await rows.first().textContent()) ?? '';
    expect(judged).toContain('Who is whom');
    expect(judged).toContain('done (judged the same)');
    expect(judged).not.toMatch(/combination|judgement:/);

    await page.getByLabel('Subject (entity)').fill(subjects.kept);
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('done (judgement “the same” undone)');
    // the action filter offers the actions in words, and filters by their codes
    expect(await page.getByLabel('Action').locator('option[value="combination"]').textContent()).toBe('Who is whom');

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact/);
    const [last] = (await tests.server.test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(-1).map((e) => JSON.parse(e.body) as { reason: string; purpose: string | null; caseRef: string | null });
    expect(last).toMatchObject({ reason: 'audit verify', purpose: 'Lawfulness check', caseRef: 'DPO/2026/0003' });
  });
});
