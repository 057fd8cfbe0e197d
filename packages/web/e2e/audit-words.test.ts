/**
 * The Audit screen says an entry's codes in words — its action, its outcome and its reason, an
 * undo told from an analyst's own "unsure" — and finds a judgement by the subjects it concerned;
 * a verification is logged with the purpose and case reference the auditor gave.
 */
import { AgencyId, EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const fed = { user: UserId('fedAnalyst'), agency: AgencyId('fedpol') };

const tests = setUpBrowserTests({
  projections: false,
  seed: async ({ server }) => {
    const { audit } = server.test.mosaic;
    // a "same" that joined e71 and e72 into e71, and its undo, as the service logs them
    await audit.append({ actor: fed, action: 'combination', purpose: 'Investigation', caseRef: 'W-1', subjects: [EntityId('e71'), EntityId('e72')], records: [RecordId('fedpol:w1'), RecordId('fedpol:w2')], outcome: 'ok', reason: 'judgement:same' });
    await audit.append({ actor: fed, action: 'combination', purpose: 'Investigation', caseRef: 'W-1', subjects: [EntityId('e71')], records: [RecordId('fedpol:w1'), RecordId('fedpol:w2')], outcome: 'ok', reason: 'judgement undone:same' });
  },
});

describe.skipIf(!tests.haveChromium)('the audit screen\'s words', () => {
  it('says a judgement and its undo in words, found by their subject, and logs a verification with the purpose and case given', async () => {
    const page = await tests.signedInPage('auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0003');
    const rows = page.locator('table.audit tbody tr');
    await page.getByLabel('Subject (entity)').fill('e72');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    const judged = (await rows.first().textContent()) ?? '';
    expect(judged).toContain('Who is whom');
    expect(judged).toContain('done (judged the same)');
    expect(judged).not.toMatch(/combination|judgement:/);

    await page.getByLabel('Subject (entity)').fill('e71');
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
